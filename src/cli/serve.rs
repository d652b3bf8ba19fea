//! `newsgraph serve`: the graph over HTTP, as a SPARQL 1.1 Protocol endpoint
//! (`/sparql`), a read-only Graph Store (`/store`) and a browser explorer (`/`).

use anyhow::Context;
use newsgraph::serve::ingest::Ingest;
use newsgraph::serve::{self, ServeOptions};
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:7878")]
    pub bind: String,
    /// Longest a query may run, in seconds (503 after that).
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,
    /// Most results (solutions or triples) one answer may hold (413 beyond).
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    pub max_results: usize,
    /// Largest request body in bytes (413 beyond).
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 20)]
    pub max_body: usize,
    /// Longest wait, in seconds, for a request body to arrive (408 after that), so that a
    /// client announcing a body it trickles or never sends cannot hold a worker.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub read_timeout: u64,
    /// Worker threads serving requests at the same time.
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub threads: usize,
    /// Accept SPARQL updates and new articles (`POST /articles?id=ID` with the article as
    /// the body; refused with 403 otherwise); the store is then opened for writing, so no
    /// build can run on it meanwhile.
    #[arg(long)]
    pub writable: bool,
    /// An extra lexicon file for the articles a writable server is sent (as for `build`);
    /// repeatable.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<std::path::PathBuf>,
    #[command(flatten)]
    pub store: super::StoreArg,
}

pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    let (store, ingest) = if args.writable {
        let ns =
            newsgraph::store::GraphStore::stored_namespaces(&args.store.store)?.unwrap_or_default();
        let store = newsgraph::store::GraphStore::open(&args.store.store, ns)?;
        // Articles sent to POST /articles pass through a folder of this process's own.
        let staging = std::env::temp_dir().join(format!("newsgraph-serve-{}", std::process::id()));
        let ingest = Ingest::new(super::extractor(&args.lexicon)?, staging.clone())
            .with_context(|| format!("cannot create {}", staging.display()))?;
        (store, Some(ingest))
    } else {
        (super::open_store(&args.store)?, None)
    };
    eprintln!(
        "newsgraph serves {} at http://{bind}/ (the explorer), http://{bind}/sparql and http://{bind}/store{}",
        args.store.store.display(),
        if ingest.is_some() {
            format!("; new articles: POST http://{}/articles?id=ID", args.bind)
        } else {
            String::new()
        },
        bind = args.bind,
    );
    serve::serve(
        store,
        &args.bind,
        ServeOptions {
            threads: args.threads,
            timeout: Duration::from_secs(args.timeout.max(1)),
            max_results: args.max_results,
            max_body: args.max_body,
            read_timeout: Duration::from_secs(args.read_timeout.max(1)),
            writable: args.writable,
        },
        ingest,
    )?;
    Ok(())
}
