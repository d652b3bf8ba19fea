//! Files to documents: discovery, decoding, HTML/Markdown to text, metadata,
//! language, sentence splitting and boilerplate.
//!
//! ```text
//! discover(paths) ─► article files (sorted) + problems
//! load(file)      ─► bytes ─► hash, decode (UTF-8 / UTF-16) ─► parse
//! parse(raw)      ─► markup reader (html / markdown / plain text): plain text + one line per block
//!                 ─► header: leading metadata lines (date, title, lang)
//!                 ─► language (markup hint, whatlang, function words)
//!                 ─► sentences: line kinds, list markers, abbreviation-aware splitting
//!                 ─► boilerplate: embedded posts, prompts, share and credit lines
//!                 ─► Document
//! ```
//!
//! Every offset in a [`Document`] is a byte offset into [`Document::text`], the
//! plain text that the markup reader produced. Language knowledge
//! (abbreviations, function words, boilerplate patterns, section labels) lives
//! in `data/ingest/`.
//!
//! ```
//! use newsgraph::ingest::{parse, Format, SentenceKind};
//!
//! let doc = parse(
//!     "notiz.txt".into(),
//!     "Datum: 17.10.2024\nMicrosoft investierte am 17. Oktober in OpenAI. Das war neu.\n",
//!     Format::Text,
//!     "sha256:00".into(),
//! );
//! assert_eq!(doc.date_published.unwrap().to_string(), "2024-10-17");
//! let kinds: Vec<_> = doc.sentences.iter().map(|s| s.kind).collect();
//! assert_eq!(kinds, [SentenceKind::Metadata, SentenceKind::Body, SentenceKind::Body]);
//! ```

mod blocks;
mod boilerplate;
mod data;
mod document;
mod files;
mod header;
mod html;
mod language;
mod markdown;
mod parse;
mod sentences;

pub(crate) use data::entries as data_entries;
pub use document::{floor_char_boundary, slug_id, Document, Format, Sentence, SentenceKind};
pub use files::{discover, load, read, read_within, Discovery, RawFile, DEFAULT_MAX_ARTICLE_BYTES};
pub use header::parse_header_date;
pub use parse::{parse, parse_in};

use std::path::PathBuf;

/// What newsgraph reads, for messages that turn a file away.
const READS: &str = "newsgraph reads .txt, .md and .html files";

/// A problem with one input, naming the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    #[error("{path}: no such file or folder")]
    NotFound { path: PathBuf },
    #[error("{path}: cannot be read ({source})")]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not valid UTF-8 (first invalid byte at offset {offset}, line {line}); save it as UTF-8")]
    NotUtf8 {
        path: PathBuf,
        offset: usize,
        line: usize,
    },
    #[error("{path}: starts with a UTF-16 byte-order mark but is not valid UTF-16 (broken at byte offset {offset}); save it as UTF-8")]
    NotUtf16 { path: PathBuf, offset: usize },
    #[error("{path}: a binary file, not text ({})", READS)]
    Binary { path: PathBuf },
    #[error("{path}: empty, there is no text to read")]
    Empty { path: PathBuf },
    #[error("{path}: no articles in this folder ({})", READS)]
    NoArticles { path: PathBuf },
    #[error("{path}: not an article ({})", READS)]
    UnsupportedFormat { path: PathBuf },
    #[error("{path}: {} is over the limit of {} per article; skipped (raise it with --max-article-bytes)", size_text(*size), size_text(*limit))]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{path}: not a regular file (a pipe, socket or device); skipped")]
    SpecialFile { path: PathBuf },
    #[error("{path}: a symbolic link that leads back to itself; skipped")]
    LinkLoop { path: PathBuf },
    #[error("{path}: a symbolic link to {target}, which does not exist; skipped")]
    DanglingLink { path: PathBuf, target: PathBuf },
    #[error("{path}: a link to the folder {target}, which the walk is already inside; skipped")]
    FolderLoop { path: PathBuf, target: PathBuf },
}

/// A size in bytes as people read it: "812 bytes", "3.4 MB" (decimal units).
pub fn size_text(bytes: u64) -> String {
    match bytes {
        b if b < 1_000 => format!("{b} bytes"),
        b if b < 1_000_000 => format!("{:.1} kB", b as f64 / 1e3),
        b if b < 1_000_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b => format!("{:.1} GB", b as f64 / 1e9),
    }
}

impl IngestError {
    /// The file or folder the problem is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            IngestError::NotFound { path }
            | IngestError::Unreadable { path, .. }
            | IngestError::NotUtf8 { path, .. }
            | IngestError::NotUtf16 { path, .. }
            | IngestError::Binary { path }
            | IngestError::Empty { path }
            | IngestError::NoArticles { path }
            | IngestError::UnsupportedFormat { path }
            | IngestError::TooLarge { path, .. }
            | IngestError::SpecialFile { path }
            | IngestError::LinkLoop { path }
            | IngestError::DanglingLink { path, .. }
            | IngestError::FolderLoop { path, .. } => path,
        }
    }
}
