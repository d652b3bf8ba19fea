//! The pure-Rust SVG renderer, for machines without Graphviz: the [`Canon`] view
//! is built straight into a layout-rs `VisualGraph` (layout-rs cannot read HTML
//! labels and ignores clusters, so no DOT goes through its parser), laid out,
//! and written as SVG; a header band with the title and a legend is then put on
//! top, since layout-rs draws neither.
//!
//! layout-rs's layout time grows steeply with size (measured: 150 nodes and 300
//! labelled edges 9 s, 200 and 400 35 s), so a view over [`MAX_NODES`] nodes or
//! [`MAX_EDGES`] edges is cut down to its best-connected part, with a warning
//! that says so, rather than keeping the user waiting for minutes.

use super::canon::{Canon, CanonEdge};
use super::style::{style, BuiltinShape};
use super::{DotOptions, EdgeStyle, RenderError};
use crate::model::EntityType;
use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::render::get_shape_size;
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;
use regex::Regex;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;
use std::panic::{self, AssertUnwindSafe};

/// Most nodes the builtin layout draws.
pub const MAX_NODES: usize = 200;
/// Most edges the builtin layout draws. Each labelled edge adds a label node
/// to the layout, so edges cost about as much as nodes.
pub const MAX_EDGES: usize = 300;

/// What the builtin engine produced.
#[derive(Debug)]
pub(crate) struct BuiltinSvg {
    pub svg: String,
    pub warnings: Vec<String>,
}

pub(crate) fn render(mut canon: Canon, options: &DotOptions) -> Result<BuiltinSvg, RenderError> {
    let mut warnings = Vec::new();
    if canon.clusters.iter().any(|c| !c.members.is_empty()) {
        warnings.push(
            "the builtin layout does not draw article clusters; install Graphviz \
             (`apt-get install graphviz`) to see them"
                .to_string(),
        );
    }
    warnings.extend(keep_drawable(&mut canon));
    let orientation = match options.rankdir_or_default() {
        "TB" => Orientation::TopToBottom,
        "BT" => {
            warnings.push("the builtin layout draws rankdir BT as TB".to_string());
            Orientation::TopToBottom
        }
        "RL" => {
            warnings.push("the builtin layout draws rankdir RL as LR".to_string());
            Orientation::LeftToRight
        }
        _ => Orientation::LeftToRight,
    };

    let mut graph = visual_graph(&canon, orientation);
    let (svg, extent) = panic::catch_unwind(AssertUnwindSafe(move || {
        let mut writer = SVGWriter::new();
        graph.do_it(false, false, false, &mut writer);
        // layout-rs sizes its canvas generously (each text grows it by ten
        // pixels a character, downwards); the laid-out shapes give the real extent.
        let extent = graph.iter_nodes().fold(Point::zero(), |far, node| {
            let corner = graph.pos(node).bbox(false).1;
            Point::new(far.x.max(corner.x), far.y.max(corner.y))
        });
        (sorted_styles(&writer.finalize()), extent)
    }))
    .map_err(|payload| {
        let reason = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "layout-rs panicked".to_string());
        RenderError::BuiltinLayout(reason)
    })?;
    let svg = add_header(&svg, extent, &canon, options.legend).ok_or_else(|| {
        RenderError::BuiltinLayout(
            "layout-rs wrote an SVG header that newsgraph does not recognize".into(),
        )
    })?;
    Ok(BuiltinSvg { svg, warnings })
}

/// layout-rs writes its CSS classes (one per font size) from a HashMap, in an
/// order that changes from run to run; sorting them makes the SVG deterministic.
fn sorted_styles(svg: &str) -> String {
    let Some(open) = svg.find("<style>\n") else {
        return svg.to_string();
    };
    let body_start = open + "<style>\n".len();
    let Some(len) = svg[body_start..].find("</style>") else {
        return svg.to_string();
    };
    let mut lines: Vec<&str> = svg[body_start..body_start + len].lines().collect();
    lines.sort_unstable();
    let mut out = String::with_capacity(svg.len());
    out.push_str(&svg[..body_start]);
    for l in lines {
        out.push_str(l);
        out.push('\n');
    }
    out.push_str(&svg[body_start + len..]);
    out
}

