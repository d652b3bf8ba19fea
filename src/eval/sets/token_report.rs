//! The reports of token-layer sets (see `tokens`): what was scored and left
//! out, the figures overall and per tag or type, and every named-entity miss
//! and false positive; printed as terminal tables or as one JSON object.
//!
//! ```text
//! TreebankScore / NerScore (nlp::score) ─► TreebankReport / NerReport ─► text | JSON
//! ```

use super::tokens::{skip_reason, TypeMap};
use super::SetKind;
use crate::model::Language;
use crate::nlp::score::{f1, NerError, NerScore, TreebankScore};
use comfy_table::{presets, CellAlignment, Table};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::Path;

/// The report of a token-layer set.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum TokenReport {
    Treebank(TreebankReport),
    Ner(NerReport),
}

/// UPOS and lemma accuracy on a treebank.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TreebankReport {
    /// The set's kind as `--set` names it (`treebank`).
    pub kind: &'static str,
    pub set: String,
    pub file: String,
    /// The language whose models were scored (`en`, `de`).
    pub language: &'static str,
    pub sentences: usize,
    pub words: usize,
    pub skipped: usize,
    pub skipped_reason: Option<String>,
    pub upos_accuracy: f64,
    pub lemma_accuracy: f64,
    pub upos_correct: usize,
    pub lemma_correct: usize,
    /// Per gold UPOS, most frequent first.
    pub per_upos: Vec<UposScore>,
}

/// UPOS accuracy on the words of one gold tag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UposScore {
    pub upos: String,
    pub words: usize,
    pub correct: usize,
    pub accuracy: f64,
}

/// Strict named-entity scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NerReport {
    /// The set's kind as `--set` names it (`ner`, `germeval`).
    pub kind: &'static str,
    pub set: String,
    pub file: String,
    pub language: &'static str,
    pub sentences: usize,
    pub skipped: usize,
    pub skipped_reason: Option<String>,
    /// The file's types, every one scored.
    pub types: Vec<String>,
    /// The model's types the file's scheme does not have, dropped before scoring.
    pub dropped_types: Vec<String>,
    /// The file's types the model never predicts.
    pub unknown_types: Vec<String>,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub per_type: Vec<TypeScore>,
    /// Every miss and false positive, in file order.
    pub errors: Vec<NameError>,
}

/// The scores of one named-entity type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeScore {
    #[serde(rename = "type")]
    pub entity_type: String,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// A name missed or found wrongly, with its sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameError {
    pub sentence: String,
    /// `miss` or `false positive`.
    pub error: &'static str,
    pub name: String,
    /// The gold type of a miss, the predicted type of a false positive.
    pub label: String,
    /// What the other side has over the same words ("LOC Oslo"), if anything.
    pub other: Option<String>,
    /// The sentence's words.
    pub context: String,
}

