//! The Oxigraph store that holds the graph: opening it (persistent RocksDB or
//! in memory), replacing articles' named graphs atomically, writing the entity
//! graph (whole after a fresh build, entity by entity after a few articles),
//! and answering SPARQL over the union of all graphs.
//!
//! Writes go through transactions, one per batch of articles: an interrupted
//! build leaves every article either in its old or in its new version, never
//! half-written.

use crate::model::vocab::Namespaces;
use crate::rdf::{self, Terms};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, Quad, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// The bulk loader's memory target per write, in megabytes: Oxigraph turns it
/// into batches of about a thousand quads per megabyte.
const BULK_LOAD_MEGABYTES: usize = 64;

/// A problem with the store, in words a user can act on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("the store {path} is in use by another newsgraph process (only one process can write to a store); wait for it to finish, or pass --store to use another folder")]
    Locked { path: PathBuf },
    #[error("no graph at {path}: run `newsgraph build` first, or pass --store with the folder a build wrote")]
    Missing { path: PathBuf },
    #[error("cannot open the store {path}: {message}")]
    Open { path: PathBuf, message: String },
    #[error("this newsgraph was built without the persistent store (the `rocksdb` feature); it cannot open {path}")]
    NoPersistence { path: PathBuf },
    #[error("the store {path} was built with the base IRI {stored}, not {given}; pass --base {stored}, or use another --store")]
    BaseMismatch {
        path: PathBuf,
        stored: String,
        given: String,
    },
    #[error("store error: {0}")]
    Storage(#[from] StorageError),
    #[error("SPARQL syntax error: {0}")]
    QuerySyntax(String),
    #[error("SPARQL evaluation failed: {0}")]
    QueryEvaluation(String),
}

/// What the store knows about an article it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    pub content_hash: String,
    pub extractor: String,
    pub source_path: String,
}

/// The graph store.
pub struct GraphStore {
    store: Store,
    terms: Terms,
}

impl GraphStore {
    /// An empty in-memory store.
    pub fn in_memory(ns: Namespaces) -> GraphStore {
        GraphStore {
            store: Store::new().expect("an in-memory store opens"),
            terms: Terms::new(ns),
        }
    }

    /// Opens (or creates) the persistent store in `path` for writing.
    pub fn open(path: &Path, ns: Namespaces) -> Result<GraphStore, StoreError> {
        #[cfg(feature = "rocksdb")]
        {
            std::fs::create_dir_all(path).map_err(|e| StoreError::Open {
                path: path.into(),
                message: e.to_string(),
            })?;
            let store = Store::open(path).map_err(|e| open_error(path, e))?;
            remove_unfinished_bulk_files(path);
            match stored_namespaces(&store)? {
                Some(stored) if stored != ns => Err(StoreError::BaseMismatch {
                    path: path.into(),
                    stored: base_of(&stored),
                    given: base_of(&ns),
                }),
                _ => Ok(GraphStore {
                    store,
                    terms: Terms::new(ns),
                }),
            }
        }
        #[cfg(not(feature = "rocksdb"))]
        {
            let _ = ns;
            Err(StoreError::NoPersistence { path: path.into() })
        }
    }

    /// The namespaces of the articles a persistent store holds, if it holds any.
    pub fn stored_namespaces(path: &Path) -> Result<Option<Namespaces>, StoreError> {
        if !path.join("CURRENT").exists() {
            return Ok(None);
        }
        #[cfg(feature = "rocksdb")]
        {
            let store = Store::open_read_only(path).map_err(|e| open_error(path, e))?;
            stored_namespaces(&store)
        }
        #[cfg(not(feature = "rocksdb"))]
        Err(StoreError::NoPersistence { path: path.into() })
    }

    /// Opens an existing persistent store for reading; works while a build writes to it.
    pub fn open_read_only(path: &Path, ns: Namespaces) -> Result<GraphStore, StoreError> {
        if !path.join("CURRENT").exists() {
            return Err(StoreError::Missing { path: path.into() });
        }
        #[cfg(feature = "rocksdb")]
        {
            let store = Store::open_read_only(path).map_err(|e| open_error(path, e))?;
            // Read with the namespaces the store was built with.
            let ns = stored_namespaces(&store)?.unwrap_or(ns);
            Ok(GraphStore {
                store,
                terms: Terms::new(ns),
            })
        }
        #[cfg(not(feature = "rocksdb"))]
        {
            let _ = ns;
            Err(StoreError::NoPersistence { path: path.into() })
        }
    }

