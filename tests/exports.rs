//! Exports: the committed seed exports are current, and every format parses back.

use crate::util::{newsgraph, ok, repo, seed_graph, seed_store};
use oxigraph::io::{RdfFormat, RdfParser};
use std::fs;

#[test]
fn committed_seed_exports_are_current() {
    for f in ["graph.ttl", "graph.trig", "graph.dot"] {
        let fresh = fs::read_to_string(seed_graph().join("output").join(f)).unwrap();
        let committed = fs::read_to_string(repo().join("output").join(f)).unwrap_or_default();
        assert!(
            fresh == committed,
            "output/{f} is stale: run `./run.sh build` (or `cargo run -- build`) and commit output/"
        );
    }
    assert!(
        repo().join("output/graph.svg").exists(),
        "output/graph.svg is committed"
    );
}

fn parse_count(bytes: &[u8], format: RdfFormat) -> usize {
    let mut n = 0;
    for q in RdfParser::from_format(format).for_slice(bytes) {
        q.expect("the export parses");
        n += 1;
    }
    n
}

#[test]
fn every_export_format_parses_back_with_the_same_content() {
    let store = seed_store();
    let export = |format: &str| -> Vec<u8> {
        ok(newsgraph(seed_graph()).args(["export", "--format", format, "--store", &store]))
            .into_bytes()
    };
    let nq = parse_count(&export("nquads"), RdfFormat::NQuads);
    let trig = parse_count(&export("trig"), RdfFormat::TriG);
    assert_eq!(nq, trig);
    let nt = parse_count(&export("ntriples"), RdfFormat::NTriples);
    let ttl = parse_count(&export("turtle"), RdfFormat::Turtle);
    assert_eq!(nt, ttl);
    assert!(nt < nq, "triple formats merge the named graphs");
    let ttl_text = String::from_utf8(export("turtle")).unwrap();
    assert!(
        ttl_text.contains("@prefix ng: <https://w3id.org/newsgraph/ontology#> .\n"),
        "{}",
        &ttl_text[..200]
    );
    let direct = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(ttl_text.as_bytes())
        .map(|q| q.unwrap())
        .any(|q| {
            q.subject.to_string() == "<https://w3id.org/newsgraph/entity/Microsoft>"
                && q.predicate.as_str() == "https://w3id.org/newsgraph/ontology#investsIn"
                && q.object.to_string() == "<https://w3id.org/newsgraph/entity/OpenAI>"
        });
    assert!(direct, "the direct triple is there");
}

#[test]
fn export_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.nt");
    ok(newsgraph(seed_graph())
        .args(["export", "--format", "ntriples", "-o"])
        .arg(&out));
    let text = fs::read_to_string(&out).unwrap();
    assert!(
        text.lines().all(|l| l.ends_with(" .")),
        "one triple per line"
    );
}

#[test]
fn the_rdf_model_follows_the_design() {
    let q =
        |sparql: &str| ok(newsgraph(seed_graph()).args(["query", "--format", "tsv", "-e", sparql]));
    // One label per entity, a type from schema.org.
    assert_eq!(
        q("SELECT (COUNT(*) AS ?n) WHERE { { SELECT ?e (COUNT(?l) AS ?labels) WHERE { GRAPH ngd:entities { ?e a ?t . OPTIONAL { ?e rdfs:label ?l } } } GROUP BY ?e } FILTER(?labels != 1) }"),
        "?n\n0\n"
    );
    // A Wikidata link for lexicon entities that have one.
    assert_eq!(
        q("SELECT ?wd WHERE { GRAPH ngd:entities { nge:Microsoft owl:sameAs ?wd } }"),
        "?wd\n<http://www.wikidata.org/entity/Q2283>\n"
    );
    // The negated claim is kept, without a direct triple.
    assert_eq!(
        q("SELECT ?polarity ?modality WHERE { ?c ng:subject nge:Apple ; ng:predicate ng:investsIn ; ng:polarity ?polarity ; ng:modality ?modality }"),
        "?polarity\t?modality\nfalse\t<https://w3id.org/newsgraph/ontology#Stated>\n"
    );
    assert_eq!(q("ASK { nge:Apple ng:investsIn nge:OpenAI }"), "false\n");
    // Money and dates are normalized on the claim.
    assert_eq!(
        q("SELECT ?amount ?currency WHERE { ?c ng:subject nge:Microsoft ; ng:predicate ng:investsIn ; prov:wasDerivedFrom ngd:003_878f3f8685ed7ceb ; ng:amount ?amount ; ng:currency ?currency }"),
        "?amount\t?currency\n13000000000\t\"USD\"\n"
    );
    assert_eq!(
        q("SELECT ?date WHERE { ?c ng:subject nge:Microsoft ; ng:predicate ng:investsIn ; ng:amount 10000000000 ; ng:date ?date }"),
        "?date\n\"2023-01\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>\n"
    );
    // Each article is its own named graph.
    assert_eq!(
        q("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?d a schema:NewsArticle } }"),
        "?n\n5\n"
    );
}
