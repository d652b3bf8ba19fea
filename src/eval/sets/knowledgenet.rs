//! KnowledgeNet (Diffbot), English: documents with passages, each exhaustively
//! annotated for some properties, facts with document-level code-point spans.
//!
//! One [`Case`] per passage; the passages of a document are read together, so
//! that "he" in one passage finds the person named in the one before. The gaps
//! between passages of the rebuilt (partial) texts are spaces; the space after
//! a passage becomes a line break, which keeps every offset and stops a
//! sentence from running into the next passage.
//!
//! The rebuilt texts also lack the title and the sentences before the first
//! annotated passage, where a biography or a company profile names its
//! subject; "He served as chief executive of Bank of Montreal" then has no
//! antecedent. With `stand_in`, the gap at the start of the document gets a
//! stand-in subject: a person and an organization, given to the extractor as
//! entities, which pronouns can then refer to as they would to the full
//! text's title. The gold spans stay where they are, as the stand-in only
//! replaces spaces.

use super::spans::{Case, GoldFact, Mapping, Scope, Span};
use super::{json_lines, SetError};
use crate::model::{EntityType, Language, Relation};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::Path;

/// The stand-in subject written into the gap before a document's first
/// passage: the text and, for each name in it, its code-point span and type.
const STAND_IN: (&str, &[(Span, EntityType)]) = (
    "P.\nO.",
    &[
        ((0, 1), EntityType::Person),
        ((3, 4), EntityType::Organization),
    ],
);

