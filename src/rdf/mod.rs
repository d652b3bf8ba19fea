//! Extraction results → RDF quads, as DESIGN.md's RDF model says.
//!
//! Every article gets a named graph (`ngd:<doc-id>`) with its document node,
//! its direct triples, its claim nodes and one occurrence node per entity it
//! mentions (label, type, spellings, mention count). The entity descriptions
//! in `ngd:entities` are derived from the occurrences of all articles by
//! [`entities`], so that an article can be replaced alone and the entity
//! graph rebuilt from what the store holds. All IRIs are deterministic.

pub mod entities;

pub use entities::{occurrences_of, EntityMerger, Occurrence};

use crate::extract::{Claim, ClaimObject, Extraction};
use crate::ingest::Document;
use crate::model::vocab::{self, Namespaces};
use crate::model::{PartialDate, Relation};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

/// Builds IRIs and terms for one set of namespaces.
#[derive(Debug, Clone)]
pub struct Terms {
    pub ns: Namespaces,
}

fn iri(s: impl Into<String>) -> NamedNode {
    NamedNode::new_unchecked(s)
}

pub fn ng(local: &str) -> NamedNode {
    iri(format!("{}{local}", vocab::NG))
}

pub fn schema(local: &str) -> NamedNode {
    iri(format!("{}{local}", vocab::SCHEMA))
}

fn xsd(local: &str) -> NamedNode {
    iri(format!("{}{local}", vocab::XSD))
}

pub fn rdf_type() -> NamedNode {
    iri(format!("{}type", vocab::RDF))
}

pub fn rdfs_label() -> NamedNode {
    iri(format!("{}label", vocab::RDFS))
}

pub fn skos_alt_label() -> NamedNode {
    iri(format!("{}altLabel", vocab::SKOS))
}

pub fn owl_same_as() -> NamedNode {
    iri(format!("{}sameAs", vocab::OWL))
}

/// The local name of an entity IRI: the label with spaces as `_`, keeping letters,
/// digits, `-` and `.` (`Sam Altman` → `Sam_Altman`, `Allen & Co.` → `Allen_Co`).
pub fn slug(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut pending_sep = false;
    for c in label.chars() {
        if c.is_alphanumeric() || c == '-' || c == '.' {
            if pending_sep && !out.is_empty() {
                out.push('_');
            }
            pending_sep = false;
            out.push(c);
        } else {
            pending_sep = true;
        }
    }
    let out = out.trim_end_matches(['.', '-']).to_string();
    if out.is_empty() {
        format!("e{}", &hex(label.as_bytes())[..12])
    } else {
        out
    }
}

fn hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn typed(value: impl Into<String>, datatype: &str) -> Term {
    Literal::new_typed_literal(value, xsd(datatype)).into()
}

pub fn date_literal(d: &PartialDate) -> Term {
    typed(d.to_string(), d.xsd_type())
}

fn lang_literal(value: &str, lang: &str) -> Term {
    match Literal::new_language_tagged_literal(value, lang) {
        Ok(l) => l.into(),
        Err(_) => Literal::new_simple_literal(value).into(),
    }
}

impl Terms {
    pub fn new(ns: Namespaces) -> Terms {
        Terms { ns }
    }

    pub fn entity(&self, label: &str) -> NamedNode {
        iri(format!("{}{}", self.ns.entity, slug(label)))
    }

    pub fn doc(&self, id: &str) -> NamedNode {
        iri(format!("{}{id}", self.ns.doc))
    }

    pub fn entities_graph(&self) -> NamedNode {
        iri(self.ns.entities_graph())
    }

    fn occurrence(&self, doc_id: &str, label: &str) -> NamedNode {
        iri(format!("{}{doc_id}#{}", self.ns.doc, slug(label)))
    }

    fn claim(&self, doc: &Document, c: &Claim, ex: &Extraction) -> NamedNode {
        let object = match &c.object {
            ClaimObject::Entity(o) => ex.label(*o).to_string(),
            ClaimObject::Money(m) => format!("{} {}", m.amount, m.currency),
            ClaimObject::Number(n) => n.to_string(),
        };
        let key = format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            doc.id,
            c.start,
            ex.label(c.subject),
            c.relation.name(),
            object,
            c.polarity
        );
        iri(format!("{}{}", self.ns.claim, &hex(key.as_bytes())[..16]))
    }
}

