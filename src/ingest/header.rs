//! The metadata lines that open an article (`date 2024-10`, `Datum: 17.10.2024`,
//! `title: ...`, `lang: de`) and the headline of a plain-text file.
//!
//! [`read`] looks at the first lines of the text a reader produced. A line
//! whose start is metadata becomes a `Metadata` sentence and sets the
//! document's date, headline or language; when article text follows the
//! metadata on the same line (` date 2024-10 Zwischen OpenAI ...`), only the
//! prefix is metadata. The keys are listed in `data/ingest/header_keys.tsv`,
//! the section labels that are never a headline in `section_labels.txt`.

use super::blocks::Block;
use super::data;
use super::sentences::ends_sentence;
use crate::model::PartialDate;
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

const HEADER_KEYS: &str = include_str!("../../data/ingest/header_keys.tsv");
const SECTION_LABELS: &str = include_str!("../../data/ingest/section_labels.txt");

/// Metadata may open an article in its first lines only; deeper down a line
/// such as "Stand: ..." is article text.
const MAX_HEADER_LINES: usize = 8;

/// A headline is a line, not a paragraph.
const MAX_HEADLINE_CHARS: usize = 200;

/// What a metadata key sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Date,
    Title,
    Lang,
    /// Keys that are metadata but set nothing newsgraph records (author, source, tags).
    Other,
}

/// The metadata found at the top of a text.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Header {
    pub date: Option<PartialDate>,
    pub title: Option<String>,
    pub lang: Option<String>,
    /// `(block index, end)`: the block's text up to byte `end` is metadata.
    pub prefixes: Vec<(usize, usize)>,
}

struct Keys {
    fields: FxHashMap<String, Field>,
    /// A key at the start of a line, and whether a colon follows it.
    line_start: Regex,
}

static KEYS: LazyLock<Keys> = LazyLock::new(|| {
    let mut fields = FxHashMap::default();
    for row in data::rows(HEADER_KEYS) {
        let field = match row.get(1).copied() {
            Some("date") => Field::Date,
            Some("title") => Field::Title,
            Some("lang") => Field::Lang,
            _ => Field::Other,
        };
        fields.insert(row[0].to_lowercase(), field);
    }
    // Longest keys first, so that "published on" wins over "published".
    let mut keys: Vec<&String> = fields.keys().collect();
    keys.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let alternatives: Vec<String> = keys.iter().map(|k| regex::escape(k)).collect();
    let line_start = Regex::new(&format!(
        r"(?i)^({})(?:\s*(:)\s*|\s+)",
        alternatives.join("|")
    ))
    .expect("header key pattern");
    Keys { fields, line_start }
});

static SECTION_LABEL_SET: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    data::entries(SECTION_LABELS)
        .map(str::to_lowercase)
        .collect()
});

/// A date at the start of a value: ISO (with an optional time), `dd.mm.yyyy`, or
/// a bare year, followed by an optional time of day.
static DATE_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        ( \d{4}-\d{2}(?:-\d{2}(?:[T\x20]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?
        | \d{1,2}\.\d{1,2}\.\d{4}
        | \d{4}
        )\b
        (?:,?\s+(?:um\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:Uhr|[AaPp]\.?[Mm]\.?))?)?",
    )
    .expect("date token pattern")
});

static DOTTED_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$").expect("dotted date pattern"));

/// Reads a date as an article header writes it: `2024-10`, `2024-10-17`,
/// `2024-10-17T09:30:00Z`, `17.10.2024`, `7.3.2024`.
pub fn parse_header_date(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    if let Some(date) = PartialDate::parse_iso(s) {
        return Some(date);
    }
    if let Some(c) = DOTTED_DATE.captures(s) {
        return PartialDate::day(c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?);
    }
    // "October 18, 2024", "18. Oktober 2024", "Oct. 2023".
    crate::normalize::parse_date(s)
}

/// The field a metadata key sets (`Datum` → date), case-insensitively.
pub(crate) fn field_of(key: &str) -> Option<Field> {
    KEYS.fields.get(&key.trim().to_lowercase()).copied()
}

