//! Tests of the public renderers on one small view that exercises every
//! feature: four entity types, parallel edges, all three edge styles, quotes and
//! backslashes in labels, clusters (one node shared by two), a title.

use super::*;

const E: &str = "https://w3id.org/newsgraph/entity/";

fn node(local: &str, label: &str, entity_type: EntityType) -> Node {
    Node {
        id: format!("{E}{local}"),
        label: label.to_string(),
        entity_type,
    }
}

fn edge(
    from: &str,
    to: &str,
    relation: Relation,
    detail: Option<&str>,
    sources: usize,
    style: EdgeStyle,
) -> Edge {
    Edge {
        from: format!("{E}{from}"),
        to: format!("{E}{to}"),
        relation,
        detail: detail.map(str::to_string),
        sources,
        style,
    }
}

fn sample() -> GraphView {
    GraphView {
        nodes: vec![
            node("Sam_Altman", r#"Sam "Sama" Altman"#, EntityType::Person),
            node("OpenAI", "OpenAI", EntityType::Organization),
            node("ChatGPT", "ChatGPT", EntityType::Product),
            node("San_Francisco", r"San Francisco \ SF", EntityType::Place),
        ],
        edges: vec![
            edge(
                "Sam_Altman",
                "OpenAI",
                Relation::Leads,
                Some("since 2019"),
                3,
                EdgeStyle::Stated,
            ),
            edge(
                "Sam_Altman",
                "OpenAI",
                Relation::Founded,
                None,
                1,
                EdgeStyle::Stated,
            ),
            edge(
                "OpenAI",
                "ChatGPT",
                Relation::Develops,
                Some(r#"codename "Orion" \ v5"#),
                1,
                EdgeStyle::Uncertain,
            ),
            edge(
                "OpenAI",
                "San_Francisco",
                Relation::LocatedIn,
                Some(r"C:\HQ"),
                2,
                EdgeStyle::Negated,
            ),
        ],
        clusters: vec![
            Cluster {
                id: "doc2".into(),
                label: "Products".into(),
                node_ids: vec![format!("{E}OpenAI"), format!("{E}ChatGPT")],
            },
            Cluster {
                id: "doc1".into(),
                label: r#"The "Founders" \ story"#.into(),
                node_ids: vec![format!("{E}Sam_Altman"), format!("{E}OpenAI")],
            },
        ],
        title: Some(r#"Who "leads" AI \ 2024"#.into()),
    }
}

fn assert_line(dot: &str, expected: &str) {
    assert!(
        dot.lines().any(|l| l.trim() == expected),
        "no line\n  {expected}\nin\n{dot}"
    );
}

#[test]
fn dot_has_typed_nodes_labelled_edges_and_escapes() {
    let dot = to_dot(&sample(), &DotOptions::default());
    assert!(dot.starts_with("digraph newsgraph {\n"), "{dot}");
    assert!(!dot.contains("strict"));
    assert_line(
        &dot,
        r##"graph[fontname="Helvetica,Arial,sans-serif" fontsize=14 fontcolor="#1a202c" bgcolor="#ffffff" rankdir=LR nodesep=0.3 ranksep=0.5 label="Who \"leads\" AI \\ 2024" labelloc=t]"##,
    );
    assert_line(
        &dot,
        r##"node[fontname="Helvetica,Arial,sans-serif" fontsize=11 fontcolor="#1a202c"]"##,
    );
    // Nodes: shape and colours by type, labels escaped.
    assert_line(
        &dot,
        r##""https://w3id.org/newsgraph/entity/Sam_Altman"[label="Sam \"Sama\" Altman" shape=ellipse style="filled" fillcolor="#dbeafe" color="#2b6cb0"]"##,
    );
    assert_line(
        &dot,
        r##""https://w3id.org/newsgraph/entity/OpenAI"[label="OpenAI" shape=box style="filled,rounded" fillcolor="#feebc8" color="#c05621"]"##,
    );
    assert_line(
        &dot,
        r##""https://w3id.org/newsgraph/entity/ChatGPT"[label="ChatGPT" shape=hexagon style="filled" fillcolor="#d8f3dc" color="#2f855a"]"##,
    );
    assert_line(
        &dot,
        r##""https://w3id.org/newsgraph/entity/San_Francisco"[label="San Francisco \\ SF" shape=house style="filled" fillcolor="#e9d8fd" color="#6b46c1"]"##,
    );
    // Both parallel edges stay; penwidth grows with sources; styles by modality.
    assert_line(
        &dot,
        r##""https://w3id.org/newsgraph/entity/Sam_Altman" -> "https://w3id.org/newsgraph/entity/OpenAI" [label="leads since 2019" color="#553c9a" fontcolor="#553c9a" penwidth=2.58]"##,
    );
    assert_line(
        &dot,
        r##""https://w3id.org/newsgraph/entity/Sam_Altman" -> "https://w3id.org/newsgraph/entity/OpenAI" [label="founded" color="#44337a" fontcolor="#44337a"]"##,
    );
    assert_line(
        &dot,
        r##""https://w3id.org/newsgraph/entity/OpenAI" -> "https://w3id.org/newsgraph/entity/ChatGPT" [label="develops codename \"Orion\" \\ v5" color="#c05621" fontcolor="#c05621" style=dashed]"##,
    );
    assert_line(
        &dot,
        r##""https://w3id.org/newsgraph/entity/OpenAI" -> "https://w3id.org/newsgraph/entity/San_Francisco" [label="locatedIn C:\\HQ" color="#a0aec0" fontcolor="#a0aec0" style=dotted penwidth=2]"##,
    );
}

#[test]
fn dot_clusters_hold_only_unshared_nodes() {
    let dot = to_dot(&sample(), &DotOptions::default());
    // doc1 sorts first: cluster_0. OpenAI is in both clusters, so in neither.
    let cluster0 = dot.split("subgraph cluster_0 {").nth(1).unwrap();
    let cluster0 = &cluster0[..cluster0.find('}').unwrap()];
    assert_line(cluster0, r#"label="The \"Founders\" \\ story""#);
    assert!(cluster0.contains("entity/Sam_Altman\"[label"));
    assert!(!cluster0.contains("entity/OpenAI\"[label"));
    let cluster1 = dot.split("subgraph cluster_1 {").nth(1).unwrap();
    let cluster1 = &cluster1[..cluster1.find('}').unwrap()];
    assert_line(cluster1, r#"label="Products""#);
    assert!(cluster1.contains("entity/ChatGPT\"[label"));
    assert_eq!(dot.matches("entity/OpenAI\"[label").count(), 1);
}

#[test]
fn dot_legend_shows_types_and_styles_in_use() {
    let dot = to_dot(&sample(), &DotOptions::default());
    let legend = dot
        .split("subgraph cluster_legend {")
        .nth(1)
        .expect("a legend");
    assert_line(legend, r#"label="Legend""#);
    assert_line(
        legend,
        r##""_legend_Person"[label="Person" shape=ellipse style="filled" fillcolor="#dbeafe" color="#2b6cb0"]"##,
    );
    assert!(!legend.contains("_legend_Event"));
    assert_line(legend, r#"node[fontsize=9 height=0.3 margin="0.08,0.03"]"#);
    assert_line(
        legend,
        r##""_legend_style_stated_line"[shape=point width=0.05 color="#4a5568"]"##,
    );
    assert_line(
        legend,
        r##""_legend_style_stated"[label="stated" shape=plaintext fontcolor="#4a5568"]"##,
    );
    assert_line(
        legend,
        r##""_legend_style_stated_line" -> "_legend_style_stated" [style=solid color="#4a5568" weight=100]"##,
    );
    assert_line(
        legend,
        r##""_legend_style_uncertain_line" -> "_legend_style_uncertain" [style=dashed color="#4a5568" weight=100]"##,
    );
    assert_line(
        legend,
        r##""_legend_style_negated"[label="negated" shape=plaintext fontcolor="#a0aec0"]"##,
    );
    assert_line(
        legend,
        r##""_legend_style_negated_line" -> "_legend_style_negated" [style=dotted color="#a0aec0" weight=100]"##,
    );

    let options = DotOptions {
        legend: false,
        rankdir: "TB".into(),
    };
    let dot = to_dot(&sample(), &options);
    assert!(!dot.contains("cluster_legend"));
    assert!(dot.contains(" rankdir=TB "));
}

#[test]
fn symmetric_relations_have_no_arrowhead() {
    let mut view = sample();
    view.edges = vec![edge(
        "OpenAI",
        "ChatGPT",
        Relation::CompetesWith,
        None,
        1,
        EdgeStyle::Stated,
    )];
    let dot = to_dot(&view, &DotOptions::default());
    assert_line(
        &dot,
        r##""https://w3id.org/newsgraph/entity/OpenAI" -> "https://w3id.org/newsgraph/entity/ChatGPT" [label="competesWith" color="#c53030" fontcolor="#c53030" dir=none]"##,
    );
}

#[test]
fn dot_is_the_same_for_any_input_order() {
    let view = sample();
    let expected = to_dot(&view, &DotOptions::default());
    let mut shuffled = view.clone();
    shuffled.nodes.reverse();
    shuffled.nodes.swap(0, 2);
    shuffled.edges.reverse();
    shuffled.edges.swap(1, 3);
    shuffled.clusters.reverse();
    for c in &mut shuffled.clusters {
        c.node_ids.reverse();
    }
    assert_eq!(to_dot(&shuffled, &DotOptions::default()), expected);
    assert_eq!(to_dot(&view, &DotOptions::default()), expected);
}

#[test]
fn bad_rankdir_is_an_error_for_renderers() {
    let options = DotOptions {
        legend: true,
        rankdir: "sideways".into(),
    };
    let err = render_svg_with(&sample(), &options, &DotProgram::Disabled).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown rank direction `sideways`: use LR, TB, RL or BT"
    );
    assert!(to_dot(&sample(), &options).contains(" rankdir=LR "));
}

/// Every text of an SVG document, joined, with XML entities decoded.
fn svg_text(svg: &[u8]) -> String {
    let svg = std::str::from_utf8(svg).expect("SVG is UTF-8");
    let options = roxmltree::ParsingOptions {
        // Graphviz writes a DOCTYPE line.
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc =
        roxmltree::Document::parse_with_options(svg, options).expect("SVG is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn builtin_svg_is_xml_with_every_label() {
    let view = sample();
    let out = render_svg_with(&view, &DotOptions::default(), &DotProgram::Disabled).unwrap();
    assert_eq!(out.engine, SvgEngine::Builtin);
    let text = svg_text(&out.bytes);
    for n in &view.nodes {
        assert!(text.contains(&n.label), "{} missing from\n{text}", n.label);
    }
    assert!(text.contains(r#"develops codename "Orion" \ v5"#), "{text}");
    assert!(text.contains(r#"Who "leads" AI \ 2024"#), "{text}");
    assert_eq!(
        out.warnings,
        ["the builtin layout does not draw article clusters; install Graphviz (`apt-get install graphviz`) to see them"]
    );
    // Deterministic like the DOT output.
    let again = render_svg_with(&view, &DotOptions::default(), &DotProgram::Disabled).unwrap();
    assert_eq!(again.bytes, out.bytes);
}

#[test]
fn builtin_layout_copes_with_self_loops_and_untyped_endpoints() {
    let mut view = sample();
    view.clusters.clear();
    view.edges.push(edge(
        "OpenAI",
        "OpenAI",
        Relation::PartOf,
        None,
        1,
        EdgeStyle::Stated,
    ));
    view.edges.push(edge(
        "Microsoft",
        "OpenAI",
        Relation::InvestsIn,
        Some("$13B"),
        5,
        EdgeStyle::Stated,
    ));
    let out = render_svg_with(&view, &DotOptions::default(), &DotProgram::Disabled).unwrap();
    let text = svg_text(&out.bytes);
    assert!(text.contains("Microsoft"));
    assert!(
        text.contains("untyped"),
        "the legend explains the untyped node"
    );
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}

#[test]
fn png_without_graphviz_says_how_to_get_it() {
    let err =
        render_png_with(&sample(), &DotOptions::default(), &DotProgram::Disabled).unwrap_err();
    assert_eq!(
        err.to_string(),
        "PNG needs Graphviz, which NEWSGRAPH_DOT=none switches off: unset NEWSGRAPH_DOT, or write SVG"
    );
    assert_eq!(
        RenderError::PngNeedsGraphviz.to_string(),
        "PNG needs Graphviz: install it with `apt-get install graphviz`, or set NEWSGRAPH_DOT to the path of `dot` (SVG works without it)"
    );
}

#[test]
fn a_configured_program_that_fails_to_start_is_an_error() {
    let program = DotProgram::Configured("/nonexistent/newsgraph-test/dot".into());
    let err = render_svg_with(&sample(), &DotOptions::default(), &program).unwrap_err();
    assert!(matches!(err, RenderError::DotNotRunnable { .. }), "{err:?}");
}

/// `dot` from PATH, or `None` after saying why the test is skipped.
fn graphviz(test: &str) -> Option<DotProgram> {
    let program = DotProgram::Default;
    if program.works() {
        Some(program)
    } else {
        println!("{test}: skipped, Graphviz `dot` is not installed");
        None
    }
}

#[test]
fn graphviz_svg_is_xml_with_every_label() {
    let Some(program) = graphviz("graphviz_svg_is_xml_with_every_label") else {
        return;
    };
    let view = sample();
    let out = render_svg_with(&view, &DotOptions::default(), &program).unwrap();
    assert_eq!(out.engine, SvgEngine::Graphviz);
    assert_eq!(out.warnings, Vec::<String>::new());
    let text = svg_text(&out.bytes);
    for label in view.nodes.iter().map(|n| n.label.as_str()).chain([
        r#"develops codename "Orion" \ v5"#,
        r"locatedIn C:\HQ",
        "founded",
        r#"The "Founders" \ story"#,
        r#"Who "leads" AI \ 2024"#,
        "Legend",
    ]) {
        assert!(text.contains(label), "{label} missing from\n{text}");
    }
}

#[test]
fn graphviz_png_is_a_png() {
    let Some(program) = graphviz("graphviz_png_is_a_png") else {
        return;
    };
    let png = render_png_with(&sample(), &DotOptions::default(), &program).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
}

#[test]
fn edge_styles_follow_claims() {
    assert_eq!(
        EdgeStyle::for_claim(Modality::Reported, true),
        EdgeStyle::Stated
    );
    assert_eq!(
        EdgeStyle::for_claim(Modality::Speculative, true),
        EdgeStyle::Uncertain
    );
    assert_eq!(
        EdgeStyle::for_claim(Modality::Speculative, false),
        EdgeStyle::Negated
    );
}

#[test]
fn an_empty_view_is_an_empty_digraph() {
    let dot = to_dot(&GraphView::default(), &DotOptions::default());
    assert_eq!(
        dot,
        r##"digraph newsgraph {
  graph[fontname="Helvetica,Arial,sans-serif" fontsize=14 fontcolor="#1a202c" bgcolor="#ffffff" rankdir=LR nodesep=0.3 ranksep=0.5]
  node[fontname="Helvetica,Arial,sans-serif" fontsize=11 fontcolor="#1a202c"]
  edge[fontname="Helvetica,Arial,sans-serif" fontsize=9 arrowsize=0.7]
}
"##
    );
    if let Some(program) = graphviz("an_empty_view_is_an_empty_digraph") {
        let out = render_svg_with(&GraphView::default(), &DotOptions::default(), &program).unwrap();
        svg_text(&out.bytes);
    }
}
