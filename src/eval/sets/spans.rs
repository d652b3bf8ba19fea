//! Scoring relations by argument spans, the way the KnowledgeNet evaluator does
//! in its span-overlap mode, for every gold set that marks where the subject and
//! the object stand in the text.
//!
//! ```text
//! Case (text, gold facts, scope) ─┐
//! claims ─► map to the set's properties (Mapping) ─► Predicted ─┼─► score_cases ─► SetReport
//! ```
//!
//! A gold fact is found when a prediction of its property (or one that also
//! counts for it) has a subject span and an object span that overlap the gold
//! ones. A prediction in scope that finds no gold fact is a false positive.
//! What is in scope depends on the set: the properties a passage is
//! exhaustively annotated for (KnowledgeNet), every mapped property (SmartData),
//! or only the entity pairs the annotators labelled (FewRel/TACRED-style sets,
//! where a pair labelled with another relation or "no relation" turns a
//! prediction into a false positive and an unlabelled pair is not judged).

use super::super::report::Scores;
use crate::extract::{ClaimObject, EntityMention, Extraction};
use crate::model::Relation;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Code-point offsets, end-exclusive.
pub type Span = (usize, usize);

/// Whether two spans share a character (empty spans never do).
pub fn overlap(a: Span, b: Span) -> bool {
    a.0 < a.1 && b.0 < b.1 && a.0 < b.1 && b.0 < a.1
}

/// How one newsgraph relation counts in a gold set.
#[derive(Debug, Clone, Copy)]
pub struct Mapping {
    pub relation: Relation,
    /// The set's property name.
    pub property: &'static str,
    /// The set's subject is newsgraph's object ("CEO": organization → person).
    pub reversed: bool,
    /// Only credits a match; never a false positive under this property
    /// (a former CEO read as `formerlyWorkedFor` still finds a CEO fact).
    pub credit_only: bool,
    /// The type newsgraph's object must have (`leads` a country is no company leadership).
    pub object_type: Option<crate::model::EntityType>,
}

/// A fact of the gold set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldFact {
    pub property: String,
    /// Where the subject is named (several spans where the set lists every mention).
    pub subject: Vec<Span>,
    pub object: Vec<Span>,
    /// The set's property is symmetric: subject and object may be swapped.
    pub symmetric: bool,
}

/// Which predictions of a case are judged.
#[derive(Debug, Clone)]
pub enum Scope {
    /// Every prediction of a mapped property.
    All,
    /// Only predictions of these properties (exhaustively annotated ones).
    Properties(BTreeSet<String>),
    /// Only predictions whose arguments overlap a labelled pair (subject, object).
    Pairs(Vec<(Vec<Span>, Vec<Span>)>),
}

/// One unit of a gold set: a text, its language, its gold facts and its scope.
#[derive(Debug, Clone)]
pub struct Case {
    pub id: String,
    pub text: String,
    pub language: crate::model::Language,
    pub gold: Vec<GoldFact>,
    pub scope: Scope,
    /// Code-point span of the case within `text` whose facts count (a passage of
    /// a longer document); `None` for the whole text.
    pub window: Option<Span>,
    /// The entities the set marks in the text, with their types: given to the
    /// extractor when the set is scored as relation classification.
    pub given: Vec<(Span, crate::model::EntityType)>,
}

impl Case {
    /// The first span of the case that does not lie inside its text (one that
    /// ends before it starts, or past the text's last character), described
    /// for an error message; `None` when every span fits.
    pub fn misplaced_span(&self) -> Option<String> {
        let chars = self.text.chars().count();
        let fits = |&(start, end): &Span| start <= end && end <= chars;
        let gold = self.gold.iter().flat_map(|f| {
            let subject = f
                .subject
                .iter()
                .map(move |s| (s, "subject", f.property.as_str()));
            subject.chain(
                f.object
                    .iter()
                    .map(move |s| (s, "object", f.property.as_str())),
            )
        });
        let scope = match &self.scope {
            Scope::Pairs(pairs) => pairs.iter().flat_map(|(s, o)| s.iter().chain(o)).collect(),
            Scope::All | Scope::Properties(_) => Vec::new(),
        };
        let (span, what) = gold
            .map(|(span, role, property)| (span, format!("the {role} of a {property} fact")))
            .chain(
                scope
                    .into_iter()
                    .map(|s| (s, "a labelled pair".to_string())),
            )
            .chain(self.window.iter().map(|w| (w, "the passage".to_string())))
            .chain(
                self.given
                    .iter()
                    .map(|(s, _)| (s, "a given entity".to_string())),
            )
            .find(|(span, _)| !fits(span))?;
        Some(format!(
            "case {}: {what} spans characters {}..{}, not inside its text of {chars} characters",
            self.id, span.0, span.1
        ))
    }
}

