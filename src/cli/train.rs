//! `newsgraph train`: rebuilds the models of the token layer (tagger,
//! lemmatizer, name tagger) from the public corpora, as `data/nlp/train.toml`
//! says, and writes them to `data/models/`. Deterministic: the same corpora
//! give the same files.

use anyhow::Context;
use newsgraph::model::Language;
use newsgraph::nlp::train::{train_language, TrainOptions, TrainReport};
use newsgraph::nlp::LanguageModels;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    /// The folder that holds the corpora (ud/, uner/, germeval2014/).
    #[arg(long, value_name = "DIR", default_value = "../shared/corpora")]
    pub corpora: PathBuf,
    /// Where the model files (en.model, de.model) are written.
    #[arg(long, value_name = "DIR", default_value = "data/models")]
    pub out: PathBuf,
    /// Train one language only (en or de).
    #[arg(long, value_name = "LANG", value_parser = ["en", "de"])]
    pub language: Option<String>,
    /// For development: hold back every N-th treebank training sentence, score
    /// the tagger and lemmatizer on it, and write nothing.
    #[arg(long, value_name = "N")]
    pub holdout: Option<usize>,
    /// For development: cross-validate the name tagger on the split
    /// named-entity files (GermEval dev: each fifth of the sentences held back
    /// in turn), print the figures of every fold and their sum, write nothing.
    #[arg(long)]
    pub cross_validate: bool,
    /// Score on the dev files but write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: TrainArgs) -> anyhow::Result<()> {
    let extractor = newsgraph::extract::Extractor::builtin();
    let gazetteer = extractor.gazetteer();
    let options = TrainOptions {
        corpora: args.corpora.clone(),
        holdout: args.holdout,
        fold: 0,
    };
    if args.cross_validate {
        return cross_validate(&args, &options, &gazetteer);
    }
    let languages: Vec<Language> = match args.language.as_deref() {
        Some("en") => vec![Language::English],
        Some("de") => vec![Language::German],
        _ => vec![Language::English, Language::German],
    };
    let progress = |m: &str| eprintln!("train: {m}");
    let results: Vec<anyhow::Result<(LanguageModels, TrainReport)>> = {
        use rayon::prelude::*;
        languages
            .par_iter()
            .map(|&l| {
                train_language(l, &options, &gazetteer, &progress).map_err(anyhow::Error::from)
            })
            .collect()
    };
    let mut out = String::new();
    for r in results {
        let (models, report) = r?;
        write_report(&mut out, &report)?;
        if args.holdout.is_none() && !args.dry_run {
            let path = args.out.join(format!(
                "{}.model",
                newsgraph::nlp::language_code(models.language)
            ));
            let bytes = models.to_bytes();
            write_atomic(&path, &bytes)?;
            writeln!(
                out,
                "  wrote {} ({:.1} MB)",
                path.display(),
                bytes.len() as f64 / 1e6
            )?;
        }
    }
    super::emit(&out)
}

/// Trains the German models once per fold of the split named-entity files
/// and sums the name tagger's counts over the folds.
fn cross_validate(
    args: &TrainArgs,
    options: &TrainOptions,
    gazetteer: &dyn newsgraph::nlp::Gazetteer,
) -> anyhow::Result<()> {
    use rayon::prelude::*;
    let language = match args.language.as_deref() {
        Some("en") => Language::English,
        _ => Language::German,
    };
    let every = newsgraph::nlp::train::held_back_every().unwrap_or(5);
    let quiet = |_: &str| {};
    let scores: Vec<anyhow::Result<newsgraph::nlp::score::NerScore>> = (0..every)
        .into_par_iter()
        .map(|fold| {
            let o = TrainOptions {
                fold,
                ..options.clone()
            };
            let (_, report) = train_language(language, &o, gazetteer, &quiet)?;
            report
                .ner_dev
                .context("no split named-entity file to cross-validate on")
        })
        .collect();
    let mut total = newsgraph::nlp::score::NerScore::default();
    let mut out = String::new();
    for (fold, s) in scores.into_iter().enumerate() {
        let s = s?;
        writeln!(
            out,
            "fold {fold}: {} sentences, P {:.3} R {:.3} F1 {:.3}",
            s.sentences,
            s.precision(),
            s.recall(),
            s.f1()
        )?;
        newsgraph::nlp::score::add(&mut total, &s);
    }
    writeln!(
        out,
        "all folds: {} sentences, P {:.3} R {:.3} F1 {:.3}",
        total.sentences,
        total.precision(),
        total.recall(),
        total.f1()
    )?;
    for (ty, &(tp, fp, fn_)) in &total.per_type {
        writeln!(
            out,
            "    {ty:<10} F1 {:.3}  (tp {tp}, fp {fp}, fn {fn_})",
            newsgraph::nlp::score::f1(tp, fp, fn_)
        )?;
    }
    super::emit(&out)
}

fn write_report(out: &mut String, r: &TrainReport) -> anyhow::Result<()> {
    writeln!(
        out,
        "{}: {} treebank sentences ({} words), {} named-entity sentences ({}), {} tagger and {} name tagger features, {:.1} s",
        r.language,
        r.treebank_sentences,
        r.treebank_words,
        r.ner_sentences,
        r.ner_types.join(" "),
        r.tagger_features,
        r.ner_features,
        r.seconds
    )?;
    if let Some(d) = &r.dev {
        writeln!(
            out,
            "  dev treebank: {} sentences, {} words: UPOS {:.2} %, lemma {:.2} %",
            d.sentences,
            d.words,
            100.0 * d.upos_accuracy(),
            100.0 * d.lemma_accuracy()
        )?;
    }
    if let Some(n) = &r.ner_dev {
        writeln!(
            out,
            "  dev names: {} sentences: P {:.3} R {:.3} F1 {:.3}",
            n.sentences,
            n.precision(),
            n.recall(),
            n.f1()
        )?;
        for (ty, &(tp, fp, fn_)) in &n.per_type {
            writeln!(
                out,
                "    {ty:<10} F1 {:.3}  (tp {tp}, fp {fp}, fn {fn_})",
                newsgraph::nlp::score::f1(tp, fp, fn_)
            )?;
        }
    }
    Ok(())
}

/// Writes through a temporary file in the same folder, so a reader never sees half a model.
fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let tmp = path.with_extension("model.tmp");
    std::fs::write(&tmp, bytes).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}