/// newsgraph's relations in KnowledgeNet's terms (the issue's mapping).
pub const MAPPINGS: &[Mapping] = &[
    Mapping {
        relation: Relation::Leads,
        property: "CEO",
        reversed: true,
        credit_only: false,
        object_type: Some(EntityType::Organization),
    },
    Mapping {
        relation: Relation::FormerlyWorkedFor,
        property: "CEO",
        reversed: true,
        credit_only: true,
        object_type: None,
    },
    Mapping {
        relation: Relation::Founded,
        property: "FOUNDED_BY",
        reversed: true,
        credit_only: false,
        object_type: None,
    },
    Mapping {
        relation: Relation::WorksFor,
        property: "EMPLOYEE_OR_MEMBER_OF",
        reversed: false,
        credit_only: false,
        object_type: None,
    },
    // A chief executive is an employee: where a passage is annotated for both
    // properties, every CEO fact is also an EMPLOYEE_OR_MEMBER_OF fact.
    Mapping {
        relation: Relation::Leads,
        property: "EMPLOYEE_OR_MEMBER_OF",
        reversed: false,
        credit_only: false,
        object_type: Some(EntityType::Organization),
    },
    Mapping {
        relation: Relation::FormerlyWorkedFor,
        property: "EMPLOYEE_OR_MEMBER_OF",
        reversed: false,
        credit_only: false,
        object_type: None,
    },
    Mapping {
        relation: Relation::PartOf,
        property: "SUBSIDIARY_OF",
        reversed: false,
        credit_only: false,
        object_type: None,
    },
    Mapping {
        relation: Relation::LocatedIn,
        property: "HEADQUARTERS",
        reversed: false,
        credit_only: false,
        object_type: None,
    },
];

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct KnDocument {
    document_id: String,
    document_text: String,
    passages: Vec<KnPassage>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct KnPassage {
    passage_id: String,
    passage_start: usize,
    passage_end: usize,
    exhaustively_annotated_properties: Vec<KnProperty>,
    facts: Vec<KnFact>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct KnProperty {
    property_name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct KnFact {
    property_name: String,
    subject_start: usize,
    subject_end: usize,
    object_start: usize,
    object_end: usize,
}

/// The fold files of a KnowledgeNet folder (fold1.jsonl, fold2.jsonl, ...), or the one file given.
pub fn files(path: &Path) -> Result<Vec<std::path::PathBuf>, SetError> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<_> = std::fs::read_dir(path)
        .map_err(|source| SetError::Read {
            path: path.into(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("fold") && n.ends_with(".jsonl"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(SetError::Format {
            path: path.into(),
            message: "no fold*.jsonl files with gold facts in this folder".into(),
        });
    }
    Ok(files)
}

/// Reads one fold file: one document per line, one case per passage.
/// With `stand_in`, each document gets a stand-in subject before its first
/// passage (see the module documentation).
pub fn read(path: &Path, stand_in: bool) -> Result<Vec<Vec<Case>>, SetError> {
    let docs: Vec<KnDocument> = json_lines(path, "a KnowledgeNet document")?;
    Ok(docs.into_iter().map(|d| cases(d, stand_in)).collect())
}

fn cases(doc: KnDocument, stand_in: bool) -> Vec<Case> {
    let mut chars: Vec<char> = doc.document_text.chars().collect();
    for p in &doc.passages {
        if chars.get(p.passage_end) == Some(&' ') {
            chars[p.passage_end] = '\n';
        }
    }
    let mut given = Vec::new();
    let (stand_in_text, stand_in_names) = STAND_IN;
    let room = stand_in_text.chars().count() + 1;
    // Room means that many spaces: a shorter text has none, however blank.
    if stand_in && chars.len() >= room && chars[..room].iter().all(|&c| c == ' ') {
        for (i, c) in stand_in_text.chars().chain(['\n']).enumerate() {
            chars[i] = c;
        }
        given.extend_from_slice(stand_in_names);
    }
    let text: String = chars.into_iter().collect();
    let mapped: BTreeSet<&str> = MAPPINGS.iter().map(|m| m.property).collect();
    doc.passages
        .into_iter()
        .map(|p| {
            let exhaustive: BTreeSet<String> = p
                .exhaustively_annotated_properties
                .iter()
                .map(|e| e.property_name.clone())
                .filter(|n| mapped.contains(n.as_str()))
                .collect();
            let gold = p
                .facts
                .iter()
                .filter(|f| exhaustive.contains(&f.property_name))
                .map(|f| GoldFact {
                    property: f.property_name.clone(),
                    subject: vec![(f.subject_start, f.subject_end)],
                    object: vec![(f.object_start, f.object_end)],
                    symmetric: false,
                })
                .collect();
            Case {
                id: format!("{}/{}", doc.document_id, p.passage_id),
                text: text.clone(),
                language: Language::English,
                gold,
                scope: Scope::Properties(exhaustive),
                window: Some((p.passage_start, p.passage_end)),
                given: given.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passages_become_cases_with_exhaustive_properties() {
        let line = r#"{"fold": 1, "documentId": "7", "documentText": "Tom Curley led the AP. He retired.", "passages": [{"passageId": "7:0:22", "passageStart": 0, "passageEnd": 22, "passageText": "Tom Curley led the AP.", "exhaustivelyAnnotatedProperties": [{"propertyId": "4", "propertyName": "CEO", "propertyDescription": ""}, {"propertyId": "12", "propertyName": "PLACE_OF_BIRTH", "propertyDescription": ""}], "facts": [{"factId": "", "propertyId": "4", "propertyName": "CEO", "subjectStart": 19, "subjectEnd": 21, "subjectText": "AP", "subjectUri": "", "objectStart": 0, "objectEnd": 10, "objectText": "Tom Curley", "objectUri": ""}]}]}"#;
        let doc: KnDocument = serde_json::from_str(line).unwrap();
        let cases = cases(doc, false);
        assert_eq!(cases.len(), 1);
        assert_eq!(cases[0].text, "Tom Curley led the AP.\nHe retired.");
        assert_eq!(cases[0].gold[0].subject, vec![(19, 21)]);
        let Scope::Properties(p) = &cases[0].scope else {
            panic!()
        };
        assert_eq!(p.iter().collect::<Vec<_>>(), ["CEO"]);
    }

    #[test]
    fn stand_in_subject_fills_the_gap_before_the_first_passage() {
        let doc = |start: usize| -> KnDocument {
            let text = format!("{}He led the AP.", " ".repeat(start));
            serde_json::from_str(&format!(
                r#"{{"documentId": "8", "documentText": "{text}", "passages": [{{"passageId": "8:{start}", "passageStart": {start}, "passageEnd": {}, "exhaustivelyAnnotatedProperties": [], "facts": []}}]}}"#,
                start + 14
            ))
            .unwrap()
        };
        let with = cases(doc(12), true);
        assert_eq!(with[0].text, "P.\nO.\n      He led the AP.");
        assert_eq!(
            with[0].given,
            vec![
                ((0, 1), EntityType::Person),
                ((3, 4), EntityType::Organization)
            ]
        );
        let without = cases(doc(12), false);
        assert_eq!(without[0].text, format!("{}He led the AP.", " ".repeat(12)));
        assert!(without[0].given.is_empty());
        let no_room = cases(doc(5), true);
        assert_eq!(no_room[0].text, "     He led the AP.");
        assert!(no_room[0].given.is_empty());
        let blank: KnDocument = serde_json::from_str(
            r#"{"documentId": "9", "documentText": "  ", "passages": [{"passageId": "9:0", "passageStart": 0, "passageEnd": 2, "exhaustivelyAnnotatedProperties": [], "facts": []}]}"#,
        )
        .unwrap();
        let short = cases(blank, true);
        assert_eq!(short[0].text, "  ");
        assert!(short[0].given.is_empty());
    }
}