/// Cuts a view that is too big for layout-rs down to the nodes with the most
/// edges and, among the edges between them, those with the most sources.
fn keep_drawable(canon: &mut Canon) -> Option<String> {
    let (nodes, edges) = (canon.nodes.len(), canon.edges.len());
    if nodes <= MAX_NODES && edges <= MAX_EDGES {
        return None;
    }
    let index: HashMap<&str, usize> = canon
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id, i))
        .collect();
    let mut degree = vec![0usize; nodes];
    for e in &canon.edges {
        degree[index[e.from]] += 1;
        degree[index[e.to]] += 1;
    }
    let mut ranked: Vec<usize> = (0..nodes).collect();
    ranked.sort_by(|&a, &b| degree[b].cmp(&degree[a]).then(a.cmp(&b)));
    let kept: BTreeSet<usize> = ranked.into_iter().take(MAX_NODES).collect();

    let mut between: Vec<(usize, &CanonEdge)> = canon
        .edges
        .iter()
        .enumerate()
        .filter(|(_, e)| kept.contains(&index[e.from]) && kept.contains(&index[e.to]))
        .collect();
    between.sort_by(|(i, a), (j, b)| b.sources.cmp(&a.sources).then(i.cmp(j)));
    let kept_edges: BTreeSet<usize> = between
        .into_iter()
        .take(MAX_EDGES)
        .map(|(i, _)| i)
        .collect();

    canon.nodes = std::mem::take(&mut canon.nodes)
        .into_iter()
        .enumerate()
        .filter_map(|(i, n)| kept.contains(&i).then_some(n))
        .collect();
    canon.edges = std::mem::take(&mut canon.edges)
        .into_iter()
        .enumerate()
        .filter_map(|(i, e)| kept_edges.contains(&i).then_some(e))
        .collect();
    // Cluster members are node indices, which no longer hold; clusters are not
    // drawn here anyway.
    canon.clusters.clear();
    for n in &mut canon.nodes {
        n.cluster = None;
    }
    Some(format!(
        "the builtin layout is slow on big graphs, so it drew only the {} best-connected of {nodes} \
         entities and {} of {edges} relations; install Graphviz (`apt-get install graphviz`) \
         for the whole graph, or narrow the view with --focus or --relation",
        canon.nodes.len(),
        canon.edges.len()
    ))
}

fn visual_graph(canon: &Canon, orientation: Orientation) -> VisualGraph {
    let s = style();
    // One font size for everything: layout-rs keeps one CSS class per size in a
    // HashMap and writes them in its random order, which would make the SVG
    // differ from run to run.
    let font = s.font.node_size as usize;
    // layout-rs sizes shapes for the direction across the ranks (its own parser does the same).
    let shape_dir = orientation.flip();
    let mut graph = VisualGraph::new(orientation);
    let mut handles = HashMap::new();
    let nodes: Vec<(&str, &str, Option<EntityType>)> = if canon.nodes.is_empty() {
        // layout-rs cannot lay out an empty graph.
        vec![("", "no entities to draw", None)]
    } else {
        canon
            .nodes
            .iter()
            .map(|n| (n.id, n.label.as_ref(), n.entity_type))
            .collect()
    };
    for (id, label, kind) in nodes {
        let look = s.node(kind);
        let label = label.to_string();
        let (shape, rounded, square) = match look.builtin_shape {
            BuiltinShape::Box => (ShapeKind::Box(label), 0, false),
            BuiltinShape::Rounded => (ShapeKind::Box(label), 12, false),
            BuiltinShape::Ellipse => (ShapeKind::Circle(label), 0, false),
            BuiltinShape::Circle => (ShapeKind::Circle(label), 0, true),
            BuiltinShape::DoubleEllipse => (ShapeKind::DoubleCircle(label), 0, false),
        };
        let size = get_shape_size(shape_dir, &shape, font, square);
        let look = StyleAttr::new(
            Color::fast(&look.color),
            1,
            Some(Color::fast(&look.fillcolor)),
            rounded,
            font,
        );
        handles.insert(
            id,
            graph.add_node(Element::create(shape, look, shape_dir, size)),
        );
    }
    for e in &canon.edges {
        let color = s.edge_color(e.relation, e.style);
        // layout-rs has no dotted line: negated edges are dashed, and grey.
        let line = match e.style {
            EdgeStyle::Stated => LineStyleKind::Normal,
            EdgeStyle::Uncertain | EdgeStyle::Negated => LineStyleKind::Dashed,
        };
        let end = if e.relation.is_symmetric() {
            LineEndKind::None
        } else {
            LineEndKind::Arrow
        };
        let look = StyleAttr::new(
            Color::fast(color),
            e.penwidth().round() as usize,
            None,
            0,
            font,
        );
        let arrow = Arrow::new(
            LineEndKind::None,
            end,
            line,
            &e.label(),
            &look,
            &None,
            &None,
        );
        graph.add_edge(arrow, handles[e.from], handles[e.to]);
    }
    graph
}

