//! A load benchmark for `newsgraph serve`: concurrent clients send the canned
//! queries over real HTTP on loopback, every answer is checked, and throughput
//! and latency are reported per query and overall.
//!
//! ```text
//! queries/*.rq ─► CannedQuery ─► rows each gives when run on the store directly
//! store ─► serve() on a free loopback port (in this process) │ or a running endpoint (URL)
//!       ─► N client threads, each a ureq Agent (one keep-alive connection),
//!          the queries round robin, each client starting at another one
//!            warm-up (not measured) ─► measured window: latency of every request
//!          every answer: 200 and the expected number of rows, else an error
//!       ─► one more round of every query (is the server still serving?)
//!       ─► LoadReport: requests/s, p50/p90/p99/max latency per query and overall, errors
//! ```
//!
//! No figure is asserted anywhere: the benchmark reports, people judge. Errors
//! count over the whole run, warm-up included; requests and latencies over the
//! measured window only.

use crate::serve::{self, ServeOptions};
use crate::store::GraphStore;
use oxigraph::sparql::QueryResults;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

/// A problem that stops the benchmark.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: no .rq files to send", .0.display())]
    NoQueries(PathBuf),
    #[error("{name}: the query fails on the store itself: {message}")]
    Query { name: String, message: String },
    #[error("the server could not start: {0}")]
    Server(String),
    #[error("nothing answers at {url}: {message}")]
    Unreachable { url: String, message: String },
}

/// One query the clients send.
#[derive(Debug, Clone)]
pub struct CannedQuery {
    /// The file name, e.g. `leaders.rq`.
    pub name: String,
    pub sparql: String,
}

/// Reads every `.rq` file of a folder, by name.
pub fn read_queries(dir: &Path) -> Result<Vec<CannedQuery>, LoadError> {
    let io = |source| LoadError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rq"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(LoadError::NoQueries(dir.to_path_buf()));
    }
    files
        .into_iter()
        .map(|path| {
            let sparql = std::fs::read_to_string(&path).map_err(|source| LoadError::Io {
                path: path.clone(),
                source,
            })?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok(CannedQuery { name, sparql })
        })
        .collect()
}

/// How many rows (solutions, triples, or 1 for a boolean) a query gives on the store itself.
pub fn count_rows(store: &GraphStore, query: &CannedQuery) -> Result<usize, LoadError> {
    let fail = |message: String| LoadError::Query {
        name: query.name.clone(),
        message,
    };
    match store
        .query(&query.sparql)
        .map_err(|e| fail(e.to_string()))?
    {
        QueryResults::Boolean(_) => Ok(1),
        QueryResults::Solutions(solutions) => {
            let mut n = 0;
            for s in solutions {
                s.map_err(|e| fail(e.to_string()))?;
                n += 1;
            }
            Ok(n)
        }
        QueryResults::Graph(triples) => {
            let mut n = 0;
            for t in triples {
                t.map_err(|e| fail(e.to_string()))?;
                n += 1;
            }
            Ok(n)
        }
    }
}

/// Starts `serve` over the store on a free loopback port, in this process, and
/// returns its SPARQL URL once it accepts connections. It serves until the
/// process ends.
pub fn start_server(store: GraphStore, options: ServeOptions) -> Result<String, LoadError> {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| LoadError::Server(format!("no free loopback port: {e}")))?
        .port();
    let bind = format!("127.0.0.1:{port}");
    let (failed, failure) = mpsc::channel();
    let address = bind.clone();
    std::thread::spawn(move || {
        if let Err(e) = serve::serve(store, &address, options, None) {
            let _ = failed.send(e.to_string());
        }
    });
    let started = Instant::now();
    while TcpStream::connect(&bind).is_err() {
        if let Ok(message) = failure.try_recv() {
            return Err(LoadError::Server(message));
        }
        if started.elapsed() > Duration::from_secs(20) {
            return Err(LoadError::Server(format!(
                "nothing listens on {bind} after 20 s"
            )));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(format!("http://{bind}/sparql"))
}

/// How hard and how long to load the endpoint.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Concurrent clients, each with its own keep-alive connection.
    pub clients: usize,
    /// Length of the measured window.
    pub duration: Duration,
    /// Load before the measured window, not measured.
    pub warmup: Duration,
    /// Longest a client waits for one answer before counting an error.
    pub request_timeout: Duration,
}

/// Latency percentiles, in milliseconds.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Latency {
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

/// The figures of one query.
#[derive(Debug, Clone, Serialize)]
pub struct QueryLoad {
    pub name: String,
    /// Rows every answer must have (None: no correct answer seen to compare with).
    pub rows: Option<usize>,
    /// Correct answers in the measured window.
    pub requests: usize,
    pub requests_per_second: f64,
    /// Latency of the correct answers in the measured window.
    pub latency: Option<Latency>,
    /// Wrong or failed answers, warm-up included.
    pub errors: usize,
}

/// One kind of error and how often it happened.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorCount {
    pub message: String,
    pub count: usize,
}

