//! The result of scoring: counts and ratios overall, per predicate, per
//! language and per rule, plus every miss and false positive. A [`Report`]
//! serializes to JSON with serde and renders as text for the terminal.
//!
//! Ratios with nothing to divide are 0: precision with no predictions, recall
//! with no required gold triple, and F1 when precision and recall are both 0.

use super::aliases::AliasTable;
use super::score::ratio;
use crate::model::{Language, Relation};
use comfy_table::{presets, CellAlignment, Table};
use serde::{Serialize, Serializer};
use std::fmt::{self, Write as _};

/// A triple as reports show it: names are canonical where the alias table
/// knows them, and as written otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Triple {
    pub subject: String,
    #[serde(serialize_with = "relation_name")]
    pub predicate: Relation,
    pub object: String,
}

impl Triple {
    pub(crate) fn new(
        aliases: &AliasTable,
        subject: &str,
        predicate: Relation,
        object: &str,
    ) -> Self {
        Triple {
            subject: aliases.display(subject),
            predicate,
            object: aliases.display(object),
        }
    }
}

impl fmt::Display for Triple {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.subject, self.predicate, self.object)
    }
}

/// Counts of one slice of the evaluation and the ratios they give.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Scores {
    pub true_positives: usize,
    pub false_positives: usize,
    /// Required gold triples nobody predicted.
    pub false_negatives: usize,
    /// Predicted triples that match an optional gold triple: neither true nor
    /// false positives, counted only so nothing disappears silently.
    pub optional: usize,
    /// TP / (TP + FP); 0 with no counted predictions.
    pub precision: f64,
    /// TP / (TP + FN); 0 with no required gold triples.
    pub recall: f64,
    /// The harmonic mean of precision and recall; 0 when both are 0.
    pub f1: f64,
}

impl Scores {
    /// Scores from counts.
    pub fn new(
        true_positives: usize,
        false_positives: usize,
        false_negatives: usize,
        optional: usize,
    ) -> Self {
        let precision = ratio(true_positives, true_positives + false_positives);
        let recall = ratio(true_positives, true_positives + false_negatives);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Scores {
            true_positives,
            false_positives,
            false_negatives,
            optional,
            precision,
            recall,
            f1,
        }
    }
}

/// The scores of one predicate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PredicateScores {
    #[serde(serialize_with = "relation_name")]
    pub predicate: Relation,
    #[serde(flatten)]
    pub scores: Scores,
}

/// The scores of the documents in one language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LanguageScores {
    /// `None` for gold documents the scorer was given no text for.
    pub language: Option<Language>,
    /// How many scored documents are in this language.
    pub docs: usize,
    #[serde(flatten)]
    pub scores: Scores,
}

/// What one rule contributed. A triple produced by several rules counts for
/// each of them, so these add up to more than the overall counts.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct RuleCounts {
    /// The rule id, or [`super::NO_RULE`] for predictions naming none.
    pub rule: String,
    pub true_positives: usize,
    pub false_positives: usize,
    /// Triples matching optional gold triples.
    pub optional: usize,
    /// TP / (TP + FP); 0 when the rule produced neither.
    pub precision: f64,
}

/// A required gold triple that no prediction matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Miss {
    pub doc: String,
    pub triple: Triple,
    /// The gold file line that lists it (the first, if several do).
    pub line: usize,
    /// Up to two sentences of the document naming both entities, or failing
    /// that, either of them: where the triple was probably to be read.
    pub hints: Vec<String>,
}

/// A predicted triple that matches no gold triple.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FalsePositive {
    pub doc: String,
    pub triple: Triple,
    /// The sentences the predictions cite, without repeats.
    pub evidence: Vec<String>,
    /// The ids of the rules that produced it, sorted.
    pub rules: Vec<String>,
}

/// Everything one evaluation found. Lists are in a fixed order: predicates in
/// vocabulary order, languages English, German, other, then unknown; rules by
/// false positives (most first), then id; misses by document and gold line;
/// false positives by document, predicate and names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// How many documents the gold names; only these are scored.
    pub docs_scored: usize,
    /// Gold documents the scorer had no text for: no language, no hints.
    pub docs_without_text: Vec<String>,
    /// Documents with predictions but no gold; their predictions are ignored.
    pub unscored_docs: Vec<String>,
    pub overall: Scores,
    /// One row per entity relation that occurs in the gold or in the scored predictions.
    pub per_predicate: Vec<PredicateScores>,
    pub per_language: Vec<LanguageScores>,
    pub per_rule: Vec<RuleCounts>,
    pub misses: Vec<Miss>,
    pub false_positives: Vec<FalsePositive>,
}