/// Whether a line reads as a title: no closing sentence punctuation, short,
/// and not one of the generic section labels.
pub(crate) fn reads_as_title(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && !ends_sentence(line)
        && line.chars().count() <= MAX_HEADLINE_CHARS
        && !is_section_label(line)
}

/// Whether a line is a generic section label such as `Summary` or `Key Takeaways:`.
pub(crate) fn is_section_label(line: &str) -> bool {
    let label = line.trim().trim_end_matches(':').trim_end();
    SECTION_LABEL_SET.contains(&label.to_lowercase())
}

/// Finds the metadata among the first blocks of `text`. One title line may
/// stand above the metadata lines; the header ends at the first other line.
pub(crate) fn read(text: &str, blocks: &[Block]) -> Header {
    let mut header = Header::default();
    for (index, block) in blocks.iter().enumerate().take(MAX_HEADER_LINES) {
        let line = &text[block.start..block.end];
        let Some(found) = metadata_prefix(line) else {
            if index == 0 && reads_as_title(line) {
                continue;
            }
            break;
        };
        match found.field {
            Field::Date if header.date.is_none() => header.date = found.date,
            Field::Title if header.title.is_none() && !found.value.is_empty() => {
                header.title = Some(found.value.to_string());
            }
            Field::Lang if header.lang.is_none() => header.lang = language_tag(found.value),
            _ => {}
        }
        header.prefixes.push((index, block.start + found.len));
        if found.len < line.len() {
            break;
        }
    }
    header
}

/// The primary subtag of a language tag, lowercase: `de-AT` → `de`.
pub(crate) fn language_tag(value: &str) -> Option<String> {
    let primary = value.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (2..=3).contains(&primary.len()).then_some(primary)
}

/// A metadata prefix of a line.
#[derive(Debug, PartialEq)]
struct Found<'a> {
    field: Field,
    value: &'a str,
    date: Option<PartialDate>,
    /// Bytes of the line that are metadata.
    len: usize,
}

