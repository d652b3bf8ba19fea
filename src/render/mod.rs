//! Diagrams of the graph: a [`GraphView`] that the rest of the program fills from
//! the store, and renderers for it.
//!
//! ```text
//! GraphView ─► canonical order (sorted, deduplicated) ─┬─► to_dot ─► DOT text
//!                                                      │        └─► Graphviz `dot` ─► SVG / PNG
//!                                                      └─► builtin layout (layout-rs) ─► SVG
//! ```
//!
//! [`to_dot`] writes the DOT text (deterministic: the same view in any order gives
//! the same bytes). [`render_svg`] runs Graphviz's `dot` on it when installed and
//! otherwise lays the view out in pure Rust, so `newsgraph build` draws an SVG on
//! any machine; [`render_png`] needs Graphviz. The environment variable
//! `NEWSGRAPH_DOT` names the `dot` program to run, or switches Graphviz off with
//! `NEWSGRAPH_DOT=none`. Shapes, colours and fonts come from
//! `data/render/style.toml`.
//!
//! ```
//! use newsgraph::model::{EntityType, Relation};
//! use newsgraph::render::{to_dot, DotOptions, Edge, EdgeStyle, GraphView, Node};
//!
//! let view = GraphView {
//!     nodes: vec![
//!         Node { id: "https://w3id.org/newsgraph/entity/Microsoft".into(), label: "Microsoft".into(), entity_type: EntityType::Organization },
//!         Node { id: "https://w3id.org/newsgraph/entity/OpenAI".into(), label: "OpenAI".into(), entity_type: EntityType::Organization },
//!     ],
//!     edges: vec![Edge {
//!         from: "https://w3id.org/newsgraph/entity/Microsoft".into(),
//!         to: "https://w3id.org/newsgraph/entity/OpenAI".into(),
//!         relation: Relation::InvestsIn,
//!         detail: Some("$13B, 2023".into()),
//!         sources: 2,
//!         style: EdgeStyle::Stated,
//!     }],
//!     clusters: vec![],
//!     title: None,
//! };
//! let dot = to_dot(&view, &DotOptions::default());
//! assert!(dot.starts_with("digraph newsgraph {"));
//! assert!(dot.contains(r#"label="investsIn $13B, 2023""#));
//! ```

mod builtin;
mod canon;
mod dot;
mod error;
mod graphviz;
mod style;

pub use builtin::{MAX_EDGES as BUILTIN_MAX_EDGES, MAX_NODES as BUILTIN_MAX_NODES};
pub use dot::to_dot;
pub use error::RenderError;
pub use graphviz::DOT_ENV;

use crate::model::{EntityType, Modality, Relation};
use canon::Canon;
use graphviz::DotProgram;
use serde::Deserialize;

/// What to draw: entities, the relations between them, and optional groups.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GraphView {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Groups drawn as frames, e.g. one per article. A node that several clusters
    /// list is drawn outside all of them (Graphviz clusters cannot overlap).
    pub clusters: Vec<Cluster>,
    /// Drawn above the diagram.
    pub title: Option<String>,
}

/// An entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The entity's IRI.
    pub id: String,
    pub label: String,
    pub entity_type: EntityType,
}

/// A relation between two entities. An endpoint missing from
/// [`GraphView::nodes`] is drawn as a plain node labelled with the IRI's last segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// IRI of the subject.
    pub from: String,
    /// IRI of the object.
    pub to: String,
    pub relation: Relation,
    /// Shown after the relation name, e.g. `$13B, 2023`.
    pub detail: Option<String>,
    /// How many articles support the fact; the line grows thicker with it.
    pub sources: usize,
    pub style: EdgeStyle,
}

impl Edge {
    /// "Microsoft investsIn OpenAI ($13B, 2023)", with entity names from `label`.
    pub fn describe(&self, label: impl Fn(&str) -> String) -> String {
        format!(
            "{} {} {}{}",
            label(&self.from),
            self.relation.name(),
            label(&self.to),
            self.detail
                .as_ref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default()
        )
    }
}

/// How firmly the sources state a relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum EdgeStyle {
    /// Stated or reported as fact: a solid line.
    Stated,
    /// Speculative ("could", "plans to"): a dashed line.
    Uncertain,
    /// Denied ("did not invest"): a grey dotted line.
    Negated,
}

impl EdgeStyle {
    pub const ALL: [EdgeStyle; 3] = [EdgeStyle::Stated, EdgeStyle::Uncertain, EdgeStyle::Negated];

