//! Lines and sentences: what each line of the text is (heading, list item,
//! body, metadata), and where its sentences begin and end.
//!
//! [`lines`] turns the reader's blocks and the header's metadata prefixes into
//! [`Line`]s; in plain text the shape of a line decides its kind, and a list
//! marker is cut off the front. [`split`] then cuts each line into sentences
//! after `.`, `!`, `?` and `…`, unless the period belongs to an abbreviation
//! (`data/ingest/abbreviations.*.txt`), an initial or a German ordinal number,
//! and after a link that closes an embedded post.

use super::blocks::{Block, BlockKind};
use super::data;
use super::header::Header;
use super::language::function_words;
use super::{floor_char_boundary, Sentence, SentenceKind};
use crate::model::Language;
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

const ABBREVIATIONS_COMMON: &str = include_str!("../../data/ingest/abbreviations.common.txt");
const ABBREVIATIONS_EN: &str = include_str!("../../data/ingest/abbreviations.en.txt");
const ABBREVIATIONS_DE: &str = include_str!("../../data/ingest/abbreviations.de.txt");
const MONTHS_DE_FILE: &str = include_str!("../../data/ingest/months.de.txt");

/// A plain-text line of more words than this is a paragraph, not a heading.
const MAX_HEADING_WORDS: usize = 12;

/// The longest sentence in bytes. Text without sentence punctuation (a table
/// flattened to a line, a list of names, a feed without periods) is cut into
/// pieces of at most this length, so that the work on a sentence, some of
/// which grows with the square of its mentions, stays bounded. News sentences
/// are shorter: about one in 2,500 of the BBC and 10kGNAD corpora is longer
/// (and is cut at a comma). At 1,000 bytes, 1 MB without a sentence end took
/// 1.6 times as long as at 500.
const MAX_SENTENCE_BYTES: usize = 500;

/// How far back from a period a word is looked for (the longest abbreviation
/// or ordinal is far shorter), so that a line full of periods costs linear time.
const MAX_WORD_BYTES: usize = 64;

/// A line of the text and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// Index of the block among the non-empty lines: [`Sentence::paragraph`].
    pub paragraph: usize,
    /// The metadata prefix of the line, as a trimmed byte range.
    pub metadata: Option<(usize, usize)>,
    /// The rest of the line without a list marker, trimmed; `None` when nothing is left.
    pub body: Option<(usize, usize)>,
    /// The kind of the sentences of `body`.
    pub kind: SentenceKind,
}

/// What a period after an abbreviation means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbreviation {
    /// Stands before a name or number ("Dr.", "Nr."): never a sentence end.
    Name,
    /// Can close a sentence ("Inc.", "usw."): a sentence end when a sentence opener follows.
    Word,
}

/// The splitting rules for one document language.
struct Rules {
    abbreviations: FxHashMap<&'static str, Abbreviation>,
    /// Function words that open sentences ("The", "Die"), lowercase.
    openers: FxHashSet<&'static str>,
    german_ordinals: bool,
}

impl Rules {
    fn new(files: &[&'static str], language: Language) -> Rules {
        let mut abbreviations = FxHashMap::default();
        for file in files {
            for entry in data::section(file, "word") {
                abbreviations.insert(entry, Abbreviation::Word);
            }
        }
        // A "name" entry in any list wins: never splitting there is the safer choice.
        for file in files {
            for entry in data::section(file, "name") {
                abbreviations.insert(entry, Abbreviation::Name);
            }
        }
        let openers = match language {
            Language::Other => function_words(Language::English)
                .union(function_words(Language::German))
                .copied()
                .collect(),
            language => function_words(language).clone(),
        };
        Rules {
            abbreviations,
            openers,
            german_ordinals: language == Language::German,
        }
    }

    fn of(language: Language) -> &'static Rules {
        static EN: LazyLock<Rules> = LazyLock::new(|| {
            Rules::new(&[ABBREVIATIONS_COMMON, ABBREVIATIONS_EN], Language::English)
        });
        static DE: LazyLock<Rules> = LazyLock::new(|| {
            Rules::new(&[ABBREVIATIONS_COMMON, ABBREVIATIONS_DE], Language::German)
        });
        static OTHER: LazyLock<Rules> =
            LazyLock::new(|| Rules::new(&[ABBREVIATIONS_COMMON], Language::Other));
        match language {
            Language::English => &EN,
            Language::German => &DE,
            Language::Other => &OTHER,
        }
    }
}

