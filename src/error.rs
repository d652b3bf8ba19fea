//! The library's error type: one enum, with the lower layers' errors wrapped.

use std::path::PathBuf;

/// Everything that can go wrong in the library, each with a message a user can act on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Ingest(#[from] crate::ingest::IngestError),
    #[error("{path}: {message}")]
    Data { path: PathBuf, message: String },
    #[error("{0}")]
    Other(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