/// A claim in the set's terms.
#[derive(Debug, Clone)]
struct Predicted {
    property: &'static str,
    credit_only: bool,
    subject: Span,
    object: Span,
    rule: String,
    relation: Relation,
}

/// A gold fact no prediction found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpanMiss {
    pub case: String,
    pub property: String,
    pub subject: String,
    pub object: String,
    pub sentence: String,
}

/// A prediction that found no gold fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpanFalsePositive {
    pub case: String,
    pub property: String,
    pub relation: String,
    pub subject: String,
    pub object: String,
    pub sentence: String,
    pub rule: String,
}

/// Scores of one property.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PropertyScores {
    pub property: String,
    #[serde(flatten)]
    pub scores: Scores,
}

/// True and false positives of one extraction rule.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct RuleTally {
    pub rule: String,
    pub true_positives: usize,
    pub false_positives: usize,
}

/// The evaluation of one gold set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetReport {
    pub set: String,
    /// How the set's properties were mapped, as shown to the reader.
    pub mapping: Vec<String>,
    pub cases: usize,
    /// Whether the extractor was given the set's entities.
    pub given_entities: bool,
    pub overall: Scores,
    pub per_property: Vec<PropertyScores>,
    pub per_rule: Vec<RuleTally>,
    pub misses: Vec<SpanMiss>,
    pub false_positives: Vec<SpanFalsePositive>,
}

/// A case with what newsgraph extracted from its text.
pub struct Scored {
    pub case: Case,
    pub extraction: Extraction,
    /// Every mention of the extraction's entities.
    pub mentions: Vec<EntityMention>,
    /// Code-point spans of the text's sentences.
    pub sentences: Vec<Span>,
}

/// The claims of one extraction in the set's terms: non-negated claims between
/// two entities named in the evidence sentence. A claim is a statement about
/// entities, so it stands for every pair of their mentions in that sentence
/// ("John Lundgren is CEO of Stanley Black & Decker (SWK), a position he has
/// held": Lundgren or he, Stanley Black & Decker or SWK), as gold sets that
/// mark every mention of a fact's arguments expect.
fn predictions(scored: &Scored, mappings: &[Mapping]) -> Vec<Predicted> {
    let ex = &scored.extraction;
    let window = scored.case.window;
    let mut out: Vec<Predicted> = Vec::new();
    let mut seen = BTreeSet::new();
    for c in ex.claims.iter().filter(|c| c.polarity) {
        let ClaimObject::Entity(object) = c.object else {
            continue;
        };
        let object_type = ex.entities[object].entity_type;
        let spans_of = |entity: usize, named: Option<Span>| -> Vec<Span> {
            let mut spans: Vec<Span> = named.into_iter().collect();
            spans.extend(
                scored
                    .mentions
                    .iter()
                    .filter(|m| m.entity == entity && m.sentence == c.sentence)
                    .map(|m| (m.start, m.end)),
            );
            spans.sort_unstable();
            spans.dedup();
            spans
        };
        let subjects = spans_of(c.subject, c.subject_span);
        let objects = spans_of(object, c.object_span);
        for &s in &subjects {
            for &o in &objects {
                if window.is_some_and(|w| !(overlap(w, s) && overlap(w, o))) {
                    continue;
                }
                for m in mappings
                    .iter()
                    .filter(|m| m.relation == c.relation)
                    .filter(|m| m.object_type.is_none_or(|t| t == object_type))
                {
                    let (subject, object) = if m.reversed { (o, s) } else { (s, o) };
                    if seen.insert((m.property, m.credit_only, subject, object)) {
                        out.push(Predicted {
                            property: m.property,
                            credit_only: m.credit_only,
                            subject,
                            object,
                            rule: c.rule.clone(),
                            relation: c.relation,
                        });
                    }
                }
            }
        }
    }
    out
}

/// Whether a span overlaps any of `spans`.
fn hits(span: Span, spans: &[Span]) -> bool {
    spans.iter().any(|&s| overlap(span, s))
}

fn finds(p: &Predicted, g: &GoldFact) -> bool {
    p.property == g.property
        && ((hits(p.subject, &g.subject) && hits(p.object, &g.object))
            || (g.symmetric && hits(p.subject, &g.object) && hits(p.object, &g.subject)))
}

