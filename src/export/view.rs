//! The diagram view of the graph: entities as nodes, direct triples as edges,
//! each edge labelled with what its claims say (amounts, dates), weighted by
//! how many articles support it, and styled by how firmly they say it.

use crate::model::vocab::{NG, SCHEMA};
use crate::model::{EntityType, Money, PartialDate, Relation};
use crate::render::{Edge, EdgeStyle, GraphView, Node};
use crate::store::{GraphStore, StoreError};
use std::collections::{BTreeMap, BTreeSet};

/// What the claims of one (subject, relation, object) say.
#[derive(Debug, Default)]
struct EdgeFacts {
    sources: BTreeSet<String>,
    amounts: BTreeSet<(u64, String)>,
    dates: BTreeSet<PartialDate>,
    firm: bool,
    speculative: bool,
    negated_only: bool,
}

/// Every entity with its label and type, from the entity graph.
pub fn entity_labels(
    store: &GraphStore,
) -> Result<BTreeMap<String, (String, EntityType)>, StoreError> {
    let rows = store.select(
        "SELECT ?e ?label ?type WHERE { GRAPH ngd:entities { ?e rdfs:label ?label ; a ?type } }",
    )?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let t = r[2].strip_prefix(SCHEMA).and_then(EntityType::parse)?;
            Some((r[0].clone(), (r[1].clone(), t)))
        })
        .collect())
}

/// The view of every relation between entities that at least one article states
/// without negation. `include_negated` adds edges only negated claims support.
pub fn graph_view(store: &GraphStore, include_negated: bool) -> Result<GraphView, StoreError> {
    graph_view_since(store, include_negated, None)
}

/// [`graph_view`] keeping only what claims say about `since` or later: a claim
/// counts from its own date, or without one from its article's publication date.
pub fn graph_view_since(
    store: &GraphStore,
    include_negated: bool,
    since: Option<PartialDate>,
) -> Result<GraphView, StoreError> {
    let labels = entity_labels(store)?;
    let rows = store.select(
        "SELECT ?s ?p ?o ?doc ?modality ?polarity ?amount ?currency ?date ?published WHERE { \
           ?c a ng:Claim ; ng:subject ?s ; ng:predicate ?p ; ng:object ?o ; prov:wasDerivedFrom ?doc ; \
              ng:modality ?modality ; ng:polarity ?polarity . \
           OPTIONAL { ?c ng:amount ?amount ; ng:currency ?currency } \
           OPTIONAL { ?c ng:date ?date } \
           OPTIONAL { ?doc schema:datePublished ?published } \
           FILTER(isIRI(?o)) }",
    )?;
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .filter(|r| {
            let Some(since) = since else { return true };
            let when = PartialDate::parse_iso(&r[8]).or_else(|| PartialDate::parse_iso(&r[9]));
            when.is_some_and(|d| d >= since)
        })
        .collect();
    let mut facts: BTreeMap<(String, Relation, String), EdgeFacts> = BTreeMap::new();
    for r in rows {
        let Some(relation) = r[1].strip_prefix(NG).and_then(Relation::parse) else {
            continue;
        };
        let f = facts
            .entry((r[0].clone(), relation, r[2].clone()))
            .or_insert_with(|| EdgeFacts {
                negated_only: true,
                ..Default::default()
            });
        if r[5] != "true" {
            continue;
        }
        f.negated_only = false;
        f.sources.insert(r[3].clone());
        if r[4].ends_with("Speculative") {
            f.speculative = true;
        } else {
            f.firm = true;
        }
        if let Ok(amount) = r[6].parse::<u64>() {
            f.amounts.insert((amount, r[7].clone()));
        }
        if let Some(d) = PartialDate::parse_iso(&r[8]) {
            f.dates.insert(d);
        }
    }
    let mut nodes: BTreeSet<String> = BTreeSet::new();
    let mut edges = Vec::new();
    for ((s, relation, o), f) in facts {
        if f.negated_only && !include_negated {
            continue;
        }
        if !labels.contains_key(&s) || !labels.contains_key(&o) {
            continue;
        }
        let style = if f.negated_only {
            EdgeStyle::Negated
        } else if f.firm {
            EdgeStyle::Stated
        } else {
            EdgeStyle::Uncertain
        };
        let mut detail: Vec<String> = f
            .amounts
            .iter()
            .map(|(a, c)| Money::new(*a, c).short())
            .collect();
        if detail.len() > 1 {
            detail = vec![detail.join(" / ")];
        }
        if let (Some(first), Some(last)) = (f.dates.first(), f.dates.last()) {
            detail.push(if first == last {
                first.to_string()
            } else {
                format!("{first}–{last}")
            });
        }
        nodes.insert(s.clone());
        nodes.insert(o.clone());
        edges.push(Edge {
            from: s,
            to: o,
            relation,
            detail: (!detail.is_empty()).then(|| detail.join(", ")),
            sources: f.sources.len().max(1),
            style,
        });
    }
    let nodes = nodes
        .into_iter()
        .map(|id| {
            let (label, entity_type) = labels[&id].clone();
            Node {
                id,
                label,
                entity_type,
            }
        })
        .collect();
    Ok(GraphView {
        nodes,
        edges,
        clusters: Vec::new(),
        title: None,
    })
}