/// Puts a band above layout-rs's drawing with the title and a legend, paints a
/// background, trims the canvas to the drawing's `extent`, and swaps
/// layout-rs's Times for the diagram font. `None` if the
/// SVG does not start the way layout-rs 0.1 writes it.
fn add_header(svg: &str, extent: Point, canon: &Canon, legend: bool) -> Option<String> {
    let s = style();
    let open = Regex::new(
        r#"^<\?xml[^>]*\?><svg width="([0-9.]+)" height="([0-9.]+)" viewBox="[^"]*" xmlns="http://www.w3.org/2000/svg">\n"#,
    )
    .expect("the pattern is valid");
    let caps = open.captures(svg)?;
    // Room for curves bulging past the shapes.
    let margin = 20.0;
    let width = caps[1].parse::<f64>().ok()?.min(extent.x + margin);
    let height = caps[2].parse::<f64>().ok()?.min(extent.y + margin);
    let body = svg[caps[0].len()..].strip_suffix("</svg>")?;
    let body = body.replace(
        "font-family: Times, serif",
        &format!("font-family: {}", s.font.family),
    );

    let family = xml_escape(&s.font.family);
    let mut band = String::new();
    let mut y = 8.0;
    let mut band_width: f64 = 0.0;
    if let Some(title) = canon.title {
        let size = s.font.title_size as f64;
        y += size;
        let _ = writeln!(
            band,
            r#"<text x="10" y="{y}" font-family="{family}" font-size="{size}" fill="{}">{}</text>"#,
            s.font.color,
            xml_escape(title)
        );
        band_width = band_width.max(20.0 + text_width(title, size));
        y += 8.0;
    }
    if legend && !canon.nodes.is_empty() {
        let size = s.font.node_size as f64;
        let mid = y + 10.0;
        // Baseline of the legend texts, so that they sit centred on `mid`.
        let baseline = (mid + size / 3.0).round();
        let mut x = 10.0;
        for kind in canon.node_kinds() {
            let look = s.node(kind);
            let name = kind.map_or("untyped", EntityType::name);
            let _ = writeln!(
                band,
                r#"<rect x="{x}" y="{}" width="16" height="12" rx="2" fill="{}" stroke="{}"/><text x="{}" y="{}" font-family="{family}" font-size="{size}" fill="{}">{name}</text>"#,
                mid - 6.0,
                look.fillcolor,
                look.color,
                x + 20.0,
                baseline,
                s.font.color,
            );
            x += 32.0 + text_width(name, size);
        }
        for edge_style in canon.edge_styles() {
            let look = s.edge(edge_style);
            let color = look.color.as_deref().unwrap_or(&s.legend.fontcolor);
            let dash = if edge_style == EdgeStyle::Stated {
                ""
            } else {
                r#" stroke-dasharray="5,5""#
            };
            let _ = writeln!(
                band,
                r#"<line x1="{x}" y1="{mid}" x2="{}" y2="{mid}" stroke="{color}" stroke-width="2"{dash}/><text x="{}" y="{}" font-family="{family}" font-size="{size}" fill="{color}">{}</text>"#,
                x + 24.0,
                x + 28.0,
                baseline,
                xml_escape(&look.legend),
            );
            x += 40.0 + text_width(&look.legend, size);
        }
        band_width = band_width.max(x);
        y += 24.0;
    }
    let top = if band.is_empty() { 0.0 } else { y };
    let width = width.max(band_width).ceil();
    let height = (height + top).ceil();
    Some(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n\
         <svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"{}\"/>\n\
         {band}<g transform=\"translate(0,{top})\">\n{body}</g>\n</svg>\n",
        s.graph.bgcolor
    ))
}

