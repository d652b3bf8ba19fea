//! The look of a diagram, read from `data/render/style.toml`: fonts, node shape
//! and colours per entity type, edge colour per relation, line style per
//! [`EdgeStyle`](super::EdgeStyle).
//!
//! The file is compiled in and parsed once, on first use; [`style`] hands out the
//! parsed tables to the DOT writer and the builtin renderer, so both engines draw
//! the same colours. A broken file is a build defect, caught by the tests here.

use super::EdgeStyle;
use crate::model::{EntityType, Relation};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const STYLE_TOML: &str = include_str!("../../data/render/style.toml");

/// The parsed style tables, with every entity type, relation and edge style present.
#[derive(Debug)]
pub(crate) struct Style {
    pub font: Font,
    pub graph: GraphLook,
    pub cluster: FrameLook,
    pub legend: LegendLook,
    pub untyped: NodeLook,
    entity: BTreeMap<EntityType, NodeLook>,
    relation: BTreeMap<Relation, String>,
    edge_style: BTreeMap<EdgeStyle, EdgeLook>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Font {
    pub family: String,
    pub node_size: u32,
    pub edge_size: u32,
    pub title_size: u32,
    pub color: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GraphLook {
    pub bgcolor: String,
    pub nodesep: f64,
    pub ranksep: f64,
}

/// The frame drawn around an article's entities.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrameLook {
    pub style: String,
    pub color: String,
    pub fontcolor: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LegendLook {
    pub label: String,
    pub style: String,
    pub color: String,
    pub fontcolor: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NodeLook {
    /// Graphviz `shape`.
    pub shape: String,
    /// Graphviz `style`.
    pub style: String,
    pub fillcolor: String,
    /// Border colour.
    pub color: String,
    pub builtin_shape: BuiltinShape,
}

/// The shapes layout-rs can draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum BuiltinShape {
    Box,
    Rounded,
    Ellipse,
    Circle,
    DoubleEllipse,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EdgeLook {
    /// The word the legend shows for this style.
    pub legend: String,
    /// Graphviz line style: `solid`, `dashed` or `dotted`.
    pub style: String,
    /// Replaces the relation colour when set.
    pub color: Option<String>,
}

/// The file as written; [`Style::parse`] checks it is complete.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleFile {
    font: Font,
    graph: GraphLook,
    cluster: FrameLook,
    legend: LegendLook,
    entity: BTreeMap<EntityType, NodeLook>,
    untyped: NodeLook,
    // Keyed by the relation's local name (`investsIn`), as users know it.
    relation: BTreeMap<String, String>,
    edge_style: BTreeMap<EdgeStyle, EdgeLook>,
}

/// The style tables of `data/render/style.toml`.
pub(crate) fn style() -> &'static Style {
    static STYLE: OnceLock<Style> = OnceLock::new();
    STYLE.get_or_init(|| {
        Style::parse(STYLE_TOML).unwrap_or_else(|e| panic!("data/render/style.toml is broken: {e}"))
    })
}

impl Style {
    fn parse(text: &str) -> Result<Style, String> {
        let file: StyleFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut relation = BTreeMap::new();
        for (name, color) in file.relation {
            let r = Relation::parse(&name).ok_or_else(|| format!("unknown relation `{name}`"))?;
            relation.insert(r, color);
        }
        let style = Style {
            font: file.font,
            graph: file.graph,
            cluster: file.cluster,
            legend: file.legend,
            untyped: file.untyped,
            entity: file.entity,
            relation,
            edge_style: file.edge_style,
        };
        style.check()?;
        Ok(style)
    }

