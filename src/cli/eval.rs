//! `newsgraph eval`: score extraction against a gold file, or the token
//! layer (tags, lemmas, names) against a treebank or a named-entity file.

use anyhow::Context;
use newsgraph::eval::{self, AliasTable, DocInfo, Prediction};
use newsgraph::ingest;
use newsgraph::model::Language;
use rayon::prelude::*;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Gold triples: newsgraph's TSV (doc, subject, predicate, object, status), or a
    /// public gold set: KnowledgeNet folds (a fold*.jsonl or their folder), SmartData
    /// (.jsonl.gz), WissenschaftsSTANDARD (.json), DFKI product pairs
    /// (*.pairs.jsonl.gz); or a token-layer set: a CoNLL-U treebank (.conllu[.gz]),
    /// Universal NER IOB2 (.iob2[.gz]) or GermEval 2014 NER (.tsv). Recognised by
    /// content and name.
    #[arg(value_name = "GOLD")]
    pub gold: PathBuf,
    /// With a set of labelled entity pairs (WissenschaftsSTANDARD, DFKI product
    /// pairs): give the extractor the set's entities and score relation
    /// classification, as such sets are usually scored.
    #[arg(long)]
    pub given_entities: bool,
    /// With KnowledgeNet: write a stand-in subject (a person and an organization)
    /// into the gap before each document's first passage, where the rebuilt folds
    /// lost the title that pronouns such as "He" or "It" refer to.
    #[arg(long)]
    pub stand_in_subject: bool,
    /// Read GOLD as this public gold set instead of recognising it.
    #[arg(long, value_enum, value_name = "SET")]
    pub set: Option<eval::sets::SetKind>,
    /// With a treebank or a named-entity file: score this language's models
    /// instead of the language read from the file's first sentences (GermEval: German).
    #[arg(long, value_enum, value_name = "LANG")]
    pub language: Option<LanguageArg>,
    /// Extract the articles in this folder (or file) and score them; without it, score what the store holds.
    #[arg(long, value_name = "DIR")]
    pub docs: Option<PathBuf>,
    /// Entity alias table (canonical, type, aliases); default: entities.tsv beside the gold file, if present.
    #[arg(long, value_name = "FILE")]
    pub entities: Option<PathBuf>,
    /// An extra lexicon file for extraction (with --docs or a public gold set); repeatable.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// Only the summary, without every miss and false positive.
    #[arg(long)]
    pub summary: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub store: super::StoreArg,
}

/// The languages the token layer has models for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LanguageArg {
    En,
    De,
}

impl From<LanguageArg> for Language {
    fn from(l: LanguageArg) -> Language {
        match l {
            LanguageArg::En => Language::English,
            LanguageArg::De => Language::German,
        }
    }
}

