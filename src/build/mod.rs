//! `newsgraph build`: input files → store → exports.
//!
//! ```text
//! discover ─► batches of files ─► (parallel) load, skip if unchanged, extract, to quads
//!          ─► writer thread (while the next batch is extracted): batches gathered into
//!             commits of ~40,000 quads, each all or nothing
//!          ─► (meanwhile) each batch's occurrences into the entity merger
//!          ─► prune ─► entity graph (the merger's when every stored article was
//!             written now, else only the entities the written, replaced and
//!             pruned articles name, re-merged from their occurrences in the store)
//!          ─► totals (a scan of the store: only with exports or a whole build)
//!          ─► exports
//! ```
//!
//! Articles are read, extracted and written in batches, so memory does not grow
//! with the corpus. Files over `max_article_bytes` are skipped with a warning
//! before they are read; an article that takes more than a few seconds is named
//! while it is worked on (watch.rs); an article on which extraction panics is
//! skipped with a warning, and the build goes on. An article whose content hash (of its bytes, checked before
//! parsing) and extractor version match what the store holds is skipped. Each
//! commit is atomic (see [`GraphStore::replace_documents`]) and exports are
//! replaced atomically: a failed or interrupted build leaves the previous store
//! and exports usable, and no article half-written.

use crate::export::{self, view, ExportError, ExportFormat};
use crate::extract::Extractor;
use crate::ingest::{self, IngestError};
use crate::model::vocab::Namespaces;
use crate::model::Language;
use crate::rdf;
use crate::render::{self, DotOptions};
use crate::store::{GraphStore, StoreError};
use oxigraph::model::Quad;
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod watch;

/// An article that takes longer than this is named while it is worked on.
const SLOW_ARTICLE: Duration = Duration::from_secs(5);

/// How many articles are extracted together.
pub const BATCH: usize = 64;

/// How many quads the writer gathers from several batches before it writes them
/// in one commit: fewer, larger commits leave the store fewer files to compact.
const WRITE_QUADS: usize = 40_000;

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub inputs: Vec<PathBuf>,
    pub store: PathBuf,
    /// Folder for graph.ttl, graph.trig, graph.dot, graph.svg; `None` writes no exports.
    pub out: Option<PathBuf>,
    /// Remove articles from the store whose files are not among the inputs.
    pub prune: bool,
    /// Extract every article again, even unchanged ones.
    pub force: bool,
    /// Base of the entity, document and claim IRIs; `None` keeps the store's
    /// (or the default for a new store).
    pub base: Option<String>,
    /// Files larger than this are skipped with a warning, unread.
    pub max_article_bytes: u64,
}

/// Events a build reports while it runs.
pub trait Observer: Sync {
    /// The number of input files is known.
    fn started(&self, _files: usize) {}
    /// One more file was handled (extracted, skipped or failed).
    fn file_done(&self, _claims: usize) {}
    /// A problem that does not stop the build.
    fn warning(&self, _message: &str) {}
    /// A step after extraction ("writing exports").
    fn step(&self, _message: &str) {}
    /// An article has been worked on for `elapsed` and is not done yet.
    fn slow_file(&self, _path: &Path, _bytes: u64, _elapsed: Duration) {}
}

/// An observer that ignores everything.
pub struct Silent;
impl Observer for Silent {}

/// What a build did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BuildReport {
    pub files: usize,
    pub extracted: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub removed: usize,
    /// Articles per language among those extracted now.
    pub languages: BTreeMap<String, usize>,
    /// Totals of the whole store after the build.
    pub articles: usize,
    pub entities: usize,
    /// Counted by a build that writes every article or the exports (these
    /// read the whole store anyway); `None` after a build of a few articles
    /// without exports, whose work grows with those articles, not the store.
    pub facts: Option<usize>,
    pub claims: Option<usize>,
    pub quads: Option<usize>,
    pub warnings: Vec<String>,
    pub exports: Vec<String>,
    pub seconds: f64,
    pub bytes: u64,
    /// The process's peak resident memory at the end of the build, where the
    /// system tells it (Linux).
    pub peak_memory_bytes: Option<u64>,
    /// CPU time the process used on all its threads, where the system tells it.
    pub cpu_seconds: Option<f64>,
}

