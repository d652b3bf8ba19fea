//! A [`GraphView`] put in canonical order, the one input both engines draw from.
//!
//! The view arrives in whatever order the graph queries produced it. Here nodes
//! are sorted by id, edges by (from, to, relation) and clusters by id, exact
//! duplicates are dropped, edge endpoints missing from `nodes` become untyped
//! nodes, and each node is assigned to at most one cluster. Same view in any
//! order, same canonical form: that is what makes the DOT output byte-identical.

use super::{EdgeStyle, GraphView};
use crate::model::{EntityType, Relation};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// A node to draw.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CanonNode<'a> {
    pub id: &'a str,
    pub label: Cow<'a, str>,
    /// `None` for an edge endpoint the view does not list as a node.
    pub entity_type: Option<EntityType>,
    /// Index into [`Canon::clusters`] of the one cluster drawn around this node.
    pub cluster: Option<usize>,
}

/// An edge to draw.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CanonEdge<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub relation: Relation,
    pub detail: Option<&'a str>,
    pub sources: usize,
    pub style: EdgeStyle,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CanonCluster<'a> {
    pub label: &'a str,
    /// Indices into [`Canon::nodes`] of the nodes drawn inside, in node order.
    pub members: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Canon<'a> {
    pub nodes: Vec<CanonNode<'a>>,
    pub edges: Vec<CanonEdge<'a>>,
    pub clusters: Vec<CanonCluster<'a>>,
    pub title: Option<&'a str>,
}

impl<'a> Canon<'a> {
    pub fn new(view: &'a GraphView) -> Canon<'a> {
        let mut nodes: BTreeMap<&str, CanonNode> = BTreeMap::new();
        // Sorting on every field before dropping repeated ids makes the survivor
        // independent of input order.
        let mut listed: Vec<_> = view.nodes.iter().collect();
        listed.sort_by(|a, b| {
            (&a.id, &a.label, a.entity_type).cmp(&(&b.id, &b.label, b.entity_type))
        });
        for n in listed {
            nodes.entry(&n.id).or_insert(CanonNode {
                id: &n.id,
                label: Cow::Borrowed(&n.label),
                entity_type: Some(n.entity_type),
                cluster: None,
            });
        }

        let mut edges: Vec<CanonEdge> = view
            .edges
            .iter()
            .map(|e| CanonEdge {
                from: &e.from,
                to: &e.to,
                relation: e.relation,
                detail: e.detail.as_deref().map(str::trim).filter(|d| !d.is_empty()),
                sources: e.sources,
                style: e.style,
            })
            .collect();
        edges.sort_by(|a, b| edge_key(a).cmp(&edge_key(b)));
        edges.dedup();
        for e in &edges {
            for id in [e.from, e.to] {
                nodes.entry(id).or_insert_with(|| CanonNode {
                    id,
                    label: Cow::Owned(local_name(id)),
                    entity_type: None,
                    cluster: None,
                });
            }
        }
        let mut nodes: Vec<CanonNode> = nodes.into_values().collect();

        let mut clusters: Vec<_> = view.clusters.iter().collect();
        clusters.sort_by(|a, b| (&a.id, &a.label).cmp(&(&b.id, &b.label)));
        clusters.dedup_by(|a, b| a.id == b.id);
        let index: BTreeMap<&str, usize> =
            nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
        let member_sets: Vec<BTreeSet<usize>> = clusters
            .iter()
            .map(|c| {
                c.node_ids
                    .iter()
                    .filter_map(|id| index.get(id.as_str()).copied())
                    .collect()
            })
            .collect();
        // Graphviz clusters cannot overlap. A node several clusters claim (an
        // entity more than one article mentions) is left outside all of them,
        // between the articles that share it.
        let mut claims = vec![0usize; nodes.len()];
        for set in &member_sets {
            for &i in set {
                claims[i] += 1;
            }
        }
        let clusters = clusters
            .iter()
            .zip(member_sets)
            .enumerate()
            .map(|(c, (cluster, set))| {
                let members: Vec<usize> = set.into_iter().filter(|&i| claims[i] == 1).collect();
                for &i in &members {
                    nodes[i].cluster = Some(c);
                }
                CanonCluster {
                    label: &cluster.label,
                    members,
                }
            })
            .collect();

        Canon {
            nodes,
            edges,
            clusters,
            title: view.title.as_deref().filter(|t| !t.trim().is_empty()),
        }
    }

    /// Entity types with at least one node, in [`EntityType::ALL`] order, then
    /// `None` if some node is untyped: what the legend explains.
    pub fn node_kinds(&self) -> Vec<Option<EntityType>> {
        let present: BTreeSet<Option<EntityType>> =
            self.nodes.iter().map(|n| n.entity_type).collect();
        EntityType::ALL
            .into_iter()
            .map(Some)
            .chain([None])
            .filter(|k| present.contains(k))
            .collect()
    }

    /// Edge styles in use, in [`EdgeStyle::ALL`] order.
    pub fn edge_styles(&self) -> Vec<EdgeStyle> {
        EdgeStyle::ALL
            .into_iter()
            .filter(|s| self.edges.iter().any(|e| e.style == *s))
            .collect()
    }
}

impl CanonEdge<'_> {
    /// The relation's local name, then the detail: `investsIn $13B, 2023`.
    pub fn label(&self) -> String {
        match self.detail {
            Some(d) => format!("{} {d}", self.relation.name()),
            None => self.relation.name().to_string(),
        }
    }