impl From<&NerError> for NameError {
    fn from(e: &NerError) -> Self {
        NameError {
            sentence: e.sentence.clone(),
            error: if e.false_positive {
                "false positive"
            } else {
                "miss"
            },
            name: e.name.clone(),
            label: e.label.clone(),
            other: e.other.clone(),
            context: e.context.clone(),
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn kind_arg(kind: SetKind) -> &'static str {
    match kind {
        SetKind::Treebank => "treebank",
        SetKind::Germeval => "germeval",
        _ => "ner",
    }
}

impl TreebankReport {
    pub fn new(
        kind: SetKind,
        path: &Path,
        language: Language,
        score: &TreebankScore,
    ) -> TreebankReport {
        let mut per_upos: Vec<UposScore> = score
            .per_upos
            .iter()
            .map(|(upos, &(words, correct))| UposScore {
                upos: upos.clone(),
                words,
                correct,
                accuracy: ratio(correct, words),
            })
            .collect();
        per_upos.sort_by(|a, b| b.words.cmp(&a.words).then_with(|| a.upos.cmp(&b.upos)));
        TreebankReport {
            kind: kind_arg(kind),
            set: kind.name().to_string(),
            file: path.display().to_string(),
            language: language.code(),
            sentences: score.sentences,
            words: score.words,
            skipped: score.skipped,
            skipped_reason: skip_reason(kind, score.skipped),
            upos_accuracy: score.upos_accuracy(),
            lemma_accuracy: score.lemma_accuracy(),
            upos_correct: score.upos_correct,
            lemma_correct: score.lemma_correct,
            per_upos,
        }
    }

    pub fn render_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{} ({}): {}", self.set, self.language, self.file);
        let _ = writeln!(
            out,
            "{} sentences, {} words scored, on the file's own words",
            self.sentences, self.words
        );
        skipped_line(&mut out, self.skipped, self.skipped_reason.as_deref());
        let _ = writeln!(
            out,
            "UPOS accuracy {:.2}% ({} of {}), lemma accuracy {:.2}% ({} of {})\n",
            100.0 * self.upos_accuracy,
            self.upos_correct,
            self.words,
            100.0 * self.lemma_accuracy,
            self.lemma_correct,
            self.words
        );
        let mut table = Table::new();
        table.load_preset(presets::UTF8_FULL_CONDENSED);
        table.set_header(["gold UPOS", "words", "tagged right", "accuracy"]);
        for u in &self.per_upos {
            table.add_row([
                u.upos.clone(),
                u.words.to_string(),
                u.correct.to_string(),
                format!("{:.2}%", 100.0 * u.accuracy),
            ]);
        }
        align_right(&mut table, 1..4);
        let _ = writeln!(out, "{table}");
        out
    }
}

impl NerReport {
    pub fn new(
        kind: SetKind,
        path: &Path,
        language: Language,
        types: &TypeMap,
        score: &NerScore,
    ) -> NerReport {
        // Every type of the file has a row, also one with no name in the scored sentences.
        let per_type = types
            .file
            .iter()
            .map(|t| {
                let (tp, fp, fn_) = score.per_type.get(t).copied().unwrap_or_default();
                TypeScore {
                    entity_type: t.clone(),
                    true_positives: tp,
                    false_positives: fp,
                    false_negatives: fn_,
                    precision: ratio(tp, tp + fp),
                    recall: ratio(tp, tp + fn_),
                    f1: f1(tp, fp, fn_),
                }
            })
            .collect();
        NerReport {
            kind: kind_arg(kind),
            set: kind.name().to_string(),
            file: path.display().to_string(),
            language: language.code(),
            sentences: score.sentences,
            skipped: score.skipped,
            skipped_reason: skip_reason(kind, score.skipped),
            types: types.file.clone(),
            dropped_types: types.dropped.clone(),
            unknown_types: types.unknown.clone(),
            precision: score.precision(),
            recall: score.recall(),
            f1: score.f1(),
            true_positives: score.tp,
            false_positives: score.fp,
            false_negatives: score.fn_,
            per_type,
            errors: score.errors.iter().map(NameError::from).collect(),
        }
    }

    /// The report as terminal text; with `details` every miss and false positive.
    pub fn render_text(&self, details: bool) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{} ({}): {}", self.set, self.language, self.file);
        let _ = writeln!(
            out,
            "{} sentences scored, on the file's own words",
            self.sentences
        );
        skipped_line(&mut out, self.skipped, self.skipped_reason.as_deref());
        let _ = writeln!(
            out,
            "strict: a name counts when its span and its type are exact; scored types \
             (the file's scheme): {}",
            self.types.join(", ")
        );
        if !self.dropped_types.is_empty() {
            let _ = writeln!(
                out,
                "dropped before scoring (the model's types this file does not have): {}",
                self.dropped_types.join(", ")
            );
        }
        if !self.unknown_types.is_empty() {
            let _ = writeln!(
                out,
                "the model has no type {}: every such name is a miss",
                self.unknown_types.join(", ")
            );
        }
        let mut table = Table::new();
        table.load_preset(presets::UTF8_FULL_CONDENSED);
        table.set_header(["", "TP", "FP", "FN", "precision", "recall", "F1"]);
        let row = |name: &str, tp: usize, fp: usize, fn_: usize, p: f64, r: f64, f: f64| {
            vec![
                name.to_string(),
                tp.to_string(),
                fp.to_string(),
                fn_.to_string(),
                format!("{p:.3}"),
                format!("{r:.3}"),
                format!("{f:.3}"),
            ]
        };
        table.add_row(row(
            "overall",
            self.true_positives,
            self.false_positives,
            self.false_negatives,
            self.precision,
            self.recall,
            self.f1,
        ));
        for t in &self.per_type {
            table.add_row(row(
                &t.entity_type,
                t.true_positives,
                t.false_positives,
                t.false_negatives,
                t.precision,
                t.recall,
                t.f1,
            ));
        }
        align_right(&mut table, 1..7);
        let _ = writeln!(out, "\n{table}");
        if details {
            for (title, error, side) in [
                ("misses", "miss", "model"),
                ("false positives", "false positive", "gold"),
            ] {
                let list: Vec<&NameError> =
                    self.errors.iter().filter(|e| e.error == error).collect();
                let _ = writeln!(out, "\n{title} ({}):", list.len());
                for e in list {
                    let other = e.other.as_deref().unwrap_or("nothing");
                    let _ = writeln!(
                        out,
                        "  [{}] {} {}   ({side}: {other})",
                        e.sentence, e.label, e.name
                    );
                    let _ = writeln!(out, "      {}", e.context);
                }
            }
        }
        out
    }
}