/// A problem that stops the build.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    #[error("no articles to build: {0}")]
    NoInputs(String),
    #[error("--base must be an absolute IRI such as https://example.org/news/ ({0})")]
    BadBase(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Export(#[from] ExportError),
}

/// Runs a build.
pub fn run(
    opts: &BuildOptions,
    extractor: &Extractor,
    observer: &dyn Observer,
) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let mut report = BuildReport::default();
    let discovery = discover(opts, observer, &mut report);
    if discovery.files.is_empty() {
        let inputs: Vec<String> = opts
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        return Err(BuildError::NoInputs(format!(
            "no .txt, .md or .html files in {}",
            inputs.join(", ")
        )));
    }
    let ns = match &opts.base {
        Some(base) => {
            oxigraph::model::NamedNode::new(format!("{base}x"))
                .map_err(|e| BuildError::BadBase(format!("{base}: {e}")))?;
            Namespaces::new(base)
        }
        None => GraphStore::stored_namespaces(&opts.store)?.unwrap_or_default(),
    };
    let store = GraphStore::open(&opts.store, ns)?;
    let mut report = build_into(
        &store,
        None,
        discovery,
        (started, report),
        opts,
        extractor,
        observer,
    )?;
    // The next process opens the store without replaying its write-ahead log.
    store.flush()?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// What a long-running process keeps between builds on one open store
/// ([`run_on`]): start it empty, and start again after any other write to
/// the store.
#[derive(Default)]
pub struct Kept {
    /// The merged occurrences of the entities the articles named.
    totals: rdf::EntityMerger,
    /// How many entities the entity graph describes, once counted.
    entities: Option<usize>,
    /// How many articles the store holds, once counted.
    articles: Option<usize>,
}

/// Runs a build on a store that is already open (a writable `serve` adding
/// the articles it is sent): `opts.store` and `opts.base` are not read. The
/// writes are durable in the store's write-ahead log; they are not flushed
/// into its tables after every call, which would cost more than the article.
///
/// `kept` holds, between calls, the merged occurrences of the entities the
/// articles named and the numbers of entities and articles: an entity a new
/// article names again is described from them and the new occurrences,
/// instead of from all its occurrences in the store, and nothing is counted
/// again, so the work follows the article, not the store. It must see every
/// change to the store's articles.
pub fn run_on(
    store: &GraphStore,
    kept: &mut Kept,
    opts: &BuildOptions,
    extractor: &Extractor,
    observer: &dyn Observer,
) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let mut report = BuildReport::default();
    let discovery = discover(opts, observer, &mut report);
    build_into(
        store,
        Some(kept),
        discovery,
        (started, report),
        opts,
        extractor,
        observer,
    )
}

/// The articles among the inputs; every input that cannot be read is named
/// to the observer and in the report.
fn discover(
    opts: &BuildOptions,
    observer: &dyn Observer,
    report: &mut BuildReport,
) -> ingest::Discovery {
    let discovery = ingest::discover(&opts.inputs);
    for p in &discovery.problems {
        let message = p.to_string();
        observer.warning(&message);
        report.warnings.push(message);
    }
    discovery
}