pub fn run(args: EvalArgs) -> anyhow::Result<()> {
    let set = match args.set {
        Some(kind) => Some(kind),
        None => eval::sets::SetKind::detect(&args.gold)?,
    };
    if let Some(kind) = set {
        if kind.is_token_layer() {
            return run_tokens(kind, &args);
        }
        return run_set(kind, &args);
    }
    if args.language.is_some() {
        anyhow::bail!("--language is for treebanks and named-entity files");
    }
    let gold = eval::read_gold(&args.gold)?;
    let aliases_path = args.entities.clone().or_else(|| {
        let p = args.gold.with_file_name("entities.tsv");
        p.exists().then_some(p)
    });
    let aliases = match &aliases_path {
        Some(p) => eval::read_aliases(p)?,
        None => AliasTable::empty(),
    };
    let (predictions, docs) = match &args.docs {
        Some(dir) => from_documents(dir, &args.lexicon, &gold)?,
        None => from_store(&args.store)?,
    };
    let report = eval::score(&gold, &predictions, &aliases, &docs);
    if args.json {
        super::emit(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
    } else {
        super::emit(&report.render_text(!args.summary))?;
    }
    Ok(())
}

/// Scores extraction on a public gold set.
fn run_set(kind: eval::sets::SetKind, args: &EvalArgs) -> anyhow::Result<()> {
    if args.docs.is_some() {
        anyhow::bail!(
            "--docs is for newsgraph's own gold TSV; {} carries its own texts",
            kind.name()
        );
    }
    if args.language.is_some() {
        anyhow::bail!(
            "--language is for treebanks and named-entity files; {} gives each text's language",
            kind.name()
        );
    }
    let extractor = super::extractor(&args.lexicon)?;
    let started = std::time::Instant::now();
    let options = eval::sets::SetOptions {
        given_entities: args.given_entities,
        stand_in_subject: args.stand_in_subject,
    };
    let report = eval::sets::evaluate(kind, &args.gold, &extractor, options)?;
    if args.json {
        super::emit(&format!(
            "{}\n",
            serde_json::to_string_pretty(&report.to_json())?
        ))?;
    } else {
        super::emit(&report.render_text(!args.summary))?;
        eprintln!(
            "{} cases in {:.1} s",
            report.cases,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Scores the token layer on a treebank or a named-entity file, given its words.
fn run_tokens(kind: eval::sets::SetKind, args: &EvalArgs) -> anyhow::Result<()> {
    let unused = [
        (args.docs.is_some(), "--docs"),
        (args.given_entities, "--given-entities"),
        (args.stand_in_subject, "--stand-in-subject"),
        (args.entities.is_some(), "--entities"),
    ];
    if let Some((_, flag)) = unused.iter().find(|(given, _)| *given) {
        anyhow::bail!(
            "{flag} is for relation gold sets; {} is scored on its own words",
            kind.name()
        );
    }
    // The lexicon marks names for the name tagger, as in `build` and `train`.
    let extractor = super::extractor(&args.lexicon)?;
    let started = std::time::Instant::now();
    let report = eval::sets::evaluate_tokens(
        kind,
        &args.gold,
        &extractor.gazetteer(),
        args.language.map(Language::from),
    )?;
    if args.json {
        super::emit(&format!(
            "{}\n",
            serde_json::to_string_pretty(&report.to_json())?
        ))?;
    } else {
        super::emit(&report.render_text(!args.summary))?;
        eprintln!(
            "{} sentences in {:.1} s",
            report.sentences(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// A document's key in a gold file: its path under the folder given with
/// `--docs`, without the extension (`bbc/business/024`), when the gold names
/// documents by path; else its file stem.
fn doc_key(dir: &std::path::Path, path: &std::path::Path, by_path: bool) -> Option<String> {
    if !by_path {
        return None;
    }
    let rel = path.strip_prefix(dir).ok()?.with_extension("");
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

fn from_documents(
    dir: &PathBuf,
    lexicons: &[PathBuf],
    gold: &[eval::GoldTriple],
) -> anyhow::Result<(Vec<Prediction>, Vec<DocInfo>)> {
    let extractor = super::extractor(lexicons)?;
    let mut discovery = ingest::discover(std::slice::from_ref(dir));
    // A gold file that names its documents by path under the folder (as
    // ../shared/gold/news-dev.tsv does) is scored on those documents only.
    let by_path = gold.iter().any(|g| g.doc.contains('/'));
    if by_path {
        let wanted: std::collections::HashSet<&str> = gold.iter().map(|g| g.doc.as_str()).collect();
        discovery
            .files
            .retain(|f| doc_key(dir, f, true).is_some_and(|k| wanted.contains(k.as_str())));
        discovery.problems.clear();
    }
    for p in &discovery.problems {
        eprintln!("warning: {p}");
    }
    if discovery.files.is_empty() {
        anyhow::bail!("no articles in {}", dir.display());
    }
    let results: Vec<_> = discovery
        .files
        .par_iter()
        .map(|path| -> anyhow::Result<_> {
            let mut doc = ingest::load(path)?;
            if let Some(key) = doc_key(dir, path, by_path) {
                doc.stem = key;
            }
            let ex = extractor.extract(&doc);
            Ok(eval::from_extraction(&doc, &ex))
        })
        .collect();
    let mut predictions = Vec::new();
    let mut docs = Vec::new();
    for r in results {
        match r {
            Ok((p, d)) => {
                predictions.extend(p);
                docs.push(d);
            }
            Err(e) => eprintln!("warning: {e:#}"),
        }
    }
    Ok((predictions, docs))
}

fn from_store(arg: &super::StoreArg) -> anyhow::Result<(Vec<Prediction>, Vec<DocInfo>)> {
    let store = super::open_store(arg)
        .context("reading predictions from the store (or pass --docs DIR)")?;
    let rows = store.select(
        "SELECT ?path ?sl ?p ?ol ?evidence ?rule WHERE { \
           ?c a ng:Claim ; ng:subject ?s ; ng:predicate ?p ; ng:object ?o ; ng:polarity true ; \
              ng:evidence ?evidence ; ng:rule ?rule ; prov:wasDerivedFrom ?d . \
           ?d ng:sourcePath ?path . \
           GRAPH ngd:entities { ?s rdfs:label ?sl . ?o rdfs:label ?ol } } ORDER BY ?path ?sl ?p ?ol",
    )?;
    let stem = |path: &str| {
        std::path::Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut predictions: Vec<Prediction> = Vec::new();
    for r in rows {
        let Some(predicate) = r[2]
            .rsplit('#')
            .next()
            .and_then(newsgraph::model::Relation::parse)
        else {
            continue;
        };
        let doc = stem(&r[0]);
        match predictions.iter_mut().find(|p| {
            p.doc == doc && p.subject == r[1] && p.predicate == predicate && p.object == r[3]
        }) {
            Some(p) => {
                if !p.evidence.contains(&r[4]) {
                    p.evidence.push(r[4].clone());
                }
                if !p.rules.contains(&r[5]) {
                    p.rules.push(r[5].clone());
                }
            }
            None => predictions.push(Prediction {
                doc,
                subject: r[1].clone(),
                predicate,
                object: r[3].clone(),
                evidence: vec![r[4].clone()],
                rules: vec![r[5].clone()],
            }),
        }
    }
    let texts = store.select(
        "SELECT ?path ?text ?lang WHERE { ?d a schema:NewsArticle ; ng:sourcePath ?path ; ng:text ?text ; schema:inLanguage ?lang }",
    )?;
    let docs = texts
        .into_iter()
        .map(|r| {
            let doc = ingest::parse(
                PathBuf::from(&r[0]),
                &r[1],
                ingest::Format::Text,
                String::new(),
            );
            // The stored language, not one detected again from the bare text.
            DocInfo {
                language: newsgraph::model::Language::from_code(&r[2]),
                ..eval::doc_info(&doc)
            }
        })
        .collect();
    Ok((predictions, docs))
}
