//! `newsgraph eval`'s gold readers on arbitrary bytes, each through the
//! function the command calls and on to its report:
//!
//! - newsgraph's own gold TSV (`read_gold`) and alias table (`read_aliases`),
//!   scored with `eval::score`;
//! - the relation sets (KnowledgeNet, SmartData, WissenschaftsSTANDARD, DFKI
//!   product pairs) through `sets::evaluate`: reader, cases, extraction of
//!   each case's text, span scoring;
//! - the token-layer sets (CoNLL-U, IOB2, GermEval) through
//!   `sets::evaluate_tokens`: reader, language, models scored on the file's words;
//! - `SetKind::detect` on the file, dispatched as `eval` does without `--set`.
//!
//! The readers take a path, so the bytes are written to a file in the
//! temporary folder first (gzip bytes are read as gzip, as `eval` reads them).
//! The first input byte picks the reader (`% 10`) and its options or file
//! name (`/ 10`); the rest is the file. Reports are rendered as text and JSON.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::eval::sets::{self, SetKind, SetOptions};
use newsgraph::eval::{self, AliasTable, DocInfo, GoldTriple, Prediction};
use newsgraph::extract::Extractor;
use newsgraph::model::{Language, Relation};
use std::path::Path;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::builtin);

/// File names `eval` recognises a set by when its content does not tell.
const NAMES: [&str; 6] = [
    "gold.tsv",
    "fold1.jsonl",
    "set.pairs.jsonl",
    "set.conllu",
    "set.iob2",
    "set.json",
];

const RELATION_SETS: [SetKind; 4] = [
    SetKind::Knowledgenet,
    SetKind::Smartdata,
    SetKind::Wissenschaftsstandard,
    SetKind::DfkiProduct,
];

const TOKEN_SETS: [SetKind; 3] = [SetKind::Treebank, SetKind::Ner, SetKind::Germeval];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let (reader, option) = (selector % 10, usize::from(selector / 10));
    let name = if reader == 0 {
        NAMES[option % NAMES.len()]
    } else {
        "gold.tsv"
    };
    let path = std::env::temp_dir().join(format!("newsgraph-fuzz-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).expect("the temporary folder is writable");
    match reader {
        0 => detected(&path),
        1 => gold_tsv(&path),
        2 => aliases(&path),
        3..=6 => relation_set(RELATION_SETS[usize::from(reader - 3)], &path, option),
        _ => token_set(TOKEN_SETS[usize::from(reader - 7)], &path, option),
    }
    let _ = std::fs::remove_file(&path);
});

/// What `eval` does without `--set`: the kind the file shows, or the gold TSV.
fn detected(path: &Path) {
    match SetKind::detect(path) {
        Ok(Some(kind)) if kind.is_token_layer() => token_set(kind, path, 0),
        Ok(Some(kind)) => relation_set(kind, path, 0),
        Ok(None) => gold_tsv(path),
        Err(_) => {}
    }
}

/// The gold TSV scored against predictions of the same triples.
fn gold_tsv(path: &Path) {
    let Ok(gold) = eval::read_gold(path) else {
        return;
    };
    let predictions: Vec<Prediction> = gold
        .iter()
        .map(|g| Prediction {
            doc: g.doc.clone(),
            subject: g.subject.clone(),
            predicate: g.predicate,
            object: g.object.clone(),
            evidence: vec![format!(
                "{} {} {}.",
                g.subject,
                g.predicate.name(),
                g.object
            )],
            rules: vec!["fuzz".into()],
        })
        .collect();
    let docs: Vec<DocInfo> = gold
        .iter()
        .map(|g| DocInfo {
            doc: g.doc.clone(),
            language: Language::English,
            sentences: vec![g.subject.clone(), g.object.clone()],
        })
        .collect();
    render(eval::score(
        &gold,
        &predictions,
        &AliasTable::empty(),
        &docs,
    ));
}

/// The alias table, used to score a gold triple against a prediction.
fn aliases(path: &Path) {
    let Ok(table) = eval::read_aliases(path) else {
        return;
    };
    let gold = [GoldTriple {
        doc: "a".into(),
        subject: "Microsoft".into(),
        predicate: Relation::InvestsIn,
        object: "OpenAI".into(),
        required: true,
        line: 2,
    }];
    let predictions = [Prediction {
        doc: "a".into(),
        subject: "Microsoft Corp.".into(),
        predicate: Relation::InvestsIn,
        object: "Open AI".into(),
        evidence: vec!["Microsoft Corp. invested in Open AI.".into()],
        rules: vec!["fuzz".into()],
    }];
    render(eval::score(&gold, &predictions, &table, &[]));
}

fn render(report: eval::Report) {
    let _ = report.render_text(true);
    let _ = serde_json::to_string(&report).expect("a report serializes");
}

/// A relation set, extracted and scored; `option` sets the scoring options.
fn relation_set(kind: SetKind, path: &Path, option: usize) {
    let options = SetOptions {
        given_entities: option & 1 != 0,
        stand_in_subject: option & 2 != 0,
    };
    if let Ok(report) = sets::evaluate(kind, path, &EXTRACTOR, options) {
        let _ = report.render_text(true);
        let _ = report.to_json();
    }
}

/// A token-layer set scored on its words; `option` picks the language
/// (detected, English or German).
fn token_set(kind: SetKind, path: &Path, option: usize) {
    let language = [None, Some(Language::English), Some(Language::German)][option % 3];
    let gazetteer = EXTRACTOR.gazetteer();
    if let Ok(report) = sets::evaluate_tokens(kind, path, &gazetteer, language) {
        let _ = report.render_text(true);
        let _ = report.to_json();
    }
}
