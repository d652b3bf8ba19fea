//! Text in an article file that is not the article's own: embedded
//! social-media posts with their bylines, prompts to AI assistants, share,
//! subscribe and "read more" lines, credits. Such sentences become
//! [`SentenceKind::Boilerplate`], so extraction skips them.
//!
//! The patterns are regular expressions in `data/ingest/boilerplate.txt`:
//! `[sentence]` patterns mark a sentence, `[to line end]` patterns a sentence
//! and the rest of its line; a `[post byline]` line marks itself and the post
//! above it.

use super::data;
use super::{Sentence, SentenceKind};
use regex::{Regex, RegexSet};
use std::ops::Range;
use std::sync::LazyLock;

const BOILERPLATE: &str = include_str!("../../data/ingest/boilerplate.txt");

/// An embedded post is a short text: beyond this many paragraphs above its
/// byline, text is the article's again.
const MAX_POST_PARAGRAPHS: usize = 4;

struct Patterns {
    sentence: RegexSet,
    to_line_end: RegexSet,
    byline: RegexSet,
    post_marker: RegexSet,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let set = |name: &str| {
        RegexSet::new(data::section(BOILERPLATE, name))
            .unwrap_or_else(|e| panic!("data/ingest/boilerplate.txt [{name}]: {e}"))
    };
    Patterns {
        sentence: set("sentence"),
        to_line_end: set("to line end"),
        byline: set("post byline"),
        post_marker: set("post marker"),
    }
});

/// A line that is nothing but a link: what an embedded post leaves beside its text.
static LINK_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:https?://|pic\.twitter\.com/)\S+$").expect("link pattern"));

/// Marks the boilerplate among `sentences`, which lie in `text` in order.
pub(crate) fn mark(text: &str, sentences: &mut [Sentence]) {
    let paragraphs = paragraphs(sentences);
    for range in &paragraphs {
        let mut rest_of_line = false;
        for sentence in &mut sentences[range.clone()] {
            if sentence.kind == SentenceKind::Metadata {
                continue;
            }
            let content = &text[sentence.start..sentence.end];
            rest_of_line = rest_of_line || PATTERNS.to_line_end.is_match(content);
            if rest_of_line || PATTERNS.sentence.is_match(content) {
                sentence.kind = SentenceKind::Boilerplate;
            }
        }
    }
    let lines: Vec<Option<&str>> = paragraphs
        .iter()
        .map(|range| line_text(text, &sentences[range.clone()]))
        .collect();
    let is_byline = |p: usize| lines[p].is_some_and(|t| PATTERNS.byline.is_match(t));
    for p in (0..paragraphs.len()).filter(|&p| is_byline(p)) {
        set_boilerplate(sentences, &paragraphs[p]);
        let mut has_text = false;
        for q in (0..p).rev().take(MAX_POST_PARAGRAPHS) {
            let Some(post) = lines[q] else { break };
            // The paragraph of text right above a byline is the post, whatever its
            // shape; above that, only paragraphs with the signs of a post belong to it.
            if is_byline(q) || (has_text && !PATTERNS.post_marker.is_match(post)) {
                break;
            }
            set_boilerplate(sentences, &paragraphs[q]);
            has_text |= !LINK_ONLY.is_match(post);
        }
    }
}