    /// The style for a claim: negated claims are `Negated` whatever their
    /// modality, speculative ones `Uncertain`, stated and reported ones `Stated`.
    pub fn for_claim(modality: Modality, polarity: bool) -> EdgeStyle {
        match (polarity, modality) {
            (false, _) => EdgeStyle::Negated,
            (true, Modality::Speculative) => EdgeStyle::Uncertain,
            (true, Modality::Stated | Modality::Reported) => EdgeStyle::Stated,
        }
    }
}

/// A group of nodes drawn inside one frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// Orders the clusters; not shown.
    pub id: String,
    /// The frame's caption, e.g. the article's headline.
    pub label: String,
    /// IRIs of the member nodes.
    pub node_ids: Vec<String>,
}

/// Settings of a diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DotOptions {
    /// Add a legend: a sample of each entity type and each line style drawn.
    pub legend: bool,
    /// Graphviz rank direction: `LR` (left to right), `TB`, `RL` or `BT`.
    pub rankdir: String,
}

impl Default for DotOptions {
    fn default() -> DotOptions {
        DotOptions {
            legend: true,
            rankdir: "LR".to_string(),
        }
    }
}

const RANKDIRS: [&str; 4] = ["LR", "TB", "RL", "BT"];

impl DotOptions {
    /// Checks the settings, so that a typo reaches the user instead of the default.
    pub fn validate(&self) -> Result<(), RenderError> {
        if RANKDIRS.contains(&self.rankdir.as_str()) {
            Ok(())
        } else {
            Err(RenderError::InvalidRankdir(self.rankdir.clone()))
        }
    }

    fn rankdir_or_default(&self) -> &str {
        if RANKDIRS.contains(&self.rankdir.as_str()) {
            &self.rankdir
        } else {
            "LR"
        }
    }
}

/// Which program drew an SVG.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SvgEngine {
    /// Graphviz's `dot`.
    Graphviz,
    /// The pure-Rust layout (layout-rs): no clusters, and at most
    /// [`BUILTIN_MAX_NODES`] nodes and [`BUILTIN_MAX_EDGES`] edges.
    Builtin,
}

/// A drawn diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub engine: SvgEngine,
    /// What the user should know about the drawing: Graphviz's warnings, or what
    /// the builtin layout left out (clusters, the parts of a view too big for it).
    pub warnings: Vec<String>,
}

/// The view as SVG: by Graphviz when `dot` is installed, else by the builtin layout.
///
/// A program named by `NEWSGRAPH_DOT` must work: only a missing default `dot`
/// falls back to the builtin layout.
pub fn render_svg(view: &GraphView, options: &DotOptions) -> Result<Rendered, RenderError> {
    render_svg_with(view, options, &DotProgram::from_env())
}

fn render_svg_with(
    view: &GraphView,
    options: &DotOptions,
    program: &DotProgram,
) -> Result<Rendered, RenderError> {
    options.validate()?;
    if let Some(path) = program.path() {
        match graphviz::run(path, "svg", &to_dot(view, options)) {
            Ok(out) => {
                return Ok(Rendered {
                    bytes: out.bytes,
                    engine: SvgEngine::Graphviz,
                    warnings: out.warnings,
                })
            }
            Err(err) if program.is_missing(&err) => {}
            Err(err) => return Err(err),
        }
    }
    let out = builtin::render(Canon::new(view), options)?;
    Ok(Rendered {
        bytes: out.svg.into_bytes(),
        engine: SvgEngine::Builtin,
        warnings: out.warnings,
    })
}

/// The view as PNG, drawn by Graphviz (there is no builtin PNG renderer).
pub fn render_png(view: &GraphView, options: &DotOptions) -> Result<Vec<u8>, RenderError> {
    render_png_with(view, options, &DotProgram::from_env())
}

fn render_png_with(
    view: &GraphView,
    options: &DotOptions,
    program: &DotProgram,
) -> Result<Vec<u8>, RenderError> {
    options.validate()?;
    let path = program.path().ok_or(RenderError::PngGraphvizDisabled)?;
    match graphviz::run(path, "png", &to_dot(view, options)) {
        Ok(out) => Ok(out.bytes),
        Err(err) if program.is_missing(&err) => Err(RenderError::PngNeedsGraphviz),
        Err(err) => Err(err),
    }
}

/// Whether Graphviz's `dot` (or the program `NEWSGRAPH_DOT` names) runs.
pub fn graphviz_available() -> bool {
    DotProgram::from_env().works()
}

#[cfg(test)]
mod tests;