    /// Every lookup the renderers make must succeed, and every colour must be in
    /// the one form both Graphviz and layout-rs read.
    fn check(&self) -> Result<(), String> {
        let mut colors = vec![
            &self.font.color,
            &self.graph.bgcolor,
            &self.cluster.color,
            &self.cluster.fontcolor,
            &self.legend.color,
            &self.legend.fontcolor,
            &self.untyped.fillcolor,
            &self.untyped.color,
        ];
        for t in EntityType::ALL {
            let look = self
                .entity
                .get(&t)
                .ok_or_else(|| format!("no [entity.{t}] table"))?;
            colors.extend([&look.fillcolor, &look.color]);
        }
        for r in Relation::ALL {
            colors.push(
                self.relation
                    .get(&r)
                    .ok_or_else(|| format!("no colour for relation `{}`", r.name()))?,
            );
        }
        for s in EdgeStyle::ALL {
            let look = self
                .edge_style
                .get(&s)
                .ok_or_else(|| format!("no [edge_style.{s:?}] table"))?;
            if !matches!(look.style.as_str(), "solid" | "dashed" | "dotted") {
                return Err(format!(
                    "edge style `{}` is not solid, dashed or dotted",
                    look.style
                ));
            }
            colors.extend(look.color.as_ref());
        }
        match colors.into_iter().find(|c| !is_hex_color(c)) {
            Some(bad) => Err(format!("colour `{bad}` is not of the form #rrggbb")),
            None => Ok(()),
        }
    }

    /// The look of a node of this type; `None` is an endpoint without a type.
    pub fn node(&self, entity_type: Option<EntityType>) -> &NodeLook {
        match entity_type {
            // `check` made sure every type has a table.
            Some(t) => &self.entity[&t],
            None => &self.untyped,
        }
    }

    pub fn relation_color(&self, relation: Relation) -> &str {
        &self.relation[&relation]
    }

    pub fn edge(&self, style: EdgeStyle) -> &EdgeLook {
        &self.edge_style[&style]
    }

    /// The colour an edge is drawn in: the style's override, else the relation's.
    pub fn edge_color(&self, relation: Relation, style: EdgeStyle) -> &str {
        self.edge(style)
            .color
            .as_deref()
            .unwrap_or_else(|| self.relation_color(relation))
    }
}

fn is_hex_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_style_is_complete() {
        let s = style();
        assert_eq!(s.node(Some(EntityType::Person)).shape, "ellipse");
        assert_eq!(s.node(Some(EntityType::Organization)).fillcolor, "#feebc8");
        assert_eq!(s.node(None).style, "filled,dashed");
        assert_eq!(s.relation_color(Relation::InvestsIn), "#2f855a");
        assert_eq!(s.edge(EdgeStyle::Uncertain).style, "dashed");
        assert_eq!(
            s.edge_color(Relation::InvestsIn, EdgeStyle::Negated),
            "#a0aec0"
        );
        assert_eq!(s.edge_color(Relation::Leads, EdgeStyle::Stated), "#553c9a");
    }

    #[test]
    fn entity_types_look_different() {
        let s = style();
        for (i, a) in EntityType::ALL.iter().enumerate() {
            for b in &EntityType::ALL[i + 1..] {
                let (la, lb) = (s.node(Some(*a)), s.node(Some(*b)));
                assert_ne!(la.shape, lb.shape, "{a} and {b} share a Graphviz shape");
                assert_ne!(la.fillcolor, lb.fillcolor, "{a} and {b} share a fill");
                assert_ne!(
                    la.builtin_shape, lb.builtin_shape,
                    "{a} and {b} share a builtin shape"
                );
            }
        }
    }

    #[test]
    fn incomplete_or_malformed_styles_are_rejected() {
        let missing_relation = STYLE_TOML.replace("investsIn = \"#2f855a\"\n", "");
        assert_eq!(
            Style::parse(&missing_relation).unwrap_err(),
            "no colour for relation `investsIn`"
        );
        let bad_color = STYLE_TOML.replace("\"#dbeafe\"", "\"lightblue\"");
        assert_eq!(
            Style::parse(&bad_color).unwrap_err(),
            "colour `lightblue` is not of the form #rrggbb"
        );
        let unknown = STYLE_TOML.replace("investsIn =", "investedIn =");
        assert_eq!(
            Style::parse(&unknown).unwrap_err(),
            "unknown relation `investedIn`"
        );
    }
}
