//! The whole extraction of one article on arbitrary text, as `newsgraph build`
//! runs it per document: `ingest::parse_in` ─► `Extractor::extract`
//! (mentions, coreference, typing, regex and token rules, claims) ─►
//! `rdf::document_quads` (the article's named graph).
//!
//! The first input byte picks English or German, the rest is the text (bytes
//! that are not UTF-8 are skipped). Checks that claims point at entities and
//! sentences that exist, that their offsets lie inside the text, and that
//! every IRI of the article's graph is a valid IRI.

#![no_main]

#[path = "shared/article.rs"]
mod article;

use libfuzzer_sys::fuzz_target;
use newsgraph::extract::{ClaimObject, Extractor};
use newsgraph::ingest;
use newsgraph::model::vocab::Namespaces;
use newsgraph::rdf::{self, Terms};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Term};
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::builtin);
static TERMS: LazyLock<Terms> = LazyLock::new(|| Terms::new(Namespaces::default()));

fuzz_target!(|data: &[u8]| {
    let Some((language, text)) = article::split(data) else {
        return;
    };
    let doc = ingest::parse_in("fuzz", text, language);
    let ex = EXTRACTOR.extract(&doc);
    let chars = text.chars().count();
    let entities = ex.entities.len();
    for c in &ex.claims {
        assert!(c.subject < entities, "{c:?}: no such subject");
        if let ClaimObject::Entity(o) = c.object {
            assert!(o < entities, "{c:?}: no such object");
        }
        assert!(
            c.attributed_to.is_none_or(|a| a < entities),
            "{c:?}: no such source"
        );
        assert!(c.sentence < doc.sentences.len(), "{c:?}: no such sentence");
        assert!(
            c.start <= c.end && c.end <= chars,
            "{c:?}: evidence outside the text"
        );
        for (start, end) in c.subject_span.into_iter().chain(c.object_span) {
            assert!(
                start <= end && end <= chars,
                "{c:?}: argument outside the text"
            );
        }
    }
    let quads = rdf::document_quads(&TERMS, &doc, &ex, "newsgraph/fuzz");
    let valid = |node: &NamedNode| {
        assert!(
            NamedNode::new(node.as_str()).is_ok(),
            "not an IRI: {:?}",
            node.as_str()
        );
    };
    for q in &quads {
        if let NamedOrBlankNode::NamedNode(s) = &q.subject {
            valid(s);
        }
        valid(&q.predicate);
        if let Term::NamedNode(o) = &q.object {
            valid(o);
        }
        if let GraphName::NamedNode(g) = &q.graph_name {
            valid(g);
        }
    }
});