/// The index ranges of the sentences of each paragraph.
fn paragraphs(sentences: &[Sentence]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, sentence) in sentences.iter().enumerate() {
        match out.last_mut() {
            Some(last) if sentences[last.start].paragraph == sentence.paragraph => last.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// The text of a paragraph's line from its start (a list marker included: a
/// byline may open with a dash) to its last sentence; `None` when the line holds
/// metadata, which only the article's header does.
fn line_text<'a>(text: &'a str, sentences: &[Sentence]) -> Option<&'a str> {
    let (first, last) = (sentences.first()?, sentences.last()?);
    if sentences.iter().any(|s| s.kind == SentenceKind::Metadata) {
        return None;
    }
    let line_start = text[..first.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    Some(text[line_start..last.end].trim_start())
}

fn set_boilerplate(sentences: &mut [Sentence], range: &Range<usize>) {
    for sentence in &mut sentences[range.clone()] {
        if sentence.kind != SentenceKind::Metadata {
            sentence.kind = SentenceKind::Boilerplate;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ingest::{parse, Format, SentenceKind};

    /// The sentences of a plain-text article and their kinds.
    fn kinds(text: &str) -> Vec<(SentenceKind, String)> {
        let doc = parse("post.txt".into(), text, Format::Text, String::new());
        doc.sentences
            .iter()
            .map(|s| (s.kind, doc.sentence_text(s).to_string()))
            .collect()
    }

    #[test]
    fn an_embedded_post_and_its_byline() {
        // seeds/002_ba3d73b501f12d56.txt, lines 3 to 7.
        let text = "Key Takeaways:\n\
            While the collaboration has been essential for both companies, financial strains are causing friction.\n\
            Let’s take a closer look at how things have changed.\n\
            Thanks. IMO, it looks like conflicting contracts, leak NDAs & politics board changing again chaos. I truly see OpenAI use globally, and what in the world?!\n\
            — Miranda Duncan (Wayan Roshni Rose) (@minderellasf) October 18, 2024\n\
            OpenAI’s Escape Clause: A Move to Protect Its Future\n\
            The partnership between OpenAI and Microsoft started strong in 2019.\n";
        use SentenceKind::*;
        assert_eq!(
            kinds(text),
            [
                (Heading, "Key Takeaways:".into()),
                (
                    Body,
                    "While the collaboration has been essential for both companies, financial strains are causing friction.".into()
                ),
                (Body, "Let’s take a closer look at how things have changed.".into()),
                (Boilerplate, "Thanks.".into()),
                (
                    Boilerplate,
                    "IMO, it looks like conflicting contracts, leak NDAs & politics board changing again chaos.".into()
                ),
                (Boilerplate, "I truly see OpenAI use globally, and what in the world?!".into()),
                (
                    Boilerplate,
                    "— Miranda Duncan (Wayan Roshni Rose) (@minderellasf) October 18, 2024".into()
                ),
                (Heading, "OpenAI’s Escape Clause: A Move to Protect Its Future".into()),
                (Body, "The partnership between OpenAI and Microsoft started strong in 2019.".into()),
            ]
        );
    }

    #[test]
    fn a_post_with_a_picture_and_hashtags_above_its_byline() {
        let text = "Apple stellt neue Geräte vor\n\
            Apple hat am Dienstag eine neue Maus vorgestellt.\n\
            Kritik kam schnell.\n\
            Die neue Maus lädt man von unten #design\n\
            #fail\n\
            pic.twitter.com/H2f5C7Uhra\n\
            – Owen Williams (@ow) 20. Oktober 2015\n\
            — Raza Olakh (@RazaOlakh) October 18, 2024\n\
            Apple äußerte sich nicht.\n";
        use SentenceKind::*;
        assert_eq!(
            kinds(text),
            [
                (Heading, "Apple stellt neue Geräte vor".into()),
                (
                    Body,
                    "Apple hat am Dienstag eine neue Maus vorgestellt.".into()
                ),
                (Body, "Kritik kam schnell.".into()),
                (
                    Boilerplate,
                    "Die neue Maus lädt man von unten #design".into()
                ),
                (Boilerplate, "#fail".into()),
                (Boilerplate, "pic.twitter.com/H2f5C7Uhra".into()),
                (Boilerplate, "Owen Williams (@ow) 20. Oktober 2015".into()),
                (
                    Boilerplate,
                    "— Raza Olakh (@RazaOlakh) October 18, 2024".into()
                ),
                (Body, "Apple äußerte sich nicht.".into()),
            ]
        );
    }

    #[test]
    fn prompts_pointers_and_credits() {
        // Lines from seeds/001, 002 and 000, and their German counterparts.
        let text = "Microsoft invested $1 billion in OpenAI.\n\
            Ask Aime: What's the future of Sam Altman and Satya Nadella's partnership?\n\
            Nadella has made Copilot a priority.\n\
            For more news and insights, visit AI News on our website.\n\
            Lesen Sie auch: Nvidia investiert in OpenAI\n\
            Foto: dpa\n\
            Related News\n\
            Dieser Artikel wurde mit Unterstützung von KI erstellt. Redaktion: Max Muster\n\
            This text was created with the support of an AI model. Editorial Responsibility: clarus.news | Fact-Check: 2024\n";
        use SentenceKind::*;
        assert_eq!(
            kinds(text),
            [
                (Body, "Microsoft invested $1 billion in OpenAI.".into()),
                (
                    Boilerplate,
                    "Ask Aime: What's the future of Sam Altman and Satya Nadella's partnership?"
                        .into()
                ),
                (Body, "Nadella has made Copilot a priority.".into()),
                (
                    Boilerplate,
                    "For more news and insights, visit AI News on our website.".into()
                ),
                (
                    Boilerplate,
                    "Lesen Sie auch: Nvidia investiert in OpenAI".into()
                ),
                (Boilerplate, "Foto: dpa".into()),
                (Boilerplate, "Related News".into()),
                (
                    Boilerplate,
                    "Dieser Artikel wurde mit Unterstützung von KI erstellt.".into()
                ),
                (Boilerplate, "Redaktion: Max Muster".into()),
                (
                    Boilerplate,
                    "This text was created with the support of an AI model.".into()
                ),
                (
                    Boilerplate,
                    "Editorial Responsibility: clarus.news | Fact-Check: 2024".into()
                ),
            ]
        );
    }

    #[test]
    fn a_link_marks_only_its_own_sentence() {
        let text = "Die Änderung sorgte für Ärger. Rust sales grew 74% when we added female models pic.twitter.com/oOo10gTVc2 Newman meint, dass dieser Anstieg kein Zufall wäre.\n";
        use SentenceKind::*;
        assert_eq!(
            kinds(text),
            [
                (Body, "Die Änderung sorgte für Ärger.".into()),
                (
                    Boilerplate,
                    "Rust sales grew 74% when we added female models pic.twitter.com/oOo10gTVc2"
                        .into()
                ),
                (
                    Body,
                    "Newman meint, dass dieser Anstieg kein Zufall wäre.".into()
                ),
            ]
        );
    }

    #[test]
    fn the_patterns_compile() {
        let patterns = &*super::PATTERNS;
        assert!(patterns.sentence.len() >= 4);
        assert!(patterns.to_line_end.len() >= 10);
        assert_eq!(patterns.byline.len(), 2);
        assert_eq!(patterns.post_marker.len(), 4);
    }
}