/// Everything one run measured.
#[derive(Debug, Clone, Serialize)]
pub struct LoadReport {
    pub endpoint: String,
    /// Where the expected row counts come from: `store` (the query run on the
    /// store directly) or `first answer` (the first 200 answer of the endpoint).
    pub rows_checked_against: String,
    pub clients: usize,
    pub warmup_seconds: f64,
    /// Length of the measured window, until the last client stopped.
    pub seconds: f64,
    /// Correct answers in the measured window.
    pub requests: usize,
    pub requests_per_second: f64,
    pub latency: Option<Latency>,
    /// Wrong or failed answers over the whole run, warm-up included.
    pub errors: usize,
    pub error_messages: Vec<ErrorCount>,
    pub queries: Vec<QueryLoad>,
    /// After the run, every query answered once more, correctly.
    pub still_serving: bool,
    /// Cores this machine offers, shared by the clients and (in process) the server.
    pub cores: usize,
    /// The one-minute load average when the run started (Linux).
    pub load_average: Option<f64>,
}

impl LoadReport {
    /// The server stayed up and answered every request correctly.
    pub fn clean(&self) -> bool {
        self.errors == 0 && self.still_serving
    }
}

/// The media types asked for: TSV rows are lines, N-Triples triples are lines.
const ACCEPT: &str = "text/tab-separated-values, application/n-triples";

/// What one client saw.
struct ClientLog {
    /// Latency in microseconds of each correct answer in the measured window, per query.
    micros: Vec<Vec<u32>>,
    /// Errors (query index, message), warm-up included.
    errors: Vec<(usize, String)>,
}

/// Loads the endpoint (its SPARQL URL) with the queries, checking every answer
/// against `expected` rows per query (None: against the first correct-looking answer).
pub fn run(
    endpoint: &str,
    queries: &[CannedQuery],
    expected: Option<Vec<usize>>,
    options: &LoadOptions,
) -> Result<LoadReport, LoadError> {
    let rows_checked_against = if expected.is_some() {
        "store"
    } else {
        "first answer"
    };
    let expected = Mutex::new(expected.map_or_else(
        || vec![None; queries.len()],
        |e| e.into_iter().map(Some).collect(),
    ));
    let load_average = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok());
    // One request first, so that a wrong URL is one clear error rather than thousands.
    let reach = agent(options)
        .post(endpoint)
        .set("Content-Type", "application/sparql-query")
        .send_string("ASK {}");
    if let Err(ureq::Error::Transport(e)) = reach {
        return Err(LoadError::Unreachable {
            url: endpoint.to_string(),
            message: [
                Some(e.kind().to_string()),
                e.message().map(str::to_string),
                std::error::Error::source(&e).map(|s| s.to_string()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(": "),
        });
    }
    let clients = options.clients.max(1);
    let start = Instant::now();
    let measured_from = start + options.warmup;
    let end = measured_from + options.duration;
    let logs: Vec<ClientLog> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..clients)
            .map(|k| {
                let expected = &expected;
                scope.spawn(move || {
                    client(
                        endpoint,
                        queries,
                        expected,
                        k % queries.len(),
                        measured_from,
                        end,
                        options,
                    )
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join().unwrap_or_else(|_| ClientLog {
                    micros: vec![Vec::new(); queries.len()],
                    errors: vec![(0, "a client thread panicked".to_string())],
                })
            })
            .collect()
    });
    let seconds = measured_from.elapsed().as_secs_f64().max(1e-9);
    let still_serving = {
        let agent = agent(options);
        let expected = &expected;
        (0..queries.len()).all(|q| ask(&agent, endpoint, queries, expected, q).is_ok())
    };
    let expected = expected.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut all = Vec::new();
    let mut per_query = Vec::new();
    for (q, query) in queries.iter().enumerate() {
        let mut micros: Vec<u32> = logs.iter().flat_map(|l| l.micros[q].clone()).collect();
        let errors = logs
            .iter()
            .flat_map(|l| &l.errors)
            .filter(|(i, _)| *i == q)
            .count();
        all.extend_from_slice(&micros);
        per_query.push(QueryLoad {
            name: query.name.clone(),
            rows: expected[q],
            requests: micros.len(),
            requests_per_second: micros.len() as f64 / seconds,
            latency: latency(&mut micros),
            errors,
        });
    }
    let mut messages: BTreeMap<String, usize> = BTreeMap::new();
    for (q, message) in logs.iter().flat_map(|l| &l.errors) {
        *messages
            .entry(format!("{}: {message}", queries[*q].name))
            .or_default() += 1;
    }
    let requests = all.len();
    Ok(LoadReport {
        endpoint: endpoint.to_string(),
        rows_checked_against: rows_checked_against.to_string(),
        clients,
        warmup_seconds: options.warmup.as_secs_f64(),
        seconds,
        requests,
        requests_per_second: requests as f64 / seconds,
        latency: latency(&mut all),
        errors: messages.values().sum(),
        error_messages: messages
            .into_iter()
            .map(|(message, count)| ErrorCount { message, count })
            .collect(),
        queries: per_query,
        still_serving,
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        load_average,
    })
}

fn agent(options: &LoadOptions) -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(options.request_timeout)
        .max_idle_connections_per_host(1)
        .build()
}

