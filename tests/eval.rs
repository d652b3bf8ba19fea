//! `newsgraph eval` on the seed gold (a copy of ../shared/gold in tests/gold).

use crate::util::{newsgraph, ok, repo, seed_graph};

fn f1(report: &serde_json::Value, language: Option<&str>) -> f64 {
    match language {
        None => report["overall"]["f1"].as_f64().unwrap(),
        Some(l) => report["per_language"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["language"] == l)
            .unwrap_or_else(|| panic!("no {l} in {report}"))["f1"]
            .as_f64()
            .unwrap(),
    }
}

#[test]
fn seed_gold_f1_meets_the_bar_overall_and_in_german() {
    let gold = repo().join("tests/gold/seeds.tsv");
    let out = ok(newsgraph(&repo())
        .args(["eval", "--json", "--docs", "seeds"])
        .arg(&gold));
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["docs_scored"], 5);
    let overall = f1(&report, None);
    let german = f1(&report, Some("German"));
    assert!(overall >= 0.85, "overall F1 {overall}");
    assert!(german >= 0.70, "German F1 {german}");
}

#[test]
fn eval_of_the_store_scores_what_the_build_stored() {
    let gold = repo().join("tests/gold/seeds.tsv");
    let from_docs: serde_json::Value = serde_json::from_str(&ok(newsgraph(&repo())
        .args(["eval", "--json", "--docs", "seeds"])
        .arg(&gold)))
    .unwrap();
    let from_store: serde_json::Value = serde_json::from_str(&ok(newsgraph(seed_graph())
        .args(["eval", "--json"])
        .arg(&gold)))
    .unwrap();
    assert_eq!(from_docs["overall"], from_store["overall"]);
}

#[test]
fn the_text_report_lists_misses_and_false_positives_with_sentences() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("gold.tsv"),
        "doc\tsubject\tpredicate\tobject\tstatus\n\
         003_878f3f8685ed7ceb\tApple\tinvestsIn\tOpenAI\trequired\n\
         003_878f3f8685ed7ceb\tSam Altman\tleads\tOpenAI\trequired\n",
    )
    .unwrap();
    let out = ok(newsgraph(&repo())
        .args(["eval", "--docs", "seeds"])
        .arg(dir.path().join("gold.tsv")));
    assert!(out.contains("Apple investsIn OpenAI"), "{out}");
    assert!(
        out.contains(
            "Apple investierte nicht direkt, arbeitet aber strategisch mit OpenAI zusammen."
        ),
        "{out}"
    );
    assert!(out.contains("False positives"), "{out}");
}
