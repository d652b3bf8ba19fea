//! [`parse`]: the text of one file to a [`Document`], through the stages of
//! this module in order (reader, header, headline, language, sentences,
//! boilerplate). Pure: no I/O, so tests and the evaluation feed it text directly.

use super::blocks::Extracted;
use super::sentences::{self, Line};
use super::{boilerplate, header, html, language, markdown};
use super::{slug_id, Document, Format, SentenceKind};
use crate::model::Language;
use std::path::PathBuf;

/// Turns the decoded text of the file at `source` into a [`Document`].
/// `content_hash` is recorded as given (`sha256:` + hex digest of the raw bytes).
/// Line breaks become `\n` ([`Document::text`] is the text of the article,
/// whatever system wrote the file).
pub fn parse(source: PathBuf, raw: &str, format: Format, content_hash: String) -> Document {
    let raw = normalize_line_endings(raw);
    parse_declared(source, &raw, format, content_hash, None, true)
}

/// Plain text whose language is known (a gold set's sentences or passages):
/// parsed as [`parse`] does, in that language, without guessing it, and without
/// taking the first line for a headline. [`Document::text`] is `text` unchanged,
/// `\r\n` and `\r` included, so that offsets into it are offsets into `text`.
pub fn parse_in(stem: &str, text: &str, language: Language) -> Document {
    parse_declared(
        PathBuf::from(format!("{stem}.txt")),
        text,
        Format::Text,
        String::new(),
        Some(language.code()),
        false,
    )
}

fn parse_declared(
    source: PathBuf,
    raw: &str,
    format: Format,
    content_hash: String,
    declared_language: Option<&str>,
    find_title: bool,
) -> Document {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let extracted = match format {
        Format::Text => Extracted::plain(raw.to_string()),
        Format::Markdown => markdown::extract(raw),
        Format::Html => html::extract(raw),
    };
    let text = &extracted.text;
    let header = header::read(text, &extracted.blocks);
    let mut lines = sentences::lines(text, &extracted.blocks, &header);

    let mut headline = extracted.meta.headline.clone().or(header.title.clone());
    if headline.is_none() && format == Format::Text && find_title {
        if let Some(line) = title_line(text, &mut lines) {
            headline = Some(line);
        }
    }

    let declared = declared_language
        .or(extracted.meta.lang.as_deref())
        .or(header.lang.as_deref());
    let body: Vec<&str> = lines
        .iter()
        .filter_map(|line| line.body.map(|(s, e)| &text[s..e]))
        .collect();
    let (language, language_code) = language::detect(&body.join("\n"), declared);

    let mut sentences = sentences::split(text, &lines, language);
    boilerplate::mark(text, &mut sentences);

    Document {
        id: slug_id(&stem),
        stem,
        source,
        format,
        text: extracted.text,
        language,
        language_code,
        headline,
        date_published: extracted.meta.date.or(header.date),
        content_hash,
        sentences,
    }
}

/// The headline of a plain-text article: its first line of text when that
/// reads as a title and more text follows. The line becomes a heading.
fn title_line(text: &str, lines: &mut [Line]) -> Option<String> {
    let (index, line) = lines.iter().enumerate().find(|(_, l)| l.body.is_some())?;
    let (start, end) = line.body?;
    let candidate = &text[start..end];
    let followed = index + 1 < lines.len();
    if !followed || line.kind == SentenceKind::ListItem || !header::reads_as_title(candidate) {
        return None;
    }
    lines[index].kind = SentenceKind::Heading;
    Some(candidate.to_string())
}

