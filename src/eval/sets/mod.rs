//! Public gold sets, read in their own formats and scored the way their
//! authors score them: KnowledgeNet (English, span overlap), SmartData
//! (German), WissenschaftsSTANDARD (German), the DFKI product corpus (English)
//! and GermEval 2014 NER (German).
//!
//! ```text
//! path ─► SetKind::detect ─► reader (knowledgenet / smartdata / pairs / germeval)
//!      ─► cases (text, language, gold facts with spans, scope)
//!      ─► ingest::parse_in ─► Extractor (claims with argument spans, typed mentions)
//!      ─► spans::score_cases / germeval::score ─► SetReport ─► text or JSON
//! ```
//!
//! Each set's relations are mapped to newsgraph's vocabulary by a table in its
//! reader ([`Mapping`]); the report prints the mapping it used.

mod detok;
mod germeval;
mod knowledgenet;
mod pairs;
mod smartdata;
mod spans;

pub use detok::{detokenize, Detokenized};
pub use spans::{
    overlap, Case, GoldFact, Mapping, PropertyScores, RuleTally, Scope, SetReport, Span,
    SpanFalsePositive, SpanMiss,
};

use crate::extract::{Extractor, GivenMention};
use crate::ingest::{self, Document};
use comfy_table::{presets, CellAlignment, Table};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A gold set file that cannot be read or understood, naming the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SetError {
    #[error("{}: {source}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {message}", .path.display())]
    Format { path: PathBuf, message: String },
    #[error("{}: not a gold set newsgraph knows; name it with --set (knowledgenet, smartdata, wissenschaftsstandard, dfki-product, germeval)", .path.display())]
    Unknown { path: PathBuf },
}

/// The gold sets `newsgraph eval` reads besides its own TSV format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SetKind {
    /// KnowledgeNet folds (fold*.jsonl, or their folder).
    Knowledgenet,
    /// SmartData JSONL (.jsonl or .jsonl.gz).
    Smartdata,
    /// WissenschaftsSTANDARD JSON (relation id → instances).
    Wissenschaftsstandard,
    /// DFKI product corpus pairs (*.pairs.jsonl.gz).
    DfkiProduct,
    /// GermEval 2014 NER TSV.
    Germeval,
}

