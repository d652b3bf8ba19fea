//! Files to documents: discovery, decoding, HTML/Markdown to text, language,
//! metadata, boilerplate and sentence splitting.

mod document;

pub use document::{slug_id, Document, Format, Sentence, SentenceKind};

/// A problem with one input, naming the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    #[error("{path}: no such file or folder")]
    NotFound { path: std::path::PathBuf },
}
