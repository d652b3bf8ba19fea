//! The canned queries stay index-driven on a real store: built from the BBC
//! business articles (510 articles, about 60k quads) under ../shared/corpora
//! (skipped with a message when absent), every query in `queries/` must finish
//! within a generous multiple of a full scan of the same store in the same run.
//!
//! A ratio, not an absolute time, so the bound holds on slow and busy machines;
//! it is what a planner falling back to a cross product breaks (a leaders query
//! that joined the direct triples before the claims took 200 times the scan here).

use crate::util::{canned_queries, newsgraph, ok, repo};
use std::path::Path;
use std::time::{Duration, Instant};

/// How many times the scan's time a canned query may take.
const MAX_RATIO: u32 = 25;

/// The fastest of three runs of `newsgraph query` on `query`.
fn fastest(dir: &Path, store: &str, query: &Path) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            ok(newsgraph(dir)
                .args(["query", "--format", "tsv", "--store", store])
                .arg(query));
            start.elapsed()
        })
        .min()
        .expect("three runs")
}

#[test]
fn canned_queries_take_a_bounded_multiple_of_a_full_scan() {
    let articles = repo().join("../shared/corpora/bbc-news/bbc/business");
    if !articles.is_dir() {
        eprintln!(
            "skipped: {} is absent (the BBC News corpus of ../shared/corpora)",
            articles.display()
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store").display().to_string();
    ok(newsgraph(dir.path())
        .args(["build", "--quiet", "--no-exports", "--store", &store])
        .arg(&articles));
    let scan = dir.path().join("scan.rq");
    std::fs::write(&scan, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n").unwrap();
    let baseline = fastest(dir.path(), &store, &scan);
    let slow: Vec<String> = canned_queries()
        .iter()
        .map(|q| (q, fastest(dir.path(), &store, q)))
        .filter(|(_, t)| *t > baseline * MAX_RATIO)
        .map(|(q, t)| format!("{}: {t:?}", q.display()))
        .collect();
    assert!(
        slow.is_empty(),
        "queries slower than {MAX_RATIO} x the full scan ({baseline:?}):\n{}",
        slow.join("\n")
    );
}
