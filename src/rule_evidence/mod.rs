//! How the relation rules fire on unlabeled articles: a rule is judged on the
//! hundreds of real sentences it fires on, not on the one record it was
//! written for. `newsgraph rules` prints what [`run`] gathers.
//!
//! ```text
//! inputs ─► ingest::discover (files sorted by path) ─► --max-articles: evenly spread subset
//!        ─► batches ─► (parallel) ingest::load ─► Extractor::extract ─► firings per article
//!        ─► Tally (article index = position in path order)
//!        ─► one RuleEvidence per rule of Extractor::rule_ids (zeros for dead rules):
//!           claims, distinct sentences, distinct articles, sample sentences
//! ```
//!
//! Articles are read in batches as `newsgraph build` reads them, so memory holds
//! one batch of documents and the sentences the rules fired on. The result does
//! not depend on the number of threads: samples are picked by path order.

mod tally;

pub use tally::{firings, rule_id, spread, Firing, RuleEvidence, Sample, Tally};

use crate::build::{Observer, BATCH};
use crate::extract::Extractor;
use crate::ingest::{self, IngestError};
use crate::model::Language;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

/// What to read and what to report.
#[derive(Debug, Clone)]
pub struct Options {
    /// Article files or folders.
    pub inputs: Vec<PathBuf>,
    /// The languages whose rules are reported and whose articles are extracted.
    pub languages: Vec<Language>,
    /// Report only rules whose id starts with this.
    pub rule_prefix: Option<String>,
    /// Sample sentences per rule.
    pub sample: usize,
    /// Read at most this many articles, evenly spread over the sorted files.
    pub max_articles: Option<usize>,
}

/// What the rules did on the articles read.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub inputs: Vec<String>,
    /// Article files read (after `max_articles`).
    pub files: usize,
    /// Articles extracted, by language code.
    pub languages: BTreeMap<String, usize>,
    /// Articles read but not extracted: in another language, or in one not asked for.
    pub skipped: usize,
    /// Files that could not be read (named in `warnings`).
    pub failed: usize,
    pub seconds: f64,
    /// Sorted by language code and rule id.
    pub rules: Vec<RuleEvidence>,
    pub warnings: Vec<String>,
}

/// A problem that stops the run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RuleEvidenceError {
    #[error("no articles to read: no .txt, .md or .html files in {0}")]
    NoArticles(String),
}

/// What became of one file.
enum Outcome {
    Extracted {
        language: Language,
        firings: Vec<Firing>,
    },
    Skipped,
    Failed(IngestError),
}

/// Reads the articles, extracts those in the languages asked for, and counts
/// what every rule of those languages did.
pub fn run(
    opts: &Options,
    extractor: &Extractor,
    observer: &dyn Observer,
) -> Result<Report, RuleEvidenceError> {
    let started = Instant::now();
    let discovery = ingest::discover(&opts.inputs);
    let mut warnings: Vec<String> = Vec::new();
    for p in &discovery.problems {
        let message = p.to_string();
        observer.warning(&message);
        warnings.push(message);
    }
    let files: Vec<PathBuf> = match opts.max_articles {
        Some(n) => spread(discovery.files.len(), n)
            .into_iter()
            .map(|i| discovery.files[i].clone())
            .collect(),
        None => discovery.files,
    };
    if files.is_empty() {
        let inputs: Vec<String> = opts
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        return Err(RuleEvidenceError::NoArticles(inputs.join(", ")));
    }
    observer.started(files.len());
    let mut report = Report {
        inputs: opts
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        files: files.len(),
        languages: BTreeMap::new(),
        skipped: 0,
        failed: 0,
        seconds: 0.0,
        rules: Vec::new(),
        warnings,
    };
    let mut tally = Tally::default();
    for (b, chunk) in files.chunks(BATCH).enumerate() {
        let outcomes: Vec<Outcome> = chunk
            .par_iter()
            .map(|path| {
                let outcome = read(path, extractor, &opts.languages);
                observer.file_done(match &outcome {
                    Outcome::Extracted { firings, .. } => firings.len(),
                    _ => 0,
                });
                outcome
            })
            .collect();
        for (i, (path, outcome)) in chunk.iter().zip(outcomes).enumerate() {
            match outcome {
                Outcome::Extracted { language, firings } => {
                    *report
                        .languages
                        .entry(language.code().to_string())
                        .or_default() += 1;
                    tally.add(
                        b * BATCH + i,
                        &path.display().to_string(),
                        language,
                        firings,
                    );
                }
                Outcome::Skipped => report.skipped += 1,
                Outcome::Failed(e) => {
                    report.failed += 1;
                    let message = e.to_string();
                    observer.warning(&message);
                    report.warnings.push(message);
                }
            }
        }
    }
    let listed: Vec<_> = opts
        .languages
        .iter()
        .flat_map(|&l| extractor.rule_ids(l).into_iter().map(move |r| (l, r)))
        .collect();
    let prefix = opts.rule_prefix.as_deref().unwrap_or("");
    report.rules = tally.finish(&listed, opts.sample, |language, id| {
        opts.languages.contains(&language) && id.starts_with(prefix)
    });
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Reads one article and, when it is in one of `languages`, extracts it.
fn read(path: &std::path::Path, extractor: &Extractor, languages: &[Language]) -> Outcome {
    let doc = match ingest::load(path) {
        Ok(d) => d,
        Err(e) => return Outcome::Failed(e),
    };
    if !languages.contains(&doc.language) {
        return Outcome::Skipped;
    }
    Outcome::Extracted {
        language: doc.language,
        firings: firings(&extractor.extract(&doc)),
    }
}
