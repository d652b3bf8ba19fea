//! `newsgraph build` on the seed articles: what it writes, and what a rebuild does.

use crate::util::{exported_trig, newsgraph, ok, run, seed_graph, seed_store, stderr, with_seeds};
use std::fs;

#[test]
fn build_writes_the_store_and_every_export() {
    let dir = seed_graph();
    for f in ["graph.ttl", "graph.trig", "graph.dot", "graph.svg"] {
        let p = dir.join("output").join(f);
        assert!(
            fs::metadata(&p).map(|m| m.len() > 1000).unwrap_or(false),
            "{} missing or empty",
            p.display()
        );
    }
    assert!(
        dir.join("output/store/CURRENT").exists(),
        "the RocksDB store exists"
    );
    let rows = ok(newsgraph(dir).args([
        "query",
        "--format",
        "tsv",
        "-e",
        "SELECT ?file ?lang WHERE { ?d a schema:NewsArticle ; schema:isBasedOn ?file ; schema:inLanguage ?lang } ORDER BY ?file",
    ]));
    assert_eq!(
        rows,
        "?file\t?lang\n\"000_a29f32fd67d13242.txt\"\t\"en\"\n\"001_9c94d7e71eb5e183.txt\"\t\"en\"\n\"002_ba3d73b501f12d56.txt\"\t\"en\"\n\"003_878f3f8685ed7ceb.txt\"\t\"de\"\n\"004_980dab4f1c2ab722.txt\"\t\"en\"\n"
    );
}

#[test]
fn summary_reports_what_was_built() {
    let dir = with_seeds();
    let out = run(newsgraph(dir.path()).args(["build", "--json"]));
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"], 5);
    assert_eq!(report["extracted"], 5);
    assert_eq!(report["unchanged"], 0);
    assert_eq!(report["languages"]["English"], 4);
    assert_eq!(report["languages"]["German"], 1);
    assert_eq!(report["articles"], 5);
    assert!(report["facts"].as_u64().unwrap() >= 30, "{report}");
}

#[test]
fn claims_keep_evidence_offsets_into_the_article_text() {
    let rows = ok(newsgraph(seed_graph()).args([
        "query",
        "--format",
        "tsv",
        "--store",
        &seed_store(),
        "-e",
        "SELECT ?evidence ?start ?end ?text WHERE { ?c a ng:Claim ; ng:evidence ?evidence ; ng:start ?start ; ng:end ?end ; prov:wasDerivedFrom ?d . ?d ng:text ?text }",
    ]));
    let mut checked = 0;
    for line in rows.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let unquote = |s: &str| -> String {
            let inner = s
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .unwrap_or(s);
            inner
                .replace("\\n", "\n")
                .replace("\\\"", "\"")
                .replace("\\\\", "\\")
        };
        let number = |s: &str| -> usize { s.split("^^").next().unwrap().parse().unwrap() };
        let evidence = unquote(cols[0]);
        let (start, end) = (number(cols[1]), number(cols[2]));
        let text: Vec<char> = unquote(cols[3]).chars().collect();
        let slice: String = text[start..end].iter().collect();
        assert_eq!(
            slice, evidence,
            "ng:start/ng:end slice the stored text to the evidence"
        );
        checked += 1;
    }
    assert!(checked > 50, "{checked} claims checked");
}

#[test]
fn a_second_build_skips_unchanged_articles_and_writes_identical_files() {
    let dir = with_seeds();
    ok(newsgraph(dir.path()).args(["build", "--quiet"]));
    let first: Vec<Vec<u8>> = ["graph.ttl", "graph.trig", "graph.dot", "graph.svg"]
        .iter()
        .map(|f| fs::read(dir.path().join("output").join(f)).unwrap())
        .collect();
    let report: serde_json::Value =
        serde_json::from_str(&ok(newsgraph(dir.path()).args(["build", "--json"]))).unwrap();
    assert_eq!(report["unchanged"], 5);
    assert_eq!(report["extracted"], 0);
    let again: Vec<Vec<u8>> = ["graph.ttl", "graph.trig", "graph.dot", "graph.svg"]
        .iter()
        .map(|f| fs::read(dir.path().join("output").join(f)).unwrap())
        .collect();
    assert!(
        first == again,
        "a rebuild of the same inputs writes byte-identical exports"
    );
    // --force extracts everything again and still gives the same graph.
    ok(newsgraph(dir.path()).args(["build", "--quiet", "--force"]));
    let forced = fs::read(dir.path().join("output/graph.trig")).unwrap();
    assert!(forced == first[1], "a forced rebuild gives the same TriG");
}

