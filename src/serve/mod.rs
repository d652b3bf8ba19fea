//! `newsgraph serve`: a read-only SPARQL 1.1 Protocol endpoint at `/sparql` and
//! the read side of the Graph Store Protocol at `/store`, for SPARQL clients,
//! notebooks and BI tools.
//!
//! ```text
//! TcpListener ─► http.rs: hyper connections, head and body within their limits
//!   ─► route, on one of `threads` handler threads
//!   /sparql  GET ?query= | POST form (query=) | POST application/sparql-query (request.rs)
//!            ─► a read-only endpoint's kept answer to the same query and Accept (cache.rs)
//!            ─► else the query on its own thread (timeout)
//!            ─► results in the format the Accept header asks for (result-size limit)
//!   /store   GET ?graph=IRI | ?default ─► Turtle / N-Triples
//!   /articles POST ?id=ID, the article as the body ─► stored like `build` stores it
//!            (`--writable` only; ingest.rs)
//!   /, /assets/*, /queries, /vocabulary ─► the browser explorer (page.rs)
//! ```
//!
//! Every request gets an answer: bad SPARQL 400, unknown graph 404, updates 403
//! (unless `--writable`), an unknown media type 415, a body over the limit 413,
//! a body that does not arrive within the read timeout 408, too many results 413,
//! a query over the time limit 503 (and the query is cancelled). A panic in a
//! handler is caught and answered with 500; the server keeps serving.

mod cache;
mod http;
pub mod ingest;
mod page;
pub mod request;

use cache::{AnswerCache, Kept};

use crate::store::GraphStore;
use http::Incoming;
use hyper::Method;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use request::{Operation, Refusal};
use std::net::TcpListener;
use std::sync::{mpsc, Arc};
use std::time::Duration;

/// How the server behaves.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub threads: usize,
    pub timeout: Duration,
    /// Most solutions (or triples) one answer may hold.
    pub max_results: usize,
    /// Largest request body in bytes.
    pub max_body: usize,
    /// Longest wait for a request body to arrive (408 after that).
    pub read_timeout: Duration,
    /// Accept SPARQL updates.
    pub writable: bool,
}

/// A problem that stops the server from starting.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    #[error("cannot listen on {bind}: {message}")]
    Bind { bind: String, message: String },
}

/// An HTTP answer: status, media type, body.
struct Answer {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
}

impl Answer {
    fn error(status: u16, message: impl Into<String>) -> Answer {
        let mut body = message.into().into_bytes();
        body.push(b'\n');
        Answer {
            status,
            content_type: "text/plain; charset=utf-8",
            body,
        }
    }
}

/// Serves until the process ends.
/// `ingest` adds articles sent to `POST /articles` (a writable server's).
pub fn serve(
    store: GraphStore,
    bind: &str,
    options: ServeOptions,
    ingest: Option<ingest::Ingest>,
) -> Result<(), ServeError> {
    let failed = |message: String| ServeError::Bind {
        bind: bind.to_string(),
        message,
    };
    let listener = TcpListener::bind(bind).map_err(|e| failed(e.to_string()))?;
    let store = Arc::new(store);
    let cache = Arc::new(AnswerCache::default());
    let ingest = Arc::new(ingest);
    let handler = {
        let options = options.clone();
        move |incoming: Incoming| {
            // A panic while answering is answered with 500; the server serves on.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                route(
                    &incoming,
                    &store,
                    &options,
                    &cache,
                    ingest.as_ref().as_ref(),
                )
            }))
            .unwrap_or_else(|_| Answer::error(500, "internal error"))
        }
    };
    http::run(listener, Arc::new(handler), options).map_err(|e| failed(e.to_string()))
}

impl From<Refusal> for Answer {
    fn from(refusal: Refusal) -> Answer {
        Answer::error(refusal.status, refusal.message)
    }
}