fn in_scope(p: &Predicted, scope: &Scope, symmetric: &dyn Fn(&str) -> bool) -> bool {
    if p.credit_only {
        return false;
    }
    match scope {
        Scope::All => true,
        Scope::Properties(props) => props.contains(p.property),
        Scope::Pairs(pairs) => pairs.iter().any(|(s, o)| {
            (hits(p.subject, s) && hits(p.object, o))
                || (symmetric(p.property) && hits(p.subject, o) && hits(p.object, s))
        }),
    }
}

/// The text of a span.
pub(super) fn text_of(text: &str, span: Span) -> String {
    text.chars().skip(span.0).take(span.1 - span.0).collect()
}

/// Scores every case against its extraction. `properties` lists the set's
/// mapped properties in report order; `symmetric` names those without direction.
pub fn score_cases(
    set: &str,
    mappings: &[Mapping],
    symmetric: &[&str],
    cases: &[Scored],
) -> SetReport {
    let is_symmetric = |p: &str| symmetric.contains(&p);
    let mut counts: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for m in mappings.iter().filter(|m| !m.credit_only) {
        counts.entry(m.property).or_default();
    }
    let mut rules: BTreeMap<String, RuleTally> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut false_positives = Vec::new();
    for scored in cases {
        let (case, sentences) = (&scored.case, &scored.sentences);
        let sentence_at = |pos: usize| -> String {
            sentences
                .iter()
                .find(|&&(s, e)| s <= pos && pos < e)
                .map(|&s| text_of(&case.text, s))
                .unwrap_or_default()
        };
        let preds = predictions(scored, mappings);
        for g in &case.gold {
            let Some(entry) = counts.get_mut(g.property.as_str()) else {
                continue;
            };
            let found: Vec<&Predicted> = preds.iter().filter(|p| finds(p, g)).collect();
            if found.is_empty() {
                entry.2 += 1;
                misses.push(SpanMiss {
                    case: case.id.clone(),
                    property: g.property.clone(),
                    subject: text_of(&case.text, g.subject[0]),
                    object: text_of(&case.text, g.object[0]),
                    sentence: sentence_at(g.subject[0].0.min(g.object[0].0)),
                });
            } else {
                entry.0 += 1;
                for p in found {
                    rules.entry(p.rule.clone()).or_default().true_positives += 1;
                }
            }
        }
        for p in preds
            .iter()
            .filter(|p| in_scope(p, &case.scope, &is_symmetric))
        {
            let also: Vec<&str> = preds
                .iter()
                .filter(|q| q.subject == p.subject && q.object == p.object && q.credit_only)
                .map(|q| q.property)
                .collect();
            let found = case.gold.iter().any(|g| {
                finds(p, g)
                    || also.iter().any(|&a| {
                        finds(
                            &Predicted {
                                property: a,
                                ..p.clone()
                            },
                            g,
                        )
                    })
            });
            if found {
                continue;
            }
            if let Some(entry) = counts.get_mut(p.property) {
                entry.1 += 1;
            }
            rules.entry(p.rule.clone()).or_default().false_positives += 1;
            false_positives.push(SpanFalsePositive {
                case: case.id.clone(),
                property: p.property.to_string(),
                relation: p.relation.name().to_string(),
                subject: text_of(&case.text, p.subject),
                object: text_of(&case.text, p.object),
                sentence: sentence_at(p.subject.0.min(p.object.0)),
                rule: p.rule.clone(),
            });
        }
    }
    let (tp, fp, fn_) = counts
        .values()
        .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
    let mut per_rule: Vec<RuleTally> = rules
        .into_iter()
        .map(|(rule, mut t)| {
            t.rule = rule;
            t
        })
        .collect();
    per_rule.sort_by(|a, b| {
        b.false_positives
            .cmp(&a.false_positives)
            .then(a.rule.cmp(&b.rule))
    });
    SetReport {
        set: set.to_string(),
        mapping: mappings
            .iter()
            .map(|m| {
                format!(
                    "{} {}{}{}",
                    m.property,
                    if m.reversed { "← " } else { "→ " },
                    m.relation.name(),
                    if m.credit_only { " (credit only)" } else { "" }
                )
            })
            .collect(),
        cases: cases.len(),
        given_entities: false,
        overall: Scores::new(tp, fp, fn_, 0),
        per_property: counts
            .into_iter()
            .map(|(p, (tp, fp, fn_))| PropertyScores {
                property: p.to_string(),
                scores: Scores::new(tp, fp, fn_, 0),
            })
            .collect(),
        per_rule,
        misses,
        false_positives,
    }
}