/// German month names: a number and a period before one is a date, neither a
/// sentence end nor a list marker.
static MONTHS_DE: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| data::entries(MONTHS_DE_FILE).collect());

/// A German ordinal number: "17.", "3.".
static GERMAN_ORDINAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}\.$").expect("ordinal pattern"));

/// A day and month in German notation: "18.9.".
static DAY_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}\.\d{1,2}\.$").expect("day and month pattern"));

/// A link, which can end an embedded post.
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:https?://|pic\.twitter\.com/)\S+").expect("link pattern"));

/// A bullet or a number that opens a list item, with the space after it.
static LIST_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[-*•–·▪◦‣]|(\d{1,3})[.)])\s+").expect("list marker pattern"));

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Quotes and brackets that close after a sentence's final punctuation (`erzielen.“`).
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '“' | '’' | '‘' | '»' | '«' | ')' | ']'
    )
}

/// Quotes and brackets that can open a sentence.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '„' | '‘' | '‚' | '«' | '»' | '(' | '[' | '¿' | '¡'
    )
}

/// Whether a line ends as a sentence does: with `.`, `!`, `?` or `…`, maybe
/// followed by closing quotes or brackets.
pub(crate) fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(is_closing)
        .ends_with(is_terminator)
}

/// The lines of a text: each block, with the metadata prefix the header found
/// on it and the kind of the text after it.
pub(crate) fn lines(text: &str, blocks: &[Block], header: &Header) -> Vec<Line> {
    blocks
        .iter()
        .enumerate()
        .map(|(paragraph, block)| {
            let prefix_end = header
                .prefixes
                .iter()
                .find(|&&(index, _)| index == paragraph)
                .map(|&(_, end)| end);
            let metadata = prefix_end.map(|end| trimmed(text, block.start, end));
            let body_start = prefix_end.unwrap_or(block.start);
            let followed = paragraph + 1 < blocks.len();
            let (body, kind) = body_of(text, body_start, block.end, block.kind, followed);
            Line {
                paragraph,
                metadata: metadata.filter(|(s, e)| s < e),
                body: body.filter(|(s, e)| s < e),
                kind,
            }
        })
        .collect()
}

/// The body of a line and its kind: from the markup, or in plain text from its
/// shape. A plain-text line without closing punctuation, short and followed by
/// more text, is a section heading.
fn body_of(
    text: &str,
    start: usize,
    end: usize,
    markup: BlockKind,
    followed: bool,
) -> (Option<(usize, usize)>, SentenceKind) {
    let (start, end) = trimmed(text, start, end);
    let line = &text[start..end];
    let kind = match markup {
        BlockKind::Heading => SentenceKind::Heading,
        BlockKind::ListItem => SentenceKind::ListItem,
        BlockKind::Paragraph => SentenceKind::Body,
        BlockKind::Line => {
            if let Some(marker) = list_marker(line) {
                return (
                    Some(trimmed(text, start + marker, end)),
                    SentenceKind::ListItem,
                );
            }
            let short = line.split_whitespace().count() <= MAX_HEADING_WORDS;
            if followed && short && !ends_sentence(line) {
                SentenceKind::Heading
            } else {
                SentenceKind::Body
            }
        }
    };
    (Some((start, end)), kind)
}

/// The length of the list marker opening a line, if it has one. A number
/// before a month is a date ("17. Oktober 2024: ..."), not a marker.
fn list_marker(line: &str) -> Option<usize> {
    let caps = LIST_MARKER.captures(line)?;
    let end = caps.get(0)?.end();
    if caps.get(1).is_some() && MONTHS_DE.contains(next_word(&line[end..]).as_str()) {
        return None;
    }
    Some(end)
}

/// Cuts the lines into sentences, choosing abbreviations by the document language.
pub(crate) fn split(text: &str, lines: &[Line], language: Language) -> Vec<Sentence> {
    let rules = Rules::of(language);
    let mut sentences = Vec::new();
    for line in lines {
        if let Some((start, end)) = line.metadata {
            sentences.push(Sentence {
                start,
                end,
                kind: SentenceKind::Metadata,
                paragraph: line.paragraph,
            });
        }
        if let Some((start, end)) = line.body {
            for (s, e) in split_span(text, start, end, rules) {
                sentences.push(Sentence {
                    start: s,
                    end: e,
                    kind: line.kind,
                    paragraph: line.paragraph,
                });
            }
        }
    }
    sentences
}