impl SetKind {
    pub fn name(self) -> &'static str {
        match self {
            SetKind::Knowledgenet => "KnowledgeNet",
            SetKind::Smartdata => "SmartData",
            SetKind::Wissenschaftsstandard => "WissenschaftsSTANDARD",
            SetKind::DfkiProduct => "DFKI product corpus",
            SetKind::Germeval => "GermEval 2014 NER",
        }
    }

    /// Recognises a set by its file names and, where they do not tell, its first bytes.
    /// `None` for anything else (such as newsgraph's own gold TSV).
    pub fn detect(path: &Path) -> Result<Option<SetKind>, SetError> {
        if !path.exists() {
            return Err(SetError::Read {
                path: path.into(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            });
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_lowercase();
        if path.is_dir() {
            let has = |prefix: &str| {
                std::fs::read_dir(path)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .any(|e| e.file_name().to_string_lossy().starts_with(prefix))
            };
            return if has("fold") {
                Ok(Some(SetKind::Knowledgenet))
            } else {
                Err(SetError::Unknown { path: path.into() })
            };
        }
        if name.ends_with(".pairs.jsonl.gz") || name.ends_with(".pairs.jsonl") {
            return Ok(Some(SetKind::DfkiProduct));
        }
        let head = head(path)?;
        let kind = if name.ends_with(".jsonl") || name.ends_with(".jsonl.gz") {
            if head.contains("\"passages\"") {
                Some(SetKind::Knowledgenet)
            } else if head.contains("\"relationMentions\"") || head.contains("\"langCode\"") {
                Some(SetKind::Smartdata)
            } else {
                None
            }
        } else if name.ends_with(".json") && head.trim_start().starts_with("{\"0\"") {
            Some(SetKind::Wissenschaftsstandard)
        } else if name.ends_with(".tsv") && head.starts_with("#\t") {
            Some(SetKind::Germeval)
        } else {
            None
        };
        Ok(kind)
    }
}

/// The first few kilobytes of a file (decompressed when it is gzip).
fn head(path: &Path) -> Result<String, SetError> {
    let mut buf = Vec::new();
    open(path)?
        .take(1 << 16)
        .read_to_end(&mut buf)
        .map_err(|source| SetError::Read {
            path: path.into(),
            source,
        })?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

fn open(path: &Path) -> Result<Box<dyn Read>, SetError> {
    let file = std::fs::File::open(path).map_err(|source| SetError::Read {
        path: path.into(),
        source,
    })?;
    Ok(if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    })
}

/// The lines of a text file, decompressing `.gz`.
pub(crate) fn read_lines(path: &Path) -> Result<Vec<String>, SetError> {
    let mut text = String::new();
    open(path)?
        .read_to_string(&mut text)
        .map_err(|source| SetError::Read {
            path: path.into(),
            source,
        })?;
    Ok(text.lines().map(str::to_string).collect())
}

/// How a set is scored.
#[derive(Debug, Clone, Copy, Default)]
pub struct SetOptions {
    /// Give the extractor the entities the set marks (relation classification, as
    /// FewRel/TACRED-style sets are usually scored) instead of finding them.
    pub given_entities: bool,
    /// KnowledgeNet: write a stand-in subject before each document's first
    /// passage, where the rebuilt texts lost the title (see `knowledgenet`).
    pub stand_in_subject: bool,
}

/// The records of a JSON-lines file (gzip-compressed or not), one per non-blank
/// line; `what` names a record in error messages ("a SmartData document").
pub(crate) fn json_lines<T: serde::de::DeserializeOwned>(
    path: &Path,
    what: &str,
) -> Result<Vec<T>, SetError> {
    read_lines(path)?
        .iter()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            serde_json::from_str(line).map_err(|e| SetError::Format {
                path: path.into(),
                message: format!("line {}: not {what} ({e})", n + 1),
            })
        })
        .collect()
}

/// Reads the set at `path`, extracts every case and scores it.
pub fn evaluate(
    kind: SetKind,
    path: &Path,
    extractor: &Extractor,
    options: SetOptions,
) -> Result<SetReport, SetError> {
    if kind == SetKind::Germeval {
        let sentences = germeval::read(path)?;
        let scored: Vec<_> = sentences
            .into_par_iter()
            .map(|s| {
                let doc = ingest::parse_in("germeval", &s.text, crate::model::Language::German);
                let mentions = extractor.typed_mentions(&doc);
                (s, mentions)
            })
            .collect();
        return Ok(germeval::score(&scored));
    }
    let (docs, mappings, symmetric): (Vec<Vec<Case>>, &[Mapping], &[&str]) = match kind {
        SetKind::Knowledgenet => {
            let mut docs = Vec::new();
            for file in knowledgenet::files(path)? {
                docs.extend(knowledgenet::read(&file, options.stand_in_subject)?);
            }
            (docs, knowledgenet::MAPPINGS, &[])
        }
        SetKind::Smartdata => (smartdata::read(path)?, smartdata::MAPPINGS, &[]),
        SetKind::Wissenschaftsstandard => (
            pairs::read_wissenschaftsstandard(path)?,
            pairs::WISS_MAPPINGS,
            pairs::WISS_SYMMETRIC,
        ),
        SetKind::DfkiProduct => (pairs::read_dfki_pairs(path)?, pairs::DFKI_MAPPINGS, &[]),
        SetKind::Germeval => unreachable!("scored above"),
    };
    let scored: Vec<_> = docs
        .into_par_iter()
        .flat_map_iter(|cases| {
            let Some(first) = cases.first() else {
                return Vec::new();
            };
            let doc = ingest::parse_in("case", &first.text, first.language);
            let given = if options.given_entities || options.stand_in_subject {
                given_mentions(&doc.text, &first.given)
            } else {
                Vec::new()
            };
            let (extraction, mentions) = extractor.extract_with_mentions(&doc, &given);
            let sentences = sentence_spans(&doc);
            cases
                .into_iter()
                .map(|case| spans::Scored {
                    case,
                    extraction: extraction.clone(),
                    mentions: mentions.clone(),
                    sentences: sentences.clone(),
                })
                .collect()
        })
        .collect();
    let mut report = spans::score_cases(kind.name(), mappings, symmetric, &scored);
    report.given_entities = options.given_entities;
    Ok(report)
}

