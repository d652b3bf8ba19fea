//! Writing the graph out: RDF serializations of the whole store, the diagram
//! view of its direct triples, and files replaced atomically so that an
//! interrupted build never leaves a half-written export behind.

pub mod view;

use crate::store::{GraphStore, StoreError};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Triple;
use std::io::{self, Write};
use std::path::Path;

/// The RDF formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Turtle,
    TriG,
    NTriples,
    NQuads,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Turtle => "ttl",
            ExportFormat::TriG => "trig",
            ExportFormat::NTriples => "nt",
            ExportFormat::NQuads => "nq",
        }
    }

    fn rdf_format(self) -> RdfFormat {
        match self {
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::TriG => RdfFormat::TriG,
            ExportFormat::NTriples => RdfFormat::NTriples,
            ExportFormat::NQuads => RdfFormat::NQuads,
        }
    }

    /// Whether the format keeps named graphs.
    pub fn is_dataset(self) -> bool {
        matches!(self, ExportFormat::TriG | ExportFormat::NQuads)
    }
}

/// A problem while exporting.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write {path}: {source}")]
    Write { path: String, source: io::Error },
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// Writes the whole graph in `format`, sorted so that the same graph always gives
/// the same bytes. Triple formats get the union of all named graphs, each triple once.
pub fn write_rdf(
    store: &GraphStore,
    format: ExportFormat,
    out: impl Write,
) -> Result<(), ExportError> {
    let quads = store.quads_sorted()?;
    let mut serializer = RdfSerializer::from_format(format.rdf_format());
    if matches!(format, ExportFormat::Turtle | ExportFormat::TriG) {
        for (prefix, iri) in store.namespaces().prefixes() {
            serializer = serializer
                .with_prefix(prefix, iri)
                .expect("newsgraph prefixes are valid IRIs");
        }
    }
    let mut writer = serializer.for_writer(out);
    if format.is_dataset() {
        for q in &quads {
            writer.serialize_quad(q)?;
        }
    } else {
        let mut triples: Vec<Triple> = quads.into_iter().map(Triple::from).collect();
        triples.sort_by_cached_key(|t| {
            (
                t.subject.to_string(),
                t.predicate.to_string(),
                t.object.to_string(),
            )
        });
        triples.dedup();
        for t in &triples {
            writer.serialize_triple(t)?;
        }
    }
    writer.finish()?.flush()?;
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a
/// rename, so readers see the old file or the new one, never a partial one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let err = |source: io::Error| ExportError::Write {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(err)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".newsgraph-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    // Temporary files are private; an export is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(err)?;
    }
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}
