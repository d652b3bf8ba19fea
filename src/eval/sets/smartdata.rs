//! SmartData (DFKI), German news, tweets and traffic reports: n-ary relation
//! mentions whose arguments are concept mentions with character spans.
//!
//! One [`Case`] per document. Of the 15 relations, two are newsgraph's:
//! `Acquisition` (buyer acquired acquired) and `OrganizationLeadership`
//! (person leads organization); both are judged in every document.

use super::spans::{Case, GoldFact, Mapping, Scope};
use super::{json_lines, SetError};
use crate::model::{EntityType, Language, Relation};
use serde::Deserialize;
use std::path::Path;

pub const MAPPINGS: &[Mapping] = &[
    Mapping {
        relation: Relation::Acquired,
        property: "Acquisition",
        reversed: false,
        credit_only: false,
        object_type: None,
    },
    Mapping {
        relation: Relation::Leads,
        property: "OrganizationLeadership",
        reversed: false,
        credit_only: false,
        object_type: Some(EntityType::Organization),
    },
];

/// Each relation's (subject role, object role) in newsgraph's direction.
const ROLES: &[(&str, &str, &str)] = &[
    ("Acquisition", "buyer", "acquired"),
    ("OrganizationLeadership", "person", "organization"),
];

#[derive(Deserialize)]
struct SdDocument {
    id: String,
    text: String,
    #[serde(rename = "langCode", default)]
    lang_code: Option<String>,
    #[serde(rename = "relationMentions", default)]
    relation_mentions: Vec<SdRelation>,
}

#[derive(Deserialize)]
struct SdRelation {
    name: String,
    args: Vec<SdArg>,
}

#[derive(Deserialize)]
struct SdArg {
    role: String,
    #[serde(rename = "conceptMention")]
    concept_mention: SdConcept,
}

#[derive(Deserialize)]
struct SdConcept {
    span: SdSpan,
}

#[derive(Deserialize)]
struct SdSpan {
    start: usize,
    end: usize,
}

/// Reads a SmartData JSONL file (gzip-compressed or not).
pub fn read(path: &Path) -> Result<Vec<Vec<Case>>, SetError> {
    let docs: Vec<SdDocument> = json_lines(path, "a SmartData document")?;
    Ok(docs
        .into_iter()
        .filter(|d| d.lang_code.as_deref().is_none_or(|l| l == "de"))
        .map(|d| vec![case(d)])
        .collect())
}

fn case(doc: SdDocument) -> Case {
    let mut gold = Vec::new();
    for r in &doc.relation_mentions {
        let Some(&(property, subject_role, object_role)) =
            ROLES.iter().find(|(name, _, _)| *name == r.name)
        else {
            continue;
        };
        let spans = |role: &str| -> Vec<(usize, usize)> {
            r.args
                .iter()
                .filter(|a| a.role == role)
                .map(|a| (a.concept_mention.span.start, a.concept_mention.span.end))
                .collect()
        };
        let (subject, object) = (spans(subject_role), spans(object_role));
        // A relation mention without both arguments states no fact between two entities.
        if subject.is_empty() || object.is_empty() {
            continue;
        }
        gold.push(GoldFact {
            property: property.to_string(),
            subject,
            object,
            symmetric: false,
        });
    }
    Case {
        id: doc.id,
        text: doc.text,
        language: Language::German,
        gold,
        scope: Scope::All,
        window: None,
        given: Vec::new(),
    }
}