/// A case's given entities as byte offsets into its text.
fn given_mentions(text: &str, given: &[(Span, crate::model::EntityType)]) -> Vec<GivenMention> {
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    given
        .iter()
        .filter_map(|&((s, e), entity_type)| {
            Some(GivenMention {
                start: *bytes.get(s)?,
                end: *bytes.get(e)?,
                entity_type,
            })
        })
        .collect()
}

/// Code-point spans of a document's sentences.
fn sentence_spans(doc: &Document) -> Vec<Span> {
    let mut out = Vec::with_capacity(doc.sentences.len());
    let mut chars = 0;
    let mut byte = 0;
    for s in &doc.sentences {
        chars += doc.text[byte..s.start].chars().count();
        let start = chars;
        chars += doc.text[s.start..s.end].chars().count();
        byte = s.end;
        out.push((start, chars));
    }
    out
}

impl SetReport {
    /// The report as terminal text: what was mapped, the scores overall and per
    /// property, the rules by false positives, and with `details` every miss and
    /// false positive with its sentence.
    pub fn render_text(&self, details: bool) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}: {} cases scored", self.set, self.cases);
        if self.given_entities {
            let _ = writeln!(out, "entities given by the set (relation classification)");
        }
        let _ = writeln!(out, "mapping: {}\n", self.mapping.join("; "));
        let mut table = Table::new();
        table.load_preset(presets::UTF8_FULL_CONDENSED);
        table.set_header(["", "TP", "FP", "FN", "precision", "recall", "F1"]);
        let row = |name: &str, s: &crate::eval::Scores| {
            vec![
                name.to_string(),
                s.true_positives.to_string(),
                s.false_positives.to_string(),
                s.false_negatives.to_string(),
                format!("{:.3}", s.precision),
                format!("{:.3}", s.recall),
                format!("{:.3}", s.f1),
            ]
        };
        table.add_row(row("overall", &self.overall));
        for p in &self.per_property {
            table.add_row(row(&p.property, &p.scores));
        }
        for i in 1..7 {
            if let Some(c) = table.column_mut(i) {
                c.set_cell_alignment(CellAlignment::Right);
            }
        }
        let _ = writeln!(out, "{table}\n");
        if !self.per_rule.is_empty() {
            let mut rules = Table::new();
            rules.load_preset(presets::UTF8_FULL_CONDENSED);
            rules.set_header(["rule", "TP", "FP"]);
            for r in &self.per_rule {
                rules.add_row([
                    r.rule.clone(),
                    r.true_positives.to_string(),
                    r.false_positives.to_string(),
                ]);
            }
            let _ = writeln!(out, "{rules}\n");
        }
        if details {
            let _ = writeln!(out, "misses ({}):", self.misses.len());
            for m in &self.misses {
                let _ = writeln!(
                    out,
                    "  [{}] {} {} {}",
                    m.case, m.subject, m.property, m.object
                );
                let _ = writeln!(out, "      {}", m.sentence);
            }
            let _ = writeln!(out, "\nfalse positives ({}):", self.false_positives.len());
            for f in &self.false_positives {
                let _ = writeln!(
                    out,
                    "  [{}] {} {} {}   ({} {})",
                    f.case, f.subject, f.property, f.object, f.relation, f.rule
                );
                let _ = writeln!(out, "      {}", f.sentence);
            }
        }
        out
    }
}
