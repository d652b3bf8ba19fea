//! Inputs the fuzz targets (fuzz/fuzz_targets/) found crashing, each fed
//! through the function its target calls, with the behaviour that is right
//! for it. The inputs are stored as the fuzzer found them (minimized) under
//! fuzz/regressions/TARGET/: the first byte is the target's selector, the
//! rest its input, so `cargo fuzz run TARGET fuzz/regressions/TARGET/NAME`
//! replays one.

use crate::util::repo;
use newsgraph::eval::sets::{self, SetError, SetKind, SetOptions};
use newsgraph::extract::Extractor;
use newsgraph::ingest;
use newsgraph::model::Language;
use newsgraph::nlp::{NoGazetteer, Pipeline};
use std::path::PathBuf;

/// A stored regression input: its selector byte and the rest.
fn regression(target: &str, name: &str) -> (u8, Vec<u8>) {
    let path = repo().join("fuzz/regressions").join(target).join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (&selector, rest) = bytes.split_first().expect("a selector byte");
    (selector, rest.to_vec())
}

/// The gold target's input written to a file, as the readers take paths.
fn gold_file(dir: &tempfile::TempDir, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join("fold1.jsonl");
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_gold_span_that_ends_before_it_starts_is_a_format_error() {
    let (selector, bytes) = regression("gold", "knowledgenet_reversed_span");
    assert_eq!(selector, 3, "the KnowledgeNet reader");
    let dir = tempfile::tempdir().unwrap();
    let path = gold_file(&dir, &bytes);
    let error = sets::evaluate(
        SetKind::Knowledgenet,
        &path,
        &Extractor::builtin(),
        SetOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(error, SetError::Format { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        format!(
            "{}: case 9/9:0: the subject of a CEO fact spans characters 30..24, \
             not inside its text of 25 characters",
            path.display()
        )
    );
}

#[test]
fn a_blank_text_too_short_for_the_stand_in_subject_keeps_its_text() {
    let (selector, bytes) = regression("gold", "knowledgenet_stand_in_short_text");
    assert_eq!(
        selector, 23,
        "the KnowledgeNet reader with a stand-in subject"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = gold_file(&dir, &bytes);
    let options = SetOptions {
        stand_in_subject: true,
        ..SetOptions::default()
    };
    let report = sets::evaluate(SetKind::Knowledgenet, &path, &Extractor::builtin(), options)
        .expect("a blank passage is scored");
    // One passage, nothing to find in two spaces and nothing found.
    assert_eq!(report.cases, 1);
    assert_eq!(
        (
            report.overall.true_positives,
            report.overall.false_positives,
            report.overall.false_negatives
        ),
        (0, 0, 0)
    );
}

#[test]
fn gold_texts_keep_their_line_breaks_and_offsets() {
    let (selector, bytes) = regression("tokens", "crlf_line_breaks");
    assert_eq!(selector % 2, 0, "English");
    let text = String::from_utf8(bytes).unwrap();
    let doc = ingest::parse_in("fuzz", &text, Language::English);
    assert_eq!(doc.text, text);
    let sentences: Vec<(usize, usize)> = doc.sentences.iter().map(|s| (s.start, s.end)).collect();
    assert_eq!(sentences, [(0, 17), (19, 37), (38, 46)]);
    let nlp = Pipeline::builtin().unwrap();
    let a = nlp.analyze(&text, &sentences, Language::English, &NoGazetteer);
    let she = a.tokens.iter().find(|t| t.form(&text) == "She").unwrap();
    let he = a.tokens.iter().find(|t| t.form(&text) == "He").unwrap();
    assert_eq!((she.start, she.char_start), (19, 19));
    assert_eq!((he.start, he.char_start), (38, 38));
}