/// The view of what a SPARQL CONSTRUCT query returns: its triples whose
/// predicate is a newsgraph relation between two entities of the entity graph.
pub fn from_construct(store: &GraphStore, sparql: &str) -> Result<GraphView, StoreError> {
    use oxigraph::model::Term;
    use oxigraph::sparql::QueryResults;
    let labels = entity_labels(store)?;
    let QueryResults::Graph(triples) = store.query(sparql)? else {
        return Err(StoreError::QueryEvaluation(
            "--construct needs a CONSTRUCT (or DESCRIBE) query".into(),
        ));
    };
    let mut edges: BTreeSet<(String, Relation, String)> = BTreeSet::new();
    for t in triples {
        let t = t.map_err(|e| StoreError::QueryEvaluation(e.to_string()))?;
        let Some(relation) = t
            .predicate
            .as_str()
            .strip_prefix(NG)
            .and_then(Relation::parse)
        else {
            continue;
        };
        let (oxigraph::model::NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) =
            (&t.subject, &t.object)
        else {
            continue;
        };
        if labels.contains_key(s.as_str()) && labels.contains_key(o.as_str()) {
            edges.insert((s.as_str().to_string(), relation, o.as_str().to_string()));
        }
    }
    let ids: BTreeSet<&String> = edges.iter().flat_map(|(s, _, o)| [s, o]).collect();
    Ok(GraphView {
        nodes: ids
            .into_iter()
            .map(|id| Node {
                id: id.clone(),
                label: labels[id].0.clone(),
                entity_type: labels[id].1,
            })
            .collect(),
        edges: edges
            .into_iter()
            .map(|(from, relation, to)| Edge {
                from,
                to,
                relation,
                detail: None,
                sources: 1,
                style: EdgeStyle::Stated,
            })
            .collect(),
        clusters: Vec::new(),
        title: None,
    })
}

