//! `newsgraph eval` on token-layer sets: CoNLL-U treebanks, Universal NER IOB2
//! and GermEval 2014 TSV, scored on the files' own words. Small fixtures of
//! invented sentences (tests/data/tokens/) with exact counts, and the real dev
//! files under ../shared/corpora when they are present (skipped with a message
//! otherwise). Only what holds for any model is asserted: counts of sentences,
//! words and gold names, the scheme's types, the fields of the report; never an
//! accuracy, which moves when the models are retrained.

use crate::util::{newsgraph, ok, repo, run, stderr};
use serde_json::Value;
use std::path::{Path, PathBuf};

const TREEBANK: &str = "tests/data/tokens/invented.conllu";
const IOB2: &str = "tests/data/tokens/invented.iob2";
const GERMEVAL: &str = "tests/fixtures/sets/germeval.tsv";

fn eval_json(args: &[&str], path: &Path) -> Value {
    let out = ok(newsgraph(&repo())
        .args(["eval", "--json"])
        .args(args)
        .arg(path));
    serde_json::from_str(&out).expect("one JSON object")
}

/// Per type: (gold names, predicted names) = (TP + FN, TP + FP).
fn names(report: &Value, ty: &str) -> (u64, u64) {
    let t = report["per_type"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["type"] == ty)
        .unwrap_or_else(|| panic!("no {ty} in {report}"));
    let n = |k: &str| t[k].as_u64().unwrap();
    (
        n("true_positives") + n("false_negatives"),
        n("true_positives") + n("false_positives"),
    )
}

fn types(report: &Value, field: &str) -> Vec<String> {
    report[field]
        .as_array()
        .unwrap_or_else(|| panic!("no {field} in {report}"))
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect()
}

fn assert_fraction(report: &Value, field: &str) {
    let x = report[field]
        .as_f64()
        .unwrap_or_else(|| panic!("no {field} in {report}"));
    assert!((0.0..=1.0).contains(&x), "{field} {x}");
}

