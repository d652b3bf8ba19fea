//! Every canned query in `queries/` against the seed graph, with exact expected
//! rows in `tests/expected/<query>.tsv`. After a deliberate change to extraction,
//! review the differences and refresh the files with
//! `NEWSGRAPH_BLESS=1 cargo test --test tests queries`.

use crate::util::{canned_queries, newsgraph, ok, repo, seed_graph, seed_store};
use std::fs;

#[test]
fn every_canned_query_gives_its_expected_rows() {
    let queries = canned_queries();
    assert!(queries.len() >= 8, "queries/ ships at least 8 queries");
    let bless = std::env::var_os("NEWSGRAPH_BLESS").is_some();
    let mut failures = Vec::new();
    for q in &queries {
        let text = fs::read_to_string(q).unwrap();
        assert!(
            text.starts_with('#'),
            "{} starts with a comment saying what it answers",
            q.display()
        );
        let got = ok(newsgraph(seed_graph())
            .args(["query", "--format", "tsv", "--store", &seed_store()])
            .arg(q));
        assert!(
            got.lines().count() > 1,
            "{} returns rows on the seed graph",
            q.display()
        );
        let name = q.file_stem().unwrap().to_string_lossy().into_owned();
        let expected_path = repo().join("tests/expected").join(format!("{name}.tsv"));
        if bless {
            fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            failures.push(format!("{name}:\n--- expected\n{expected}\n--- got\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn results_come_as_table_csv_tsv_and_json() {
    let q = "SELECT ?p WHERE { ?p ng:leads nge:OpenAI }";
    let run =
        |format: &str| ok(newsgraph(seed_graph()).args(["query", "--format", format, "-e", q]));
    assert_eq!(
        run("tsv"),
        "?p\n<https://w3id.org/newsgraph/entity/Sam_Altman>\n"
    );
    assert_eq!(
        run("csv"),
        "p\r\nhttps://w3id.org/newsgraph/entity/Sam_Altman\r\n"
    );
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(
        json["results"]["bindings"][0]["p"]["value"],
        "https://w3id.org/newsgraph/entity/Sam_Altman"
    );
    let table = run("table");
    assert!(table.contains("nge:Sam_Altman"), "{table}");
    assert!(table.ends_with("1 row\n"), "{table}");
}

#[test]
fn construct_results_are_turtle_and_ask_is_a_boolean() {
    let ttl = ok(newsgraph(seed_graph()).args([
        "query",
        "-e",
        "CONSTRUCT { ?s ng:leads ?o } WHERE { ?s ng:leads ?o }",
    ]));
    assert!(
        ttl.contains("nge:Sam_Altman ng:leads nge:OpenAI ."),
        "{ttl}"
    );
    let ask = ok(newsgraph(seed_graph()).args([
        "query",
        "-e",
        "ASK { nge:Microsoft ng:investsIn nge:OpenAI }",
    ]));
    assert_eq!(ask, "true\n");
}

/// corroboration.rq counts the article graphs that hold each direct triple and
/// lists the relations it counts: every relation between entities must be there.
#[test]
fn corroboration_counts_every_entity_relation() {
    use newsgraph::model::{Relation, RelationKind};
    let text = fs::read_to_string(repo().join("queries/corroboration.rq")).unwrap();
    for r in Relation::ALL
        .iter()
        .filter(|r| r.kind() == RelationKind::Entity)
    {
        assert!(
            text.contains(&format!("ng:{r} ")) || text.contains(&format!("ng:{r}\n")),
            "corroboration.rq does not list ng:{r}"
        );
    }
}
