//! GermEval 2014 NER (German): tokenized sentences with BIO tags, scored at the
//! entity level for PER, ORG and LOC.
//!
//! A predicted name counts when its span and type equal a gold entity's
//! (CoNLL-style exact match). The gold is tokenized and a token is either in a
//! name or not, so a predicted span is first widened to the tokens it touches:
//! "NHL" in the token "NHL." tags that token, as a token tagger would. Gold entities of the other classes (OTH and the
//! `deriv`/`part` variants such as "deutsche" or "EU-Budget") are not scored:
//! a prediction inside such a span is neither right nor wrong, and neither is
//! one that equals an entity of the inner level (the fourth column: "Deutschland"
//! in "Reichsvereinigung der Juden in Deutschland").

use super::detok::detokenize;
use super::spans::{
    text_of, PropertyScores, RuleTally, SetReport, Span, SpanFalsePositive, SpanMiss,
};
use super::{read_lines, SetError};
use crate::eval::Scores;
use crate::extract::TypedMention;
use crate::model::EntityType;
use std::collections::BTreeMap;
use std::path::Path;

/// The classes scored, in report order.
pub const CLASSES: &[&str] = &["PER", "ORG", "LOC"];

/// One sentence: its text, source, and gold entities (class, span).
#[derive(Debug, Clone)]
pub struct NerSentence {
    pub id: String,
    pub text: String,
    pub entities: Vec<(String, Span)>,
    /// Entities of the inner (nested) level, which are not scored.
    pub inner: Vec<(String, Span)>,
    /// The code-point span of every token.
    pub tokens: Vec<Span>,
}

impl NerSentence {
    /// A span widened to the tokens it overlaps.
    fn to_tokens(&self, span: Span) -> Span {
        let first = self.tokens.iter().find(|t| t.1 > span.0);
        let last = self.tokens.iter().rev().find(|t| t.0 < span.1);
        match (first, last) {
            (Some(f), Some(l)) if f.0 <= l.0 => (f.0.min(span.0), l.1.max(span.1)),
            _ => span,
        }
    }
}

/// Reads a GermEval 2014 TSV file (outer tags, the third column).
pub fn read(path: &Path) -> Result<Vec<NerSentence>, SetError> {
    let mut out = Vec::new();
    let mut tokens: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let mut inner_tags: Vec<String> = Vec::new();
    let mut source = String::new();
    let flush = |tokens: &mut Vec<String>,
                 tags: &mut Vec<String>,
                 inner_tags: &mut Vec<String>,
                 source: &str,
                 out: &mut Vec<NerSentence>| {
        if tokens.is_empty() {
            return;
        }
        let d = detokenize(tokens);
        out.push(NerSentence {
            id: format!("{} #{}", source, out.len() + 1),
            entities: chunks(tags, &d.spans),
            inner: chunks(inner_tags, &d.spans),
            tokens: d.spans.clone(),
            text: d.text,
        });
        tokens.clear();
        tags.clear();
        inner_tags.clear();
    };
    for (line_no, line) in read_lines(path)?.into_iter().enumerate() {
        if line.starts_with('#') {
            flush(&mut tokens, &mut tags, &mut inner_tags, &source, &mut out);
            source = line.split('\t').nth(1).unwrap_or("").to_string();
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut tokens, &mut tags, &mut inner_tags, &source, &mut out);
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            return Err(SetError::Format {
                path: path.into(),
                message: format!(
                    "line {}: expected index, token and tag separated by tabs",
                    line_no + 1
                ),
            });
        }
        tokens.push(cols[1].to_string());
        tags.push(cols[2].to_string());
        inner_tags.push(cols.get(3).unwrap_or(&"O").to_string());
    }
    flush(&mut tokens, &mut tags, &mut inner_tags, &source, &mut out);
    Ok(out)
}