fn relation_name<S: Serializer>(relation: &Relation, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(relation.name())
}

impl Report {
    /// The report as terminal text: a note on what was scored, a summary table
    /// (overall, per predicate, per language), the per-rule table and, with
    /// `show_details`, every miss and false positive with its sentences.
    pub fn render_text(&self, show_details: bool) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_text(&mut out, show_details);
        out
    }

    fn write_text(&self, out: &mut String, show_details: bool) -> fmt::Result {
        writeln!(
            out,
            "Scored {} against the gold.",
            count(self.docs_scored, "document")
        )?;
        if !self.unscored_docs.is_empty() {
            writeln!(
                out,
                "Ignored the predictions for {} without gold: {}",
                count(self.unscored_docs.len(), "document"),
                self.unscored_docs.join(", ")
            )?;
        }
        if !self.docs_without_text.is_empty() {
            writeln!(
                out,
                "No text for {} (no language, no hints): {}",
                count(self.docs_without_text.len(), "gold document"),
                self.docs_without_text.join(", ")
            )?;
        }
        writeln!(out)?;
        writeln!(out, "{}", self.summary_table())?;
        writeln!(out)?;
        if self.per_rule.is_empty() {
            writeln!(out, "No rule produced a scored triple.")?;
        } else {
            writeln!(out, "{}", self.rule_table())?;
        }

        if !show_details {
            writeln!(
                out,
                "\n{} and {} not listed.",
                count(self.misses.len(), "miss"),
                count(self.false_positives.len(), "false positive")
            )?;
            return Ok(());
        }
        writeln!(out, "\nMisses ({}):", self.misses.len())?;
        for miss in &self.misses {
            writeln!(
                out,
                "  {} (gold line {}): {}",
                miss.doc, miss.line, miss.triple
            )?;
            for hint in &miss.hints {
                writeln!(out, "      hint: {hint}")?;
            }
            if miss.hints.is_empty() && !self.docs_without_text.contains(&miss.doc) {
                writeln!(out, "      (no sentence names either entity)")?;
            }
        }
        writeln!(out, "\nFalse positives ({}):", self.false_positives.len())?;
        for fp in &self.false_positives {
            let rules = if fp.rules.is_empty() {
                super::NO_RULE.to_owned()
            } else {
                fp.rules.join(", ")
            };
            writeln!(out, "  {}: {}  [{rules}]", fp.doc, fp.triple)?;
            for sentence in &fp.evidence {
                writeln!(out, "      evidence: {sentence}")?;
            }
        }
        Ok(())
    }

    fn summary_table(&self) -> Table {
        let mut table = new_table(&["", "", "TP", "FP", "FN", "optional", "P", "R", "F1"], 2);
        let mut row = |group: &str, name: String, s: &Scores| {
            table.add_row(vec![
                group.to_owned(),
                name,
                s.true_positives.to_string(),
                s.false_positives.to_string(),
                s.false_negatives.to_string(),
                s.optional.to_string(),
                format!("{:.3}", s.precision),
                format!("{:.3}", s.recall),
                format!("{:.3}", s.f1),
            ]);
        };
        row("overall", String::new(), &self.overall);
        for p in &self.per_predicate {
            row("predicate", p.predicate.name().to_owned(), &p.scores);
        }
        for l in &self.per_language {
            let name = match l.language {
                Some(language) => language.to_string(),
                None => "unknown".to_owned(),
            };
            row(
                "language",
                format!("{name} ({})", count(l.docs, "doc")),
                &l.scores,
            );
        }
        table
    }

    fn rule_table(&self) -> Table {
        let mut table = new_table(&["rule", "TP", "FP", "optional", "P"], 1);
        for r in &self.per_rule {
            table.add_row(vec![
                r.rule.clone(),
                r.true_positives.to_string(),
                r.false_positives.to_string(),
                r.optional.to_string(),
                format!("{:.3}", r.precision),
            ]);
        }
        table
    }
}

/// A table in a fixed style, with the columns from `first_number` on
/// right-aligned. Content arrangement stays disabled, so the layout never
/// depends on the terminal's width.
fn new_table(header: &[&str], first_number: usize) -> Table {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    table.set_header(header.to_vec());
    for column in table.column_iter_mut().skip(first_number) {
        column.set_cell_alignment(CellAlignment::Right);
    }
    table
}