    pub fn terms(&self) -> &Terms {
        &self.terms
    }

    pub fn namespaces(&self) -> &Namespaces {
        &self.terms.ns
    }

    /// The underlying Oxigraph store.
    pub fn inner(&self) -> &Store {
        &self.store
    }

    /// The articles the store holds, by document id.
    pub fn documents(&self) -> Result<BTreeMap<String, StoredDocument>, StoreError> {
        let q = "SELECT ?d ?hash ?extractor ?path WHERE { GRAPH ?d { ?d a schema:NewsArticle ; ng:contentHash ?hash ; ng:extractor ?extractor ; ng:sourcePath ?path } }";
        let mut out = BTreeMap::new();
        for row in self.select(q)? {
            let id = row[0]
                .strip_prefix(self.terms.ns.doc.as_str())
                .unwrap_or(&row[0])
                .to_string();
            out.insert(
                id,
                StoredDocument {
                    content_hash: row[1].clone(),
                    extractor: row[2].clone(),
                    source_path: row[3].clone(),
                },
            );
        }
        Ok(out)
    }

    /// The stored versions of the given articles (those the store holds), each
    /// read from its own graph: the work grows with `ids`, not with the store.
    pub fn documents_among<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a String>,
    ) -> Result<BTreeMap<String, StoredDocument>, StoreError> {
        let literal = |graph: &NamedNode, p: &str| -> Result<Option<String>, StoreError> {
            let p = rdf::ng(p);
            match self
                .store
                .quads_for_pattern(
                    Some(graph.as_ref().into()),
                    Some(p.as_ref()),
                    None,
                    Some(GraphNameRef::NamedNode(graph.as_ref())),
                )
                .next()
            {
                Some(q) => Ok(match q?.object {
                    Term::Literal(l) => Some(l.value().to_string()),
                    _ => None,
                }),
                None => Ok(None),
            }
        };
        let mut out = BTreeMap::new();
        for id in ids {
            let graph = self.terms.doc(id);
            let (Some(content_hash), Some(extractor), Some(source_path)) = (
                literal(&graph, "contentHash")?,
                literal(&graph, "extractor")?,
                literal(&graph, "sourcePath")?,
            ) else {
                continue;
            };
            out.insert(
                id.clone(),
                StoredDocument {
                    content_hash,
                    extractor,
                    source_path,
                },
            );
        }
        Ok(out)
    }

    /// How many articles the store holds, counted on the type index.
    pub fn article_count(&self) -> Result<usize, StoreError> {
        let article = rdf::schema("NewsArticle");
        let mut n = 0;
        for q in self.store.quads_for_pattern(
            None,
            Some(rdf::rdf_type().as_ref()),
            Some(article.as_ref().into()),
            None,
        ) {
            if q?.graph_name.is_named_node() {
                n += 1;
            }
        }
        Ok(n)
    }

    /// Replaces the named graphs of the given articles with new quads. Articles
    /// the store already holds are replaced in one transaction; new ones are
    /// written by Oxigraph's bulk loader, which sorts them into files that the
    /// store takes in at once on commit (all or nothing, and many times faster
    /// than a transaction for a fresh corpus).
    pub fn replace_documents(&self, batch: Vec<(String, Vec<Quad>)>) -> Result<(), StoreError> {
        let mut replaced = Vec::new();
        let mut new = Vec::new();
        for (id, quads) in batch {
            let graph = self.terms.doc(&id);
            if self.store.contains_named_graph(graph.as_ref())? {
                replaced.push((graph, quads));
            } else {
                new.push(quads);
            }
        }
        if !replaced.is_empty() {
            let mut t = self.store.start_transaction()?;
            for (graph, quads) in replaced {
                t.clear_graph(GraphNameRef::NamedNode(graph.as_ref()))?;
                t.insert_named_graph(graph.as_ref());
                for q in &quads {
                    t.insert(q);
                }
            }
            t.commit()?;
        }
        if !new.is_empty() {
            // Batches of at most about 64,000 quads (Oxigraph's default is a
            // million): a 10 MB article's 236,000 quads then never sit in the
            // loader at once. The commit stays one atomic step.
            let mut loader = self
                .store
                .bulk_loader()
                .with_num_threads(1)
                .with_max_memory_size_in_megabytes(BULK_LOAD_MEGABYTES);
            // The quads are moved into the loader, not copied: a large article's
            // graph is in memory once.
            loader.load_quads(new.into_iter().flatten())?;
            loader.commit()?;
        }
        Ok(())
    }

    /// Removes articles' named graphs.
    pub fn remove_documents(&self, ids: &[String]) -> Result<(), StoreError> {
        let mut t = self.store.start_transaction()?;
        for id in ids {
            let graph = self.terms.doc(id);
            t.remove_named_graph(graph.as_ref())?;
        }
        t.commit()?;
        Ok(())
    }

    /// The entities that the given articles' occurrences name, as IRIs: read
    /// before the articles are replaced or removed, they are the entities whose
    /// description may change.
    pub fn entities_of_documents(&self, ids: &[String]) -> Result<BTreeSet<String>, StoreError> {
        let entity = rdf::ng("entity");
        let mut out = BTreeSet::new();
        for id in ids {
            let graph = self.terms.doc(id);
            for q in self.store.quads_for_pattern(
                None,
                Some(entity.as_ref()),
                None,
                Some(GraphNameRef::NamedNode(graph.as_ref())),
            ) {
                if let Term::NamedNode(n) = q?.object {
                    out.insert(n.into_string());
                }
            }
        }
        Ok(out)
    }

    /// Rewrites the entity graph's description of the given entities from their
    /// occurrences in all articles, found through the object index: the work
    /// grows with those entities' occurrences, not with the store. An entity no
    /// article names any more loses its description. The result is the graph a
    /// fresh build writes: the merge of an entity depends only on its own
    /// occurrences.
    pub fn update_entities(&self, entities: &BTreeSet<String>) -> Result<(), StoreError> {
        let merger = self.entity_occurrences(entities)?;
        self.describe_entities(entities, &merger)?;
        Ok(())
    }

    /// The occurrences of the given entities in all articles, merged.
    pub fn entity_occurrences(
        &self,
        entities: &BTreeSet<String>,
    ) -> Result<rdf::EntityMerger, StoreError> {
        let entity_p = rdf::ng("entity");
        let predicates: HashSet<NamedNode> =
            rdf::entities::occurrence_predicates().into_iter().collect();
        let mut merger = rdf::EntityMerger::default();
        let mut nodes = Vec::new();
        for e in entities {
            let Ok(e) = NamedNode::new(e.as_str()) else {
                continue;
            };
            for q in self.store.quads_for_pattern(
                None,
                Some(entity_p.as_ref()),
                Some(e.as_ref().into()),
                None,
            ) {
                nodes.push(q?);
            }
        }
        for occurrence in nodes {
            let mut quads = Vec::new();
            for q in self.store.quads_for_pattern(
                Some(occurrence.subject.as_ref()),
                None,
                None,
                Some(occurrence.graph_name.as_ref()),
            ) {
                let q = q?;
                if predicates.contains(&q.predicate) {
                    quads.push(q);
                }
            }
            for (node, o) in rdf::occurrences_of(&quads) {
                merger.add(&node, o);
            }
        }
        Ok(merger)
    }

    /// Replaces the entity graph's description of the given entities with
    /// what `merger` gathered of them (none for an entity it holds nothing of).
    /// Returns by how much the number of described entities changed.
    pub fn describe_entities(
        &self,
        entities: &BTreeSet<String>,
        merger: &rdf::EntityMerger,
    ) -> Result<i64, StoreError> {
        let mut change = 0i64;
        let graph = self.terms.entities_graph();
        let mut t = self.store.start_transaction()?;
        for e in entities {
            let Ok(e) = NamedNode::new(e.as_str()) else {
                continue;
            };
            let old = t
                .quads_for_pattern(
                    Some(e.as_ref().into()),
                    None,
                    None,
                    Some(GraphNameRef::NamedNode(graph.as_ref())),
                )
                .collect::<Result<Vec<Quad>, _>>()?;
            for q in &old {
                t.remove(q);
            }
            change += i64::from(merger.contains(e.as_str())) - i64::from(!old.is_empty());
        }
        t.insert_named_graph(graph.as_ref());
        for q in &merger.subset(entities).quads(&self.terms) {
            t.insert(q);
        }
        t.commit()?;
        Ok(change)
    }

    /// How many entities the entity graph describes (one label each).
    pub fn entity_count(&self) -> Result<usize, StoreError> {
        let graph = self.terms.entities_graph();
        let label = rdf::rdfs_label();
        let mut n = 0;
        for q in self.store.quads_for_pattern(
            None,
            Some(label.as_ref()),
            None,
            Some(GraphNameRef::NamedNode(graph.as_ref())),
        ) {
            q?;
            n += 1;
        }
        Ok(n)
    }

    /// Writes the entity graph the merger gathered, unless the store holds it
    /// already; returns the number of entities. A build that wrote every article
    /// of the store gathers the occurrences as it goes; one that wrote some
    /// calls [`GraphStore::update_entities`] instead.
    pub fn write_entities(&self, merger: rdf::EntityMerger) -> Result<usize, StoreError> {
        let entities = merger.len();
        let quads = merger.quads(&self.terms);
        let graph = self.terms.entities_graph();
        let stored = self
            .store
            .quads_for_pattern(
                None,
                None,
                None,
                Some(GraphNameRef::NamedNode(graph.as_ref())),
            )
            .collect::<Result<std::collections::HashSet<Quad>, _>>()?;
        if stored.len() == quads.len() && quads.iter().all(|q| stored.contains(q)) {
            return Ok(entities);
        }
        if stored.is_empty() {
            // A new store: the bulk loader writes the graph at once, as it does articles.
            // Batches of at most about 64,000 quads (Oxigraph's default is a
            // million): a 10 MB article's 236,000 quads then never sit in the
            // loader at once. The commit stays one atomic step.
            let mut loader = self
                .store
                .bulk_loader()
                .with_num_threads(1)
                .with_max_memory_size_in_megabytes(BULK_LOAD_MEGABYTES);
            loader.load_quads(quads)?;
            loader.commit()?;
            return Ok(entities);
        }
        let mut t = self.store.start_transaction()?;
        t.clear_graph(GraphNameRef::NamedNode(graph.as_ref()))?;
        t.insert_named_graph(graph.as_ref());
        for q in &quads {
            t.insert(q);
        }
        t.commit()?;
        Ok(entities)
    }

    /// Runs a SPARQL query over the union of all graphs, with the newsgraph prefixes declared.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'_>, StoreError> {
        let text = format!("{}{}", self.terms.ns.sparql_prologue(), sparql);
        let mut prepared = SparqlEvaluator::new().parse_query(&text).map_err(|e| {
            StoreError::QuerySyntax(strip_prologue_lines(&e.to_string(), &self.terms.ns))
        })?;
        prepared.dataset_mut().set_default_graph_as_union();
        prepared
            .on_store(&self.store)
            .execute()
            .map_err(|e| StoreError::QueryEvaluation(e.to_string()))
    }

    /// A SELECT query's rows, every value as a plain string (IRIs without brackets,
    /// literals by their lexical value, unbound as "").
    pub fn select(&self, sparql: &str) -> Result<Vec<Vec<String>>, StoreError> {
        Ok(self
            .select_terms(sparql)?
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|t| match t {
                        Some(Term::NamedNode(n)) => n.into_string(),
                        Some(Term::Literal(l)) => l.value().to_string(),
                        Some(Term::BlankNode(b)) => format!("_:{}", b.as_str()),
                        #[allow(unreachable_patterns)]
                        Some(other) => other.to_string(),
                        None => String::new(),
                    })
                    .collect()
            })
            .collect())
    }

    /// A SELECT query's rows as terms.
    pub fn select_terms(&self, sparql: &str) -> Result<Vec<Vec<Option<Term>>>, StoreError> {
        match self.query(sparql)? {
            QueryResults::Solutions(solutions) => {
                let vars = solutions.variables().to_vec();
                let mut rows = Vec::new();
                for s in solutions {
                    let s = s.map_err(|e| StoreError::QueryEvaluation(e.to_string()))?;
                    rows.push(vars.iter().map(|v| s.get(v).cloned()).collect());
                }
                Ok(rows)
            }
            _ => Err(StoreError::QueryEvaluation(
                "expected a SELECT query".into(),
            )),
        }
    }

    /// Every quad of the store, sorted by graph, subject, predicate and object.
    pub fn quads_sorted(&self) -> Result<Vec<Quad>, StoreError> {
        let mut quads = self.store.iter().collect::<Result<Vec<_>, _>>()?;
        quads.sort_by_cached_key(|q| {
            (
                q.graph_name.to_string(),
                q.subject.to_string(),
                q.predicate.to_string(),
                q.object.to_string(),
            )
        });
        Ok(quads)
    }

    /// Number of quads in the store.
    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.store.len()?)
    }

    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.store.is_empty()?)
    }

    /// Makes sure everything written is on disk.
    pub fn flush(&self) -> Result<(), StoreError> {
        #[cfg(feature = "rocksdb")]
        self.store.flush()?;
        Ok(())
    }

    /// Whether `iri` names an entity in the entity graph.
    pub fn has_entity(&self, iri: &str) -> Result<bool, StoreError> {
        let graph = self.terms.entities_graph();
        let node = NamedNodeRef::new_unchecked(iri);
        Ok(self
            .store
            .quads_for_pattern(
                Some(node.into()),
                None,
                None,
                Some(GraphNameRef::NamedNode(graph.as_ref())),
            )
            .next()
            .is_some())
    }
}