/// Extracts the discovered articles into `store` and brings its entity graph
/// (and the exports, where asked) up to date.
fn build_into(
    store: &GraphStore,
    mut kept: Option<&mut Kept>,
    discovery: ingest::Discovery,
    (started, mut report): (Instant, BuildReport),
    opts: &BuildOptions,
    extractor: &Extractor,
    observer: &dyn Observer,
) -> Result<BuildReport, BuildError> {
    let fingerprint = extractor.fingerprint();
    let ids = document_ids(&discovery.files);
    // What the store holds of the inputs (all its articles where --prune needs
    // them), and how many articles it holds: a build of a few articles reads
    // only their graphs.
    let stored_articles = match kept.as_deref_mut().and_then(|k| k.articles) {
        Some(n) => n,
        None => store.article_count()?,
    };
    let stored = if opts.prune {
        store.documents()?
    } else {
        store.documents_among(ids.values())?
    };
    report.files = discovery.files.len();
    observer.started(discovery.files.len());
    // Batches are written on their own thread while the next batch is extracted;
    // in memory at once: the batch being extracted, one in the channel, and what
    // the writer has gathered (under WRITE_QUADS quads plus one batch).
    let (to_writer, batches) = std::sync::mpsc::sync_channel::<Vec<(String, Vec<Quad>)>>(1);
    // The entity graph of the articles written, gathered as they go by; it is
    // the whole store's when every stored article is among them.
    let mut merger = rdf::EntityMerger::default();
    let mut written: HashSet<String> = HashSet::new();
    // The entities that replaced articles named before: their descriptions may change.
    let mut touched: BTreeSet<String> = BTreeSet::new();
    let watch = watch::Watch::new(SLOW_ARTICLE);
    std::thread::scope(|scope| -> Result<(), BuildError> {
        let writer = scope.spawn(|| -> Result<(), StoreError> {
            let mut gathered: Vec<(String, Vec<Quad>)> = Vec::new();
            let mut quads = 0;
            for batch in batches {
                quads += batch.iter().map(|(_, q)| q.len()).sum::<usize>();
                gathered.extend(batch);
                if quads >= WRITE_QUADS {
                    store.replace_documents(std::mem::take(&mut gathered))?;
                    quads = 0;
                }
            }
            if !gathered.is_empty() {
                store.replace_documents(gathered)?;
            }
            Ok(())
        });
        scope.spawn(|| watch.run(observer));
        // Stops the watcher however this scope ends (an error returned early included).
        let _stop = watch.stop_on_drop();
        for chunk in discovery.files.chunks(BATCH) {
            let results: Vec<(PathBuf, Outcome)> = chunk
                .par_iter()
                .map(|path| {
                    let id = &ids[path];
                    watch.start(path, std::fs::metadata(path).map_or(0, |m| m.len()));
                    // What extraction shares between articles is read-only or a
                    // cache of pure results, so a panic leaves nothing half-changed.
                    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        process(
                            path,
                            id,
                            &stored,
                            &fingerprint,
                            opts,
                            extractor,
                            store.terms(),
                        )
                    }))
                    .unwrap_or_else(|panic| Outcome::Crashed(panic_message(&panic)));
                    watch.finish(path);
                    observer.file_done(match &outcome {
                        Outcome::Extracted { claims, .. } => *claims,
                        _ => 0,
                    });
                    (path.clone(), outcome)
                })
                .collect();
            let mut batch = Vec::new();
            for (path, outcome) in results {
                match outcome {
                    Outcome::Extracted {
                        id,
                        quads,
                        language,
                        bytes,
                        ..
                    } => {
                        report.extracted += 1;
                        report.bytes += bytes;
                        *report.languages.entry(language.to_string()).or_default() += 1;
                        batch.push((id, quads));
                    }
                    Outcome::Unchanged => report.unchanged += 1,
                    Outcome::Failed(e) => {
                        report.failed += 1;
                        let message = e.to_string();
                        observer.warning(&message);
                        report.warnings.push(message);
                    }
                    Outcome::Crashed(why) => {
                        report.failed += 1;
                        let message = format!(
                            "{}: newsgraph failed on this article ({why}); skipped. Please report it with the file",
                            path.display()
                        );
                        observer.warning(&message);
                        report.warnings.push(message);
                    }
                    Outcome::OtherLanguage {
                        id,
                        quads,
                        code,
                        bytes,
                    } => {
                        let message = format!(
                        "{}: language `{code}` is neither English nor German; the article is stored without relations",
                        path.display()
                    );
                        observer.warning(&message);
                        report.warnings.push(message);
                        report.extracted += 1;
                        report.bytes += bytes;
                        *report.languages.entry("other".into()).or_default() += 1;
                        batch.push((id, quads));
                    }
                }
            }
            let replaced: Vec<String> = batch
                .iter()
                .map(|(id, _)| id)
                .filter(|id| stored.contains_key(*id))
                .cloned()
                .collect();
            touched.extend(store.entities_of_documents(&replaced)?);
            for (id, quads) in &batch {
                for (node, o) in rdf::occurrences_of(quads) {
                    merger.add(&node, o);
                }
                written.insert(id.clone());
            }
            // A closed channel means the writer failed: its error is returned below.
            if !batch.is_empty() && to_writer.send(batch).is_err() {
                break;
            }
        }
        drop(to_writer);
        writer.join().expect("the store writer does not panic")?;
        Ok(())
    })?;
    let mut gone: Vec<String> = Vec::new();
    if opts.prune {
        let keep: HashSet<&String> = ids.values().collect();
        gone = stored
            .keys()
            .filter(|id| !keep.contains(id))
            .cloned()
            .collect();
        if !gone.is_empty() {
            touched.extend(store.entities_of_documents(&gone)?);
            store.remove_documents(&gone)?;
        }
        report.removed = gone.len();
    }
    observer.step("updating the entity graph");
    let gone: HashSet<&String> = gone.iter().collect();
    let every_article_written = stored_articles
        == stored
            .keys()
            .filter(|id| written.contains(*id) || gone.contains(id))
            .count();
    report.entities = if every_article_written {
        store.write_entities(merger)?
    } else {
        // Only the entities the written, replaced and removed articles name.
        // The entities replaced or removed articles named (their kept totals are stale).
        let stale = if kept.is_some() {
            touched.clone()
        } else {
            BTreeSet::new()
        };
        touched.extend(merger.entities().cloned());
        match kept.as_deref_mut() {
            None => {
                drop(merger);
                store.update_entities(&touched)?;
                store.entity_count()?
            }
            Some(kept) => {
                // What replaced or removed articles named is read again from the
                // store; what only new articles name adds to the kept totals.
                for e in &stale {
                    kept.totals.remove(e);
                }
                let (known, unknown): (BTreeSet<String>, BTreeSet<String>) = touched
                    .iter()
                    .cloned()
                    .partition(|e| kept.totals.contains(e));
                kept.totals.absorb(merger.subset(&known));
                drop(merger);
                kept.totals.absorb(store.entity_occurrences(&unknown)?);
                let change = store.describe_entities(&touched, &kept.totals)?;
                let n = match kept.entities {
                    Some(n) => (n as i64 + change).max(0) as usize,
                    None => store.entity_count()?,
                };
                kept.entities = Some(n);
                n
            }
        }
    };
    // The totals scan the store: counted where the build reads all of it anyway
    // (a build of every article, or exports), else only what indexes count.
    if every_article_written || opts.out.is_some() {
        totals(store, &mut report)?;
    } else {
        // The articles before, plus the new ones, less the pruned.
        let new = written
            .iter()
            .filter(|id| !stored.contains_key(*id))
            .count();
        report.articles = stored_articles + new - gone.len();
    }
    if let Some(kept) = kept {
        kept.articles = Some(report.articles);
    }
    if let Some(out) = &opts.out {
        observer.step("writing exports");
        report.exports = write_exports(store, out, observer)?;
    }
    report.seconds = started.elapsed().as_secs_f64();
    report.peak_memory_bytes = crate::usage::peak_resident_bytes();
    report.cpu_seconds = crate::usage::cpu_seconds();
    Ok(report)
}