fn route(
    request: &Incoming,
    store: &Arc<GraphStore>,
    options: &ServeOptions,
    cache: &AnswerCache,
    ingest: Option<&ingest::Ingest>,
) -> Answer {
    let path = request.path.as_str();
    if let Some(answer) = page::route(&request.method, path, store) {
        return answer;
    }
    match path {
        "/sparql" | "/query" => sparql(request, store, options, cache, ingest),
        "/store" => graph_store(request, store, options),
        "/articles" => match (&request.method, ingest) {
            (&Method::POST, Some(ingest)) => ingest.post(
                store,
                &request.query_string,
                &request.content_type,
                &request.body,
                options.max_body as u64,
            ),
            (&Method::POST, None) => Answer::error(
                403,
                "this endpoint is read-only (start it with --writable to add articles)",
            ),
            _ => Answer::error(405, "articles are added with POST /articles?id=ID"),
        },
        _ => Answer::error(
            404,
            format!("no such resource: {path}; use /sparql, /store, /articles or / (the explorer)"),
        ),
    }
}

fn sparql(
    request: &Incoming,
    store: &Arc<GraphStore>,
    options: &ServeOptions,
    cache: &AnswerCache,
    ingest: Option<&ingest::Ingest>,
) -> Answer {
    let operation = request::operation(
        &request.method,
        &request.query_string,
        &request.content_type,
        &request.body,
    );
    let query = match operation {
        Ok(Operation::Query(query)) => query,
        Ok(Operation::Update(update)) => {
            let answer = run_update(&update, store, options);
            // The articles' occurrences may have changed under the kept totals.
            if let Some(ingest) = ingest {
                ingest.store_changed();
            }
            return answer;
        }
        Err(refusal) => return refusal.into(),
    };
    let accept = request.accept.clone();
    // A writable endpoint's answers change with every update: none are kept.
    if options.writable {
        return run_query(query, accept, store.clone(), options);
    }
    if let Some(kept) = cache.get(&query, &accept) {
        return Answer {
            status: 200,
            content_type: kept.content_type,
            body: kept.body,
        };
    }
    let answer = run_query(query.clone(), accept.clone(), store.clone(), options);
    if answer.status == 200 {
        cache.put(
            &query,
            &accept,
            Kept {
                content_type: answer.content_type,
                body: answer.body.clone(),
            },
        );
    }
    answer
}

/// Runs a SPARQL update, where the endpoint was started `--writable`.
fn run_update(update: &str, store: &GraphStore, options: &ServeOptions) -> Answer {
    if !options.writable {
        return Answer::error(
            403,
            "this endpoint is read-only (start it with --writable to accept updates)",
        );
    }
    let prepared = match evaluator(store).parse_update(update) {
        Ok(p) => p,
        Err(e) => return Answer::error(400, format!("malformed SPARQL update: {e}")),
    };
    match prepared.on_store(store.inner()).execute() {
        Ok(()) => Answer {
            status: 204,
            content_type: "text/plain; charset=utf-8",
            body: Vec::new(),
        },
        Err(e) => Answer::error(400, format!("the update failed: {e}")),
    }
}

/// A serializer that writes Turtle with the store's prefixes (`ng:`, `nge:`, …).
fn graph_serializer(format: RdfFormat, store: &GraphStore) -> RdfSerializer {
    let serializer = RdfSerializer::from_format(format);
    if format != RdfFormat::Turtle {
        return serializer;
    }
    store
        .namespaces()
        .prefixes()
        .into_iter()
        .fold(serializer, |s, (prefix, iri)| {
            s.clone().with_prefix(prefix, iri).unwrap_or(s)
        })
}

/// A SPARQL parser that knows the newsgraph prefixes (given to the parser rather than
/// written before the query, so that error positions are those of the client's text).
fn evaluator(store: &GraphStore) -> SparqlEvaluator {
    store
        .namespaces()
        .prefixes()
        .into_iter()
        .fold(SparqlEvaluator::new(), |e, (prefix, iri)| {
            e.clone().with_prefix(prefix, iri).unwrap_or(e)
        })
}