/// The sentences of `text[start..end]`, as trimmed byte ranges.
fn split_span(text: &str, start: usize, end: usize, rules: &Rules) -> Vec<(usize, usize)> {
    let span = &text[start..end];
    let mut cuts = punctuation_cuts(span, rules);
    // A link ends the embedded post it closes ("... #fail pic.twitter.com/H2f5C7Uhra Ebenfalls ...").
    for link in LINK.find_iter(span) {
        let next = span[link.end()..].trim_start();
        let next_start = span.len() - next.len();
        if next_start > link.end() && next.chars().next().is_some_and(opens_sentence) {
            cuts.push((link.end(), next_start));
        }
    }
    cuts.sort_unstable();
    cuts.dedup_by_key(|&mut (_, next)| next);
    let mut out = Vec::new();
    let mut sentence_start = 0;
    for (cut, next) in cuts {
        push_trimmed(&mut out, text, start + sentence_start, start + cut);
        sentence_start = next;
    }
    push_trimmed(&mut out, text, start + sentence_start, end);
    out
}

/// Where sentence punctuation ends a sentence in `span`: pairs of the byte
/// after the punctuation (and its closing quotes) and the start of the next sentence.
fn punctuation_cuts(span: &str, rules: &Rules) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = span.char_indices().collect();
    let mut cuts = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if !is_terminator(c) {
            i += 1;
            continue;
        }
        let mut after = i + 1;
        while after < chars.len() && (is_terminator(chars[after].1) || is_closing(chars[after].1)) {
            after += 1;
        }
        let mut next = after;
        while next < chars.len() && chars[next].1.is_whitespace() {
            next += 1;
        }
        if next == after || next == chars.len() {
            // No space after the punctuation ("3.5", "clarus.news"), or the end of the line.
            i = next.max(i + 1);
            continue;
        }
        let lone_period = c == '.' && after == i + 1;
        if opens_sentence(chars[next].1)
            && !(lone_period && period_continues(span, at, chars[next].0, rules))
        {
            let cut = chars[after - 1].0 + chars[after - 1].1.len_utf8();
            cuts.push((cut, chars[next].0));
        }
        i = next;
    }
    cuts
}

/// Whether a sentence can begin with `c`: a capital, a digit, an opening quote
/// or bracket, or the `@` and `#` of a handle or hashtag.
fn opens_sentence(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || is_opening(c) || matches!(c, '@' | '#')
}

/// Whether the period at byte `dot` of `span` sits inside a sentence although
/// a capital, digit or quote follows at byte `next`.
fn period_continues(span: &str, dot: usize, next: usize, rules: &Rules) -> bool {
    let from = floor_char_boundary(span, dot.saturating_sub(MAX_WORD_BYTES));
    let before = &span[from..dot];
    // "Amstetten/St. Pölten": a slash joins words as a space does.
    let token_start = from
        + before
            .rfind(|c: char| c.is_whitespace() || c == '/')
            .map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(0);
    let token = span[token_start..=dot].trim_start_matches(is_opening);
    let following = next_word(&span[next..]);
    let opener = rules.openers.contains(following.as_str());
    match rules.abbreviations.get(token) {
        Some(Abbreviation::Name) => true,
        Some(Abbreviation::Word) => !opener,
        // An initial ("J. K. Rowling"), unless a sentence plainly begins after it.
        None if is_initial(token) => !opener,
        // A German ordinal ("am 17. Oktober", "des 20. Jahrhunderts"). Before a
        // German month name that holds in any text.
        None if GERMAN_ORDINAL.is_match(token) => {
            MONTHS_DE.contains(following.as_str()) || (rules.german_ordinals && !opener)
        }
        // Day and month before the year ("18.9. 2015"); before a word it may as
        // well be a version number ending a sentence ("Android 5.1. Rein ...").
        None if DAY_MONTH.is_match(token) => span[next..].starts_with(|c: char| c.is_ascii_digit()),
        None => false,
    }
}

/// A single capital and a period.
fn is_initial(token: &str) -> bool {
    let mut chars = token.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(c), Some('.'), None) if c.is_uppercase()
    )
}

/// The first word of `s`, lowercase, without quotes or punctuation around it.
fn next_word(s: &str) -> String {
    s.trim_start_matches(is_opening)
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn trimmed(text: &str, start: usize, end: usize) -> (usize, usize) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead == slice.len() {
        return (start, start);
    }
    (start + lead, end - trail)
}

