//! `newsgraph bench-serve`: a load benchmark for `newsgraph serve` — concurrent
//! clients send the canned queries over HTTP, every answer is checked. Prints a
//! table, or JSON with `--json`.

use anyhow::Context;
use comfy_table::{presets, Table};
use newsgraph::bench::serve_load::{self, LoadOptions, LoadReport};
use newsgraph::serve::ServeOptions;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct BenchServeArgs {
    /// The SPARQL URL of a running endpoint to load (default: start `serve` in this
    /// process over --store, on a free loopback port).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Concurrent clients, each with its own keep-alive connection.
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub clients: usize,
    /// Length of the measured window, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub duration: f64,
    /// Load before the measured window, in seconds, not measured.
    #[arg(long, value_name = "SECONDS", default_value_t = 2.0)]
    pub warmup: f64,
    /// Folder of .rq files sent round robin (default: queries/, else the repository's queries/).
    #[arg(long, value_name = "DIR")]
    pub queries: Option<PathBuf>,
    /// Worker threads of the in-process server (as `serve --threads`).
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub threads: usize,
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub store: super::StoreArg,
}

pub fn run(args: BenchServeArgs) -> anyhow::Result<()> {
    let seconds = |s: f64, flag: &str| {
        if s.is_finite() && s >= 0.0 {
            Ok(Duration::from_secs_f64(s))
        } else {
            Err(anyhow::anyhow!(
                "--{flag} takes a number of seconds, not {s}"
            ))
        }
    };
    let options = LoadOptions {
        clients: args.clients.max(1),
        duration: seconds(args.duration, "duration")?.max(Duration::from_millis(100)),
        warmup: seconds(args.warmup, "warmup")?,
        request_timeout: Duration::from_secs(60),
    };
    let dir = queries_dir(args.queries.clone());
    let queries = serve_load::read_queries(&dir)?;
    let (endpoint, expected) = match &args.url {
        Some(url) => (url.clone(), None),
        None => {
            let store = super::open_store(&args.store)?;
            let expected = queries
                .iter()
                .map(|q| serve_load::count_rows(&store, q))
                .collect::<Result<Vec<_>, _>>()?;
            let server = ServeOptions {
                threads: args.threads.max(1),
                timeout: Duration::from_secs(30),
                max_results: 100_000,
                max_body: 1 << 20,
                read_timeout: Duration::from_secs(10),
                writable: false,
            };
            let url = serve_load::start_server(store, server)
                .with_context(|| format!("serving {}", args.store.store.display()))?;
            (url, Some(expected))
        }
    };
    if !args.json {
        eprintln!(
            "loading {endpoint} with {} clients: {} queries from {}, {:.0} s warm-up, {:.0} s measured ...",
            options.clients,
            queries.len(),
            dir.display(),
            options.warmup.as_secs_f64(),
            options.duration.as_secs_f64()
        );
    }
    let report = serve_load::run(&endpoint, &queries, expected, &options)?;
    if args.json {
        super::emit(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
    } else {
        super::emit(&render(&report, args.url.is_none()))?;
    }
    if !report.clean() {
        anyhow::bail!(
            "the server did not answer every request correctly: {} errors{}",
            report.errors,
            if report.still_serving {
                ""
            } else {
                ", and it no longer answers every query"
            }
        );
    }
    Ok(())
}

fn render(r: &LoadReport, in_process: bool) -> String {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED);
    t.set_header([
        "query", "rows", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors",
    ]);
    let ms = |x: f64| format!("{x:.1}");
    let mut row = |name: &str,
                   rows: String,
                   requests: usize,
                   rate: f64,
                   latency: Option<serve_load::Latency>,
                   errors: usize| {
        let l = |f: fn(&serve_load::Latency) -> f64| latency.as_ref().map(f).map(ms);
        t.add_row([
            name.to_string(),
            rows,
            requests.to_string(),
            format!("{rate:.1}"),
            l(|l| l.p50_ms).unwrap_or_default(),
            l(|l| l.p90_ms).unwrap_or_default(),
            l(|l| l.p99_ms).unwrap_or_default(),
            l(|l| l.max_ms).unwrap_or_default(),
            errors.to_string(),
        ]);
    };
    for q in &r.queries {
        let rows = q.rows.map(|n| n.to_string()).unwrap_or_default();
        row(
            &q.name,
            rows,
            q.requests,
            q.requests_per_second,
            q.latency,
            q.errors,
        );
    }
    row(
        "all",
        String::new(),
        r.requests,
        r.requests_per_second,
        r.latency,
        r.errors,
    );
    let mut out = format!(
        "{} ({}), {} clients, {:.1} s measured after {:.1} s warm-up, {} cores{}; rows checked against the {}\n{t}\n",
        r.endpoint,
        if in_process { "served in this process" } else { "running endpoint" },
        r.clients,
        r.seconds,
        r.warmup_seconds,
        r.cores,
        r.load_average
            .map(|l| format!(", load average {l:.2} at the start"))
            .unwrap_or_default(),
        r.rows_checked_against,
    );
    if r.clean() {
        out.push_str(&format!(
            "the server stayed up and answered all {} requests correctly (200, expected rows): 0 errors\n",
            r.requests
        ));
    } else {
        out.push_str(&format!(
            "{} errors; the server {}\n",
            r.errors,
            if r.still_serving {
                "still answers every query"
            } else {
                "no longer answers every query"
            }
        ));
        for e in &r.error_messages {
            out.push_str(&format!("  {} x {}\n", e.count, e.message));
        }
    }
    out
}

/// The canned queries' folder: the one given, else `queries/` here, else the
/// repository's.
pub(super) fn queries_dir(given: Option<PathBuf>) -> PathBuf {
    given.unwrap_or_else(|| {
        let here = PathBuf::from("queries");
        if here.is_dir() {
            here
        } else {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("queries")
        }
    })
}
