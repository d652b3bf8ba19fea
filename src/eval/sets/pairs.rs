//! Sets of labelled entity pairs in tokenized sentences (FewRel/TACRED style):
//! WissenschaftsSTANDARD (German) and the DFKI product corpus pairs (English).
//!
//! The sentence is detokenized into text; every labelled pair of the sentence
//! becomes part of the case's scope, and pairs whose label maps to a newsgraph
//! relation become gold facts. A prediction on a pair labelled with another
//! relation (or "no relation") is a false positive; one on a pair nobody
//! labelled is not judged.

use super::detok::{detokenize, Detokenized};
use super::spans::{Case, GoldFact, Mapping, Scope, Span};
use super::{json_lines, read_lines, SetError};
use crate::model::{EntityType, Language, Relation};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// WissenschaftsSTANDARD relation ids → (property name, newsgraph relation).
const WISS_LABELS: &[(&str, &str)] = &[
    ("2", "director"),
    ("3", "affiliation"),
    ("5", "subsidiary"),
    ("6", "partner organisation"),
    ("7", "located in"),
    ("10", "founder"),
];

pub const WISS_MAPPINGS: &[Mapping] = &[
    Mapping {
        relation: Relation::Leads,
        property: "director",
        reversed: false,
        credit_only: false,
        object_type: Some(EntityType::Organization),
    },
    Mapping {
        relation: Relation::WorksFor,
        property: "affiliation",
        reversed: false,
        credit_only: false,
        object_type: None,
    },
    Mapping {
        relation: Relation::PartOf,
        property: "subsidiary",
        reversed: false,
        credit_only: false,
        object_type: None,
    },
    Mapping {
        relation: Relation::PartnersWith,
        property: "partner organisation",
        reversed: false,
        credit_only: false,
        object_type: None,
    },
    Mapping {
        relation: Relation::LocatedIn,
        property: "located in",
        reversed: false,
        credit_only: false,
        object_type: None,
    },
    Mapping {
        relation: Relation::Founded,
        property: "founder",
        reversed: false,
        credit_only: false,
        object_type: None,
    },
];

pub const WISS_SYMMETRIC: &[&str] = &["partner organisation"];

pub const DFKI_MAPPINGS: &[Mapping] = &[Mapping {
    relation: Relation::Develops,
    property: "CompanyProvidesProduct",
    reversed: false,
    credit_only: false,
    object_type: None,
}];

/// One labelled pair: token index lists of every mention of head and tail, and
/// their types where the set gives them.
struct Pair {
    label: Option<&'static str>,
    head: Vec<Vec<usize>>,
    tail: Vec<Vec<usize>>,
    types: (Option<EntityType>, Option<EntityType>),
}

/// The sentences of a set, in first-seen order, with their pairs.
#[derive(Default)]
struct Sentences {
    order: Vec<Vec<String>>,
    pairs: BTreeMap<Vec<String>, Vec<Pair>>,
}

impl Sentences {
    fn add(&mut self, tokens: Vec<String>, pair: Pair) {
        if !self.pairs.contains_key(&tokens) {
            self.order.push(tokens.clone());
        }
        self.pairs.entry(tokens).or_default().push(pair);
    }

    fn into_cases(mut self, set: &str, language: Language, symmetric: &[&str]) -> Vec<Vec<Case>> {
        let mut out = Vec::new();
        for (i, tokens) in self.order.iter().enumerate() {
            let pairs = self.pairs.remove(tokens).unwrap_or_default();
            let d = detokenize(tokens);
            let spans = |mentions: &[Vec<usize>]| -> Vec<Span> {
                mentions.iter().filter_map(|m| cover(&d, m)).collect()
            };
            let mut scope = Vec::new();
            let mut gold = Vec::new();
            let mut given: Vec<(Span, EntityType)> = Vec::new();
            for p in &pairs {
                let (h, t) = (spans(&p.head), spans(&p.tail));
                if h.is_empty() || t.is_empty() {
                    continue;
                }
                for (spans, t) in [(&h, p.types.0), (&t, p.types.1)] {
                    if let Some(t) = t {
                        given.extend(spans.iter().map(|&s| (s, t)));
                    }
                }
                scope.push((h.clone(), t.clone()));
                if let Some(label) = p.label {
                    let fact = GoldFact {
                        property: label.to_string(),
                        subject: h,
                        object: t,
                        symmetric: symmetric.contains(&label),
                    };
                    // Symmetric relations are listed once in each direction.
                    if !gold.iter().any(|g: &GoldFact| {
                        fact.symmetric
                            && g.property == fact.property
                            && g.subject == fact.object
                            && g.object == fact.subject
                    }) {
                        gold.push(fact);
                    }
                }
            }
            out.push(vec![Case {
                id: format!("{set}:{}", i + 1),
                text: d.text,
                language,
                gold,
                scope: Scope::Pairs(scope),
                window: None,
                given: distinct(given),
            }]);
        }
        out
    }
}