fn push_trimmed(out: &mut Vec<(usize, usize)>, text: &str, start: usize, end: usize) {
    let (mut s, e) = trimmed(text, start, end);
    while e - s > MAX_SENTENCE_BYTES {
        let cut = overlong_cut(&text[s..e]);
        let (piece_start, piece_end) = trimmed(text, s, s + cut);
        if piece_start < piece_end {
            out.push((piece_start, piece_end));
        }
        s = trimmed(text, s + cut, e).0;
    }
    if s < e {
        out.push((s, e));
    }
}

/// Where to cut a sentence longer than [`MAX_SENTENCE_BYTES`]: after the last
/// comma, semicolon or colon in its second half, else at its last space, else
/// at the last character boundary, all within the first `MAX_SENTENCE_BYTES`.
fn overlong_cut(sentence: &str) -> usize {
    let limit = floor_char_boundary(sentence, MAX_SENTENCE_BYTES);
    let head = &sentence[..limit];
    let half = floor_char_boundary(head, limit / 2);
    if let Some(p) = head[half..].rfind([',', ';', ':']) {
        return half + p + 1;
    }
    match head.rfind(char::is_whitespace) {
        Some(p) if p > 0 => p,
        _ => limit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::blocks::Extracted;
    use crate::ingest::header;

    /// The sentences of a plain text, as (paragraph, kind, text).
    fn sentences_of(text: &str, language: Language) -> Vec<(usize, SentenceKind, String)> {
        let extracted = Extracted::plain(text.to_string());
        let header = header::read(&extracted.text, &extracted.blocks);
        let lines = lines(&extracted.text, &extracted.blocks, &header);
        split(&extracted.text, &lines, language)
            .iter()
            .map(|s| {
                (
                    s.paragraph,
                    s.kind,
                    extracted.text[s.start..s.end].to_string(),
                )
            })
            .collect()
    }

    fn texts(text: &str, language: Language) -> Vec<String> {
        sentences_of(text, language)
            .into_iter()
            .map(|(_, _, t)| t)
            .collect()
    }

    #[test]
    fn text_without_sentence_ends_is_cut_into_bounded_pieces() {
        // Clauses with commas: cut after a comma, each piece within the limit.
        let clause = "the board met the lenders on Monday, ";
        let text = clause.repeat(200);
        let pieces = texts(&text, Language::English);
        assert!(pieces.len() >= text.len() / MAX_SENTENCE_BYTES);
        assert!(pieces
            .iter()
            .all(|p| p.len() <= MAX_SENTENCE_BYTES && p.ends_with("Monday,")));
        assert_eq!(
            pieces.concat().len() + pieces.len() - 1,
            text.trim_end().len()
        );
        // Words without punctuation: cut at a space; one long word: at a character boundary.
        let words = texts(&"Lorem ipsum ".repeat(300), Language::English);
        assert!(words.iter().all(|p| p.len() <= MAX_SENTENCE_BYTES
            && (p.ends_with("ipsum") || p.ends_with("Lorem"))
            && p.starts_with(|c: char| c.is_alphabetic())));
        let word = texts(&"ü".repeat(1000), Language::German);
        // Half the limit inside a character as well.
        let odd = texts(&format!("a{}", "€".repeat(1000)), Language::German);
        assert_eq!(
            odd.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [499, 498, 498, 498, 498, 498, 12]
        );
        assert_eq!(
            word.iter().map(|p| p.chars().count()).collect::<Vec<_>>(),
            [250, 250, 250, 250]
        );
    }

    #[test]
    fn sentences_of_news_length_are_never_cut() {
        // 437 bytes: longer than all but one in 2,500 news sentences.
        let sentence = format!("The {} merger was approved on Friday.", "long ".repeat(80));
        assert_eq!(texts(&sentence, Language::English), [sentence]);
    }

    #[test]
    fn german_ordinals_and_dates_stay_inside_sentences() {
        assert_eq!(
            texts(
                "OpenAI CEO Sam Altman äußerte sich in einem Statement am 17. Oktober gegenüber der Times. Dort betont er, dass er dankbar ist.",
                Language::German
            ),
            [
                "OpenAI CEO Sam Altman äußerte sich in einem Statement am 17. Oktober gegenüber der Times.",
                "Dort betont er, dass er dankbar ist."
            ]
        );
        assert_eq!(
            texts(
                "Der Verein belegte den 3. Platz. Ab dem 1. Januar gilt das Gesetz des frühen 20. Jahrhunderts nicht mehr. Die Zahl stieg auf 12. Die Polizei ermittelt. Es läuft Android 5.1. Rein technisch ist das alt. Amstetten/St. Pölten meldet Konkurs. (APA, 18.9. 2015)",
                Language::German
            ),
            [
                "Der Verein belegte den 3. Platz.",
                "Ab dem 1. Januar gilt das Gesetz des frühen 20. Jahrhunderts nicht mehr.",
                "Die Zahl stieg auf 12.",
                "Die Polizei ermittelt.",
                "Es läuft Android 5.1.",
                "Rein technisch ist das alt.",
                "Amstetten/St. Pölten meldet Konkurs.",
                "(APA, 18.9. 2015)"
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            texts(
                "Altman sagte weiter: „Wir sind begeistert und wollen in Zukunft noch größere Erfolge gemeinsam zu erzielen.“ Seitens Microsoft äußerte sich CTO Kevin Scott. „Wir sind zweifellos der größte Kapitalgeber.“",
                Language::German
            ),
            [
                "Altman sagte weiter: „Wir sind begeistert und wollen in Zukunft noch größere Erfolge gemeinsam zu erzielen.“",
                "Seitens Microsoft äußerte sich CTO Kevin Scott.",
                "„Wir sind zweifellos der größte Kapitalgeber.“"
            ]
        );
        assert_eq!(
            texts(
                "Sam Altman once described it as \"the best partnership in tech.\" However, this alliance is now encountering challenges (or so it seems.) Why? Nobody knows… Yet.",
                Language::English
            ),
            [
                "Sam Altman once described it as \"the best partnership in tech.\"",
                "However, this alliance is now encountering challenges (or so it seems.)",
                "Why?",
                "Nobody knows…",
                "Yet."
            ]
        );
    }

    #[test]
    fn abbreviations_initials_and_numbers_do_not_end_sentences() {
        assert_eq!(
            texts(
                "The collaboration began at the 2018 Allen & Co. investment conference in Sun Valley. OpenAI Becomes Most Valuable Private U.S. Company After Microsoft's $13B Bet! Dr. Weber met J. K. Rowling and Mr. Smith on Jan. 17 at 3.5 p.m. in St. Louis. It raised $6.6 billion.",
                Language::English
            ),
            [
                "The collaboration began at the 2018 Allen & Co. investment conference in Sun Valley.",
                "OpenAI Becomes Most Valuable Private U.S. Company After Microsoft's $13B Bet!",
                "Dr. Weber met J. K. Rowling and Mr. Smith on Jan. 17 at 3.5 p.m. in St. Louis.",
                "It raised $6.6 billion."
            ]
        );
        assert_eq!(
            texts(
                "Microsoft vs. Google: z.B. Nvidia, Apple u.a. Firmen investierten ca. 5 Mrd. Euro bzw. 6 Mrd. Dollar, d.h. mehr als 1.000 Mio. Euro. Prof. Dr. Meier ist Mitbegründer der Firma usw. Die Firma hat 5 Mio. Nutzer. Der Umsatz lag bei 5 Mio. Die Börse reagierte.",
                Language::German
            ),
            [
                "Microsoft vs. Google: z.B. Nvidia, Apple u.a. Firmen investierten ca. 5 Mrd. Euro bzw. 6 Mrd. Dollar, d.h. mehr als 1.000 Mio. Euro.",
                "Prof. Dr. Meier ist Mitbegründer der Firma usw.",
                "Die Firma hat 5 Mio. Nutzer.",
                "Der Umsatz lag bei 5 Mio.",
                "Die Börse reagierte."
            ]
        );
    }

    #[test]
    fn abbreviations_that_can_end_a_sentence_split_before_a_sentence_opener() {
        assert_eq!(
            texts(
                "The deal was signed with Apple Inc. The company declined to comment. It became Acme Corp. Former staff sued. It moved to the U.S. In 2023 it grew. Plan B. The rest followed.",
                Language::English
            ),
            [
                "The deal was signed with Apple Inc.",
                "The company declined to comment.",
                "It became Acme Corp.",
                "Former staff sued.",
                "It moved to the U.S.",
                "In 2023 it grew.",
                "Plan B.",
                "The rest followed."
            ]
        );
    }

    #[test]
    fn a_link_ends_an_embedded_post() {
        assert_eq!(
            texts(
                "Haha man kann die Maus nicht nutzen, wenn man sie auflädt #design #fail pic.twitter.com/H2f5C7Uhra Ebenfalls für Häme sorgte der Stift. Mehr unter https://example.com/a und bald. @kikin81 My favorite is this cover.",
                Language::German
            ),
            [
                "Haha man kann die Maus nicht nutzen, wenn man sie auflädt #design #fail pic.twitter.com/H2f5C7Uhra",
                "Ebenfalls für Häme sorgte der Stift.",
                "Mehr unter https://example.com/a und bald.",
                "@kikin81 My favorite is this cover."
            ]
        );
    }

    #[test]
    fn plain_text_lines_become_headings_list_items_and_body() {
        // From seeds/000 and seeds/004: section titles, bullets of several kinds.
        let text = "Summary\nMicrosoft apparently plans a strategic reorientation. According to its AI chief, it should develop its own models.\nPeople\n- Mustafa Suleyman (CEO Microsoft AI, formerly Deepmind)\n\n  • OpenAI memo reveals cracks in Microsoft partnership\n2. Amazon ties with OpenAI are strengthening\n17. Oktober 2024: Microsoft investiert\nThe last line is short";
        assert_eq!(
            sentences_of(text, Language::English),
            [
                (0, SentenceKind::Heading, "Summary".into()),
                (
                    1,
                    SentenceKind::Body,
                    "Microsoft apparently plans a strategic reorientation.".into()
                ),
                (
                    1,
                    SentenceKind::Body,
                    "According to its AI chief, it should develop its own models.".into()
                ),
                (2, SentenceKind::Heading, "People".into()),
                (
                    3,
                    SentenceKind::ListItem,
                    "Mustafa Suleyman (CEO Microsoft AI, formerly Deepmind)".into()
                ),
                (
                    4,
                    SentenceKind::ListItem,
                    "OpenAI memo reveals cracks in Microsoft partnership".into()
                ),
                (
                    5,
                    SentenceKind::ListItem,
                    "Amazon ties with OpenAI are strengthening".into()
                ),
                (
                    6,
                    SentenceKind::Heading,
                    "17. Oktober 2024: Microsoft investiert".into()
                ),
                (7, SentenceKind::Body, "The last line is short".into()),
            ]
        );
    }

    #[test]
    fn a_metadata_prefix_and_the_body_after_it() {
        // The first line of seeds/003_878f3f8685ed7ceb.txt.
        let text = " date 2024-10 Zwischen OpenAI und Microsoft schien es lange Zeit zu passen. Sam Altman, CEO von OpenAI sprach sogar öffentlich von einer „Bromance“.\n\nMicrosoft CEO hat das Vertrauen verloren\n\nText.\n";
        assert_eq!(
            sentences_of(text, Language::German),
            [
                (0, SentenceKind::Metadata, "date 2024-10".into()),
                (
                    0,
                    SentenceKind::Body,
                    "Zwischen OpenAI und Microsoft schien es lange Zeit zu passen.".into()
                ),
                (
                    0,
                    SentenceKind::Body,
                    "Sam Altman, CEO von OpenAI sprach sogar öffentlich von einer „Bromance“."
                        .into()
                ),
                (
                    1,
                    SentenceKind::Heading,
                    "Microsoft CEO hat das Vertrauen verloren".into()
                ),
                (2, SentenceKind::Body, "Text.".into()),
            ]
        );
    }

    #[test]
    fn sentence_punctuation_at_line_end() {
        assert!(ends_sentence("zu erzielen.“"));
        assert!(ends_sentence("What is up?  "));
        assert!(ends_sentence("(or so it seems.)"));
        assert!(!ends_sentence("Key Takeaways:"));
        assert!(!ends_sentence("Microsoft heuert neues Team an"));
    }

    #[test]
    fn every_abbreviation_list_loads() {
        for language in [Language::English, Language::German, Language::Other] {
            let rules = Rules::of(language);
            assert_eq!(rules.abbreviations.get("Dr."), Some(&Abbreviation::Name));
            assert_eq!(rules.abbreviations.get("Inc."), Some(&Abbreviation::Word));
            assert!(rules.abbreviations.keys().all(|a| a.ends_with('.')));
        }
        assert_eq!(
            Rules::of(Language::German).abbreviations.get("z.B."),
            Some(&Abbreviation::Name)
        );
        assert_eq!(Rules::of(Language::English).abbreviations.get("z.B."), None);
        assert!(Rules::of(Language::German).openers.contains("die"));
    }
}