#[test]
fn a_changed_article_replaces_its_named_graph() {
    let dir = with_seeds();
    ok(newsgraph(dir.path()).args(["build", "--quiet"]));
    let count = |q: &str| -> String {
        let out = ok(newsgraph(dir.path()).args(["query", "--format", "tsv", "-e", q]));
        out.lines().nth(1).unwrap_or("").to_string()
    };
    let apple = "SELECT (COUNT(*) AS ?n) WHERE { ?c ng:subject nge:Apple ; prov:wasDerivedFrom ngd:003_878f3f8685ed7ceb }";
    assert_ne!(
        count(apple),
        "0",
        "the German article says something about Apple"
    );
    let path = dir.path().join("seeds/003_878f3f8685ed7ceb.txt");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("Apple", "Samsung")).unwrap();
    let report: serde_json::Value =
        serde_json::from_str(&ok(newsgraph(dir.path()).args(["build", "--json"]))).unwrap();
    assert_eq!(report["extracted"], 1);
    assert_eq!(report["unchanged"], 4);
    assert_eq!(count(apple), "0", "claims from the old version are gone");
    assert_eq!(
        count("SELECT (COUNT(*) AS ?n) WHERE { { ?s ng:partnersWith nge:OpenAI } UNION { nge:OpenAI ng:partnersWith ?s } GRAPH ngd:entities { ?s rdfs:label ?l } FILTER(CONTAINS(?l, \"Samsung\")) }"),
        "1",
        "the new version is in the graph"
    );
    assert_eq!(
        count("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a schema:NewsArticle }"),
        "5",
        "no article is duplicated"
    );
}

/// A fresh build gathers the entity graph while it writes; a build that adds
/// articles to a store reads the occurrences back from it. Both give one graph.
#[test]
fn a_store_built_in_two_steps_equals_a_fresh_build() {
    let fresh = with_seeds();
    ok(newsgraph(fresh.path()).args(["build", "--quiet"]));
    let stepwise = with_seeds();
    let held = stepwise.path().join("held");
    fs::create_dir(&held).unwrap();
    let later = ["004_980dab4f1c2ab722.txt", "003_878f3f8685ed7ceb.txt"];
    for f in later {
        fs::rename(stepwise.path().join("seeds").join(f), held.join(f)).unwrap();
    }
    ok(newsgraph(stepwise.path()).args(["build", "--quiet"]));
    for f in later {
        fs::rename(held.join(f), stepwise.path().join("seeds").join(f)).unwrap();
    }
    let report: serde_json::Value =
        serde_json::from_str(&ok(newsgraph(stepwise.path()).args(["build", "--json"]))).unwrap();
    assert_eq!(report["extracted"], 2);
    assert_eq!(report["unchanged"], 3);
    let (a, b) = (exported_trig(fresh.path()), exported_trig(stepwise.path()));
    assert!(a.contains("ngd:entities"), "the entity graph is exported");
    assert!(a == b, "the same TriG from a fresh and a stepwise build");
}

