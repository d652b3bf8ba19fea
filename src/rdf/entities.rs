//! The entity graph (`ngd:entities`) from the occurrence nodes of all articles.
//!
//! ```text
//! an article's quads (in memory while a build writes them, or scanned from the store)
//!   ─► occurrences_of ─► one Occurrence per occurrence node
//!   ─► EntityMerger::add: per entity, label and type weights, every spelling, and
//!      the Wikidata id of the occurrence with the smallest node IRI
//!   ─► EntityMerger::quads: one type and one label per entity, the other spellings
//!      as skos:altLabel, owl:sameAs where a Wikidata id is known
//! ```
//!
//! The merge does not depend on the order occurrences come in, so a build can
//! feed the articles it writes as they go by, and a scan of the store gives
//! the same graph.

use super::Terms;
use super::{iri, lang_literal, ng, owl_same_as, rdf_type, rdfs_label, schema, skos_alt_label};
use crate::model::{vocab, EntityType};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What one article says about an entity, as its occurrence node records it.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    pub entity: String,
    pub label: String,
    pub label_lang: String,
    pub entity_type: EntityType,
    pub aliases: Vec<(String, String)>,
    pub wikidata: Option<String>,
    pub mentions: u64,
    pub from_lexicon: bool,
}

/// The predicates an occurrence node is described with.
pub fn occurrence_predicates() -> Vec<NamedNode> {
    let mut p: Vec<NamedNode> = [
        "entity",
        "label",
        "entityType",
        "mentionCount",
        "wikidata",
        "fromLexicon",
    ]
    .into_iter()
    .map(ng)
    .collect();
    p.push(skos_alt_label());
    p
}

/// The occurrences described by `quads` (any quads; those of other predicates
/// and of the default graph are ignored), each with its node's IRI, ordered by
/// entity and node. A node without entity, label, type or mention count is
/// no occurrence.
pub fn occurrences_of(quads: &[Quad]) -> Vec<(String, Occurrence)> {
    #[derive(Default)]
    struct Node<'q> {
        entity: Option<&'q Term>,
        label: Option<&'q Term>,
        entity_type: Option<&'q Term>,
        count: Option<&'q Term>,
        wikidata: Option<&'q Term>,
        from_lexicon: bool,
        aliases: Vec<(String, String)>,
    }
    let [entity, label, entity_type, count, wikidata, from_lexicon, alt_label]: [NamedNode; 7] =
        occurrence_predicates()
            .try_into()
            .expect("seven occurrence predicates");
    let mut nodes: HashMap<(&NamedOrBlankNode, &GraphName), Node> = HashMap::new();
    for q in quads.iter().filter(|q| q.graph_name.is_named_node()) {
        let p = &q.predicate;
        let known = [
            &entity,
            &label,
            &entity_type,
            &count,
            &wikidata,
            &from_lexicon,
            &alt_label,
        ]
        .contains(&p);
        if !known {
            continue;
        }
        let node = nodes.entry((&q.subject, &q.graph_name)).or_default();
        if *p == entity {
            node.entity = Some(&q.object);
        } else if *p == label {
            node.label = Some(&q.object);
        } else if *p == entity_type {
            node.entity_type = Some(&q.object);
        } else if *p == count {
            node.count = Some(&q.object);
        } else if *p == wikidata {
            node.wikidata = Some(&q.object);
        } else if *p == from_lexicon {
            node.from_lexicon = true;
        } else if let Term::Literal(l) = &q.object {
            node.aliases.push((
                l.value().to_string(),
                l.language().unwrap_or("und").to_string(),
            ));
        }
    }
    let mut out: Vec<(String, String, Occurrence)> = Vec::new();
    for ((subject, _), node) in nodes {
        let (
            Some(Term::NamedNode(e)),
            Some(Term::Literal(label)),
            Some(Term::NamedNode(t)),
            Some(Term::Literal(count)),
        ) = (node.entity, node.label, node.entity_type, node.count)
        else {
            continue;
        };
        let Some(entity_type) = t
            .as_str()
            .strip_prefix(vocab::SCHEMA)
            .and_then(EntityType::parse)
        else {
            continue;
        };
        let mut aliases = node.aliases;
        aliases.sort();
        out.push((
            e.to_string(),
            subject.to_string(),
            Occurrence {
                entity: e.as_str().to_string(),
                label: label.value().to_string(),
                label_lang: label.language().unwrap_or("und").to_string(),
                entity_type,
                aliases,
                wikidata: match node.wikidata {
                    Some(Term::NamedNode(w)) if w.as_str().starts_with(vocab::WD) => {
                        Some(w.as_str().to_string())
                    }
                    _ => None,
                },
                mentions: count.value().parse().unwrap_or(1),
                from_lexicon: node.from_lexicon,
            },
        ));
    }
    out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    out.into_iter().map(|(_, node, o)| (node, o)).collect()
}