#[test]
fn a_treebank_is_scored_on_its_own_words() {
    let r = eval_json(&[], &repo().join(TREEBANK));
    assert_eq!(r["set"], "CoNLL-U treebank");
    assert_eq!(r["kind"], "treebank");
    assert_eq!(r["language"], "en");
    // Three sentences; "don't" is one multiword line over two words ("do", "n't").
    assert_eq!(r["sentences"], 3);
    assert_eq!(r["words"], 34);
    assert_eq!(r["skipped"], 0);
    assert_eq!(r["skipped_reason"], Value::Null);
    assert_fraction(&r, "upos_accuracy");
    assert_fraction(&r, "lemma_accuracy");
    let per_upos: Vec<(String, u64)> = r["per_upos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["upos"].as_str().unwrap().to_string(),
                u["words"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("NOUN", 7),
        ("DET", 5),
        ("VERB", 5),
        ("ADJ", 3),
        ("PRON", 3),
        ("PUNCT", 3),
        ("ADP", 2),
        ("AUX", 2),
        ("PROPN", 2),
        ("PART", 1),
        ("SCONJ", 1),
    ];
    let expected: Vec<(String, u64)> = expected.iter().map(|(u, n)| (u.to_string(), *n)).collect();
    assert_eq!(per_upos, expected);

    let text = ok(newsgraph(&repo()).args(["eval", TREEBANK]));
    assert!(text.contains("CoNLL-U treebank (en)"), "{text}");
    assert!(text.contains("3 sentences, 34 words scored"), "{text}");
    assert!(text.contains("no sentence left out"), "{text}");
    assert!(text.contains("gold UPOS"), "{text}");
}

#[test]
fn files_are_recognised_by_content_whatever_their_names() {
    let dir = tempfile::tempdir().unwrap();
    let treebank = dir.path().join("notes.txt");
    std::fs::copy(repo().join(TREEBANK), &treebank).unwrap();
    let names = dir.path().join("export.tsv");
    std::fs::copy(repo().join(IOB2), &names).unwrap();
    let r = eval_json(&[], &treebank);
    assert_eq!(r["kind"], "treebank");
    assert_eq!(r["words"], 34);
    let r = eval_json(&[], &names);
    assert_eq!(r["kind"], "ner");
    assert_eq!(r["sentences"], 4);
}

#[test]
fn iob2_names_are_scored_strictly_on_the_file_types() {
    let r = eval_json(&[], &repo().join(IOB2));
    assert_eq!(r["set"], "IOB2 named entities");
    assert_eq!(r["kind"], "ner");
    assert_eq!(r["language"], "en");
    assert_eq!(r["sentences"], 4);
    assert_eq!(r["skipped"], 0);
    assert_eq!(types(&r, "types"), ["LOC", "ORG", "PER"]);
    // The English model also learns other names (OTH), which UNER's released files do not tag.
    assert_eq!(types(&r, "dropped_types"), ["OTH"]);
    assert_eq!(names(&r, "PER").0, 3);
    assert_eq!(names(&r, "ORG").0, 2);
    assert_eq!(names(&r, "LOC").0, 3);
    for f in ["precision", "recall", "f1"] {
        assert_fraction(&r, f);
    }
    let n = |k: &str| r[k].as_u64().unwrap();
    assert_eq!(n("true_positives") + n("false_negatives"), 8);
    // Every miss and false positive is listed, with its sentence.
    let errors = r["errors"].as_array().unwrap();
    assert_eq!(
        errors.len() as u64,
        n("false_positives") + n("false_negatives")
    );
    for e in errors {
        assert!(e["sentence"].as_str().unwrap().starts_with("ner-"), "{e}");
        assert!(!e["context"].as_str().unwrap().is_empty(), "{e}");
    }

    let details = ok(newsgraph(&repo()).args(["eval", IOB2]));
    assert!(details.contains("misses ("), "{details}");
    assert!(details.contains("false positives ("), "{details}");
    let summary = ok(newsgraph(&repo()).args(["eval", "--summary", IOB2]));
    assert!(summary.contains("4 sentences scored"), "{summary}");
    assert!(!summary.contains("misses ("), "{summary}");
}

#[test]
fn the_model_types_the_file_lacks_are_dropped_and_named() {
    // The German model on an English file of PER, ORG and LOC: its OTH and
    // deriv/part types have nothing to match and are left out.
    let r = eval_json(&["--language", "de"], &repo().join(IOB2));
    assert_eq!(r["language"], "de");
    let nlp = newsgraph::nlp::Pipeline::builtin().unwrap();
    let german = nlp.models(newsgraph::model::Language::German).ner.types();
    let expected: Vec<String> = german
        .iter()
        .filter(|t| !["LOC", "ORG", "PER"].contains(&t.as_str()))
        .cloned()
        .collect();
    assert!(expected.contains(&"OTH".to_string()), "{german:?}");
    assert_eq!(types(&r, "dropped_types"), expected);
    assert_eq!(types(&r, "types"), ["LOC", "ORG", "PER"]);
    let text = ok(newsgraph(&repo()).args(["eval", "--language", "de", "--summary", IOB2]));
    assert!(
        text.contains("dropped before scoring (the model's types this file does not have): ")
            && text.contains("OTH"),
        "{text}"
    );
}

#[test]
fn germeval_scores_every_class_of_its_scheme() {
    let r = eval_json(&[], &repo().join(GERMEVAL));
    assert_eq!(r["set"], "GermEval 2014 NER");
    assert_eq!(r["kind"], "germeval");
    assert_eq!(r["language"], "de");
    assert_eq!(r["sentences"], 2);
    assert_eq!(r["skipped"], 0);
    // The whole scheme is scored, also the classes this small file has no name of.
    assert_eq!(types(&r, "types").len(), 12);
    assert_eq!(types(&r, "dropped_types"), Vec::<String>::new());
    // "Hans Eichel", "Deutschen Bank" and "Bundesamt für Gesundheit", Berlin and
    // Bern, and the ORGpart "EU-Kommission", which is judged like any name.
    assert_eq!(names(&r, "PER").0, 1);
    assert_eq!(names(&r, "ORG").0, 2);
    assert_eq!(names(&r, "LOC").0, 2);
    assert_eq!(names(&r, "ORGpart").0, 1);
    assert_eq!(names(&r, "OTH").0, 0);
}

#[test]
fn every_set_report_has_its_scores_at_the_top_level() {
    let r = eval_json(&[], &repo().join("tests/fixtures/sets/wiss.json"));
    for f in ["precision", "recall", "f1"] {
        assert_eq!(r[f], r["overall"][f], "{f}");
        assert_fraction(&r, f);
    }
    assert!(r["per_property"].is_array());
}

#[test]
fn broken_files_are_named_with_the_line_and_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "columns.conllu",
            "1\tMira\tMira\tPROPN\t_\t_\t0\troot\t_\t_\n2\tsings\tsing\tVERB\n\n",
            "columns.conllu:2: a CoNLL-U line has 10 tab-separated columns, this one 4",
        ),
        (
            "upos.conllu",
            "1\tMira\tMira\tNAME\t_\t_\t0\troot\t_\t_\n\n",
            "upos.conllu:1: unknown UPOS tag \"NAME\"",
        ),
        (
            "tag.iob2",
            "1\tMira\tB-PER\n2\tsings\tVERB\n\n",
            "tag.iob2:2: the tag \"VERB\" is neither O nor B-/I- and a type",
        ),
    ];
    for (name, text, message) in cases {
        std::fs::write(dir.path().join(name), text).unwrap();
        let out = run(newsgraph(dir.path()).args(["eval", name]));
        assert!(!out.status.success(), "{name}");
        assert_eq!(stderr(&out).trim(), format!("error: {message}"));
    }
    // Named with --set, a file of another format fails on its first line.
    let out = run(newsgraph(&repo()).args(["eval", "--set", "treebank", IOB2]));
    assert!(!out.status.success());
    assert!(
        stderr(&out)
            .contains("invented.iob2:3: a CoNLL-U line has 10 tab-separated columns, this one 5"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_language_other_than_english_or_german_must_be_named() {
    let dir = tempfile::tempdir().unwrap();
    let text = "1\tLe\tle\tDET\t_\t_\t2\tdet\t_\t_\n2\tconseil\tconseil\tNOUN\t_\t_\t3\tnsubj\t_\t_\n3\ta\tavoir\tAUX\t_\t_\t0\troot\t_\t_\n4\tdit\tdire\tVERB\t_\t_\t3\txcomp\t_\t_\n5\tque\tque\tSCONJ\t_\t_\t4\tmark\t_\t_\n6\tles\tle\tDET\t_\t_\t7\tdet\t_\t_\n7\tbateaux\tbateau\tNOUN\t_\t_\t4\tobj\t_\t_\n8\tpartiront\tpartir\tVERB\t_\t_\t4\tccomp\t_\t_\n9\tavec\tavec\tADP\t_\t_\t10\tcase\t_\t_\n10\tla\tle\tDET\t_\t_\t11\tdet\t_\t_\n11\tmarée\tmarée\tNOUN\t_\t_\t8\tobl\t_\t_\n\n";
    std::fs::write(dir.path().join("fr.conllu"), text).unwrap();
    let out = run(newsgraph(dir.path()).args(["eval", "fr.conllu"]));
    assert!(!out.status.success());
    assert_eq!(
        stderr(&out).trim(),
        "error: fr.conllu: cannot tell whether its words are English or German; name the language with --language en|de"
    );
    let r = eval_json(&["--language", "en"], &dir.path().join("fr.conllu"));
    assert_eq!(r["language"], "en");
    assert_eq!(r["words"], 11);
}

/// A dev file of the shared corpora, when this checkout sits beside them.
fn corpus(path: &str) -> Option<PathBuf> {
    let p = repo().join("../shared/corpora").join(path);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent", p.display());
        None
    }
}

#[test]
fn ewt_dev_treebank_is_read_whole() {
    let Some(p) = corpus("ud/en_ewt/en_ewt-ud-dev.conllu.gz") else {
        return;
    };
    let r = eval_json(&[], &p);
    assert_eq!(r["language"], "en");
    assert_eq!(r["sentences"], 2001);
    assert_eq!(r["words"], 25147);
    assert_eq!(r["skipped"], 0);
    let per_upos = r["per_upos"].as_array().unwrap();
    assert_eq!(per_upos.len(), 17);
    let words: u64 = per_upos.iter().map(|u| u["words"].as_u64().unwrap()).sum();
    assert_eq!(words, 25147);
    assert_fraction(&r, "upos_accuracy");
    assert_fraction(&r, "lemma_accuracy");
}

#[test]
fn uner_ewt_dev_names_are_all_scored() {
    let Some(p) = corpus("uner/en_ewt/en_ewt-ud-dev.iob2.gz") else {
        return;
    };
    let r = eval_json(&["--summary"], &p);
    assert_eq!(r["language"], "en");
    assert_eq!(r["sentences"], 2001);
    assert_eq!(r["skipped"], 0);
    assert_eq!(types(&r, "types"), ["LOC", "ORG", "PER"]);
    assert_eq!(names(&r, "LOC").0, 399);
    assert_eq!(names(&r, "ORG").0, 224);
    assert_eq!(names(&r, "PER").0, 343);
}

#[test]
fn germeval_dev_is_scored_on_its_held_back_fifth() {
    let Some(p) = corpus("germeval2014/NER-de-dev.tsv") else {
        return;
    };
    let r = eval_json(&["--summary"], &p);
    assert_eq!(r["kind"], "germeval");
    assert_eq!(r["language"], "de");
    // 2,200 sentences: the models learn 1,760, every fifth is held back and scored.
    assert_eq!(r["sentences"], 440);
    assert_eq!(r["skipped"], 1760);
    let reason = r["skipped_reason"].as_str().unwrap();
    assert!(reason.contains("multiple of 5"), "{reason}");
    assert_eq!(types(&r, "types").len(), 12);
    let gold = [
        ("LOC", 133),
        ("LOCderiv", 44),
        ("LOCpart", 13),
        ("ORG", 102),
        ("ORGderiv", 0),
        ("ORGpart", 19),
        ("OTH", 49),
        ("OTHderiv", 4),
        ("OTHpart", 5),
        ("PER", 154),
        ("PERderiv", 1),
        ("PERpart", 3),
    ];
    for (ty, n) in gold {
        assert_eq!(names(&r, ty).0, n, "{ty}");
    }
}