/// BIO tags to (class, code-point span) chunks.
fn chunks(tags: &[String], spans: &[Span]) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize, usize)> = None;
    let close = |open: Option<(String, usize, usize)>, out: &mut Vec<(String, Span)>| {
        if let Some((c, s, e)) = open {
            out.push((c, (spans[s].0, spans[e].1)));
        }
    };
    for (i, tag) in tags.iter().enumerate() {
        let (prefix, class) = tag.split_once('-').unwrap_or((tag.as_str(), ""));
        match prefix {
            "I" if open.as_ref().is_some_and(|(c, _, _)| c == class) => {
                if let Some(o) = open.as_mut() {
                    o.2 = i;
                }
            }
            "B" | "I" => {
                close(open.take(), &mut out);
                open = Some((class.to_string(), i, i));
            }
            _ => close(open.take(), &mut out),
        }
    }
    close(open, &mut out);
    out
}

/// The GermEval class of an entity type; products and events are not scored.
fn class(t: EntityType) -> Option<&'static str> {
    match t {
        EntityType::Person => Some("PER"),
        EntityType::Organization => Some("ORG"),
        EntityType::Place => Some("LOC"),
        _ => None,
    }
}

/// Scores the typed mentions of every sentence against its gold entities.
pub fn score(sentences: &[(NerSentence, Vec<TypedMention>)]) -> SetReport {
    let mut counts: BTreeMap<&str, (usize, usize, usize)> =
        CLASSES.iter().map(|c| (*c, (0, 0, 0))).collect();
    let mut rules: BTreeMap<&str, RuleTally> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut false_positives = Vec::new();
    for (s, mentions) in sentences {
        let mut predicted: Vec<(&'static str, Span, bool)> = mentions
            .iter()
            .filter_map(|m| {
                let span = s.to_tokens((m.start, m.end));
                Some((class(m.entity_type)?, span, m.from_lexicon))
            })
            .collect();
        predicted.sort_by_key(|p| (p.1, p.0));
        predicted.dedup_by_key(|p| (p.1, p.0));
        for (c, span) in s
            .entities
            .iter()
            .filter(|(c, _)| CLASSES.contains(&c.as_str()))
        {
            let entry = counts.get_mut(c.as_str()).expect("scored class");
            if predicted.iter().any(|p| p.0 == c && p.1 == *span) {
                entry.0 += 1;
            } else {
                entry.2 += 1;
                misses.push(SpanMiss {
                    case: s.id.clone(),
                    property: c.clone(),
                    subject: text_of(&s.text, *span),
                    object: String::new(),
                    sentence: s.text.clone(),
                });
            }
        }
        for (c, span, lexicon) in predicted {
            let source = if lexicon { "lexicon" } else { "name rules" };
            let tally = rules.entry(source).or_default();
            if s.entities.iter().any(|(gc, gs)| gc == c && *gs == span) {
                tally.true_positives += 1;
                continue;
            }
            // Inside a span of an unscored class, or an inner-level entity: not judged.
            let inside = |gs: &Span| gs.0 <= span.0 && span.1 <= gs.1;
            if s.entities
                .iter()
                .any(|(gc, gs)| inside(gs) && !CLASSES.contains(&gc.as_str()))
                || s.inner.iter().any(|(_, gs)| *gs == span)
            {
                continue;
            }
            tally.false_positives += 1;
            counts.get_mut(c).expect("scored class").1 += 1;
            false_positives.push(SpanFalsePositive {
                case: s.id.clone(),
                property: c.to_string(),
                relation: String::new(),
                subject: text_of(&s.text, span),
                object: String::new(),
                sentence: s.text.clone(),
                rule: source.to_string(),
            });
        }
    }
    let (tp, fp, fn_) = counts
        .values()
        .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
    SetReport {
        set: "GermEval 2014 NER".into(),
        mapping: vec![
            "PER ← Person".into(),
            "ORG ← Organization".into(),
            "LOC ← Place".into(),
        ],
        cases: sentences.len(),
        given_entities: false,
        overall: Scores::new(tp, fp, fn_, 0),
        per_property: CLASSES
            .iter()
            .map(|c| {
                let (tp, fp, fn_) = counts[c];
                PropertyScores {
                    property: c.to_string(),
                    scores: Scores::new(tp, fp, fn_, 0),
                }
            })
            .collect(),
        per_rule: rules
            .into_iter()
            .map(|(r, mut t)| {
                t.rule = r.to_string();
                t
            })
            .collect(),
        misses,
        false_positives,
    }
}