/// The quads of one article's named graph.
pub fn document_quads(
    terms: &Terms,
    doc: &Document,
    ex: &Extraction,
    extractor: &str,
) -> Vec<Quad> {
    let graph = GraphName::NamedNode(terms.doc(&doc.id));
    let mut out: Vec<Quad> = Vec::new();
    let mut add = |s: NamedOrBlankNode, p: NamedNode, o: Term| {
        out.push(Quad::new(s, p, o, graph.clone()));
    };
    let d: NamedOrBlankNode = terms.doc(&doc.id).into();
    add(d.clone(), rdf_type(), schema("NewsArticle").into());
    if let Some(h) = &doc.headline {
        add(
            d.clone(),
            schema("headline"),
            Literal::new_simple_literal(h).into(),
        );
    }
    if let Some(date) = &doc.date_published {
        add(d.clone(), schema("datePublished"), date_literal(date));
    }
    add(
        d.clone(),
        schema("inLanguage"),
        Literal::new_simple_literal(&doc.language_code).into(),
    );
    add(
        d.clone(),
        schema("isBasedOn"),
        Literal::new_simple_literal(doc.file_name()).into(),
    );
    add(
        d.clone(),
        ng("sourcePath"),
        Literal::new_simple_literal(doc.source.to_string_lossy()).into(),
    );
    add(
        d.clone(),
        ng("text"),
        Literal::new_simple_literal(&doc.text).into(),
    );
    add(
        d.clone(),
        ng("contentHash"),
        Literal::new_simple_literal(&doc.content_hash).into(),
    );
    add(
        d.clone(),
        ng("extractor"),
        Literal::new_simple_literal(extractor).into(),
    );
    let lang = doc.language_code.as_str();
    for e in &ex.entities {
        let entity = terms.entity(&e.label);
        add(d.clone(), schema("mentions"), entity.clone().into());
        let occ: NamedOrBlankNode = terms.occurrence(&doc.id, &e.label).into();
        add(occ.clone(), rdf_type(), ng("Occurrence").into());
        add(occ.clone(), ng("entity"), entity.into());
        add(occ.clone(), ng("document"), d.clone().into());
        // The occurrence is labelled with the article's name for the entity;
        // lexicon labels are the English canonical names, and where the
        // article uses another name the canonical one stays an altLabel, so
        // the entity graph can still pick it.
        let label_lang = if e.from_lexicon && e.article_label.is_none() {
            "en"
        } else {
            lang
        };
        add(
            occ.clone(),
            ng("label"),
            lang_literal(e.name_in_article(), label_lang),
        );
        if e.article_label.is_some() {
            add(occ.clone(), skos_alt_label(), lang_literal(&e.label, "en"));
        }
        add(
            occ.clone(),
            ng("entityType"),
            schema(e.entity_type.name()).into(),
        );
        add(
            occ.clone(),
            ng("mentionCount"),
            Literal::from(e.mentions as i64).into(),
        );
        for alias in e.aliases.iter().filter(|a| **a != e.name_in_article()) {
            add(occ.clone(), skos_alt_label(), lang_literal(alias, lang));
        }
        if let Some(q) = &e.wikidata {
            add(
                occ.clone(),
                ng("wikidata"),
                iri(format!("{}{q}", vocab::WD)).into(),
            );
        }
        if e.from_lexicon {
            add(occ.clone(), ng("fromLexicon"), Literal::from(true).into());
        }
    }
    let mut direct: BTreeSet<(String, Relation, String)> = BTreeSet::new();
    for c in &ex.claims {
        let node: NamedOrBlankNode = terms.claim(doc, c, ex).into();
        let subject = terms.entity(ex.label(c.subject));
        add(node.clone(), rdf_type(), ng("Claim").into());
        add(node.clone(), ng("subject"), subject.clone().into());
        add(node.clone(), ng("predicate"), ng(c.relation.name()).into());
        match &c.object {
            ClaimObject::Entity(o) => {
                let object = terms.entity(ex.label(*o));
                add(node.clone(), ng("object"), object.clone().into());
                if c.polarity {
                    direct.insert((
                        subject.as_str().to_string(),
                        c.relation,
                        object.as_str().to_string(),
                    ));
                }
            }
            ClaimObject::Money(m) => {
                add(
                    node.clone(),
                    ng("object"),
                    typed(m.amount.to_string(), "integer"),
                );
                add(
                    node.clone(),
                    ng("currency"),
                    Literal::new_simple_literal(&m.currency).into(),
                );
            }
            ClaimObject::Number(n) => {
                add(node.clone(), ng("object"), typed(n.to_string(), "integer"));
            }
        }
        if let Some(m) = &c.money {
            add(
                node.clone(),
                ng("amount"),
                typed(m.amount.to_string(), "integer"),
            );
            add(
                node.clone(),
                ng("currency"),
                Literal::new_simple_literal(&m.currency).into(),
            );
        }
        if let Some(date) = &c.date {
            add(node.clone(), ng("date"), date_literal(date));
        }
        if let Some(role) = &c.role {
            add(
                node.clone(),
                ng("role"),
                Literal::new_simple_literal(role).into(),
            );
        }
        add(node.clone(), ng("modality"), ng(c.modality.name()).into());
        add(
            node.clone(),
            ng("polarity"),
            Literal::from(c.polarity).into(),
        );
        if let Some(a) = c.attributed_to {
            add(
                node.clone(),
                ng("attributedTo"),
                terms.entity(ex.label(a)).into(),
            );
        }
        add(
            node.clone(),
            ng("confidence"),
            typed(format!("{:.2}", c.confidence), "decimal"),
        );
        add(
            node.clone(),
            ng("rule"),
            Literal::new_simple_literal(&c.rule).into(),
        );
        add(
            node.clone(),
            iri(format!("{}wasDerivedFrom", vocab::PROV)),
            d.clone().into(),
        );
        add(
            node.clone(),
            ng("evidence"),
            Literal::new_simple_literal(&c.evidence).into(),
        );
        add(
            node.clone(),
            ng("start"),
            typed(c.start.to_string(), "integer"),
        );
        add(node.clone(), ng("end"), typed(c.end.to_string(), "integer"));
    }
    for (s, r, o) in direct {
        add(iri(s).into(), ng(r.name()), iri(o).into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable_and_safe() {
        assert_eq!(slug("Sam Altman"), "Sam_Altman");
        assert_eq!(slug("Allen & Co."), "Allen_Co");
        assert_eq!(slug("Phi-3.5"), "Phi-3.5");
        assert_eq!(slug("Zürich"), "Zürich");
        assert_eq!(slug("The New York Times"), "The_New_York_Times");
        assert_eq!(slug("***").len(), 13);
    }
}