/// A build that replaces one article and prunes another updates only the
/// entities they name, and ends with the entity graph a fresh build of the
/// remaining articles writes (counts, labels and all).
#[test]
fn replacing_and_pruning_articles_gives_the_entity_graph_of_a_fresh_build() {
    let edited = "004_980dab4f1c2ab722.txt";
    let pruned = "001_9c94d7e71eb5e183.txt";
    let edit = |dir: &std::path::Path| {
        let path = dir.join("seeds").join(edited);
        let text = fs::read_to_string(&path).unwrap();
        fs::write(
            &path,
            format!("{text}\nGlobex Corp hired Jane Roe as chief executive.\n"),
        )
        .unwrap();
        fs::remove_file(dir.join("seeds").join(pruned)).unwrap();
    };
    let fresh = with_seeds();
    edit(fresh.path());
    ok(newsgraph(fresh.path()).args(["build", "--quiet"]));
    let stepwise = with_seeds();
    ok(newsgraph(stepwise.path()).args(["build", "--quiet"]));
    edit(stepwise.path());
    let report: serde_json::Value = serde_json::from_str(&ok(
        newsgraph(stepwise.path()).args(["build", "--json", "--prune"])
    ))
    .unwrap();
    assert_eq!(
        (report["extracted"].as_u64(), report["removed"].as_u64()),
        (Some(1), Some(1))
    );
    let (a, b) = (exported_trig(fresh.path()), exported_trig(stepwise.path()));
    assert!(a.contains("Jane Roe"), "the edited article is in the graph");
    assert!(a == b, "the same TriG from a fresh and an updating build");
}

/// Adding an article without exports reads only that article's graph and the
/// entities it names: the totals that need a scan of the store are left out
/// (null in the JSON report), the cheap ones are exact.
#[test]
fn adding_an_article_without_exports_counts_only_what_indexes_count() {
    let dir = with_seeds();
    ok(newsgraph(dir.path()).args(["build", "--quiet"]));
    fs::write(
        dir.path().join("new.txt"),
        "Globex Corp hired Jane Roe as chief executive. Initech Inc said nothing.\n",
    )
    .unwrap();
    let report: serde_json::Value = serde_json::from_str(&ok(newsgraph(dir.path()).args([
        "build",
        "new.txt",
        "--no-exports",
        "--json",
    ])))
    .unwrap();
    assert_eq!(report["extracted"], 1);
    assert_eq!(report["articles"], 6);
    assert_eq!(
        (&report["facts"], &report["claims"], &report["quads"]),
        (
            &serde_json::Value::Null,
            &serde_json::Value::Null,
            &serde_json::Value::Null
        )
    );
    let full: serde_json::Value = serde_json::from_str(&ok(
        newsgraph(dir.path()).args(["build", "new.txt", "--json"])
    ))
    .unwrap();
    assert_eq!(
        full["entities"], report["entities"],
        "the same entity graph"
    );
    assert!(full["quads"].as_u64().unwrap() > 1812, "{full}");
}

#[test]
fn prune_removes_articles_whose_files_are_gone() {
    let dir = with_seeds();
    ok(newsgraph(dir.path()).args(["build", "--quiet"]));
    fs::remove_file(dir.path().join("seeds/004_980dab4f1c2ab722.txt")).unwrap();
    let articles = |dir: &std::path::Path| -> String {
        ok(newsgraph(dir).args([
            "query",
            "--format",
            "tsv",
            "-e",
            "SELECT (COUNT(?d) AS ?n) WHERE { ?d a schema:NewsArticle }",
        ]))
    };
    ok(newsgraph(dir.path()).args(["build", "--quiet"]));
    assert!(
        articles(dir.path()).ends_with("5\n"),
        "without --prune the article stays"
    );
    let report: serde_json::Value = serde_json::from_str(&ok(
        newsgraph(dir.path()).args(["build", "--json", "--prune"])
    ))
    .unwrap();
    assert_eq!(report["removed"], 1);
    assert!(articles(dir.path()).ends_with("4\n"));
    let amazon = ok(newsgraph(dir.path()).args([
        "query",
        "--format",
        "tsv",
        "-e",
        "ASK { GRAPH ngd:entities { nge:Amazon ?p ?o } }",
    ]));
    assert_eq!(
        amazon.trim(),
        "false",
        "entities only that article mentioned leave the entity graph"
    );
}

