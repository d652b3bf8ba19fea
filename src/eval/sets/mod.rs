//! Public gold sets, read in their own formats and scored the way their
//! authors score them. Relation sets: KnowledgeNet (English, span overlap),
//! SmartData (German), WissenschaftsSTANDARD (German), the DFKI product corpus
//! (English). Token-layer sets, scored on their own words (`tokens`): CoNLL-U
//! treebanks (UPOS, lemmas), Universal NER IOB2 and GermEval 2014 NER (names,
//! strict).
//!
//! ```text
//! path ─► SetKind::detect (content first, then name)
//!   relation sets ─► reader (knowledgenet / smartdata / pairs)
//!      ─► cases (text, language, gold facts with spans, scope)
//!      ─► ingest::parse_in ─► Extractor (claims with argument spans)
//!      ─► spans::score_cases ─► SetReport ─► text or JSON
//!   token-layer sets ─► tokens::evaluate_tokens ─► TokenReport ─► text or JSON
//! ```
//!
//! Each relation set's relations are mapped to newsgraph's vocabulary by a
//! table in its reader ([`Mapping`]); the report prints the mapping it used.

mod detok;
mod knowledgenet;
mod pairs;
mod smartdata;
mod spans;
mod token_report;
mod tokens;

pub use detok::{detokenize, Detokenized};
pub use spans::{
    overlap, Case, GoldFact, Mapping, PropertyScores, RuleTally, Scope, SetReport, Span,
    SpanFalsePositive, SpanMiss,
};
pub use token_report::{NameError, NerReport, TokenReport, TreebankReport, TypeScore, UposScore};
pub use tokens::{evaluate_tokens, file_types, language_of, sniff, TypeMap};

use crate::extract::{Extractor, GivenMention};
use crate::ingest::{self, Document};
use crate::nlp::corpus::CorpusError;
use comfy_table::{presets, CellAlignment, Table};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::io::{BufRead, Read};
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
    #[error("{}: not a gold set newsgraph knows; name it with --set (knowledgenet, smartdata, wissenschaftsstandard, dfki-product, treebank, ner, germeval)", .path.display())]
    Unknown { path: PathBuf },
    /// A treebank or named-entity file that does not parse (the corpus
    /// readers name the file and the line).
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error("{}: cannot tell whether its words are English or German; name the language with --language en|de", .path.display())]
    Language { path: PathBuf },
    #[error("the token-layer models: {0}")]
    Models(String),
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
    /// CoNLL-U treebank (.conllu, .conllu.gz): UPOS and lemmas.
    Treebank,
    /// Named entities in IOB2, as Universal NER has them (.iob2, .iob2.gz).
    Ner,
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
            SetKind::Treebank => "CoNLL-U treebank",
            SetKind::Ner => "IOB2 named entities",
            SetKind::Germeval => "GermEval 2014 NER",
        }
    }

    /// A set of the token layer, scored by `evaluate_tokens` (not by relations).
    pub fn is_token_layer(self) -> bool {
        matches!(self, SetKind::Treebank | SetKind::Ner | SetKind::Germeval)
    }

    /// Recognises a set by its content where the format shows in the first lines
    /// (treebanks and named-entity files, whatever their names), else by its file
    /// names and first bytes. `None` for anything else (such as newsgraph's own
    /// gold TSV).
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
        let (head, complete) = head(path)?;
        if let Some(kind) = tokens::sniff(&head, complete) {
            return Ok(Some(kind));
        }
        // The relation sets by what their first record holds, whatever the
        // file is called; the file name only where the content does not tell.
        let first = head.trim_start();
        let kind = if first.starts_with('{') && head.contains("\"passages\"") {
            Some(SetKind::Knowledgenet)
        } else if first.starts_with('{')
            && (head.contains("\"relationMentions\"") || head.contains("\"langCode\""))
        {
            Some(SetKind::Smartdata)
        } else if first.starts_with('{')
            && head.contains("\"tokens\"")
            && head.contains("\"entities\"")
            && head.contains("\"label\"")
        {
            Some(SetKind::DfkiProduct)
        } else if first.starts_with("{\"0\"") {
            Some(SetKind::Wissenschaftsstandard)
        } else if name.ends_with(".pairs.jsonl.gz") || name.ends_with(".pairs.jsonl") {
            Some(SetKind::DfkiProduct)
        } else if name.ends_with(".conllu") || name.ends_with(".conllu.gz") {
            // A treebank whose opening does not read as CoNLL-U: its reader says why.
            Some(SetKind::Treebank)
        } else if name.ends_with(".iob2") || name.ends_with(".iob2.gz") {
            Some(SetKind::Ner)
        } else if name.ends_with(".tsv") && head.starts_with("#\t") {
            Some(SetKind::Germeval)
        } else {
            None
        };
        Ok(kind)
    }
}

/// How much of a file's opening [`head`] reads.
const HEAD_BYTES: u64 = 1 << 16;