/// Rough width of a text in a sans-serif font: enough to space legend entries.
fn text_width(text: &str, size: f64) -> f64 {
    (text.chars().count() as f64 * size * 0.6).ceil()
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn style_classes_are_sorted() {
        let svg = "<svg>\n<style>\n.b { x }\n.a { y }\n</style>\n<g/></svg>";
        assert_eq!(
            super::sorted_styles(svg),
            "<svg>\n<style>\n.a { y }\n.b { x }\n</style>\n<g/></svg>"
        );
    }

    use super::*;
    use crate::model::Relation;
    use crate::render::{Edge, GraphView, Node};

    fn chain(nodes: usize, edges_per_node: usize) -> GraphView {
        let id = |i: usize| format!("https://w3id.org/newsgraph/entity/N{i:04}");
        GraphView {
            nodes: (0..nodes)
                .map(|i| Node {
                    id: id(i),
                    label: format!("N{i}"),
                    entity_type: EntityType::Organization,
                })
                .collect(),
            edges: (0..nodes)
                .flat_map(|i| (1..=edges_per_node).map(move |k| (i, (i + k) % nodes)))
                .map(|(a, b)| Edge {
                    from: id(a),
                    to: id(b),
                    relation: Relation::PartnersWith,
                    detail: None,
                    sources: 1,
                    style: EdgeStyle::Stated,
                })
                .collect(),
            clusters: vec![],
            title: None,
        }
    }

    #[test]
    fn big_views_are_cut_to_the_limits_with_a_warning() {
        let view = chain(250, 2);
        let mut canon = Canon::new(&view);
        let warning = keep_drawable(&mut canon).unwrap();
        assert_eq!(canon.nodes.len(), MAX_NODES);
        assert!(canon.edges.len() <= MAX_EDGES);
        assert!(
            warning.contains(&format!(
                "only the {MAX_NODES} best-connected of 250 entities"
            )),
            "{warning}"
        );
        // Every remaining edge joins two remaining nodes.
        let ids: BTreeSet<&str> = canon.nodes.iter().map(|n| n.id).collect();
        assert!(canon
            .edges
            .iter()
            .all(|e| ids.contains(e.from) && ids.contains(e.to)));
    }

    #[test]
    fn small_views_are_left_whole() {
        let view = chain(20, 2);
        let mut canon = Canon::new(&view);
        assert_eq!(keep_drawable(&mut canon), None);
        assert_eq!((canon.nodes.len(), canon.edges.len()), (20, 40));
    }

    #[test]
    fn an_empty_view_still_gives_an_svg() {
        let view = GraphView::default();
        let out = render(Canon::new(&view), &DotOptions::default()).unwrap();
        let doc = roxmltree::Document::parse(&out.svg).unwrap();
        let texts: String = doc.descendants().filter_map(|n| n.text()).collect();
        assert!(texts.contains("no entities to draw"));
        assert!(out.warnings.is_empty());
    }

    #[test]
    fn the_header_carries_title_and_legend() {
        let mut view = chain(3, 1);
        view.title = Some("Deals & <rivals>".into());
        view.edges[0].style = EdgeStyle::Negated;
        let out = render(Canon::new(&view), &DotOptions::default()).unwrap();
        assert!(out.svg.contains(">Deals &amp; &lt;rivals&gt;</text>"));
        assert!(out.svg.contains(">Organization</text>"));
        assert!(out
            .svg
            .contains(r##"stroke="#a0aec0" stroke-width="2" stroke-dasharray="5,5"/>"##));
        assert!(out.svg.contains(">negated</text>"));
        assert!(!out.svg.contains("Times"));
        roxmltree::Document::parse(&out.svg).unwrap();
    }
}