    /// Line width: 1 for one source, one more per doubling of the sources, at
    /// most 6 (32 sources) so that a much-reported fact does not swamp the picture.
    pub fn penwidth(&self) -> f64 {
        (1.0 + (self.sources.max(1) as f64).log2()).min(6.0)
    }
}

type EdgeKey<'a> = (
    &'a str,
    &'a str,
    Relation,
    Option<&'a str>,
    usize,
    EdgeStyle,
);

fn edge_key<'a>(e: &CanonEdge<'a>) -> EdgeKey<'a> {
    (e.from, e.to, e.relation, e.detail, e.sources, e.style)
}

/// A readable label for an IRI the view gives no label for: the part after the
/// last `/` or `#`, with the underscores of newsgraph's entity slugs as spaces.
fn local_name(iri: &str) -> String {
    let tail = iri
        .rsplit(['/', '#'])
        .find(|s| !s.is_empty())
        .unwrap_or(iri);
    tail.replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{Cluster, Edge, Node};

    fn node(id: &str, label: &str, t: EntityType) -> Node {
        Node {
            id: id.into(),
            label: label.into(),
            entity_type: t,
        }
    }

    fn edge(from: &str, to: &str, relation: Relation, sources: usize) -> Edge {
        Edge {
            from: from.into(),
            to: to.into(),
            relation,
            detail: None,
            sources,
            style: EdgeStyle::Stated,
        }
    }

    #[test]
    fn shared_nodes_stay_outside_clusters() {
        let view = GraphView {
            nodes: vec![
                node("e:b", "B", EntityType::Organization),
                node("e:a", "A", EntityType::Person),
                node("e:c", "C", EntityType::Place),
            ],
            edges: vec![],
            clusters: vec![
                Cluster {
                    id: "doc2".into(),
                    label: "Second".into(),
                    node_ids: vec!["e:c".into(), "e:b".into(), "e:missing".into()],
                },
                Cluster {
                    id: "doc1".into(),
                    label: "First".into(),
                    node_ids: vec!["e:b".into(), "e:a".into(), "e:a".into()],
                },
            ],
            title: None,
        };
        let canon = Canon::new(&view);
        let ids: Vec<_> = canon.nodes.iter().map(|n| (n.id, n.cluster)).collect();
        assert_eq!(ids, [("e:a", Some(0)), ("e:b", None), ("e:c", Some(1))]);
        assert_eq!(canon.clusters[0].label, "First");
        assert_eq!(canon.clusters[0].members, [0]);
        assert_eq!(canon.clusters[1].members, [2]);
    }

    #[test]
    fn missing_endpoints_become_untyped_nodes() {
        let view = GraphView {
            nodes: vec![node("e:a", "A", EntityType::Person)],
            edges: vec![edge(
                "e:a",
                "https://w3id.org/newsgraph/entity/Open_AI",
                Relation::Leads,
                1,
            )],
            clusters: vec![],
            title: Some("  ".into()),
        };
        let canon = Canon::new(&view);
        assert_eq!(canon.nodes[1].label, "Open AI");
        assert_eq!(canon.nodes[1].entity_type, None);
        assert_eq!(canon.node_kinds(), [Some(EntityType::Person), None]);
        assert_eq!(canon.title, None);
    }

    #[test]
    fn duplicates_are_dropped_whatever_the_order() {
        let mut view = GraphView {
            nodes: vec![
                node("e:a", "Zed", EntityType::Person),
                node("e:a", "Alpha", EntityType::Person),
            ],
            edges: vec![
                edge("e:a", "e:a", Relation::Leads, 2),
                edge("e:a", "e:a", Relation::Leads, 2),
            ],
            clusters: vec![],
            title: None,
        };
        let canon = Canon::new(&view);
        assert_eq!(canon.nodes.len(), 1);
        assert_eq!(canon.nodes[0].label, "Alpha");
        assert_eq!(canon.edges.len(), 1);
        let first = format!("{canon:?}");
        view.nodes.reverse();
        assert_eq!(format!("{:?}", Canon::new(&view)), first);
    }

    #[test]
    fn labels_and_widths() {
        let mut e = CanonEdge {
            from: "a",
            to: "b",
            relation: Relation::InvestsIn,
            detail: Some("$13B, 2023"),
            sources: 0,
            style: EdgeStyle::Stated,
        };
        assert_eq!(e.label(), "investsIn $13B, 2023");
        let widths: Vec<f64> = [0, 1, 2, 4, 1000]
            .into_iter()
            .map(|s| {
                e.sources = s;
                e.penwidth()
            })
            .collect();
        assert_eq!(widths, [1.0, 1.0, 2.0, 3.0, 6.0]);
        e.detail = None;
        assert_eq!(e.label(), "investsIn");
    }
}