enum Outcome {
    Extracted {
        id: String,
        quads: Vec<oxigraph::model::Quad>,
        claims: usize,
        language: Language,
        bytes: u64,
    },
    OtherLanguage {
        id: String,
        quads: Vec<oxigraph::model::Quad>,
        code: String,
        bytes: u64,
    },
    Unchanged,
    Failed(IngestError),
    /// Extraction panicked: a bug, reported with the panic's message.
    Crashed(String),
}

/// The message of a caught panic.
fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_string())
}

fn process(
    path: &Path,
    id: &str,
    stored: &BTreeMap<String, crate::store::StoredDocument>,
    fingerprint: &str,
    opts: &BuildOptions,
    extractor: &Extractor,
    terms: &rdf::Terms,
) -> Outcome {
    let raw = match ingest::read_within(path, opts.max_article_bytes) {
        Ok(r) => r,
        Err(e) => return Outcome::Failed(e),
    };
    if !opts.force {
        if let Some(s) = stored.get(id) {
            if s.content_hash == raw.content_hash && s.extractor == fingerprint {
                return Outcome::Unchanged;
            }
        }
    }
    let mut doc = match raw.parse() {
        Ok(d) => d,
        Err(e) => return Outcome::Failed(e),
    };
    doc.id = id.to_string();
    let bytes = doc.text.len() as u64;
    let extraction = extractor.extract(&doc);
    let quads = rdf::document_quads(terms, &doc, &extraction, fingerprint);
    if doc.language == Language::Other {
        return Outcome::OtherLanguage {
            id: doc.id,
            quads,
            code: doc.language_code,
            bytes,
        };
    }
    Outcome::Extracted {
        id: doc.id,
        claims: extraction.claims.len(),
        quads,
        language: doc.language,
        bytes,
    }
}