/// What the occurrences of one entity add up to.
#[derive(Default, Clone)]
struct Acc {
    labels: BTreeMap<(String, String), u64>,
    types: BTreeMap<EntityType, u64>,
    aliases: BTreeSet<(String, String)>,
    /// Mentions over all articles, and the articles (one occurrence node each).
    mentions: u64,
    articles: u64,
    /// The Wikidata id and the IRI of the occurrence node it came from.
    wikidata: Option<(String, String)>,
}

/// The label of an entity: among the names its IRI was made from (a German
/// article may label a lexicon entity with its own name and keep the English
/// canonical one as an altLabel), the one with most weight; where none is, the
/// label with most weight.
fn canonical_label(entity: &str, acc: &Acc) -> (String, String) {
    let local = entity.rsplit(['/', '#']).next().unwrap_or(entity);
    let weighted = acc.labels.iter().map(|(k, w)| (k, *w));
    let unweighted = acc.aliases.iter().map(|k| (k, 0));
    let by_weight = |a: &(&(String, String), u64), b: &(&(String, String), u64)| {
        a.1.cmp(&b.1).then(b.0.cmp(a.0))
    };
    weighted
        .clone()
        .chain(unweighted)
        .filter(|(k, _)| super::slug(&k.0) == local)
        .max_by(by_weight)
        .or_else(|| weighted.max_by(by_weight))
        .map(|(k, _)| k.clone())
        .expect("an entity has a label")
}

/// Gathers occurrences, in any order, into the entity graph.
#[derive(Default)]
pub struct EntityMerger {
    by_entity: BTreeMap<String, Acc>,
}

impl EntityMerger {
    /// Adds one occurrence; `node` is its occurrence node's IRI, which picks the
    /// Wikidata id when occurrences disagree (the smallest wins).
    pub fn add(&mut self, node: &str, o: Occurrence) {
        let acc = self.by_entity.entry(o.entity).or_default();
        let weight = o.mentions.max(1) + if o.from_lexicon { 1_000_000 } else { 0 };
        *acc.labels.entry((o.label, o.label_lang)).or_default() += weight;
        *acc.types.entry(o.entity_type).or_default() += weight;
        acc.mentions += o.mentions;
        acc.articles += 1;
        acc.aliases.extend(o.aliases);
        if let Some(q) = o.wikidata {
            if acc
                .wikidata
                .as_ref()
                .is_none_or(|(_, from)| node < from.as_str())
            {
                acc.wikidata = Some((q, node.to_string()));
            }
        }
    }

    /// The IRIs of the entities the occurrences name.
    pub fn entities(&self) -> impl Iterator<Item = &String> {
        self.by_entity.keys()
    }

    /// Whether occurrences of `entity` were added.
    pub fn contains(&self, entity: &str) -> bool {
        self.by_entity.contains_key(entity)
    }

    /// Forgets what was added for `entity`.
    pub fn remove(&mut self, entity: &str) {
        self.by_entity.remove(entity);
    }

    /// Adds everything `other` gathered, as if its occurrences had been added
    /// here: the merge is a sum, so the order does not matter.
    pub fn absorb(&mut self, other: EntityMerger) {
        for (entity, o) in other.by_entity {
            let acc = self.by_entity.entry(entity).or_default();
            for (k, w) in o.labels {
                *acc.labels.entry(k).or_default() += w;
            }
            for (k, w) in o.types {
                *acc.types.entry(k).or_default() += w;
            }
            acc.aliases.extend(o.aliases);
            acc.mentions += o.mentions;
            acc.articles += o.articles;
            if let Some((q, node)) = o.wikidata {
                if acc.wikidata.as_ref().is_none_or(|(_, from)| node < *from) {
                    acc.wikidata = Some((q, node));
                }
            }
        }
    }

