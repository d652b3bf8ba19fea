//! The domain model every stage shares: entity types, the relation vocabulary,
//! claim modality, and normalized values (money, partial dates).
//!
//! Ingest produces documents, extraction produces mentions and claims typed with
//! these enums, and the RDF layer maps them to IRIs through [`vocab`]. Nothing in
//! here does I/O.

pub mod relation;
pub mod values;
pub mod vocab;

pub use relation::{Relation, RelationKind};
pub use values::{Money, PartialDate};

use serde::{Deserialize, Serialize};
use std::fmt;

/// The type of a named entity. Money, dates and numbers are values, not entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    Person,
    Organization,
    Product,
    Place,
    Event,
}

impl EntityType {
    pub const ALL: [EntityType; 5] = [
        EntityType::Person,
        EntityType::Organization,
        EntityType::Product,
        EntityType::Place,
        EntityType::Event,
    ];

    /// The schema.org class name (`Person`, `Organization`, ...).
    pub fn name(self) -> &'static str {
        match self {
            EntityType::Person => "Person",
            EntityType::Organization => "Organization",
            EntityType::Product => "Product",
            EntityType::Place => "Place",
            EntityType::Event => "Event",
        }
    }

    /// The short tag used in lexicon files and relation patterns (`PER`, `ORG`, ...).
    pub fn tag(self) -> &'static str {
        match self {
            EntityType::Person => "PER",
            EntityType::Organization => "ORG",
            EntityType::Product => "PROD",
            EntityType::Place => "PLACE",
            EntityType::Event => "EVENT",
        }
    }

    /// Parses a class name or a tag, case-insensitively (`person`, `PER`, `Organisation`, `LOC`).
    pub fn parse(s: &str) -> Option<EntityType> {
        match s.trim().to_ascii_lowercase().as_str() {
            "person" | "per" | "people" => Some(EntityType::Person),
            "organization" | "organisation" | "org" | "company" => Some(EntityType::Organization),
            "product" | "prod" => Some(EntityType::Product),
            "place" | "location" | "loc" | "gpe" => Some(EntityType::Place),
            "event" | "evt" => Some(EntityType::Event),
            _ => None,
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How firmly the source states a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Modality {
    /// Said as fact by the article itself.
    Stated,
    /// Reported second hand: "reportedly", "according to", "laut Bericht", "soll".
    Reported,
    /// Possible, planned or hypothetical: "could", "may", "plans to", "könnte".
    Speculative,
}

impl Modality {
    pub fn name(self) -> &'static str {
        match self {
            Modality::Stated => "Stated",
            Modality::Reported => "Reported",
            Modality::Speculative => "Speculative",
        }
    }

    pub fn parse(s: &str) -> Option<Modality> {
        match s {
            "Stated" => Some(Modality::Stated),
            "Reported" => Some(Modality::Reported),
            "Speculative" => Some(Modality::Speculative),
            _ => None,
        }
    }
}

/// The language of a document, as far as newsgraph extracts relations from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Language {
    English,
    German,
    /// Any other language: the document is stored, but no relations are extracted.
    Other,
}

impl Language {
    /// ISO 639-1 code; `und` (undetermined) for [`Language::Other`].
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::German => "de",
            Language::Other => "und",
        }
    }

    pub fn from_code(code: &str) -> Language {
        match code {
            "en" | "eng" => Language::English,
            "de" | "deu" | "ger" => Language::German,
            _ => Language::Other,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Language::English => "English",
            Language::German => "German",
            Language::Other => "other",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_type_parses_names_and_tags() {
        for t in EntityType::ALL {
            assert_eq!(EntityType::parse(t.name()), Some(t));
            assert_eq!(EntityType::parse(t.tag()), Some(t));
        }
        assert_eq!(EntityType::parse("LOC"), Some(EntityType::Place));
        assert_eq!(EntityType::parse("thing"), None);
    }

    #[test]
    fn language_codes_round_trip() {
        for l in [Language::English, Language::German] {
            assert_eq!(Language::from_code(l.code()), l);
        }
        assert_eq!(Language::from_code("fr"), Language::Other);
    }
}
