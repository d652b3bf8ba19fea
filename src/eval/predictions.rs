//! Extraction results as predictions for scoring: one prediction per distinct
//! direct triple of a document, with the sentences and rules behind it.

use super::{DocInfo, Prediction};
use crate::extract::{ClaimObject, Extraction};
use crate::ingest::Document;
use crate::model::Relation;
use std::collections::BTreeMap;

/// The sentences and rule ids behind one triple.
type Support = (Vec<String>, Vec<String>);

/// The predictions and the document information `score` needs for one document.
pub fn from_extraction(doc: &Document, ex: &Extraction) -> (Vec<Prediction>, DocInfo) {
    let mut by_triple: BTreeMap<(String, Relation, String), Support> = BTreeMap::new();
    for c in ex.claims.iter().filter(|c| c.polarity) {
        let ClaimObject::Entity(o) = c.object else {
            continue;
        };
        let entry = by_triple
            .entry((
                ex.name_in_article(c.subject).to_string(),
                c.relation,
                ex.name_in_article(o).to_string(),
            ))
            .or_default();
        if !entry.0.contains(&c.evidence) {
            entry.0.push(c.evidence.clone());
        }
        if !entry.1.contains(&c.rule) {
            entry.1.push(c.rule.clone());
        }
    }
    let predictions = by_triple
        .into_iter()
        .map(
            |((subject, predicate, object), (evidence, rules))| Prediction {
                doc: doc.stem.clone(),
                subject,
                predicate,
                object,
                evidence,
                rules,
            },
        )
        .collect();
    (predictions, doc_info(doc))
}

/// What scoring needs to know about a document: its stem, language and content sentences.
pub fn doc_info(doc: &Document) -> DocInfo {
    DocInfo {
        doc: doc.stem.clone(),
        language: doc.language,
        sentences: doc
            .sentences
            .iter()
            .filter(|s| s.kind.is_content())
            .map(|s| doc.sentence_text(s).to_string())
            .collect(),
    }
}