/// The namespaces the store's articles were written with: a document IRI is
/// `<base>doc/<id>`.
#[cfg(feature = "rocksdb")]
fn stored_namespaces(store: &Store) -> Result<Option<Namespaces>, StoreError> {
    let q = "SELECT ?d WHERE { GRAPH ?d { ?d a <https://schema.org/NewsArticle> } } LIMIT 1";
    let results = SparqlEvaluator::new()
        .parse_query(q)
        .map_err(|e| StoreError::QuerySyntax(e.to_string()))?
        .on_store(store)
        .execute()
        .map_err(|e| StoreError::QueryEvaluation(e.to_string()))?;
    let QueryResults::Solutions(mut solutions) = results else {
        return Ok(None);
    };
    let Some(row) = solutions.next() else {
        return Ok(None);
    };
    let row = row.map_err(|e| StoreError::QueryEvaluation(e.to_string()))?;
    let Some(Term::NamedNode(d)) = row.get("d") else {
        return Ok(None);
    };
    Ok(d.as_str()
        .rsplit_once('/')
        .and_then(|(prefix, _)| prefix.strip_suffix("doc"))
        .map(Namespaces::new))
}

#[cfg(feature = "rocksdb")]
fn base_of(ns: &Namespaces) -> String {
    ns.doc.strip_suffix("doc/").unwrap_or(&ns.doc).to_string()
}