/// One frame per article around the entities it mentions (an entity several
/// articles mention is drawn outside the frames), captioned with the headline.
pub fn article_clusters(store: &GraphStore, view: &mut GraphView) -> Result<(), StoreError> {
    let rows = store.select(
        "SELECT ?doc ?title ?e WHERE { GRAPH ?g { ?occ a ng:Occurrence ; ng:entity ?e ; ng:document ?doc } \
           OPTIONAL { ?doc schema:headline ?title } } ORDER BY ?doc ?e",
    )?;
    let shown: BTreeSet<&str> = view.nodes.iter().map(|n| n.id.as_str()).collect();
    let mut by_doc: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for r in rows {
        if !shown.contains(r[2].as_str()) {
            continue;
        }
        let entry = by_doc.entry(r[0].clone()).or_insert_with(|| {
            let caption = if r[1].is_empty() {
                r[0].rsplit('/').next().unwrap_or(&r[0]).to_string()
            } else {
                r[1].clone()
            };
            (caption, Vec::new())
        });
        entry.1.push(r[2].clone());
    }
    view.clusters = by_doc
        .into_iter()
        .map(|(id, (label, node_ids))| crate::render::Cluster {
            id,
            label,
            node_ids,
        })
        .collect();
    Ok(())
}

/// What part of the graph to draw.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Start from this entity (IRI) and keep what lies within `depth` hops.
    pub focus: Option<String>,
    pub depth: usize,
    /// Keep only these relations (all when empty).
    pub relations: Vec<Relation>,
    /// Keep only entities of these types (all when empty).
    pub types: Vec<EntityType>,
    /// Keep only facts that at least this many articles state.
    pub min_sources: usize,
    /// Keep only these entities (IRIs), e.g. the most central ones; all when `None`.
    pub only: Option<BTreeSet<String>>,
}

/// The entity a name refers to: its label or one of its other spellings, in any
/// language, case-insensitively. Exact label matches win over aliases.
pub fn find_entity(store: &GraphStore, name: &str) -> Result<Option<String>, StoreError> {
    let rows = store.select(
        "SELECT ?e ?name ?kind WHERE { GRAPH ngd:entities { { ?e rdfs:label ?name BIND(0 AS ?kind) } UNION { ?e skos:altLabel ?name BIND(1 AS ?kind) } } }",
    )?;
    let wanted = name.trim().to_lowercase();
    let mut best: Option<(String, String)> = None;
    for r in rows {
        if r[1].to_lowercase() == wanted {
            let key = (r[2].clone(), r[0].clone());
            if best.as_ref().is_none_or(|b| key < *b) {
                best = Some(key);
            }
        }
    }
    Ok(best.map(|(_, e)| e))
}

/// The part of `view` a selection keeps.
pub fn select(view: GraphView, selection: &Selection) -> GraphView {
    let types: BTreeMap<&str, EntityType> = view
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.entity_type))
        .collect();
    let allowed = |id: &str| {
        (selection.types.is_empty() || types.get(id).is_some_and(|t| selection.types.contains(t)))
            && selection.only.as_ref().is_none_or(|only| only.contains(id))
    };
    let edges: Vec<Edge> = view
        .edges
        .iter()
        .filter(|e| selection.relations.is_empty() || selection.relations.contains(&e.relation))
        .filter(|e| e.sources >= selection.min_sources)
        .filter(|e| allowed(&e.from) && allowed(&e.to))
        .cloned()
        .collect();
    let keep: BTreeSet<String> = match &selection.focus {
        None => edges
            .iter()
            .flat_map(|e| [e.from.clone(), e.to.clone()])
            .collect(),
        Some(focus) => {
            let mut seen: BTreeSet<String> = BTreeSet::from([focus.clone()]);
            let mut frontier = vec![focus.clone()];
            for _ in 0..selection.depth {
                let mut next = Vec::new();
                for e in &edges {
                    for (a, b) in [(&e.from, &e.to), (&e.to, &e.from)] {
                        if frontier.contains(a) && seen.insert(b.clone()) {
                            next.push(b.clone());
                        }
                    }
                }
                frontier = next;
            }
            seen
        }
    };
    let mut nodes: Vec<Node> = view
        .nodes
        .into_iter()
        .filter(|n| keep.contains(&n.id))
        .collect();
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    GraphView {
        nodes,
        edges: edges
            .into_iter()
            .filter(|e| keep.contains(&e.from) && keep.contains(&e.to))
            .collect(),
        clusters: view.clusters,
        title: view.title,
    }
}