/// One client: the queries round robin from `first`, until `end`.
fn client(
    endpoint: &str,
    queries: &[CannedQuery],
    expected: &Mutex<Vec<Option<usize>>>,
    first: usize,
    measured_from: Instant,
    end: Instant,
    options: &LoadOptions,
) -> ClientLog {
    let agent = agent(options);
    let mut log = ClientLog {
        micros: vec![Vec::new(); queries.len()],
        errors: Vec::new(),
    };
    let mut q = first;
    loop {
        let sent = Instant::now();
        if sent >= end {
            break;
        }
        match ask(&agent, endpoint, queries, expected, q) {
            Ok(()) if sent >= measured_from => {
                let micros = sent.elapsed().as_micros().min(u32::MAX as u128) as u32;
                log.micros[q].push(micros);
            }
            Ok(()) => {}
            Err(message) => log.errors.push((q, message)),
        }
        q = (q + 1) % queries.len();
    }
    log
}

/// Sends query `q` and checks the answer: 200 and the expected number of rows.
fn ask(
    agent: &ureq::Agent,
    endpoint: &str,
    queries: &[CannedQuery],
    expected: &Mutex<Vec<Option<usize>>>,
    q: usize,
) -> Result<(), String> {
    let response = agent
        .post(endpoint)
        .set("Content-Type", "application/sparql-query")
        .set("Accept", ACCEPT)
        .send_string(&queries[q].sparql);
    let response = match response {
        Ok(r) => r,
        Err(ureq::Error::Status(code, r)) => {
            let text = r.into_string().unwrap_or_default();
            let first = text.lines().next().unwrap_or("").trim();
            return Err(format!("{code} {first}"));
        }
        Err(e) => return Err(e.to_string()),
    };
    let media = response.content_type().to_string();
    let mut body = Vec::new();
    response
        .into_reader()
        .read_to_end(&mut body)
        .map_err(|e| format!("the answer broke off: {e}"))?;
    let rows = rows_in(&media, &body)?;
    let mut expected = expected.lock().unwrap_or_else(|e| e.into_inner());
    match expected[q] {
        Some(n) if n != rows => Err(format!("{rows} rows instead of {n}")),
        Some(_) => Ok(()),
        None => {
            expected[q] = Some(rows);
            Ok(())
        }
    }
}

/// Rows in an answer: TSV lines after the header (a boolean is one row), N-Triples lines.
fn rows_in(media: &str, body: &[u8]) -> Result<usize, String> {
    let lines = body.iter().filter(|&&b| b == b'\n').count();
    match media {
        "text/tab-separated-values" => {
            let text = body.trim_ascii();
            if text == b"true" || text == b"false" {
                Ok(1)
            } else {
                Ok(lines.saturating_sub(1))
            }
        }
        "application/n-triples" => Ok(lines),
        other => Err(format!("an answer in {other}, not TSV or N-Triples")),
    }
}

/// Nearest-rank percentiles of latencies in microseconds.
fn latency(micros: &mut [u32]) -> Option<Latency> {
    if micros.is_empty() {
        return None;
    }
    micros.sort_unstable();
    let n = micros.len();
    let at = |p: f64| {
        let rank = ((p / 100.0) * n as f64).ceil() as usize;
        f64::from(micros[rank.clamp(1, n) - 1]) / 1000.0
    };
    Some(Latency {
        p50_ms: at(50.0),
        p90_ms: at(90.0),
        p99_ms: at(99.0),
        max_ms: at(100.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let mut micros: Vec<u32> = (1..=100).map(|k| k * 1000).collect();
        let l = latency(&mut micros).unwrap();
        assert_eq!(
            (l.p50_ms, l.p90_ms, l.p99_ms, l.max_ms),
            (50.0, 90.0, 99.0, 100.0)
        );
        let mut one = vec![2500];
        let l = latency(&mut one).unwrap();
        assert_eq!((l.p50_ms, l.max_ms), (2.5, 2.5));
        assert!(latency(&mut []).is_none());
    }

    #[test]
    fn rows_are_counted_by_media_type() {
        let tsv = b"?a\t?b\n<x>\t1\n<y>\t2\n";
        assert_eq!(rows_in("text/tab-separated-values", tsv), Ok(2));
        assert_eq!(rows_in("text/tab-separated-values", b"?a\n"), Ok(0));
        assert_eq!(rows_in("text/tab-separated-values", b"true"), Ok(1));
        assert_eq!(rows_in("application/n-triples", b"<a> <b> <c> .\n"), Ok(1));
        assert!(rows_in("text/html", b"").is_err());
    }

    #[test]
    fn queries_are_read_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.rq"), "ASK {}").unwrap();
        std::fs::write(dir.path().join("a.rq"), "SELECT * {}").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not a query").unwrap();
        let names: Vec<String> = read_queries(dir.path())
            .unwrap()
            .into_iter()
            .map(|q| q.name)
            .collect();
        assert_eq!(names, ["a.rq", "b.rq"]);
        let empty = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_queries(empty.path()),
            Err(LoadError::NoQueries(_))
        ));
    }
}
