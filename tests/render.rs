//! `newsgraph render`: DOT and SVG of the seed graph and of parts of it.

use crate::util::{newsgraph, ok, run, seed_graph, stderr};

#[test]
fn the_whole_graph_as_dot() {
    let dot = ok(newsgraph(seed_graph()).args(["render", "--format", "dot"]));
    assert!(dot.starts_with("digraph"), "{}", &dot[..100]);
    assert!(
        !dot.contains("strict"),
        "parallel edges of different relations stay"
    );
    for node in [
        "\"https://w3id.org/newsgraph/entity/OpenAI\"",
        "\"https://w3id.org/newsgraph/entity/Microsoft\"",
    ] {
        assert!(dot.contains(node), "{node} in the DOT");
    }
    let edge = dot
        .lines()
        .find(|l| {
            l.contains("entity/Microsoft\" -> \"https://w3id.org/newsgraph/entity/OpenAI\"")
                && l.contains("investsIn")
        })
        .expect("an investsIn edge from Microsoft to OpenAI");
    assert!(
        edge.contains("$1B / $10B / $13B"),
        "the edge names the conflicting amounts: {edge}"
    );
    let committed = std::fs::read_to_string(seed_graph().join("output/graph.dot")).unwrap();
    assert_eq!(
        dot, committed,
        "render without a selection draws what build wrote"
    );
}

#[test]
fn a_focused_relation_filtered_view() {
    let dot = ok(newsgraph(seed_graph()).args([
        "render",
        "--format",
        "dot",
        "--focus",
        "Sam Altman",
        "--depth",
        "1",
    ]));
    assert!(dot.contains("Sam_Altman"), "{dot}");
    assert!(dot.contains("entity/OpenAI"), "one hop out");
    assert!(
        !dot.contains("entity/Thrive_Capital"),
        "two hops out is left out"
    );
    let dot =
        ok(newsgraph(seed_graph()).args(["render", "--format", "dot", "--relation", "investsIn"]));
    assert!(dot.contains("investsIn"));
    assert!(
        !dot.contains("partnersWith"),
        "other relations are left out"
    );
    // Any language, any alias: "Vereinigte Arabische Emirate" names the UAE.
    let dot = ok(newsgraph(seed_graph()).args([
        "render",
        "--format",
        "dot",
        "--focus",
        "vereinigten arabischen emiraten",
    ]));
    assert!(dot.contains("entity/MGX"), "{dot}");
}

#[test]
fn svg_without_graphviz_is_valid_xml_with_the_labels() {
    let svg = ok(newsgraph(seed_graph()).args([
        "render", "--format", "svg", "--focus", "OpenAI", "--depth", "1",
    ]));
    let doc = roxmltree::Document::parse(&svg).expect("the SVG parses as XML");
    let text: String = doc.descendants().filter_map(|n| n.text()).collect();
    for label in ["OpenAI", "Microsoft", "Oracle"] {
        assert!(text.contains(label), "{label} is drawn");
    }
}

#[test]
fn an_unknown_focus_is_a_clear_error() {
    let out = run(newsgraph(seed_graph()).args(["render", "--focus", "Nobody Inc"]));
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no entity called `Nobody Inc`"),
        "{}",
        stderr(&out)
    );
    let out = run(newsgraph(seed_graph()).args(["render", "--relation", "owns"]));
    assert!(
        stderr(&out).contains("unknown relation `owns`"),
        "{}",
        stderr(&out)
    );
}