/// "1 document", "3 documents", "2 misses".
fn count(n: usize, noun: &str) -> String {
    let plural = if noun.ends_with('s') { "es" } else { "s" };
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}{plural}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small_report() -> Report {
        Report {
            docs_scored: 2,
            docs_without_text: vec!["b".into()],
            unscored_docs: vec![],
            overall: Scores::new(0, 1, 2, 0),
            per_predicate: vec![PredicateScores {
                predicate: Relation::InvestsIn,
                scores: Scores::new(0, 1, 2, 0),
            }],
            per_language: vec![LanguageScores {
                language: None,
                docs: 2,
                scores: Scores::new(0, 1, 2, 0),
            }],
            per_rule: vec![],
            misses: vec![
                Miss {
                    doc: "a".into(),
                    triple: Triple {
                        subject: "Microsoft".into(),
                        predicate: Relation::InvestsIn,
                        object: "OpenAI".into(),
                    },
                    line: 2,
                    hints: vec![],
                },
                Miss {
                    doc: "b".into(),
                    triple: Triple {
                        subject: "Nvidia".into(),
                        predicate: Relation::InvestsIn,
                        object: "OpenAI".into(),
                    },
                    line: 3,
                    hints: vec![],
                },
            ],
            false_positives: vec![FalsePositive {
                doc: "a".into(),
                triple: Triple {
                    subject: "OpenAI".into(),
                    predicate: Relation::InvestsIn,
                    object: "Microsoft".into(),
                },
                evidence: vec![],
                rules: vec![],
            }],
        }
    }

    #[test]
    fn ratios_with_nothing_to_divide_are_zero() {
        assert_eq!(
            Scores::new(0, 0, 0, 3),
            Scores {
                true_positives: 0,
                false_positives: 0,
                false_negatives: 0,
                optional: 3,
                precision: 0.0,
                recall: 0.0,
                f1: 0.0,
            }
        );
        let s = Scores::new(1, 3, 0, 0);
        assert_eq!((s.precision, s.recall, s.f1), (0.25, 1.0, 0.4));
    }

    #[test]
    fn renders_documents_without_text_and_predictions_without_rules() {
        let expected = "\
Scored 2 documents against the gold.
No text for 1 gold document (no language, no hints): b

┌───────────┬──────────────────┬────┬────┬────┬──────────┬───────┬───────┬───────┐
│           ┆                  ┆ TP ┆ FP ┆ FN ┆ optional ┆     P ┆     R ┆    F1 │
╞═══════════╪══════════════════╪════╪════╪════╪══════════╪═══════╪═══════╪═══════╡
│ overall   ┆                  ┆  0 ┆  1 ┆  2 ┆        0 ┆ 0.000 ┆ 0.000 ┆ 0.000 │
│ predicate ┆ investsIn        ┆  0 ┆  1 ┆  2 ┆        0 ┆ 0.000 ┆ 0.000 ┆ 0.000 │
│ language  ┆ unknown (2 docs) ┆  0 ┆  1 ┆  2 ┆        0 ┆ 0.000 ┆ 0.000 ┆ 0.000 │
└───────────┴──────────────────┴────┴────┴────┴──────────┴───────┴───────┴───────┘

No rule produced a scored triple.

Misses (2):
  a (gold line 2): Microsoft investsIn OpenAI
      (no sentence names either entity)
  b (gold line 3): Nvidia investsIn OpenAI

False positives (1):
  a: OpenAI investsIn Microsoft  [(no rule)]
";
        assert_eq!(small_report().render_text(true), expected);
    }

    #[test]
    fn serializes_predicates_by_local_name_with_flat_scores() {
        let json = serde_json::to_value(small_report()).unwrap();
        assert_eq!(
            json["per_predicate"][0],
            serde_json::json!({
                "predicate": "investsIn",
                "true_positives": 0,
                "false_positives": 1,
                "false_negatives": 2,
                "optional": 0,
                "precision": 0.0,
                "recall": 0.0,
                "f1": 0.0,
            })
        );
        assert_eq!(json["per_language"][0]["language"], serde_json::Value::Null);
        assert_eq!(
            json["misses"][0]["triple"],
            serde_json::json!({"subject": "Microsoft", "predicate": "investsIn", "object": "OpenAI"})
        );
        assert_eq!(json["docs_scored"], 2);
    }
}