/// Runs a query on its own thread and waits at most the time limit; past it the
/// query is cancelled, so it stops using a core.
fn run_query(
    query: String,
    accept: String,
    store: Arc<GraphStore>,
    options: &ServeOptions,
) -> Answer {
    let cancel = CancellationToken::new();
    let parsed = match evaluator(&store)
        .with_cancellation_token(cancel.clone())
        .parse_query(&query)
    {
        Ok(p) => p,
        Err(e) => return Answer::error(400, format!("malformed SPARQL: {e}")),
    };
    let (tx, rx) = mpsc::channel();
    let max = options.max_results;
    std::thread::spawn(move || {
        let mut prepared = parsed;
        prepared.dataset_mut().set_default_graph_as_union();
        let answer = match prepared.on_store(store.inner()).execute() {
            Ok(results) => serialize(results, &accept, max, &store),
            Err(e) => Answer::error(400, format!("the query failed: {e}")),
        };
        let _ = tx.send(answer);
    });
    rx.recv_timeout(options.timeout).unwrap_or_else(|_| {
        cancel.cancel();
        Answer::error(
            503,
            format!(
                "the query ran over the time limit of {} s and was stopped",
                options.timeout.as_secs_f64()
            ),
        )
    })
}

/// The media types a client may ask for, in the order of preference when it accepts anything.
fn pick<'a>(accept: &str, offered: &[(&'a str, &'a str)]) -> Option<(&'a str, &'a str)> {
    if accept.trim().is_empty() {
        return offered.first().copied();
    }
    for part in accept.split(',') {
        let media = part
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if media == "*/*"
            || media.ends_with("/*") && offered[0].1.starts_with(&media[..media.len() - 1])
        {
            return offered.first().copied();
        }
        if let Some(o) = offered.iter().find(|(_, m)| *m == media) {
            return Some(*o);
        }
    }
    None
}

fn serialize(results: QueryResults<'_>, accept: &str, max: usize, store: &GraphStore) -> Answer {
    const RESULTS: &[(&str, &str)] = &[
        ("json", "application/sparql-results+json"),
        ("xml", "application/sparql-results+xml"),
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
        ("json", "application/json"),
    ];
    const GRAPHS: &[(&str, &str)] = &[
        ("turtle", "text/turtle"),
        ("ntriples", "application/n-triples"),
        ("jsonld", "application/ld+json"),
    ];
    let too_many = || {
        Answer::error(
            413,
            format!("the answer has more than {max} results; add a LIMIT"),
        )
    };
    let fail = |e: String| Answer::error(500, format!("the results could not be written: {e}"));
    match results {
        QueryResults::Boolean(_) | QueryResults::Solutions(_) => {
            let Some((kind, media)) = pick(accept, RESULTS) else {
                return Answer::error(406, "cannot answer in the media type asked for; accept application/sparql-results+json, application/sparql-results+xml, text/csv or text/tab-separated-values");
            };
            let format = match kind {
                "xml" => QueryResultsFormat::Xml,
                "csv" => QueryResultsFormat::Csv,
                "tsv" => QueryResultsFormat::Tsv,
                _ => QueryResultsFormat::Json,
            };
            let serializer = QueryResultsSerializer::from_format(format);
            let content_type = media;
            let body = match results {
                QueryResults::Boolean(b) => serializer
                    .serialize_boolean_to_writer(Vec::new(), b)
                    .map_err(|e| e.to_string()),
                QueryResults::Solutions(solutions) => (|| {
                    let mut w = serializer
                        .serialize_solutions_to_writer(Vec::new(), solutions.variables().to_vec())
                        .map_err(|e| e.to_string())?;
                    for (n, s) in solutions.enumerate() {
                        if n >= max {
                            return Err("too many".to_string());
                        }
                        w.serialize(&s.map_err(|e| e.to_string())?)
                            .map_err(|e| e.to_string())?;
                    }
                    w.finish().map_err(|e| e.to_string())
                })(),
                QueryResults::Graph(_) => unreachable!("matched above"),
            };
            match body {
                Ok(body) => Answer {
                    status: 200,
                    content_type,
                    body,
                },
                Err(e) if e == "too many" => too_many(),
                Err(e) => fail(e),
            }
        }
        QueryResults::Graph(triples) => {
            let Some((kind, media)) = pick(accept, GRAPHS) else {
                return Answer::error(406, "cannot answer in the media type asked for; accept text/turtle, application/n-triples or application/ld+json");
            };
            let format = match kind {
                "ntriples" => RdfFormat::NTriples,
                "jsonld" => RdfFormat::JsonLd {
                    profile: Default::default(),
                },
                _ => RdfFormat::Turtle,
            };
            let mut w = graph_serializer(format, store).for_writer(Vec::new());
            // The default graph is the union of the article graphs: a triple that
            // several articles hold comes once per article, and is written once.
            let mut seen = std::collections::HashSet::new();
            for t in triples {
                let t = match t {
                    Ok(t) => t,
                    Err(e) => return fail(e.to_string()),
                };
                if seen.contains(&t) {
                    continue;
                }
                if seen.len() >= max {
                    return too_many();
                }
                if let Err(e) = w.serialize_triple(&t) {
                    return fail(e.to_string());
                }
                seen.insert(t);
            }
            match w.finish() {
                Ok(body) => Answer {
                    status: 200,
                    content_type: media,
                    body,
                },
                Err(e) => fail(e.to_string()),
            }
        }
    }
}

