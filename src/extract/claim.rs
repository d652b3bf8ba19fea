//! What extraction produces for one document: its entities and its claims.

use crate::model::{EntityType, Modality, Money, PartialDate, Relation};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// An entity as one document knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRecord {
    /// The canonical name (the lexicon label, or the fullest spelling in the document).
    pub label: String,
    pub entity_type: EntityType,
    /// Other spellings the document uses.
    pub aliases: BTreeSet<String>,
    pub wikidata: Option<String>,
    /// How many times the document names it.
    pub mentions: usize,
    /// Whether the lexicon knows it (its label is then the lexicon's English name).
    pub from_lexicon: bool,
    /// The name this article gives the entity, where it differs from the
    /// canonical label: a German article that names a lexicon organization
    /// only by its German name or acronym ("ÖGB" for the Austrian Trade Union
    /// Federation). The label still makes the IRI, so both languages share it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article_label: Option<String>,
}

impl EntityRecord {
    /// The name the article gives the entity: its own name where it has one,
    /// else the canonical label.
    pub fn name_in_article(&self) -> &str {
        self.article_label.as_deref().unwrap_or(&self.label)
    }
}

/// What a claim says about its subject.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ClaimObject {
    /// Another entity (index into [`Extraction::entities`]).
    Entity(usize),
    Money(Money),
    Number(u64),
}

/// One statement of a relation in one sentence, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Index into [`Extraction::entities`].
    pub subject: usize,
    pub relation: Relation,
    pub object: ClaimObject,
    pub money: Option<Money>,
    pub date: Option<PartialDate>,
    pub role: Option<String>,
    pub modality: Modality,
    /// `false` for a negated claim ("Apple did not invest"), which never makes a direct triple.
    pub polarity: bool,
    /// The source the sentence cites (index into [`Extraction::entities`]).
    pub attributed_to: Option<usize>,
    pub confidence: f64,
    /// Id of the rule that produced the claim.
    pub rule: String,
    /// Index of the evidence sentence in the document.
    pub sentence: usize,
    /// Code-point offsets of the evidence sentence in the document text.
    pub start: usize,
    pub end: usize,
    pub evidence: String,
    /// Code-point offsets in the document text of the words that name the subject
    /// and the object in the evidence sentence (a pronoun where the sentence uses
    /// one); `None` where the argument is not named in the sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_span: Option<(usize, usize)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_span: Option<(usize, usize)>,
}

/// One name in the text and the type of the entity it was resolved to, for
/// scoring named-entity recognition. Offsets are code points in the document text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypedMention {
    pub start: usize,
    pub end: usize,
    pub entity_type: EntityType,
    /// Whether the lexicon knows the name.
    pub from_lexicon: bool,
}

/// Where the text names an entity of an [`Extraction`] (code points).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityMention {
    /// Index into [`Extraction::entities`].
    pub entity: usize,
    /// Index of the sentence in the document.
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
}

/// The entities and claims of one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub entities: Vec<EntityRecord>,
    pub claims: Vec<Claim>,
}

impl Extraction {
    /// The label of the entity at `index`.
    pub fn label(&self, index: usize) -> &str {
        &self.entities[index].label
    }

    /// The name the article gives the entity at `index` (see
    /// [`EntityRecord::article_label`]).
    pub fn name_in_article(&self, index: usize) -> &str {
        self.entities[index].name_in_article()
    }

    /// The distinct direct triples the claims support (non-negated, entity objects),
    /// as (subject label, relation, object label), sorted.
    pub fn direct_triples(&self) -> BTreeSet<(String, Relation, String)> {
        self.claims
            .iter()
            .filter(|c| c.polarity)
            .filter_map(|c| match c.object {
                ClaimObject::Entity(o) => Some((
                    self.label(c.subject).to_string(),
                    c.relation,
                    self.label(o).to_string(),
                )),
                _ => None,
            })
            .collect()
    }

    /// Which entity types the document mentions, for quick checks.
    pub fn has_entity(&self, label: &str, entity_type: EntityType) -> bool {
        self.entities
            .iter()
            .any(|e| e.label == label && e.entity_type == entity_type)
    }
}