fn metadata_prefix(line: &str) -> Option<Found<'_>> {
    if let Some(date) = parse_header_date(line) {
        return Some(Found {
            field: Field::Date,
            value: line,
            date: Some(date),
            len: line.len(),
        });
    }
    let caps = KEYS.line_start.captures(line)?;
    let field = field_of(&caps[1])?;
    let colon = caps.get(2).is_some();
    let rest_start = caps.get(0)?.end();
    let rest = &line[rest_start..];
    if field == Field::Date {
        let dated = DATE_TOKEN
            .captures(rest)
            .and_then(|c| Some((c.get(0)?.end(), parse_header_date(&c[1])?)));
        if let Some((end, date)) = dated {
            return Some(Found {
                field,
                value: &rest[..end],
                date: Some(date),
                len: rest_start + end,
            });
        }
    }
    // Without a colon only a date makes a key metadata: "Title of the story"
    // is a headline, "date 2024-10" is not.
    colon.then(|| Found {
        field,
        value: rest.trim(),
        date: (field == Field::Date)
            .then(|| parse_header_date(rest))
            .flatten(),
        len: line.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::blocks::Extracted;

    fn header_of(text: &str) -> (Header, Vec<String>) {
        let extracted = Extracted::plain(text.to_string());
        let header = read(&extracted.text, &extracted.blocks);
        let prefixes = header
            .prefixes
            .iter()
            .map(|&(i, end)| extracted.text[extracted.blocks[i].start..end].to_string())
            .collect();
        (header, prefixes)
    }

    #[test]
    fn header_dates_in_iso_and_german_forms() {
        assert_eq!(parse_header_date("2024-10"), PartialDate::month(2024, 10));
        assert_eq!(
            parse_header_date(" 2024-10-17 "),
            PartialDate::day(2024, 10, 17)
        );
        assert_eq!(
            parse_header_date("2024-10-18T09:30:00+02:00"),
            PartialDate::day(2024, 10, 18)
        );
        assert_eq!(
            parse_header_date("17.10.2024"),
            PartialDate::day(2024, 10, 17)
        );
        assert_eq!(parse_header_date("7.3.2024"), PartialDate::day(2024, 3, 7));
        assert_eq!(parse_header_date("31.02.2024"), None);
        // Other forms are read by the normalize module.
        assert_eq!(
            parse_header_date("October 18, 2024"),
            PartialDate::day(2024, 10, 18)
        );
        assert_eq!(
            parse_header_date("18. Oktober 2024"),
            PartialDate::day(2024, 10, 18)
        );
        assert_eq!(parse_header_date("no date here"), None);
    }

    #[test]
    fn a_date_prefix_shares_its_line_with_article_text() {
        let (header, prefixes) = header_of(
            " date 2024-10 Zwischen OpenAI und Microsoft schien es lange Zeit zu passen.\n\nMicrosoft CEO hat das Vertrauen verloren\n",
        );
        assert_eq!(header.date, PartialDate::month(2024, 10));
        assert_eq!(prefixes, ["date 2024-10"]);
        assert_eq!(header.title, None);
    }

    #[test]
    fn keyed_lines_under_a_title() {
        let (header, prefixes) = header_of(
            "Microsoft übernimmt Team von Inflection\nDatum: 17.10.2024\nAutor: Redaktion\nlang: de-AT\nIm März 2024 kündigte Microsoft an ...\nStand: 18.10.2024\n",
        );
        assert_eq!(header.date, PartialDate::day(2024, 10, 17));
        assert_eq!(header.lang.as_deref(), Some("de"));
        assert_eq!(
            prefixes,
            ["Datum: 17.10.2024", "Autor: Redaktion", "lang: de-AT"]
        );
    }

    #[test]
    fn title_and_published_keys() {
        let (header, prefixes) = header_of(
            "Title: OpenAI and Microsoft: a partnership under strain\nPublished: 2024-10-18\nOpenAI raised $6.6 billion.\n",
        );
        assert_eq!(
            header.title.as_deref(),
            Some("OpenAI and Microsoft: a partnership under strain")
        );
        assert_eq!(header.date, PartialDate::day(2024, 10, 18));
        assert_eq!(prefixes.len(), 2);
    }

    #[test]
    fn a_date_with_a_time_of_day_and_a_bare_date_line() {
        let (header, prefixes) =
            header_of("17.10.2024\nVeröffentlicht am 18.10.2024, 14:30 Uhr\nText.\n");
        assert_eq!(header.date, PartialDate::day(2024, 10, 17));
        assert_eq!(
            prefixes,
            ["17.10.2024", "Veröffentlicht am 18.10.2024, 14:30 Uhr"]
        );
    }

    #[test]
    fn words_that_look_like_keys_are_article_text() {
        // No colon and no date after the key: an ordinary sentence.
        let (header, prefixes) =
            header_of("Date night ideas for busy couples are everywhere.\nStand der Dinge.\n");
        assert_eq!(header, Header::default());
        assert!(prefixes.is_empty());
        // Metadata further down is article text too.
        let (header, _) = header_of("Erster Absatz.\nZweiter Absatz.\nDatum: 17.10.2024\n");
        assert_eq!(header.date, None);
    }

    #[test]
    fn a_keyed_date_in_another_form_is_still_metadata() {
        let (header, prefixes) = header_of("Published: October 18, 2024\nOpenAI raised money.\n");
        assert_eq!(header.date, PartialDate::day(2024, 10, 18));
        assert_eq!(prefixes, ["Published: October 18, 2024"]);
    }

    #[test]
    fn titles_and_section_labels() {
        assert!(reads_as_title(
            "Tech Titans Tussle: OpenAI and Microsoft's Partnership Faces Turbulence"
        ));
        assert!(!reads_as_title("Key Takeaways:"));
        assert!(!reads_as_title("Zusammenfassung"));
        assert!(!reads_as_title("OpenAI raised $6.6 billion."));
        assert!(!reads_as_title(&"word ".repeat(50)));
        assert!(is_section_label("  Related News "));
        assert_eq!(field_of("Datum"), Some(Field::Date));
        assert_eq!(field_of("AUTHOR"), Some(Field::Other));
        assert_eq!(field_of("colour"), None);
    }
}
