//! `newsgraph eval` on public gold set formats: small fixtures written for these
//! tests (tests/fixtures/sets/) with exact expectations, and the real sets under
//! ../shared/corpora when they are present (skipped with a message otherwise).

use crate::util::{newsgraph, ok, repo, run, stderr};
use serde_json::Value;
use std::path::PathBuf;

fn eval_json(path: &str) -> Value {
    let out = ok(newsgraph(&repo()).args(["eval", "--json", path]));
    serde_json::from_str(&out).expect("JSON report")
}

fn counts(report: &Value, property: &str) -> (u64, u64, u64) {
    let p = report["per_property"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["property"] == property)
        .unwrap_or_else(|| panic!("no {property} in {report}"));
    (
        p["true_positives"].as_u64().unwrap(),
        p["false_positives"].as_u64().unwrap(),
        p["false_negatives"].as_u64().unwrap(),
    )
}

#[test]
fn knowledgenet_passages_are_scored_by_span_overlap() {
    let r = eval_json("tests/fixtures/sets/knowledgenet");
    assert_eq!(r["set"], "KnowledgeNet");
    assert_eq!(r["cases"], 2);
    assert_eq!(counts(&r, "CEO"), (1, 0, 0));
    // Redmond and Washington, as KnowledgeNet marks both the city and the state.
    assert_eq!(counts(&r, "HEADQUARTERS"), (2, 0, 0));
    assert_eq!(r["misses"].as_array().unwrap().len(), 0);
}

#[test]
fn labelled_pairs_are_the_scope_of_pair_sets() {
    let r = eval_json("tests/fixtures/sets/wiss.json");
    assert_eq!(r["set"], "WissenschaftsSTANDARD");
    // Zeilinger leads the institute, which is in Vienna; the pair Zeilinger–Wien
    // is labelled "no relation" and nothing is predicted for it.
    assert_eq!(counts(&r, "director"), (1, 0, 0));
    assert_eq!(counts(&r, "located in"), (1, 0, 0));
    assert_eq!(r["overall"]["false_positives"], 0);
    assert_eq!(r["misses"].as_array().unwrap().len(), 0);
}

#[test]
fn a_set_named_with_set_must_parse_as_that_set() {
    let out = run(newsgraph(&repo()).args([
        "eval",
        "--set",
        "smartdata",
        "tests/fixtures/sets/germeval.tsv",
    ]));
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("germeval.tsv") && err.contains("line 1"),
        "{err}"
    );
}

/// The shared corpora, when this checkout sits beside them.
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
fn the_real_sets_are_read_whole() {
    let sets = [
        ("knowledgenet", 4293),
        ("smartdata/v3_dev.jsonl.gz", 228),
        (
            "wissenschaftsstandard/wissenschaftsstandard.dev70.json",
            678,
        ),
        ("dfki-product/v2_dev.pairs.jsonl.gz", 106),
    ];
    for (path, cases) in sets {
        let Some(p) = corpus(path) else { continue };
        let out = ok(newsgraph(&repo())
            .args(["eval", "--json", "--summary"])
            .arg(&p));
        let r: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(r["cases"], cases, "{path}");
    }
}

#[test]
fn pair_sets_can_give_the_extractor_their_entities() {
    let path = "tests/fixtures/sets/products.pairs.jsonl";
    // On its own the extractor reads "rack power units" as a product by where it
    // stands (after "offers").
    let found = eval_json(path);
    assert_eq!(found["given_entities"], false);
    assert_eq!(counts(&found, "CompanyProvidesProduct"), (2, 0, 0));
    // Given the set's entities, "X offers A and B" is read for both products.
    let out = ok(newsgraph(&repo()).args(["eval", "--json", "--given-entities", path]));
    let given: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(given["given_entities"], true);
    assert_eq!(counts(&given, "CompanyProvidesProduct"), (2, 0, 0));
}

#[test]
fn unreadable_gold_gets_one_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(newsgraph(dir.path()).args(["eval", "missing.jsonl"]));
    assert!(!out.status.success());
    assert_eq!(
        stderr(&out).trim(),
        "error: missing.jsonl: no such file or folder"
    );
    std::fs::create_dir(dir.path().join("notaset")).unwrap();
    let out = run(newsgraph(dir.path()).args(["eval", "notaset"]));
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("notaset: not a gold set newsgraph knows; name it with --set"),
        "{}",
        stderr(&out)
    );
}
