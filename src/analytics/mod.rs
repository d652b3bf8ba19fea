//! Graph analytics with petgraph over the direct triples: who is central
//! (degree, PageRank), how the graph falls apart (connected components), and
//! the shortest chains of facts between two entities.
//!
//! ```text
//! GraphView (entities, edges with sources) ─► Analysis (petgraph DiGraph)
//!   ─► degree / page_rank / components / path(a, b)
//! ```
//!
//! Edges keep their direction for PageRank (an investment points at the
//! investee); degree, components and paths treat the graph as undirected, since
//! a chain of explanation may follow a fact either way.

use crate::render::{Edge, GraphView};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, VecDeque};

/// The direct-triple graph of a view.
pub struct Analysis {
    graph: DiGraph<String, usize>,
    index: BTreeMap<String, NodeIndex>,
    edges: Vec<Edge>,
}

/// One fact on a path, in the direction the path walks it.
#[derive(Debug, Clone, PartialEq)]
pub struct Hop {
    pub edge: Edge,
    /// Whether the path walks the fact from object to subject.
    pub reversed: bool,
}

impl Analysis {
    /// Builds the graph; entities without facts are nodes too. Nodes and edges
    /// are added in a sorted order, so every result is deterministic.
    pub fn new(view: &GraphView) -> Analysis {
        let mut graph = DiGraph::new();
        let mut index = BTreeMap::new();
        let mut ids: Vec<&str> = view.nodes.iter().map(|n| n.id.as_str()).collect();
        ids.extend(
            view.edges
                .iter()
                .flat_map(|e| [e.from.as_str(), e.to.as_str()]),
        );
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            index.insert(id.to_string(), graph.add_node(id.to_string()));
        }
        let mut edges = view.edges.clone();
        edges.sort_by(|a, b| (&a.from, a.relation, &a.to).cmp(&(&b.from, b.relation, &b.to)));
        for (k, e) in edges.iter().enumerate() {
            graph.add_edge(index[&e.from], index[&e.to], k);
        }
        Analysis {
            graph,
            index,
            edges,
        }
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Connected components, ignoring direction (isolated entities count).
    pub fn components(&self) -> usize {
        petgraph::algo::connected_components(&self.graph)
    }

    /// Every entity with its number of facts in and out, most first, then by IRI.
    pub fn degrees(&self) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = self
            .graph
            .node_indices()
            .map(|n| {
                let d = self
                    .graph
                    .edges_directed(n, petgraph::Direction::Outgoing)
                    .count()
                    + self
                        .graph
                        .edges_directed(n, petgraph::Direction::Incoming)
                        .count();
                (self.graph[n].clone(), d)
            })
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// PageRank (damping 0.85, 100 iterations) of every entity, highest first,
    /// then by IRI.
    pub fn page_rank(&self) -> Vec<(String, f64)> {
        if self.graph.node_count() == 0 {
            return Vec::new();
        }
        let ranks = petgraph::algo::page_rank(&self.graph, 0.85_f64, 100);
        let mut out: Vec<(String, f64)> = self
            .graph
            .node_indices()
            .map(|n| (self.graph[n].clone(), ranks[n.index()]))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// A shortest chain of facts from `from` to `to`, walking facts either way;
    /// among chains of the same length, the one through the smallest IRIs and
    /// relations. `None` when the two are not connected (or unknown).
    pub fn path(&self, from: &str, to: &str) -> Option<Vec<Hop>> {
        let (&start, &goal) = (self.index.get(from)?, self.index.get(to)?);
        let mut previous: BTreeMap<NodeIndex, (NodeIndex, usize, bool)> = BTreeMap::new();
        let mut queue = VecDeque::from([start]);
        let mut seen = vec![false; self.graph.node_count()];
        seen[start.index()] = true;
        while let Some(n) = queue.pop_front() {
            if n == goal {
                break;
            }
            let mut next: Vec<(NodeIndex, usize, bool)> = self
                .graph
                .edges_directed(n, petgraph::Direction::Outgoing)
                .map(|e| (e.target(), *e.weight(), false))
                .chain(
                    self.graph
                        .edges_directed(n, petgraph::Direction::Incoming)
                        .map(|e| (e.source(), *e.weight(), true)),
                )
                .collect();
            next.sort_by(|a, b| (&self.graph[a.0], a.1).cmp(&(&self.graph[b.0], b.1)));
            for (m, edge, reversed) in next {
                if !seen[m.index()] {
                    seen[m.index()] = true;
                    previous.insert(m, (n, edge, reversed));
                    queue.push_back(m);
                }
            }
        }
        if start != goal && !previous.contains_key(&goal) {
            return None;
        }
        let mut hops = Vec::new();
        let mut at = goal;
        while at != start {
            let (before, edge, reversed) = previous[&at];
            hops.push(Hop {
                edge: self.edges[edge].clone(),
                reversed,
            });
            at = before;
        }
        hops.reverse();
        Some(hops)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityType, Relation};
    use crate::render::{EdgeStyle, Node};

    fn view(edges: &[(&str, Relation, &str)], lonely: &[&str]) -> GraphView {
        GraphView {
            nodes: lonely
                .iter()
                .map(|id| Node {
                    id: id.to_string(),
                    label: id.to_string(),
                    entity_type: EntityType::Organization,
                })
                .collect(),
            edges: edges
                .iter()
                .map(|(f, r, t)| Edge {
                    from: f.to_string(),
                    to: t.to_string(),
                    relation: *r,
                    detail: None,
                    sources: 1,
                    style: EdgeStyle::Stated,
                })
                .collect(),
            clusters: Vec::new(),
            title: None,
        }
    }

    #[test]
    fn paths_walk_facts_either_way() {
        let v = view(
            &[
                ("Amazon", Relation::InvestsIn, "Anthropic"),
                ("Google", Relation::InvestsIn, "Anthropic"),
                ("Google", Relation::CompetesWith, "Microsoft"),
            ],
            &["Lonely"],
        );
        let a = Analysis::new(&v);
        let hops = a.path("Amazon", "Microsoft").unwrap();
        let walked: Vec<(&str, bool)> = hops
            .iter()
            .map(|h| (h.edge.relation.name(), h.reversed))
            .collect();
        assert_eq!(
            walked,
            [
                ("investsIn", false),
                ("investsIn", true),
                ("competesWith", false)
            ]
        );
        assert!(a.path("Amazon", "Lonely").is_none());
        assert_eq!(a.components(), 2);
    }

    #[test]
    fn the_investee_of_many_ranks_first() {
        let v = view(
            &[
                ("Amazon", Relation::InvestsIn, "Anthropic"),
                ("Google", Relation::InvestsIn, "Anthropic"),
                ("Salesforce", Relation::InvestsIn, "Anthropic"),
            ],
            &[],
        );
        let a = Analysis::new(&v);
        assert_eq!(a.page_rank()[0].0, "Anthropic");
        assert_eq!(a.degrees()[0], ("Anthropic".to_string(), 3));
    }
}