fn skipped_line(out: &mut String, skipped: usize, reason: Option<&str>) {
    match reason {
        Some(reason) if skipped > 0 => {
            let _ = writeln!(out, "{skipped} sentences left out: {reason}");
        }
        _ => {
            let _ = writeln!(out, "no sentence left out");
        }
    }
}

fn align_right(table: &mut Table, columns: std::ops::Range<usize>) {
    for i in columns {
        if let Some(c) = table.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
}

impl TokenReport {
    /// Sentences scored.
    pub fn sentences(&self) -> usize {
        match self {
            TokenReport::Treebank(r) => r.sentences,
            TokenReport::Ner(r) => r.sentences,
        }
    }

    pub fn render_text(&self, details: bool) -> String {
        match self {
            TokenReport::Treebank(r) => r.render_text(),
            TokenReport::Ner(r) => r.render_text(details),
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a report serializes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn treebank_json_has_the_accuracies_and_the_per_upos_figures() {
        let mut score = TreebankScore {
            sentences: 2,
            words: 4,
            upos_correct: 3,
            lemma_correct: 2,
            skipped: 1,
            ..TreebankScore::default()
        };
        score.per_upos.insert("NOUN".into(), (3, 3));
        score.per_upos.insert("VERB".into(), (1, 0));
        let r = TokenReport::Treebank(TreebankReport::new(
            SetKind::Treebank,
            Path::new("x.conllu"),
            Language::English,
            &score,
        ));
        let j = r.to_json();
        assert_eq!(j["set"], "CoNLL-U treebank");
        assert_eq!(j["kind"], "treebank");
        assert_eq!(j["language"], "en");
        assert_eq!(j["sentences"], 2);
        assert_eq!(j["words"], 4);
        assert_eq!(j["skipped"], 1);
        assert_eq!(j["upos_accuracy"], 0.75);
        assert_eq!(j["lemma_accuracy"], 0.5);
        assert_eq!(j["per_upos"][0]["upos"], "NOUN");
        assert_eq!(j["per_upos"][1]["accuracy"], 0.0);
        assert!(j["skipped_reason"]
            .as_str()
            .unwrap()
            .contains("trained on them"));
    }

    #[test]
    fn ner_json_has_top_level_scores_every_file_type_and_the_errors() {
        let mut score = NerScore {
            sentences: 3,
            tp: 1,
            fp: 1,
            fn_: 3,
            ..NerScore::default()
        };
        score.per_type.insert("PER".into(), (1, 1, 1));
        score.per_type.insert("LOC".into(), (0, 0, 2));
        score.errors.push(NerError {
            sentence: "s-2".into(),
            name: "Oslo".into(),
            label: "LOC".into(),
            false_positive: false,
            other: Some("PER Oslo".into()),
            context: "Mira left Oslo".into(),
        });
        let file: BTreeSet<String> = ["LOC", "ORG", "PER"].map(String::from).into();
        let model: Vec<String> = ["LOC", "OTH", "PER"].map(String::from).into();
        let r = TokenReport::Ner(NerReport::new(
            SetKind::Ner,
            Path::new("x.iob2"),
            Language::English,
            &TypeMap::new(&file, &model),
            &score,
        ));
        let j = r.to_json();
        assert_eq!(j["kind"], "ner");
        assert_eq!(j["sentences"], 3);
        assert_eq!(j["precision"], 0.5);
        assert_eq!(j["recall"], 0.25);
        assert!((j["f1"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(j["false_negatives"], 3);
        assert_eq!(j["dropped_types"], serde_json::json!(["OTH"]));
        assert_eq!(j["unknown_types"], serde_json::json!(["ORG"]));
        let types: Vec<&str> = j["per_type"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["type"].as_str().unwrap())
            .collect();
        assert_eq!(types, ["LOC", "ORG", "PER"]);
        assert_eq!(j["per_type"][1]["false_negatives"], 0);
        assert_eq!(j["errors"][0]["error"], "miss");
        assert_eq!(j["errors"][0]["other"], "PER Oslo");
        let text = r.render_text(true);
        assert!(
            text.contains("[s-2] LOC Oslo   (model: PER Oslo)"),
            "{text}"
        );
        assert!(
            text.contains(
                "dropped before scoring (the model's types this file does not have): OTH"
            ),
            "{text}"
        );
        assert!(!r.render_text(false).contains("[s-2]"));
    }
}