/// Removes the sorted files a bulk load writes before the store takes them in
/// (`bulk-*.sst`), left behind when a build was killed while loading. Called
/// with the store open for writing: its lock means no other load is running,
/// and taken-in files have other names.
#[cfg(feature = "rocksdb")]
fn remove_unfinished_bulk_files(path: &Path) {
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(feature = "rocksdb")]
fn open_error(path: &Path, e: StorageError) -> StoreError {
    let message = e.to_string();
    if message.contains("lock") || message.contains("Resource temporarily unavailable") {
        StoreError::Locked { path: path.into() }
    } else {
        StoreError::Open {
            path: path.into(),
            message,
        }
    }
}

/// Parse errors count lines from the top of the query text, which starts with
/// the prefix prologue; say so rather than confuse the user.
fn strip_prologue_lines(message: &str, ns: &Namespaces) -> String {
    let lines = ns.prefixes().len();
    format!("{message} (line numbers count {lines} PREFIX lines newsgraph adds before your query)")
}

#[cfg(all(test, feature = "rocksdb"))]
mod tests {
    use super::*;

    #[test]
    fn opening_for_writing_removes_the_files_of_a_killed_bulk_load() {
        let dir = tempfile::tempdir().unwrap();
        drop(GraphStore::open(dir.path(), Namespaces::default()).unwrap());
        std::fs::write(dir.path().join("bulk-1234.sst"), b"half written").unwrap();
        std::fs::write(dir.path().join("notes.txt"), b"not ours to remove").unwrap();
        let _store = GraphStore::open(dir.path(), Namespaces::default()).unwrap();
        assert!(!dir.path().join("bulk-1234.sst").exists());
        assert!(dir.path().join("notes.txt").exists());
    }
}