/// The first few kilobytes of a file (decompressed when it is gzip), and
/// whether that is the whole file.
fn head(path: &Path) -> Result<(String, bool), SetError> {
    let mut buf = Vec::new();
    open(path)?
        .take(HEAD_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|source| SetError::Read {
            path: path.into(),
            source,
        })?;
    let complete = buf.len() as u64 <= HEAD_BYTES;
    buf.truncate(HEAD_BYTES as usize);
    Ok((String::from_utf8_lossy(&buf).into_owned(), complete))
}

/// A file's bytes, gunzipped when they are gzip (told by the magic bytes, so
/// that a compressed file under any name reads right).
fn open(path: &Path) -> Result<Box<dyn Read>, SetError> {
    let read_error = |source| SetError::Read {
        path: path.into(),
        source,
    };
    let mut file = std::io::BufReader::new(std::fs::File::open(path).map_err(read_error)?);
    let gzip = file
        .fill_buf()
        .map_err(read_error)?
        .starts_with(&[0x1f, 0x8b]);
    Ok(if gzip {
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

/// Reads the set at `path`, checks that every span of its cases lies inside
/// the case's text, extracts every case and scores it.
pub fn evaluate(
    kind: SetKind,
    path: &Path,
    extractor: &Extractor,
    options: SetOptions,
) -> Result<SetReport, SetError> {
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
        SetKind::Treebank | SetKind::Ner | SetKind::Germeval => {
            return Err(SetError::Format {
                path: path.into(),
                message: format!(
                    "{} is scored on the token layer (evaluate_tokens), not on relations",
                    kind.name()
                ),
            })
        }
    };
    // Spans outside their text would be scored as nonsense (or not at all):
    // the set is damaged, and says where.
    if let Some(problem) = docs.iter().flatten().find_map(Case::misplaced_span) {
        return Err(SetError::Format {
            path: path.into(),
            message: problem,
        });
    }
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

/// A relation set's report in JSON: its fields, with precision, recall and F1
/// also at the top level (as the token-layer reports have them), so that
/// scripts read every set's figures the same way.
#[derive(serde::Serialize)]
struct SetReportJson<'a> {
    precision: f64,
    recall: f64,
    f1: f64,
    #[serde(flatten)]
    report: &'a SetReport,
}

impl SetReport {
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(SetReportJson {
            precision: self.overall.precision,
            recall: self.overall.recall,
            f1: self.overall.f1,
            report: self,
        })
        .expect("a report serializes")
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relation_set_json_has_top_level_scores_beside_the_nested_ones() {
        let report = SetReport {
            set: "KnowledgeNet".into(),
            mapping: Vec::new(),
            cases: 3,
            given_entities: false,
            overall: crate::eval::Scores::new(3, 1, 3, 0),
            per_property: Vec::new(),
            per_rule: Vec::new(),
            misses: Vec::new(),
            false_positives: Vec::new(),
        };
        let j = report.to_json();
        assert_eq!(j["precision"], 0.75);
        assert_eq!(j["recall"], 0.5);
        assert!((j["f1"].as_f64().unwrap() - 0.6).abs() < 1e-12);
        assert_eq!(j["f1"], j["overall"]["f1"]);
        assert_eq!(j["overall"]["true_positives"], 3);
        assert_eq!(j["cases"], 3);
        assert_eq!(j["set"], "KnowledgeNet");
        assert!(j["false_positives"].is_array());
    }

    #[test]
    fn relation_sets_are_recognised_by_content_under_any_name() {
        let dir = tempfile::tempdir().unwrap();
        let cases = [
            ("a.dat", "{\"id\": \"1\", \"langCode\": \"de\", \"text\": \"x\", \"relationMentions\": []}\n", SetKind::Smartdata),
            ("b.txt", "{\"documentId\": \"7\", \"passages\": []}\n", SetKind::Knowledgenet),
            ("c", "{\"id\": \"2\", \"tokens\": [\"Acme\", \"makes\", \"pellets\"], \"label\": \"no_relation\", \"entities\": [[0, 1], [2, 3]]}\n", SetKind::DfkiProduct),
            ("d.text", "{\"0\": []}", SetKind::Wissenschaftsstandard),
        ];
        for (name, content, kind) in cases {
            let path = dir.path().join(name);
            std::fs::write(&path, content).unwrap();
            assert_eq!(SetKind::detect(&path).unwrap(), Some(kind), "{name}");
            // Gzipped, with the same name.
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            std::io::Write::write_all(&mut gz, content.as_bytes()).unwrap();
            std::fs::write(&path, gz.finish().unwrap()).unwrap();
            assert_eq!(
                SetKind::detect(&path).unwrap(),
                Some(kind),
                "{name} gzipped"
            );
        }
        // newsgraph's own gold TSV is no public set.
        let tsv = dir.path().join("gold.tsv");
        std::fs::write(&tsv, "doc\tsubject\tpredicate\tobject\tstatus\n").unwrap();
        assert_eq!(SetKind::detect(&tsv).unwrap(), None);
    }
}
