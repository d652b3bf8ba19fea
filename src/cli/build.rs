//! `newsgraph build`: progress on the terminal, a summary at the end.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsgraph::build::{self, BuildOptions, BuildReport, Observer};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Article files or folders (.txt, .md, .html).
    #[arg(value_name = "INPUT", default_value = "seeds")]
    pub inputs: Vec<PathBuf>,
    /// Folder of the Oxigraph store (created if missing).
    #[arg(long, value_name = "DIR", default_value = "output/store")]
    pub store: PathBuf,
    /// Folder for graph.ttl, graph.trig, graph.dot and graph.svg.
    #[arg(long, value_name = "DIR", default_value = "output")]
    pub out: PathBuf,
    /// Do not write the export files.
    #[arg(long)]
    pub no_exports: bool,
    /// Remove articles from the store whose files are not among the inputs.
    #[arg(long)]
    pub prune: bool,
    /// Extract every article again, even those unchanged since the last build.
    #[arg(long)]
    pub force: bool,
    /// An extra lexicon file (TSV: label, type, kind, aliases, parent, wikidata, source); repeatable.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// Base IRI of entities, documents and claims (default https://w3id.org/newsgraph/;
    /// an existing store keeps the base it was built with).
    #[arg(long, value_name = "IRI")]
    pub base: Option<String>,
    /// Skip article files larger than this, with a warning (bytes, or with a unit: 500kB, 10MB).
    #[arg(long, value_name = "SIZE", default_value = "4MB", value_parser = parse_size)]
    pub max_article_bytes: u64,
    /// Worker threads for extraction (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Print nothing but errors.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Print the summary as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// The progress bar on stderr and the warnings of a run over many articles
/// (`build`, `rules`).
pub(super) struct Progress {
    pub(super) bar: ProgressBar,
    claims: AtomicUsize,
    quiet: bool,
    warnings: Mutex<Vec<String>>,
}

impl Observer for Progress {
    fn started(&self, files: usize) {
        self.bar.set_length(files as u64);
    }

    fn file_done(&self, claims: usize) {
        let total = self.claims.fetch_add(claims, Ordering::Relaxed) + claims;
        self.bar.set_message(format!("{total} claims"));
        self.bar.inc(1);
    }

    fn warning(&self, message: &str) {
        if !self.quiet {
            self.bar.suspend(|| eprintln!("warning: {message}"));
        }
        self.warnings
            .lock()
            .expect("warnings lock")
            .push(message.to_string());
    }

    fn step(&self, message: &str) {
        self.bar.set_message(message.to_string());
    }

    fn slow_file(&self, path: &std::path::Path, bytes: u64, elapsed: std::time::Duration) {
        if !self.quiet {
            self.bar.suspend(|| {
                eprintln!(
                    "still working on {} ({}) after {} s",
                    path.display(),
                    newsgraph::ingest::size_text(bytes),
                    elapsed.as_secs()
                )
            });
        }
    }
}

/// A size in bytes: a number, optionally with a decimal unit (kB, MB, GB; K, M, G).
pub(super) fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().map_err(|_| {
        format!("`{text}` is not a size: write bytes, or a number and kB, MB or GB")
    })?;
    let scale = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        other => {
            return Err(format!(
                "unknown unit `{other}` in `{text}`: use kB, MB or GB"
            ))
        }
    };
    Ok((number * scale).round() as u64)
}

impl Progress {
    /// A bar on stderr, drawn only when stderr is a terminal and `hidden` is
    /// false; `quiet` also keeps the warnings off the terminal.
    pub(super) fn new(hidden: bool, quiet: bool) -> Progress {
        let draw = if hidden || !std::io::stderr().is_terminal() {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let bar = ProgressBar::with_draw_target(Some(0), draw);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} articles ({per_sec}) {msg}",
            )
            .expect("valid progress template"),
        );
        Progress {
            bar,
            claims: AtomicUsize::new(0),
            quiet,
            warnings: Mutex::new(Vec::new()),
        }
    }
}

pub fn run(args: BuildArgs) -> anyhow::Result<()> {
    if let Some(jobs) = args.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global()
            .ok();
    }
    let extractor = super::extractor(&args.lexicon)?;
    let progress = Progress::new(args.quiet || args.json, args.quiet);
    let opts = BuildOptions {
        inputs: args.inputs,
        store: args.store,
        out: (!args.no_exports).then_some(args.out),
        prune: args.prune,
        force: args.force,
        base: args.base,
        max_article_bytes: args.max_article_bytes,
    };
    let report = build::run(&opts, &extractor, &progress)?;
    progress.bar.finish_and_clear();
    if args.json {
        super::emit(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
    } else if !args.quiet {
        eprint!("{}", summary(&report));
    }
    Ok(())
}

fn summary(r: &BuildReport) -> String {
    let mut s = String::new();
    let langs: Vec<String> = r
        .languages
        .iter()
        .map(|(l, n)| format!("{n} {l}"))
        .collect();
    s.push_str(&format!(
        "{} files: {} extracted{}, {} unchanged, {} failed{}\n",
        r.files,
        r.extracted,
        if langs.is_empty() {
            String::new()
        } else {
            format!(" ({})", langs.join(", "))
        },
        r.unchanged,
        r.failed,
        if r.removed > 0 {
            format!(", {} removed", r.removed)
        } else {
            String::new()
        }
    ));
    match (r.facts, r.claims, r.quads) {
        (Some(facts), Some(claims), Some(quads)) => s.push_str(&format!(
            "graph: {} articles, {} entities, {facts} facts, {claims} claims, {quads} quads\n",
            r.articles, r.entities
        )),
        _ => s.push_str(&format!(
            "graph: {} articles, {} entities (facts, claims and quads are counted by a build with exports, or by `newsgraph stats`)\n",
            r.articles, r.entities
        )),
    }
    if r.seconds > 0.0 && r.extracted > 0 {
        s.push_str(&format!(
            "time: {:.2} s ({:.0} articles/s, {:.1} MB/s)\n",
            r.seconds,
            r.extracted as f64 / r.seconds,
            r.bytes as f64 / 1e6 / r.seconds
        ));
    } else {
        s.push_str(&format!("time: {:.2} s\n", r.seconds));
    }
    for e in &r.exports {
        s.push_str(&format!("wrote {e}\n"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_are_bytes_or_decimal_units() {
        assert_eq!(parse_size("4MB"), Ok(4_000_000));
        assert_eq!(parse_size("512 kB"), Ok(512_000));
        assert_eq!(parse_size("1.5G"), Ok(1_500_000_000));
        assert_eq!(parse_size("2500"), Ok(2500));
        assert_eq!(
            parse_size("3 MiB"),
            Err("unknown unit `mib` in `3 MiB`: use kB, MB or GB".to_string())
        );
        assert!(parse_size("MB").is_err());
    }

    #[test]
    fn the_size_limit_defaults_to_the_library_s() {
        use clap::Parser;
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            build: super::BuildArgs,
        }
        let cli = Cli::parse_from(["newsgraph"]);
        assert_eq!(
            cli.build.max_article_bytes,
            newsgraph::ingest::DEFAULT_MAX_ARTICLE_BYTES
        );
    }
}
