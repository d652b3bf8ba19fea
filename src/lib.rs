//! newsgraph turns English and German news articles into an RDF knowledge graph
//! in which every fact keeps its evidence.
//!
//! ```text
//! files ─► ingest::Document (text, language, metadata, sentences with offsets)
//!       ─► extract: mentions ─► entities (coreference-resolved) ─► claims
//!       ─► rdf: quads (one named graph per article, claim nodes, entity graph)
//!       ─► store (Oxigraph) ─► SPARQL, export (Turtle, TriG, N-Triples, N-Quads), render (DOT, SVG)
//! ```
//!
//! Each stage is a plain function or a small type with one job, and passes owned
//! data forward. Language knowledge (abbreviations, cue words, relation patterns,
//! the entity lexicon) lives in data files under `data/`, compiled in with
//! `include_str!`.

pub mod analytics;
pub mod bench;
pub mod build;
pub mod eval;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod nlp;
pub mod normalize;
pub mod push;
pub mod rdf;
pub mod render;
pub mod report;
pub mod rule_evidence;
pub mod serve;
pub mod store;
pub mod usage;