/// Document ids from file stems; stems that occur twice among the inputs get a
/// suffix from their path, so both articles are kept.
pub fn document_ids(files: &[PathBuf]) -> HashMap<PathBuf, String> {
    let stem = |p: &Path| {
        ingest::slug_id(
            &p.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        )
    };
    let mut count: HashMap<String, usize> = HashMap::new();
    for f in files {
        *count.entry(stem(f)).or_default() += 1;
    }
    files
        .iter()
        .map(|f| {
            let s = stem(f);
            let id = if count[&s] > 1 {
                let digest = Sha256::digest(f.to_string_lossy().as_bytes());
                format!(
                    "{s}_{:02x}{:02x}{:02x}{:02x}",
                    digest[0], digest[1], digest[2], digest[3]
                )
            } else {
                s
            };
            (f.clone(), id)
        })
        .collect()
}

fn totals(store: &GraphStore, report: &mut BuildReport) -> Result<(), StoreError> {
    let count = |q: &str| -> Result<usize, StoreError> {
        Ok(store
            .select(q)?
            .first()
            .and_then(|r| r[0].parse().ok())
            .unwrap_or(0))
    };
    report.articles = count("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a schema:NewsArticle }")?;
    report.claims = Some(count("SELECT (COUNT(?c) AS ?n) WHERE { ?c a ng:Claim }")?);
    report.facts = Some(count(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?c a ng:Claim ; ng:subject ?s ; ng:predicate ?p ; ng:object ?o ; ng:polarity true . FILTER(isIRI(?o)) } }",
    )?);
    report.quads = Some(store.len()?);
    Ok(())
}

/// Writes graph.ttl, graph.trig, graph.dot and graph.svg into `out`.
pub fn write_exports(
    store: &GraphStore,
    out: &Path,
    observer: &dyn Observer,
) -> Result<Vec<String>, BuildError> {
    let mut written = Vec::new();
    for format in [ExportFormat::Turtle, ExportFormat::TriG] {
        let mut bytes = Vec::new();
        export::write_rdf(store, format, &mut bytes)?;
        let path = out.join(format!("graph.{}", format.extension()));
        export::write_atomic(&path, &bytes)?;
        written.push(path.display().to_string());
    }
    let view = view::graph_view(store, false)?;
    let options = DotOptions::default();
    let dot = render::to_dot(&view, &options);
    let path = out.join("graph.dot");
    export::write_atomic(&path, dot.as_bytes())?;
    written.push(path.display().to_string());
    match render::render_svg(&view, &options) {
        Ok(rendered) => {
            for w in &rendered.warnings {
                observer.warning(w);
            }
            let path = out.join("graph.svg");
            export::write_atomic(&path, &rendered.bytes)?;
            written.push(path.display().to_string());
        }
        Err(e) => observer.warning(&format!("graph.svg was not written: {e}")),
    }
    Ok(written)
}
