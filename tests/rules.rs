//! `newsgraph rules` on the seed articles: how often each relation rule fires,
//! dead rules listed with 0, the `+agent` suffix folded into the rule id, the
//! sample picked by path order, and the filters.

use crate::util::{newsgraph, ok, run, stderr, with_seeds};
use serde_json::Value;

/// The report's entry for a rule id.
fn rule<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("{id} is not in the report"))
}

#[test]
fn rules_counts_what_each_rule_does_on_the_seeds() {
    let dir = with_seeds();
    let out = ok(newsgraph(dir.path()).args(["rules", "seeds", "--sample", "1", "--json"]));
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["files"], 5);
    assert_eq!(report["languages"]["en"], 4);
    assert_eq!(report["languages"]["de"], 1);

    // "the partnership between Microsoft and OpenAI", over and over.
    let between = rule(&report, "en.partnersWith.between");
    assert_eq!(between["kind"], "regex");
    assert_eq!(between["relation"], "partnersWith");
    assert_eq!(between["claims"], 17);
    assert_eq!(between["sentences"], 17);
    assert_eq!(between["articles"], 4);
    // One sample: the middle one of the 17 sentences in path order.
    let samples = between["samples"].as_array().unwrap();
    assert_eq!(samples.len(), 1);
    assert_eq!(samples[0]["article"], "seeds/004_980dab4f1c2ab722.txt");
    assert_eq!(samples[0]["sentence"], 31);
    assert_eq!(samples[0]["claims"][0], "Microsoft partnersWith OpenAI");

    // A role rule keeps the relation its file names; its claims name the real one.
    let role = rule(&report, "de.role.apposition");
    assert_eq!(role["relation"], "role");
    assert_eq!(role["claims"], 3);

    // The claim of this rule is `en.acquired.participle_team+agent` (Nadella's
    // acquisition lifted to Microsoft): counted under the rule's own id.
    let team = rule(&report, "en.acquired.participle_team");
    assert_eq!(team["claims"], 1);
    assert_eq!(
        team["samples"][0]["claims"][0],
        "Microsoft acquired Inflection AI"
    );
    let ids: Vec<&str> = report["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.iter().all(|id| !id.contains('+')), "{ids:?}");
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "sorted by language and id"
    );

    // The token rule about stakes never fires on the seeds: listed with 0.
    let stake = rule(&report, "en.investsIn.stake_in");
    assert_eq!(stake["kind"], "tokens");
    assert_eq!(stake["claims"], 0);
    assert_eq!(stake["sentences"], 0);
    assert_eq!(stake["articles"], 0);
    assert!(stake["samples"].as_array().unwrap().is_empty());
}

#[test]
fn rules_keeps_to_the_prefix_and_language_asked_for() {
    let dir = with_seeds();
    let out = ok(newsgraph(dir.path()).args([
        "rules",
        "seeds",
        "--rule",
        "de.investsIn.",
        "--language",
        "de",
        "--sample",
        "0",
    ]));
    assert!(out.starts_with("5 articles read in ",), "{out}");
    assert!(
        out.contains(": 1 extracted (1 de), 4 skipped (other language), 0 unreadable\n"),
        "{out}"
    );
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("│ ")).collect();
    assert!(rows.len() > 1, "{out}");
    assert!(
        rows[1..].iter().all(|l| l.contains("┆ de.investsIn.")),
        "{out}"
    );
    assert!(
        rows.iter()
            .any(|l| l.contains("de.investsIn.haben_investiert")
                && l.ends_with("4 ┆         2 ┆        1 │")),
        "{out}"
    );
    // --sample 0: the table only.
    assert!(out.ends_with("┘\n"), "{out}");
}

#[test]
fn rules_without_folders_or_corpora_says_to_pass_folders() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(newsgraph(dir.path()).arg("rules"));
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("pass article folders"),
        "{}",
        stderr(&out)
    );
}
