//! Relation pattern cases as data: `tests/patterns/<lang>.toml` holds records of
//! a sentence and the exact direct triples (and negated claims) extraction must
//! give for it. Adding a case is adding a record.

use newsgraph::extract::{ClaimObject, Extractor};
use newsgraph::ingest::{self, Format};
use newsgraph::model::Language;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::PathBuf;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    triples: Vec<String>,
    #[serde(default)]
    negated: Vec<String>,
    /// The modality every claim of the case must have.
    modality: Option<String>,
    /// The source every claim of the case must be attributed to.
    attributed: Option<String>,
    /// Entities the article names otherwise than by their canonical label,
    /// as "label: name in the article" (others may be renamed too).
    #[serde(default)]
    names: Vec<String>,
}

/// The cases of one file of `tests/patterns/`.
fn read_cases(file: &str) -> Vec<Case> {
    let path = crate::util::repo().join("tests/patterns").join(file);
    let cases: Cases = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    cases.case
}

fn check(language: Language, file: &str) -> usize {
    let cases = read_cases(file);
    let extractor = Extractor::builtin();
    let mut failures = Vec::new();
    for case in &cases {
        let mut doc = ingest::parse(
            PathBuf::from(format!("{}.txt", case.name)),
            &case.text,
            Format::Text,
            String::new(),
        );
        // One sentence is too little to detect a language reliably; the file says it.
        doc.language = language;
        let ex = extractor.extract(&doc);
        let triple = |c: &newsgraph::extract::Claim| match &c.object {
            ClaimObject::Entity(o) => Some(format!(
                "{} {} {}",
                ex.label(c.subject),
                c.relation,
                ex.label(*o)
            )),
            _ => None,
        };
        let got: BTreeSet<String> = ex
            .claims
            .iter()
            .filter(|c| c.polarity)
            .filter_map(triple)
            .collect();
        let negated: BTreeSet<String> = ex
            .claims
            .iter()
            .filter(|c| !c.polarity)
            .filter_map(triple)
            .collect();
        let want: BTreeSet<String> = case.triples.iter().cloned().collect();
        let want_negated: BTreeSet<String> = case.negated.iter().cloned().collect();
        let modalities: BTreeSet<String> = ex
            .claims
            .iter()
            .map(|c| c.modality.name().to_string())
            .collect();
        let sources: BTreeSet<String> = ex
            .claims
            .iter()
            .map(|c| {
                c.attributed_to
                    .map(|a| ex.label(a).to_string())
                    .unwrap_or_default()
            })
            .collect();
        let modality_ok = case
            .modality
            .as_ref()
            .is_none_or(|m| modalities == BTreeSet::from([m.clone()]));
        let source_ok = case
            .attributed
            .as_ref()
            .is_none_or(|a| sources == BTreeSet::from([a.clone()]));
        let names: BTreeSet<String> = ex
            .entities
            .iter()
            .filter(|e| e.name_in_article() != e.label)
            .map(|e| format!("{}: {}", e.label, e.name_in_article()))
            .collect();
        let want_names: BTreeSet<String> = case.names.iter().cloned().collect();
        let names_ok = want_names.is_subset(&names);
        if got != want || negated != want_negated || !modality_ok || !source_ok || !names_ok {
            failures.push(format!(
                "{file} `{}`: {}\n  expected {:?} negated {:?} modality {:?} source {:?} names {:?}\n  got      {:?} negated {:?} modalities {:?} sources {:?} names {:?}",
                case.name, case.text, want, want_negated, case.modality, case.attributed, want_names, got, negated, modalities, sources, names
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    cases.len()
}

#[test]
fn english_pattern_cases() {
    assert!(check(Language::English, "en.toml") >= 20);
}

#[test]
fn german_pattern_cases() {
    assert!(check(Language::German, "de.toml") >= 20);
}

/// Every entity relation has at least fifteen records in each language
/// (expected triples or negated claims), over the language's files.
#[test]
fn every_relation_has_fifteen_records_per_language() {
    use newsgraph::model::{Relation, RelationKind};
    for files in [["en.toml", "news.en.toml"], ["de.toml", "news.de.toml"]] {
        let cases: Vec<Case> = files.iter().flat_map(|f| read_cases(f)).collect();
        for relation in Relation::ALL
            .iter()
            .filter(|r| r.kind() == RelationKind::Entity)
        {
            let name = format!(" {relation} ");
            let n = cases
                .iter()
                .filter(|c| {
                    c.triples
                        .iter()
                        .chain(&c.negated)
                        .any(|t| format!(" {t} ").contains(&name))
                })
                .count();
            assert!(
                n >= 15,
                "{files:?}: {n} records for {relation}, want at least 15"
            );
        }
    }
}

#[test]
fn english_news_constructions() {
    assert!(check(Language::English, "news.en.toml") >= 20);
}

#[test]
fn german_news_constructions() {
    assert!(check(Language::German, "news.de.toml") >= 15);
}
