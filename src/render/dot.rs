//! [`GraphView`] to Graphviz DOT, built as a graphviz-rust syntax tree and printed
//! by its printer.
//!
//! Layout of the output, top to bottom: default attributes for the graph, nodes
//! and edges; one `subgraph cluster_<n>` per article cluster with its nodes; the
//! nodes outside clusters; the edges; the legend (`cluster_legend`). Everything
//! comes from the [`Canon`] form, so the text depends only on the view's content.
//!
//! graphviz-rust prints identifiers verbatim, so every id and label is quoted and
//! escaped here ([`quoted`]).

use super::canon::{Canon, CanonEdge, CanonNode};
use super::style::{style, NodeLook};
use super::{DotOptions, EdgeStyle, GraphView};
use crate::model::EntityType;
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

/// Prefix of the legend's sample nodes. It has no `:`, so it cannot be the start
/// of an absolute IRI, which every entity id is.
const LEGEND_PREFIX: &str = "_legend_";

/// The view as a Graphviz `digraph`.
///
/// Unknown `rankdir` values are written as `LR`; [`DotOptions::validate`] reports them.
pub fn to_dot(view: &GraphView, options: &DotOptions) -> String {
    let canon = Canon::new(view);
    let graph = Graph::DiGraph {
        id: Id::Plain("newsgraph".into()),
        // Never strict: it would merge parallel edges of different relations.
        strict: false,
        stmts: statements(&canon, options),
    };
    let mut text = graph.print(&mut PrinterContext::default());
    text.push('\n');
    text
}

fn statements(canon: &Canon, options: &DotOptions) -> Vec<Stmt> {
    let s = style();
    let mut graph_attrs = vec![
        attr("fontname", quoted(&s.font.family)),
        attr("fontsize", number(s.font.title_size)),
        attr("fontcolor", quoted(&s.font.color)),
        attr("bgcolor", quoted(&s.graph.bgcolor)),
        attr("rankdir", plain(options.rankdir_or_default())),
        attr("nodesep", number(s.graph.nodesep)),
        attr("ranksep", number(s.graph.ranksep)),
    ];
    if let Some(title) = canon.title {
        graph_attrs.push(attr("label", quoted(title)));
        graph_attrs.push(attr("labelloc", plain("t")));
    }
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(graph_attrs)),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", quoted(&s.font.family)),
            attr("fontsize", number(s.font.node_size)),
            attr("fontcolor", quoted(&s.font.color)),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", quoted(&s.font.family)),
            attr("fontsize", number(s.font.edge_size)),
            attr("arrowsize", number(0.7)),
        ])),
    ];

    for (n, cluster) in canon.clusters.iter().enumerate() {
        // A cluster whose nodes all went to the top level would be drawn empty.
        if cluster.members.is_empty() {
            continue;
        }
        let mut body = vec![
            graph_attr("label", quoted(cluster.label)),
            graph_attr("style", quoted(&s.cluster.style)),
            graph_attr("color", quoted(&s.cluster.color)),
            graph_attr("fontcolor", quoted(&s.cluster.fontcolor)),
            graph_attr("fontsize", number(s.font.node_size)),
        ];
        body.extend(cluster.members.iter().map(|&i| node_stmt(&canon.nodes[i])));
        stmts.push(Stmt::Subgraph(Subgraph {
            id: Id::Plain(format!("cluster_{n}")),
            stmts: body,
        }));
    }
    stmts.extend(
        canon
            .nodes
            .iter()
            .filter(|n| n.cluster.is_none())
            .map(node_stmt),
    );
    stmts.extend(canon.edges.iter().map(edge_stmt));
    if options.legend && !canon.nodes.is_empty() {
        stmts.push(legend(canon));
    }
    stmts
}

fn node_stmt(node: &CanonNode) -> Stmt {
    let mut attrs = vec![attr("label", quoted(&node.label))];
    attrs.extend(node_look(style().node(node.entity_type)));
    Stmt::Node(Node::new(NodeId(quoted(node.id), None), attrs))
}

fn node_look(look: &NodeLook) -> [Attribute; 4] {
    [
        attr("shape", plain(&look.shape)),
        attr("style", quoted(&look.style)),
        attr("fillcolor", quoted(&look.fillcolor)),
        attr("color", quoted(&look.color)),
    ]
}