#[test]
fn html_and_markdown_articles_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    fs::create_dir(&inputs).unwrap();
    fs::write(
        inputs.join("deal.html"),
        "<html lang=\"en\"><head><title>Chip deal</title><script>var x = 'Apple acquired Google';</script></head>\
         <body><nav>Home | News</nav><article><h1>Chip deal</h1><p>Qualcomm acquired Arduino in October 2025, the company said.</p>\
         <p>Arduino, a unit of Qualcomm, will keep its brand.</p></article><footer>Share this</footer></body></html>",
    )
    .unwrap();
    fs::write(
        inputs.join("rivals.md"),
        "---\ntitle: Rivalen\ndate: 2025-03-01\n---\n# Rivalen\n\nDer Autobauer **BMW** konkurriert mit [Mercedes-Benz](https://example.com) auf allen Märkten.\n",
    )
    .unwrap();
    ok(newsgraph(dir.path()).args(["build", "in", "--quiet"]));
    let rows = ok(newsgraph(dir.path()).args([
        "query",
        "--format",
        "tsv",
        "-e",
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o . FILTER(STRSTARTS(STR(?p), STR(ng:)) && isIRI(?o) && STRSTARTS(STR(?s), STR(nge:))) } ORDER BY ?s ?p ?o",
    ]));
    assert_eq!(
        rows,
        "?s\t?p\t?o\n\
         <https://w3id.org/newsgraph/entity/Arduino>\t<https://w3id.org/newsgraph/ontology#partOf>\t<https://w3id.org/newsgraph/entity/Qualcomm>\n\
         <https://w3id.org/newsgraph/entity/BMW>\t<https://w3id.org/newsgraph/ontology#competesWith>\t<https://w3id.org/newsgraph/entity/Mercedes-Benz_Group>\n\
         <https://w3id.org/newsgraph/entity/Qualcomm>\t<https://w3id.org/newsgraph/ontology#acquired>\t<https://w3id.org/newsgraph/entity/Arduino>\n"
    );
    let meta = ok(newsgraph(dir.path()).args([
        "query",
        "--format",
        "tsv",
        "-e",
        "SELECT ?file ?headline ?date WHERE { ?d schema:isBasedOn ?file ; schema:headline ?headline . OPTIONAL { ?d schema:datePublished ?date } } ORDER BY ?file",
    ]));
    assert_eq!(
        meta,
        "?file\t?headline\t?date\n\"deal.html\"\t\"Chip deal\"\t\n\"rivals.md\"\t\"Rivalen\"\t\"2025-03-01\"^^<http://www.w3.org/2001/XMLSchema#date>\n"
    );
}

#[test]
fn the_base_iri_is_configurable_and_kept_by_the_store() {
    let dir = with_seeds();
    ok(newsgraph(dir.path()).args(["build", "--quiet", "--base", "http://example.org/kg/"]));
    let q = "SELECT ?o WHERE { ?s ng:leads ?o . FILTER(CONTAINS(STR(?s), \"Altman\")) }";
    let rows = ok(newsgraph(dir.path()).args(["query", "--format", "tsv", "-e", q]));
    assert_eq!(rows, "?o\n<http://example.org/kg/entity/OpenAI>\n");
    // The nge: prefix follows the store.
    let table = ok(newsgraph(dir.path()).args(["query", "-e", q]));
    assert!(table.contains("nge:OpenAI"), "{table}");
    // A rebuild without --base keeps it; another base is refused.
    ok(newsgraph(dir.path()).args(["build", "--quiet"]));
    let out = run(newsgraph(dir.path()).args(["build", "--base", "http://example.com/other/"]));
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(
            "was built with the base IRI http://example.org/kg/, not http://example.com/other/"
        ),
        "{}",
        stderr(&out)
    );
    let out = run(newsgraph(dir.path()).args(["build", "--base", "not an iri"]));
    assert!(
        stderr(&out).contains("--base must be an absolute IRI"),
        "{}",
        stderr(&out)
    );
}
