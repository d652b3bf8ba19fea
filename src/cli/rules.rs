//! `newsgraph rules`: how each relation rule fires on unlabeled articles — a
//! table of every rule with its claims, sentences and articles (dead rules
//! with 0), then sample sentences of each rule that fired; or all of it as one
//! JSON object. The counting is [`newsgraph::rule_evidence`]'s; this module
//! turns the arguments into its options and prints its report.

use super::build::Progress;
use comfy_table::{presets, CellAlignment, Table};
use newsgraph::model::Language;
use newsgraph::rule_evidence::{self, Options, Report};
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  newsgraph rules --sample 2                       # both default corpora, 2 sentences a rule
  newsgraph rules seeds --rule en.investsIn        # the English investment rules on the seeds
  newsgraph rules --language de --max-articles 500 --json > de-rules.json")]
pub struct RulesArgs {
    /// Article files or folders (.txt, .md, .html). Default: those of
    /// ../shared/corpora/bbc-news/bbc and ../shared/corpora/10kgnad/articles that exist.
    #[arg(value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// Sample sentences shown for each rule, evenly spread over the articles in
    /// path order (the same every run); 0 prints the table only.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub sample: usize,
    /// Only the rules whose id starts with PREFIX (`en.investsIn`, `de.leads.`).
    #[arg(long, value_name = "PREFIX")]
    pub rule: Option<String>,
    /// Only this language's rules and articles.
    #[arg(long, value_name = "LANG", value_parser = ["en", "de"])]
    pub language: Option<String>,
    /// Read at most N articles, evenly spread over all the files found (sorted by path).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_articles: Option<u64>,
    /// An extra lexicon file (as for `build`); repeatable.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// Print the report as one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: RulesArgs) -> anyhow::Result<()> {
    let inputs = if args.inputs.is_empty() {
        super::bench::default_corpora(
            "no article folders given: pass article folders, newsgraph rules PATH...",
        )?
    } else {
        args.inputs
    };
    let languages = match args.language.as_deref() {
        Some("en") => vec![Language::English],
        Some("de") => vec![Language::German],
        _ => vec![Language::English, Language::German],
    };
    let options = Options {
        inputs,
        languages,
        rule_prefix: args.rule,
        sample: args.sample,
        max_articles: args
            .max_articles
            .map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
    };
    let extractor = super::extractor(&args.lexicon)?;
    let progress = Progress::new(false, false);
    let report = rule_evidence::run(&options, &extractor, &progress)?;
    progress.bar.finish_and_clear();
    if args.json {
        super::emit(&format!("{}\n", serde_json::to_string_pretty(&report)?))
    } else {
        super::emit(&render(&report)?)
    }
}

/// The summary, the table of rules, and each fired rule's sample sentences.
fn render(r: &Report) -> anyhow::Result<String> {
    let mut out = String::new();
    let languages: Vec<String> = r
        .languages
        .iter()
        .map(|(l, n)| format!("{n} {l}"))
        .collect();
    let languages = if languages.is_empty() {
        String::new()
    } else {
        format!(" ({})", languages.join(", "))
    };
    writeln!(
        out,
        "{} read in {:.1} s: {} extracted{languages}, {} skipped (other language), {} unreadable",
        count(r.files, "article"),
        r.seconds,
        r.languages.values().sum::<usize>(),
        r.skipped,
        r.failed
    )?;
    let fired = r.rules.iter().filter(|e| e.claims > 0).count();
    writeln!(
        out,
        "{}: {fired} fired, {} never fired",
        count(r.rules.len(), "rule"),
        r.rules.len() - fired
    )?;
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED);
    t.set_header([
        "language",
        "kind",
        "rule",
        "relation",
        "claims",
        "sentences",
        "articles",
    ]);
    for e in &r.rules {
        t.add_row([
            e.language.clone(),
            e.kind.clone(),
            e.id.clone(),
            e.relation.clone(),
            e.claims.to_string(),
            e.sentences.to_string(),
            e.articles.to_string(),
        ]);
    }
    for column in 4..7 {
        if let Some(c) = t.column_mut(column) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    writeln!(out, "{t}")?;
    for e in r.rules.iter().filter(|e| !e.samples.is_empty()) {
        writeln!(
            out,
            "\n{} ({}, {}): {} in {} of {}",
            e.id,
            e.relation,
            e.kind,
            count(e.claims, "claim"),
            count(e.sentences, "sentence"),
            count(e.articles, "article")
        )?;
        for s in &e.samples {
            writeln!(
                out,
                "  {} [{}] {}",
                s.article,
                s.sentence,
                one_line(&s.text)
            )?;
            for c in &s.claims {
                writeln!(out, "      → {c}")?;
            }
        }
    }
    Ok(out)
}

/// `1 claim`, `2 claims`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A sentence on one line: runs of whitespace (line breaks in headlines and
/// lists) as one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph::rule_evidence::{RuleEvidence, Sample};

    fn evidence(id: &str, claims: usize, samples: Vec<Sample>) -> RuleEvidence {
        RuleEvidence {
            language: "en".into(),
            kind: "regex".into(),
            id: id.into(),
            relation: "investsIn".into(),
            claims,
            sentences: claims,
            articles: claims.min(1),
            samples,
        }
    }

    #[test]
    fn the_table_lists_dead_rules_and_samples_follow_it() {
        let report = Report {
            inputs: vec!["seeds".into()],
            files: 2,
            languages: [("en".to_string(), 2)].into_iter().collect(),
            skipped: 0,
            failed: 0,
            seconds: 0.5,
            rules: vec![
                evidence(
                    "en.investsIn.a",
                    1,
                    vec![Sample {
                        article: "seeds/x.txt".into(),
                        sentence: 3,
                        text: "Globex\ninvested in  Initech.".into(),
                        claims: vec!["Globex investsIn Initech".into()],
                    }],
                ),
                evidence("en.investsIn.b", 0, vec![]),
            ],
            warnings: vec![],
        };
        let text = render(&report).unwrap();
        assert!(text.starts_with(
            "2 articles read in 0.5 s: 2 extracted (2 en), 0 skipped (other language), 0 unreadable\n\
             2 rules: 1 fired, 1 never fired\n"
        ));
        let dead = text
            .lines()
            .find(|l| l.contains("en.investsIn.b"))
            .expect("the dead rule is in the table");
        let cells: Vec<&str> = dead.trim_matches('│').split('┆').map(str::trim).collect();
        assert_eq!(cells[4..], ["0", "0", "0"], "{dead}");
        assert!(text.ends_with(
            "\nen.investsIn.a (investsIn, regex): 1 claim in 1 sentence of 1 article\n  \
             seeds/x.txt [3] Globex invested in Initech.\n      → Globex investsIn Initech\n"
        ));
    }
}
