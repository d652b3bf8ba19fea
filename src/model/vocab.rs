//! IRIs of the vocabularies newsgraph writes, defined once.
//!
//! The ontology namespace (`ng:`) is fixed so that queries work on every graph;
//! the instance namespaces (`nge:`, `ngd:`, `ngc:`) hang off a base IRI that
//! `--base` can change ([`Namespaces`]).

/// The newsgraph ontology.
pub const NG: &str = "https://w3id.org/newsgraph/ontology#";
pub const SCHEMA: &str = "https://schema.org/";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const WD: &str = "http://www.wikidata.org/entity/";

/// The default base of instance IRIs.
pub const DEFAULT_BASE: &str = "https://w3id.org/newsgraph/";

/// The instance namespaces derived from a base IRI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Namespaces {
    /// Entities: `<base>entity/`.
    pub entity: String,
    /// Documents and their named graphs: `<base>doc/`.
    pub doc: String,
    /// Claim nodes: `<base>claim/`.
    pub claim: String,
}

impl Namespaces {
    /// Namespaces under `base`; a missing trailing `/` is added.
    pub fn new(base: &str) -> Namespaces {
        let base = if base.ends_with('/') || base.ends_with('#') {
            base.to_string()
        } else {
            format!("{base}/")
        };
        Namespaces {
            entity: format!("{base}entity/"),
            doc: format!("{base}doc/"),
            claim: format!("{base}claim/"),
        }
    }

    /// The IRI of the named graph holding entity descriptions.
    pub fn entities_graph(&self) -> String {
        format!("{}entities", self.doc)
    }

    /// The prefixes used in Turtle/TriG output and prepended to queries.
    pub fn prefixes(&self) -> Vec<(&'static str, String)> {
        vec![
            ("ng", NG.to_string()),
            ("nge", self.entity.clone()),
            ("ngd", self.doc.clone()),
            ("ngc", self.claim.clone()),
            ("schema", SCHEMA.to_string()),
            ("prov", PROV.to_string()),
            ("rdf", RDF.to_string()),
            ("rdfs", RDFS.to_string()),
            ("skos", SKOS.to_string()),
            ("owl", OWL.to_string()),
            ("xsd", XSD.to_string()),
            ("wd", WD.to_string()),
        ]
    }

    /// `PREFIX` lines for every prefix, to put in front of a user's query.
    pub fn sparql_prologue(&self) -> String {
        self.prefixes()
            .into_iter()
            .map(|(p, iri)| format!("PREFIX {p}: <{iri}>\n"))
            .collect()
    }

    /// Shortens an IRI to `prefix:local` when a prefix covers it and the rest is a plain name.
    pub fn compact(&self, iri: &str) -> String {
        for (prefix, ns) in self.prefixes() {
            if let Some(local) = iri.strip_prefix(ns.as_str()) {
                if !local.is_empty()
                    && local
                        .chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
                    && !local.ends_with('.')
                {
                    return format!("{prefix}:{local}");
                }
            }
        }
        format!("<{iri}>")
    }
}

impl Default for Namespaces {
    fn default() -> Self {
        Namespaces::new(DEFAULT_BASE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;

    #[test]
    fn every_namespace_is_a_valid_iri() {
        let ns = Namespaces::default();
        for (_, iri) in ns.prefixes() {
            NamedNode::new(format!("{iri}x")).expect("valid IRI");
        }
        NamedNode::new(ns.entities_graph()).unwrap();
    }

    #[test]
    fn base_gets_a_trailing_slash() {
        let ns = Namespaces::new("http://example.org/kg");
        assert_eq!(ns.entity, "http://example.org/kg/entity/");
    }

    #[test]
    fn compacts_known_iris_only() {
        let ns = Namespaces::default();
        assert_eq!(
            ns.compact("https://w3id.org/newsgraph/entity/Sam_Altman"),
            "nge:Sam_Altman"
        );
        assert_eq!(ns.compact("http://example.org/x"), "<http://example.org/x>");
    }
}