fn edge_stmt(edge: &CanonEdge) -> Stmt {
    let s = style();
    let color = s.edge_color(edge.relation, edge.style);
    let mut attrs = vec![
        attr("label", quoted(&edge.label())),
        attr("color", quoted(color)),
        attr("fontcolor", quoted(color)),
    ];
    if edge.style != EdgeStyle::Stated {
        attrs.push(attr("style", plain(&s.edge(edge.style).style)));
    }
    if edge.sources > 1 {
        attrs.push(attr("penwidth", number(edge.penwidth())));
    }
    // An arrow on "A partnersWith B" would suggest a direction the fact lacks.
    if edge.relation.is_symmetric() {
        attrs.push(attr("dir", plain("none")));
    }
    edge_between(quoted(edge.from), quoted(edge.to), attrs)
}

fn edge_between(from: Id, to: Id, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(Vertex::N(NodeId(from, None)), Vertex::N(NodeId(to, None))),
        attributes,
    })
}

/// One sample node per kind of node drawn, one sample edge per edge style used.
fn legend(canon: &Canon) -> Stmt {
    let s = style();
    let mut body = vec![
        graph_attr("label", quoted(&s.legend.label)),
        graph_attr("style", quoted(&s.legend.style)),
        graph_attr("color", quoted(&s.legend.color)),
        graph_attr("fontcolor", quoted(&s.legend.fontcolor)),
        graph_attr("fontsize", number(s.font.node_size)),
        // Samples smaller than the entities they explain.
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontsize", number(s.font.edge_size)),
            attr("height", number(0.3)),
            attr("margin", quoted("0.08,0.03")),
        ])),
    ];
    for kind in canon.node_kinds() {
        let name = kind.map_or("untyped", EntityType::name);
        let mut attrs = vec![attr("label", quoted(name))];
        attrs.extend(node_look(s.node(kind)));
        body.push(Stmt::Node(Node::new(
            NodeId(quoted(&format!("{LEGEND_PREFIX}{name}")), None),
            attrs,
        )));
    }
    // Each line style as a short edge from a dot to its name. Without labels on
    // these edges, and heavy, they stay short and straight.
    for edge_style in canon.edge_styles() {
        let look = s.edge(edge_style);
        let color = quoted(look.color.as_deref().unwrap_or(&s.legend.fontcolor));
        let tail = quoted(&format!("{LEGEND_PREFIX}style_{}_line", look.legend));
        let head = quoted(&format!("{LEGEND_PREFIX}style_{}", look.legend));
        body.push(Stmt::Node(Node::new(
            NodeId(tail.clone(), None),
            vec![
                attr("shape", plain("point")),
                attr("width", number(0.05)),
                attr("color", color.clone()),
            ],
        )));
        body.push(Stmt::Node(Node::new(
            NodeId(head.clone(), None),
            vec![
                attr("label", quoted(&look.legend)),
                attr("shape", plain("plaintext")),
                attr("fontcolor", color.clone()),
            ],
        )));
        body.push(edge_between(
            tail,
            head,
            vec![
                attr("style", plain(&look.style)),
                attr("color", color),
                attr("weight", number(100)),
            ],
        ));
    }
    Stmt::Subgraph(Subgraph {
        id: Id::Plain("cluster_legend".into()),
        stmts: body,
    })
}

fn attr(key: &str, value: Id) -> Attribute {
    Attribute(Id::Plain(key.into()), value)
}

fn graph_attr(key: &str, value: Id) -> Stmt {
    Stmt::Attribute(attr(key, value))
}

fn plain(value: &str) -> Id {
    Id::Plain(value.into())
}

/// A number the way Graphviz reads it: no exponent, at most two decimals,
/// without trailing zeros (`2`, `2.58`, `0.05`).
fn number(value: impl Into<f64>) -> Id {
    let text = format!("{:.2}", value.into());
    let text = text.trim_end_matches('0').trim_end_matches('.');
    Id::Plain(text.into())
}

/// A DOT quoted string. DOT itself only unescapes `\"`, but Graphviz reads labels
/// as escape strings, where `\\` is a backslash and `\n`, `\l`, `\N`, ... mean
/// line breaks and placeholders; doubling every backslash keeps all of them
/// literal. A newline becomes `\n`, a centred line break.
fn quoted(text: &str) -> Id {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    Id::Escaped(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(id: Id) -> String {
        id.print(&mut PrinterContext::default())
    }

    #[test]
    fn quoting_escapes_backslashes_quotes_and_newlines() {
        assert_eq!(text(quoted(r#"say "hi" \N"#)), r#""say \"hi\" \\N""#);
        assert_eq!(text(quoted("ends with \\")), r#""ends with \\""#);
        assert_eq!(text(quoted("two\r\nlines")), r#""two\nlines""#);
    }

    #[test]
    fn numbers_have_no_needless_digits() {
        assert_eq!(text(number(2.0)), "2");
        assert_eq!(text(number(1.0 + 3f64.log2())), "2.58");
        assert_eq!(text(number(0.05)), "0.05");
        assert_eq!(text(number(11)), "11");
    }
}