/// The Graph Store Protocol, read side: one named graph, or the default graph.
fn graph_store(request: &Incoming, store: &Arc<GraphStore>, options: &ServeOptions) -> Answer {
    match request.method {
        Method::GET | Method::HEAD => {}
        Method::PUT | Method::POST | Method::DELETE => {
            return Answer::error(403, "this graph store is read-only");
        }
        ref m => return Answer::error(405, format!("method {m} not allowed; use GET")),
    }
    let params = request::params(&request.query_string);
    let graph = params
        .iter()
        .find(|(k, _)| k == "graph")
        .map(|(_, v)| v.clone());
    let default = params.iter().any(|(k, _)| k == "default");
    let (kind, media) = match pick(
        &request.accept,
        &[
            ("turtle", "text/turtle"),
            ("ntriples", "application/n-triples"),
        ],
    ) {
        Some(k) => k,
        None => return Answer::error(406, "accept text/turtle or application/n-triples"),
    };
    let format = if kind == "ntriples" {
        RdfFormat::NTriples
    } else {
        RdfFormat::Turtle
    };
    let name = match (graph, default) {
        (Some(iri), false) => match NamedNode::new(&iri) {
            Ok(n) => Some(n),
            Err(e) => return Answer::error(400, format!("graph={iri}: not an IRI ({e})")),
        },
        (None, true) => None,
        _ => return Answer::error(400, "pass either graph=IRI or default"),
    };
    let inner = store.inner();
    let graph_name = match &name {
        Some(n) => match inner.contains_named_graph(n) {
            Ok(true) => GraphNameRef::NamedNode(n.as_ref()),
            Ok(false) => return Answer::error(404, format!("no graph named <{}>", n.as_str())),
            Err(e) => return Answer::error(500, e.to_string()),
        },
        None => GraphNameRef::DefaultGraph,
    };
    let mut w = graph_serializer(format, store).for_writer(Vec::new());
    for (n, q) in inner
        .quads_for_pattern(None, None, None, Some(graph_name))
        .enumerate()
    {
        if n >= options.max_results {
            return Answer::error(
                413,
                format!("the graph has more than {} triples", options.max_results),
            );
        }
        match q {
            Ok(q) => {
                if let Err(e) = w.serialize_triple(oxigraph::model::QuadRef::from(&q)) {
                    return Answer::error(500, e.to_string());
                }
            }
            Err(e) => return Answer::error(500, e.to_string()),
        }
    }
    match w.finish() {
        Ok(body) => Answer {
            status: 200,
            content_type: media,
            body,
        },
        Err(e) => Answer::error(500, e.to_string()),
    }
}