    /// What was gathered for these entities only (a copy).
    pub fn subset<'a>(&self, entities: impl IntoIterator<Item = &'a String>) -> EntityMerger {
        EntityMerger {
            by_entity: entities
                .into_iter()
                .filter_map(|e| self.by_entity.get(e).map(|a| (e.clone(), a.clone())))
                .collect(),
        }
    }

    /// How many entities the occurrences name.
    pub fn len(&self) -> usize {
        self.by_entity.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_entity.is_empty()
    }

    /// The entity graph: one type and one label per entity (the lexicon's, else
    /// those with most mentions), every other spelling as `skos:altLabel`.
    pub fn quads(self, terms: &Terms) -> Vec<Quad> {
        let graph = GraphName::NamedNode(terms.entities_graph());
        let mut out = Vec::new();
        for (entity, acc) in self.by_entity {
            let (label, lang) = canonical_label(&entity, &acc);
            let s: NamedOrBlankNode = iri(entity).into();
            let t = acc
                .types
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(t, _)| *t)
                .expect("an entity has a type");
            out.push(Quad::new(
                s.clone(),
                rdf_type(),
                schema(t.name()),
                graph.clone(),
            ));
            out.push(Quad::new(
                s.clone(),
                rdfs_label(),
                lang_literal(&label, &lang),
                graph.clone(),
            ));
            let mut alts: BTreeSet<(String, String)> = acc.aliases;
            for (l, lang) in acc.labels.keys() {
                alts.insert((l.clone(), lang.clone()));
            }
            let mut written: BTreeSet<String> = BTreeSet::new();
            for (alias, lang) in alts {
                if alias != label && written.insert(alias.clone()) {
                    out.push(Quad::new(
                        s.clone(),
                        skos_alt_label(),
                        lang_literal(&alias, &lang),
                        graph.clone(),
                    ));
                }
            }
            // What entity lists count, written once here instead of summed
            // over every occurrence at query time.
            out.push(Quad::new(
                s.clone(),
                ng("mentionCount"),
                Literal::from(acc.mentions as i64),
                graph.clone(),
            ));
            out.push(Quad::new(
                s.clone(),
                ng("articleCount"),
                Literal::from(acc.articles as i64),
                graph.clone(),
            ));
            if let Some((q, _)) = acc.wikidata {
                out.push(Quad::new(s, owl_same_as(), iri(q), graph.clone()));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::vocab::Namespaces;

    fn occ(terms: &Terms, lang: &str, t: EntityType, wd: Option<&str>, n: u64) -> Occurrence {
        Occurrence {
            from_lexicon: wd.is_some(),
            entity: terms.entity("Apple").as_str().to_string(),
            label: "Apple".into(),
            label_lang: lang.into(),
            entity_type: t,
            aliases: vec![("Apples".into(), "de".into())],
            wikidata: wd.map(String::from),
            mentions: n,
        }
    }

    #[test]
    fn the_label_is_the_name_the_iri_was_made_from() {
        let terms = Terms::new(Namespaces::default());
        let german = Occurrence {
            from_lexicon: true,
            entity: terms.entity("Freedom Party").as_str().to_string(),
            label: "FP".into(),
            label_lang: "de".into(),
            entity_type: EntityType::Organization,
            aliases: vec![("Freedom Party".into(), "en".into())],
            wikidata: None,
            mentions: 4,
        };
        let mut m = EntityMerger::default();
        m.add("a", german);
        let lines: Vec<String> = m
            .quads(&terms)
            .iter()
            .map(|q| format!("{} {}", q.predicate, q.object))
            .collect();
        assert_eq!(
            lines[1..3],
            [
                "<http://www.w3.org/2000/01/rdf-schema#label> \"Freedom Party\"@en",
                "<http://www.w3.org/2004/02/skos/core#altLabel> \"FP\"@de",
            ]
        );
    }

    #[test]
    fn merged_entities_get_one_label_and_the_lexicon_type() {
        let terms = Terms::new(Namespaces::default());
        let q312 = Some("http://www.wikidata.org/entity/Q312");
        let lines = |order: &[usize]| {
            let all = [
                ("a", occ(&terms, "en", EntityType::Organization, q312, 1)),
                ("b", occ(&terms, "de", EntityType::Product, None, 5)),
                (
                    "c",
                    occ(
                        &terms,
                        "en",
                        EntityType::Organization,
                        Some("http://www.wikidata.org/entity/Q9"),
                        1,
                    ),
                ),
            ];
            let mut m = EntityMerger::default();
            for &i in order {
                m.add(all[i].0, all[i].1.clone());
            }
            assert_eq!(m.len(), 1);
            m.quads(&terms)
                .iter()
                .map(|q| format!("{} {}", q.predicate, q.object))
                .collect::<Vec<String>>()
        };
        let want = vec![
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Organization>",
            "<http://www.w3.org/2000/01/rdf-schema#label> \"Apple\"@en",
            "<http://www.w3.org/2004/02/skos/core#altLabel> \"Apples\"@de",
            // 1 + 5 + 1 mentions in three articles.
            "<https://w3id.org/newsgraph/ontology#mentionCount> \"7\"^^<http://www.w3.org/2001/XMLSchema#integer>",
            "<https://w3id.org/newsgraph/ontology#articleCount> \"3\"^^<http://www.w3.org/2001/XMLSchema#integer>",
            "<http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q312>",
        ];
        // Any order gives the same graph: the smallest node's Wikidata id wins.
        assert_eq!(lines(&[0, 1, 2]), want);
        assert_eq!(lines(&[2, 1, 0]), want);
        assert_eq!(lines(&[1, 2, 0]), want);
    }
}
