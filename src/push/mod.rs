//! `newsgraph push`: load the graph into another triple store over the SPARQL
//! 1.1 Graph Store Protocol (Oxigraph server, Apache Jena Fuseki, GraphDB,
//! Virtuoso, Amazon Neptune): one HTTP PUT per named graph — every article and
//! the entity graph — which replaces what the store held under that name.
//!
//! ```text
//! store ─► named graphs ─► N-Triples ─► PUT {endpoint}?graph={iri} (retries with backoff)
//!       ─► summary (graphs, triples, bytes, failures, seconds)
//! ```

use crate::store::{GraphStore, StoreError};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedOrBlankNode};
use serde::Serialize;
use std::time::{Duration, Instant};

/// What to send and how hard to try.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// The Graph Store endpoint, e.g. `http://localhost:7878/store`.
    pub endpoint: String,
    /// Attempts per graph before giving up on it.
    pub attempts: u32,
    /// Show what would be sent; send nothing.
    pub dry_run: bool,
}

/// One graph sent (or, in a dry run, to be sent).
#[derive(Debug, Clone, Serialize)]
pub struct PushedGraph {
    pub graph: String,
    pub url: String,
    pub triples: usize,
    pub bytes: usize,
    /// `None` when sent; the last error otherwise.
    pub error: Option<String>,
}

/// What a push did.
#[derive(Debug, Clone, Serialize)]
pub struct PushReport {
    pub endpoint: String,
    pub dry_run: bool,
    pub graphs: Vec<PushedGraph>,
    pub triples: usize,
    pub failed: usize,
    pub seconds: f64,
}

/// Sends every named graph of the store.
pub fn push(store: &GraphStore, options: &PushOptions) -> Result<PushReport, StoreError> {
    let started = Instant::now();
    let inner = store.inner();
    let mut names: Vec<String> = inner
        .named_graphs()
        .filter_map(|g| match g {
            Ok(NamedOrBlankNode::NamedNode(n)) => Some(Ok(n.into_string())),
            Ok(_) => None,
            Err(e) => Some(Err(StoreError::QueryEvaluation(e.to_string()))),
        })
        .collect::<Result<_, _>>()?;
    names.sort();
    let separator = if options.endpoint.contains('?') {
        '&'
    } else {
        '?'
    };
    let mut graphs = Vec::new();
    for name in names {
        let node = oxigraph::model::NamedNode::new_unchecked(name.clone());
        let mut w = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
        let mut triples = 0;
        for q in inner.quads_for_pattern(
            None,
            None,
            None,
            Some(GraphNameRef::NamedNode(node.as_ref())),
        ) {
            let q = q.map_err(|e| StoreError::QueryEvaluation(e.to_string()))?;
            w.serialize_triple(oxigraph::model::QuadRef::from(&q))
                .map_err(|e| StoreError::QueryEvaluation(e.to_string()))?;
            triples += 1;
        }
        let body = w
            .finish()
            .map_err(|e| StoreError::QueryEvaluation(e.to_string()))?;
        let encoded: String = form_urlencoded::byte_serialize(name.as_bytes()).collect();
        let url = format!("{}{separator}graph={encoded}", options.endpoint);
        let error = if options.dry_run {
            None
        } else {
            put_with_retries(&url, &body, options.attempts).err()
        };
        graphs.push(PushedGraph {
            graph: name,
            url,
            triples,
            bytes: body.len(),
            error,
        });
    }
    Ok(PushReport {
        endpoint: options.endpoint.clone(),
        dry_run: options.dry_run,
        triples: graphs.iter().map(|g| g.triples).sum(),
        failed: graphs.iter().filter(|g| g.error.is_some()).count(),
        graphs,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// PUTs a graph, retrying connection errors and server errors (5xx) with a
/// doubling pause; a client error (4xx) is not retried.
fn put_with_retries(url: &str, body: &[u8], attempts: u32) -> Result<(), String> {
    let mut pause = Duration::from_millis(200);
    let mut last = String::new();
    for attempt in 1..=attempts.max(1) {
        match ureq::put(url)
            .set("Content-Type", "application/n-triples")
            .timeout(Duration::from_secs(120))
            .send_bytes(body)
        {
            Ok(_) => return Ok(()),
            Err(ureq::Error::Status(code, response)) => {
                let text = response.into_string().unwrap_or_default();
                last = format!("HTTP {code}: {}", text.trim());
                if code < 500 {
                    return Err(last);
                }
            }
            Err(e) => last = e.to_string(),
        }
        if attempt < attempts {
            std::thread::sleep(pause);
            pause *= 2;
        }
    }
    Err(last)
}