/// Given entities without repeats or overlaps (the first of overlapping spans wins), sorted.
fn distinct(mut given: Vec<(Span, EntityType)>) -> Vec<(Span, EntityType)> {
    given.sort_by_key(|&(s, _)| (s.0, std::cmp::Reverse(s.1)));
    let mut out: Vec<(Span, EntityType)> = Vec::new();
    for g in given {
        if out.last().is_none_or(|l| l.0 .1 <= g.0 .0) {
            out.push(g);
        }
    }
    out
}

/// A type from a BIOES named-entity tag ("S-PER", "B-ORG").
fn ner_type(tag: &str) -> Option<EntityType> {
    match tag.rsplit('-').next()? {
        "PER" => Some(EntityType::Person),
        "ORG" => Some(EntityType::Organization),
        "LOC" => Some(EntityType::Place),
        _ => None,
    }
}

fn cover(d: &Detokenized, mention: &[usize]) -> Option<Span> {
    d.cover(*mention.iter().min()?, *mention.iter().max()?)
}

#[derive(Deserialize)]
struct WissInstance {
    tokens: Vec<String>,
    #[serde(default)]
    ner: Vec<String>,
    h: (String, String, Vec<Vec<usize>>),
    t: (String, String, Vec<Vec<usize>>),
}

/// Reads the WissenschaftsSTANDARD JSON (relation id → instances).
pub fn read_wissenschaftsstandard(path: &Path) -> Result<Vec<Vec<Case>>, SetError> {
    let text = read_lines(path)?.join("\n");
    let by_relation: BTreeMap<String, Vec<WissInstance>> =
        serde_json::from_str(&text).map_err(|e| SetError::Format {
            path: path.into(),
            message: format!("not a WissenschaftsSTANDARD file (relation id → instances): {e}"),
        })?;
    let mut sentences = Sentences::default();
    // Instances in relation-id order, so cases are numbered the same on every run.
    let mut ids: Vec<&String> = by_relation.keys().collect();
    ids.sort_by_key(|id| id.parse::<u32>().unwrap_or(u32::MAX));
    for id in ids {
        let label = WISS_LABELS
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, name)| *name);
        for inst in &by_relation[id] {
            sentences.add(
                inst.tokens.clone(),
                Pair {
                    label,
                    head: inst.h.2.clone(),
                    tail: inst.t.2.clone(),
                    types: (
                        first_tag(&inst.ner, &inst.h.2),
                        first_tag(&inst.ner, &inst.t.2),
                    ),
                },
            );
        }
    }
    Ok(sentences.into_cases("wiss", Language::German, WISS_SYMMETRIC))
}

/// The type the named-entity tags give the first token of a mention.
fn first_tag(ner: &[String], mentions: &[Vec<usize>]) -> Option<EntityType> {
    let first = *mentions.first()?.iter().min()?;
    ner_type(ner.get(first)?)
}

#[derive(Deserialize)]
struct DfkiPair {
    tokens: Vec<String>,
    label: String,
    entities: Vec<(usize, usize)>,
    grammar: Vec<String>,
    #[serde(rename = "type", default)]
    types: Vec<String>,
}

/// Reads the DFKI product corpus pairs (`*.pairs.jsonl.gz`).
pub fn read_dfki_pairs(path: &Path) -> Result<Vec<Vec<Case>>, SetError> {
    let mut sentences = Sentences::default();
    for p in json_lines::<DfkiPair>(path, "a DFKI product pair")? {
        let subj = p.grammar.iter().position(|g| g == "SUBJ").unwrap_or(0);
        let obj = 1 - subj.min(1);
        let (Some(&(ss, se)), Some(&(os, oe))) = (p.entities.get(subj), p.entities.get(obj)) else {
            continue;
        };
        if se <= ss || oe <= os {
            continue;
        }
        let label = (p.label == "CompanyProvidesProduct").then_some("CompanyProvidesProduct");
        let kind = |i: usize| match p.types.get(i).map(String::as_str) {
            Some("ORGANIZATION") => Some(EntityType::Organization),
            Some("PRODUCT") => Some(EntityType::Product),
            _ => None,
        };
        let types = (kind(subj), kind(obj));
        sentences.add(
            p.tokens,
            Pair {
                label,
                head: vec![(ss..se).collect()],
                tail: vec![(os..oe).collect()],
                types,
            },
        );
    }
    Ok(sentences.into_cases("dfki", Language::English, &[]))
}
