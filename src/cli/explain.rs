//! `newsgraph explain`: how one article was read — every sentence with its kind,
//! the masked form the relation rules match, and the claims each sentence gave.
//! For people who write rules or wonder why a fact is (not) in the graph.

use anyhow::Context;
use newsgraph::extract::ClaimObject;
use newsgraph::ingest;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The article (.txt, .md or .html).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Show only sentences that gave claims.
    #[arg(long)]
    pub claims_only: bool,
    /// Also show the token layer's reading of every sentence: words with
    /// their UPOS and lemma, noun-phrase chunks in brackets, and the names the
    /// tagger found.
    #[arg(long)]
    pub tokens: bool,
    /// An extra lexicon file; repeatable.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
}

pub fn run(args: ExplainArgs) -> anyhow::Result<()> {
    let extractor = super::extractor(&args.lexicon)?;
    let doc =
        ingest::load(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let (ex, masked) = extractor.explain(&doc);
    let analysis = if args.tokens && doc.language != newsgraph::model::Language::Other {
        let nlp = newsgraph::nlp::Pipeline::builtin().map_err(anyhow::Error::msg)?;
        let spans: Vec<(usize, usize)> = doc
            .sentences
            .iter()
            .map(|s| (s.start, if s.kind.is_content() { s.end } else { s.start }))
            .collect();
        Some(nlp.analyze(&doc.text, &spans, doc.language, &extractor.gazetteer()))
    } else {
        None
    };
    let mut out = String::new();
    writeln!(
        out,
        "{}: {} ({}), {} sentences, {} entities, {} claims",
        args.file.display(),
        doc.language,
        doc.language_code,
        doc.sentences.len(),
        ex.entities.len(),
        ex.claims.len()
    )?;
    for (i, s) in doc.sentences.iter().enumerate() {
        let claims: Vec<_> = ex.claims.iter().filter(|c| c.sentence == i).collect();
        if args.claims_only && claims.is_empty() {
            continue;
        }
        writeln!(out, "\n[{i}] {:?}: {}", s.kind, doc.sentence_text(s))?;
        if let Some(m) = &masked[i] {
            writeln!(out, "    masked: {m}")?;
        }
        if let Some(a) = &analysis {
            if a.sentences[i].0 < a.sentences[i].1 {
                writeln!(out, "    tokens: {}", token_line(a, &doc.text, i))?;
                writeln!(out, "    names:  {}", names_line(a, &doc.text, i))?;
            }
        }
        for c in claims {
            let object = match &c.object {
                ClaimObject::Entity(o) => ex.label(*o).to_string(),
                ClaimObject::Money(m) => m.short(),
                ClaimObject::Number(n) => n.to_string(),
            };
            let mut qualifiers = Vec::new();
            if let Some(m) = &c.money {
                qualifiers.push(m.short());
            }
            if let Some(d) = &c.date {
                qualifiers.push(d.to_string());
            }
            if let Some(r) = &c.role {
                qualifiers.push(format!("role {r}"));
            }
            if let Some(a) = c.attributed_to {
                qualifiers.push(format!("per {}", ex.label(a)));
            }
            writeln!(
                out,
                "    {}{} {} {}  [{} {:?} {:.2}]{}",
                if c.polarity { "" } else { "NOT " },
                ex.label(c.subject),
                c.relation,
                object,
                c.rule,
                c.modality,
                c.confidence,
                if qualifiers.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", qualifiers.join(", "))
                }
            )?;
        }
    }
    writeln!(out, "\nentities:")?;
    for e in &ex.entities {
        writeln!(
            out,
            "    {} ({}, {} mentions)",
            e.label, e.entity_type, e.mentions
        )?;
    }
    super::emit(&out)?;
    Ok(())
}

/// A sentence's words as `word/UPOS` (and `:lemma` where it differs), with
/// its noun-phrase chunks in brackets.
pub fn token_line(a: &newsgraph::nlp::Analysis, text: &str, sentence: usize) -> String {
    let (first, last) = a.sentences[sentence];
    let mut words = Vec::new();
    for i in first..last {
        let form = a.form(text, i);
        let mut w = String::new();
        if a.chunks.iter().any(|c| c.start == i) {
            w.push('[');
        }
        w.push_str(&format!("{form}/{}", a.upos[i]));
        if a.lemma(i) != form {
            w.push_str(&format!(":{}", a.lemma(i)));
        }
        if a.chunks.iter().any(|c| c.end == i + 1) {
            w.push(']');
        }
        words.push(w);
    }
    words.join(" ")
}

/// A sentence's names as the tagger found them: `PER Lena Ortiz · LOC Berlin`.
pub fn names_line(a: &newsgraph::nlp::Analysis, text: &str, sentence: usize) -> String {
    let (first, last) = a.sentences[sentence];
    let names: Vec<String> = a
        .entities
        .iter()
        .filter(|e| e.start >= first && e.end <= last)
        .map(|e| {
            let words: Vec<&str> = (e.start..e.end).map(|i| a.form(text, i)).collect();
            format!("{} {}", e.label, words.join(" "))
        })
        .collect();
    if names.is_empty() {
        "-".to_string()
    } else {
        names.join(" · ")
    }
}