/// `\r\n` and lone `\r` become `\n`, so that offsets do not depend on the
/// system that wrote the file.
fn normalize_line_endings(raw: &str) -> String {
    if !raw.contains('\r') {
        return raw.to_string();
    }
    raw.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Language, PartialDate};

    const SEED_000: &str = include_str!("../../seeds/000_a29f32fd67d13242.txt");
    const SEED_001: &str = include_str!("../../seeds/001_9c94d7e71eb5e183.txt");
    const SEED_002: &str = include_str!("../../seeds/002_ba3d73b501f12d56.txt");
    const SEED_003: &str = include_str!("../../seeds/003_878f3f8685ed7ceb.txt");
    const SEED_004: &str = include_str!("../../seeds/004_980dab4f1c2ab722.txt");

    fn seed(name: &str, text: &str) -> Document {
        parse(
            format!("seeds/{name}.txt").into(),
            text,
            Format::Text,
            "sha256:x".into(),
        )
    }

    /// The texts of the sentences of one kind.
    fn of_kind(doc: &Document, kind: SentenceKind) -> Vec<&str> {
        doc.sentences
            .iter()
            .filter(|s| s.kind == kind)
            .map(|s| doc.sentence_text(s))
            .collect()
    }

    #[test]
    fn seed_003_german_with_a_date_prefix() {
        let doc = seed("003_878f3f8685ed7ceb", SEED_003);
        assert_eq!(doc.id, "003_878f3f8685ed7ceb");
        assert_eq!(doc.language, Language::German);
        assert_eq!(doc.language_code, "de");
        assert_eq!(doc.date_published, PartialDate::month(2024, 10));
        assert_eq!(doc.headline, None);
        assert_eq!(doc.text, SEED_003);
        assert_eq!(of_kind(&doc, SentenceKind::Metadata), ["date 2024-10"]);
        assert_eq!(
            of_kind(&doc, SentenceKind::Heading),
            [
                "Microsoft CEO hat das Vertrauen verloren",
                "Microsoft heuert neues Team an",
                "OpenAI arbeitet mit Oracle zusammen",
                "Sam Altman und Microsoft äußern sich positiv",
            ]
        );
        assert!(of_kind(&doc, SentenceKind::Boilerplate).is_empty());
        let body = of_kind(&doc, SentenceKind::Body);
        assert_eq!(
            body[0],
            "Zwischen OpenAI und Microsoft schien es lange Zeit zu passen."
        );
        assert!(body.contains(
            &"OpenAI CEO Sam Altman äußerte sich in einem Statement am 17. Oktober gegenüber der Times."
        ));
        assert!(body.contains(
            &"„Wir haben an vielen strategischen Punkten in der Partnerschaft weiter in OpenAI investiert und sind zweifellos der größte Kapitalgeber.“"
        ));
        assert_eq!(body.len(), 33);
        // Paragraphs count the non-empty lines; the first shares its line with the metadata.
        let first = &doc.sentences[..2];
        assert_eq!((first[0].paragraph, first[1].paragraph), (0, 0));
        assert_eq!((first[0].start, first[0].end, first[1].start), (1, 13, 14));
        assert_eq!(doc.sentences.last().unwrap().paragraph, 18);
    }

    #[test]
    fn seed_002_embedded_posts_are_boilerplate() {
        let doc = seed("002_ba3d73b501f12d56", SEED_002);
        assert_eq!(doc.language, Language::English);
        assert_eq!(doc.headline, None, "\"Key Takeaways:\" is a section label");
        assert_eq!(doc.date_published, None);
        assert_eq!(
            of_kind(&doc, SentenceKind::Boilerplate),
            [
                "Thanks.",
                "IMO, even for a startup with Elon Musk’s head on a website for some sort of summarizes Google thing in San Francisco years ago, it looks like conflicting contracts, leak NDAs & politics board changing again chaos.",
                "I truly see OpenAI use globally, and what in the world?!",
                "— Miranda Duncan (Wayan Roshni Rose) (@minderellasf) October 18, 2024",
                "Sounds like things are getting a bit rocky!",
                "Hope they can patch it up tech bromances are the best kind!",
                "— Raza Olakh (@RazaOlakh) October 18, 2024",
                "For more news and insights, visit AI News on our website.",
            ]
        );
        let body = of_kind(&doc, SentenceKind::Body);
        assert!(body.contains(&"Let’s take a closer look at how things have changed and what the future might hold for this important partnership."));
        assert!(body.contains(
            &"Despite these ongoing connections, the relationship is not as close as it once was."
        ));
        assert!(body.contains(&"October 8, 2024: OpenAI Becomes Most Valuable Private U.S. Company After Microsoft’s $13B Bet!"));
        assert!(of_kind(&doc, SentenceKind::Heading)
            .contains(&"Financial Struggles Continue for OpenAI"));
    }

    #[test]
    fn seed_001_assistant_prompts_and_a_headline() {
        let doc = seed("001_9c94d7e71eb5e183", SEED_001);
        assert_eq!(doc.language, Language::English);
        assert_eq!(
            doc.headline.as_deref(),
            Some("Tech Titans Tussle: OpenAI and Microsoft's Partnership Faces Turbulence Amid AI Ambitions")
        );
        assert_eq!(
            of_kind(&doc, SentenceKind::Heading),
            ["Tech Titans Tussle: OpenAI and Microsoft's Partnership Faces Turbulence Amid AI Ambitions"]
        );
        assert_eq!(
            of_kind(&doc, SentenceKind::Boilerplate),
            [
                "Ask Aime: What's the future of Sam Altman and Satya Nadella's partnership?",
                "Ask Aime: Is Microsoft's investment in OpenAI worth the partnership?",
            ]
        );
        assert!(of_kind(&doc, SentenceKind::Body).contains(
            &"The collaboration between Altman and Nadella began with a chance encounter at the 2018 Allen & Co. investment conference in Sun Valley, Idaho."
        ));
    }

    #[test]
    fn seed_000_section_labels_lists_and_credits() {
        let doc = seed("000_a29f32fd67d13242", SEED_000);
        assert_eq!(doc.language, Language::English);
        assert_eq!(doc.headline, None, "\"Summary\" is a section label");
        assert_eq!(
            of_kind(&doc, SentenceKind::ListItem)[..2],
            [
                "Mustafa Suleyman (CEO Microsoft AI, formerly Deepmind)",
                "Artificial Intelligence"
            ]
        );
        assert_eq!(
            of_kind(&doc, SentenceKind::Boilerplate),
            [
                "Primary Source: Microsoft lässt OpenAI fallen – Der Standard",
                "This text was created with the support of an AI model.",
                "Editorial Responsibility: clarus.news | Fact-Check: 2024",
            ]
        );
        assert_eq!(
            of_kind(&doc, SentenceKind::Heading)[..3],
            ["Summary", "People", "Topics"]
        );
    }

    #[test]
    fn seed_004_bullets_and_faq() {
        let doc = seed("004_980dab4f1c2ab722", SEED_004);
        assert_eq!(
            doc.headline.as_deref(),
            Some("Microsoft and OpenAI Partnership Faces Challenges")
        );
        assert_eq!(
            of_kind(&doc, SentenceKind::ListItem),
            [
                "OpenAI memo reveals cracks in Microsoft partnership",
                "Amazon ties with OpenAI are strengthening",
                "Impact on Artificial Intelligence innovation and market",
                "Microsoft has invested $1 billion in OpenAI",
                "OpenAI has received $2 billion in funding from various investors",
                "Amazon has partnered with OpenAI on several Machine Learning projects",
            ]
        );
        assert_eq!(
            of_kind(&doc, SentenceKind::Boilerplate),
            [
                "Related News",
                "For more information on the partnership between Microsoft and OpenAI, please see our related article on Artificial Intelligence.",
            ]
        );
        assert!(of_kind(&doc, SentenceKind::Heading).contains(&"FAQ"));
    }

    #[test]
    fn every_sentence_is_a_trimmed_slice_in_order() {
        for (name, text) in [
            ("000", SEED_000),
            ("001", SEED_001),
            ("002", SEED_002),
            ("003", SEED_003),
            ("004", SEED_004),
        ] {
            let doc = seed(name, text);
            let mut previous = (0, 0);
            for s in &doc.sentences {
                let content = doc.sentence_text(s);
                assert!(
                    !content.is_empty() && content.trim() == content,
                    "{name}: {content:?}"
                );
                assert!(!content.contains('\n'), "{name}: {content:?}");
                assert!((s.paragraph, s.start) >= previous, "{name}: {content:?}");
                previous = (s.paragraph, s.end);
            }
        }
    }

    #[test]
    fn html_article_to_document() {
        let page = "<html lang=\"en\"><head><meta property=\"og:title\" content=\"Microsoft invests in OpenAI\">\
            <meta name=\"date\" content=\"2023-01-23\"></head><body><nav>Home</nav><article>\
            <h1>Microsoft invests in OpenAI</h1><p>Microsoft Corp. said on Monday it is making a \
            &ldquo;multiyear, multibillion dollar&rdquo; investment in OpenAI. The deal follows \
            investments in 2019 and 2021.</p><p>Read more: Nvidia and OpenAI</p>\
            <ul><li>$1 billion in 2019</li></ul></article></body></html>";
        let doc = parse("page.html".into(), page, Format::Html, "sha256:x".into());
        assert_eq!(doc.headline.as_deref(), Some("Microsoft invests in OpenAI"));
        assert_eq!(doc.date_published, PartialDate::day(2023, 1, 23));
        assert_eq!(
            (doc.language, doc.language_code.as_str()),
            (Language::English, "en")
        );
        assert_eq!(
            doc.text,
            "Microsoft invests in OpenAI\n\nMicrosoft Corp. said on Monday it is making a \
             “multiyear, multibillion dollar” investment in OpenAI. The deal follows investments \
             in 2019 and 2021.\n\nRead more: Nvidia and OpenAI\n\n$1 billion in 2019\n"
        );
        let sentences: Vec<_> = doc
            .sentences
            .iter()
            .map(|s| (s.paragraph, s.kind, doc.sentence_text(s)))
            .collect();
        assert_eq!(
            sentences,
            [
                (0, SentenceKind::Heading, "Microsoft invests in OpenAI"),
                (
                    1,
                    SentenceKind::Body,
                    "Microsoft Corp. said on Monday it is making a “multiyear, multibillion dollar” investment in OpenAI."
                ),
                (1, SentenceKind::Body, "The deal follows investments in 2019 and 2021."),
                (2, SentenceKind::Boilerplate, "Read more: Nvidia and OpenAI"),
                (3, SentenceKind::ListItem, "$1 billion in 2019"),
            ]
        );
    }

    #[test]
    fn markdown_article_to_document() {
        let markdown = "---\r\ntitle: Microsoft übernimmt Inflection-Team\r\ndate: 2024-03-19\r\nlang: de\r\n---\r\n\r\n\
            # Microsoft heuert neues Team an\r\n\r\nIm März 2024 kündigte **Microsoft** an, den Großteil der \
            Belegschaft von [Inflection AI](https://inflection.ai) zu übernehmen. Suleyman leitet nun ein Team.\r\n\r\n\
            * Mustafa Suleyman\r\n";
        let doc = parse(
            "notiz.md".into(),
            markdown,
            Format::Markdown,
            "sha256:x".into(),
        );
        assert_eq!(
            doc.headline.as_deref(),
            Some("Microsoft übernimmt Inflection-Team")
        );
        assert_eq!(doc.date_published, PartialDate::day(2024, 3, 19));
        assert_eq!(doc.language, Language::German);
        assert_eq!(
            of_kind(&doc, SentenceKind::Body),
            [
                "Im März 2024 kündigte Microsoft an, den Großteil der Belegschaft von Inflection AI zu übernehmen.",
                "Suleyman leitet nun ein Team."
            ]
        );
        assert_eq!(
            of_kind(&doc, SentenceKind::Heading),
            ["Microsoft heuert neues Team an"]
        );
        assert_eq!(of_kind(&doc, SentenceKind::ListItem), ["Mustafa Suleyman"]);
    }

    #[test]
    fn line_endings_are_normalized_and_offsets_follow() {
        let doc = parse(
            "win.txt".into(),
            "Titel der Meldung\r\nErster Satz. Zweiter Satz.\rDritter Satz.",
            Format::Text,
            "sha256:x".into(),
        );
        assert_eq!(
            doc.text,
            "Titel der Meldung\nErster Satz. Zweiter Satz.\nDritter Satz."
        );
        assert_eq!(doc.headline.as_deref(), Some("Titel der Meldung"));
        let spans: Vec<_> = doc
            .sentences
            .iter()
            .map(|s| (s.start, s.end, s.paragraph))
            .collect();
        assert_eq!(spans, [(0, 17, 0), (18, 30, 1), (31, 44, 1), (45, 58, 2)]);
    }

    #[test]
    fn a_header_title_and_language_win_over_guesses() {
        let doc = parse(
            "kurz.txt".into(),
            "title: Microsoft and OpenAI\nlang: de\nDatum: 7.3.2024\nMicrosoft and OpenAI\nSie arbeiten zusammen.\n",
            Format::Text,
            "sha256:x".into(),
        );
        assert_eq!(doc.headline.as_deref(), Some("Microsoft and OpenAI"));
        assert_eq!(doc.language, Language::German);
        assert_eq!(doc.date_published, PartialDate::day(2024, 3, 7));
        assert_eq!(
            of_kind(&doc, SentenceKind::Metadata),
            ["title: Microsoft and OpenAI", "lang: de", "Datum: 7.3.2024"]
        );
        assert_eq!(
            of_kind(&doc, SentenceKind::Heading),
            ["Microsoft and OpenAI"]
        );
    }

    #[test]
    fn parse_in_keeps_line_breaks_and_their_offsets() {
        let text = "Pell Motors hired Iris Kaye.\r\nShe starts in May.\rHe left.";
        let doc = parse_in("case", text, Language::English);
        assert_eq!(doc.text, text);
        let spans: Vec<(usize, usize, &str)> = doc
            .sentences
            .iter()
            .map(|s| (s.start, s.end, doc.sentence_text(s)))
            .collect();
        assert_eq!(
            spans,
            [
                (0, 28, "Pell Motors hired Iris Kaye."),
                (30, 48, "She starts in May."),
                (49, 57, "He left.")
            ]
        );
        // A file's line breaks still become `\n`.
        let file = parse("a.txt".into(), text, Format::Text, String::new());
        assert_eq!(
            file.text,
            "Pell Motors hired Iris Kaye.\nShe starts in May.\nHe left."
        );
        assert_eq!(of_kind(&file, SentenceKind::Body).len(), 3);
    }
}
