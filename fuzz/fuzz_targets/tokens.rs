//! Sentence splitting and the token layer on arbitrary text, as extraction
//! runs them: `ingest::parse_in` (lines, list markers, abbreviation-aware
//! splitting, boilerplate) ─► `nlp::Pipeline::analyze` over every sentence
//! with the built-in lexicon's gazetteer (tokenize, UPOS tagger, lemmas,
//! chunks, named entities).
//!
//! The first input byte picks English or German, the rest is the text (bytes
//! that are not UTF-8 are skipped). Checks what every later stage relies on:
//! sentences and words inside the text, on character boundaries and in order,
//! code-point offsets that count the text's characters, one tag and one lemma
//! per word, chunks and entities inside one sentence's words.

#![no_main]

#[path = "shared/article.rs"]
mod article;

use libfuzzer_sys::fuzz_target;
use newsgraph::extract::Extractor;
use newsgraph::ingest;
use newsgraph::nlp::Pipeline;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::builtin);

fuzz_target!(|data: &[u8]| {
    let Some((language, text)) = article::split(data) else {
        return;
    };
    let doc = ingest::parse_in("fuzz", text, language);
    assert_eq!(doc.text, text, "parse_in keeps the text");
    let mut spans = Vec::with_capacity(doc.sentences.len());
    let mut previous_end = 0;
    for s in &doc.sentences {
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "{s:?} outside the text"
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{s:?} not on character boundaries"
        );
        assert!(
            s.start >= previous_end,
            "{s:?} overlaps the sentence before it"
        );
        previous_end = s.end;
        spans.push((s.start, s.end));
    }

    let nlp = Pipeline::builtin().expect("the committed models load");
    let a = nlp.analyze(text, &spans, language, &EXTRACTOR.gazetteer());
    assert_eq!(
        a.sentences.len(),
        spans.len(),
        "one word range per sentence"
    );
    assert_eq!(a.upos.len(), a.len(), "one tag per word");
    let mut next = 0;
    for (&(first, last), &(start, end)) in a.sentences.iter().zip(&spans) {
        assert!(
            first == next && first <= last,
            "word ranges follow each other"
        );
        next = last;
        for t in &a.tokens[first..last] {
            assert!(
                start <= t.start && t.start <= t.end && t.end <= end,
                "{t:?} outside its sentence {start}..{end}"
            );
            assert!(
                text.is_char_boundary(t.start) && text.is_char_boundary(t.end),
                "{t:?} not on character boundaries"
            );
        }
    }
    assert_eq!(next, a.len(), "every word belongs to a sentence");
    // Words in text order (a contraction's two words share one span), and
    // code-point offsets counted over the text.
    let mut chars = 0;
    let mut byte = 0;
    for (i, t) in a.tokens.iter().enumerate() {
        assert!(
            t.start >= byte,
            "word {i} {t:?} starts before the word before it"
        );
        chars += text[byte..t.start].chars().count();
        byte = t.start;
        assert_eq!(t.char_start, chars, "word {i} {t:?}");
        assert_eq!(
            t.char_end,
            chars + text[t.start..t.end].chars().count(),
            "word {i} {t:?}"
        );
        let _ = a.form(text, i);
        let _ = a.lemma(i);
    }
    let sentence_of = |word: usize| a.sentences.iter().position(|&(f, l)| f <= word && word < l);
    for c in &a.chunks {
        assert!(c.start < c.end && c.end <= a.len(), "{c:?}");
        assert!(c.start <= c.head && c.head < c.end, "{c:?} head outside");
        assert_eq!(
            sentence_of(c.start),
            sentence_of(c.end - 1),
            "{c:?} spans sentences"
        );
    }
    for e in &a.entities {
        assert!(e.start < e.end && e.end <= a.len(), "{e:?}");
        assert_eq!(
            sentence_of(e.start),
            sentence_of(e.end - 1),
            "{e:?} spans sentences"
        );
    }
});
