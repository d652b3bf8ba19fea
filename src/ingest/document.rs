//! The document every later stage reads: plain text with offsets, language,
//! metadata, and sentences.

use crate::model::{Language, PartialDate};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The markup an input file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    /// The format for a file extension (`txt`, `text`, `md`, `markdown`, `html`, `htm`),
    /// case-insensitively; `None` for anything else.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

/// What a sentence is, so that extraction can skip what is not article prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SentenceKind {
    /// Running article text.
    Body,
    /// A headline or section heading (a short line without closing punctuation).
    Heading,
    /// An item of a bulleted or numbered list.
    ListItem,
    /// Text that is not the article's own: embedded social-media posts and their
    /// bylines, "Ask X:" prompts, share/subscribe lines.
    Boilerplate,
    /// Header lines such as `date 2024-10` or `Datum: 17.10.2024`.
    Metadata,
}

impl SentenceKind {
    /// Whether relations are extracted from sentences of this kind.
    pub fn is_content(self) -> bool {
        matches!(
            self,
            SentenceKind::Body | SentenceKind::Heading | SentenceKind::ListItem
        )
    }
}

/// A sentence as a byte range of [`Document::text`], trimmed of surrounding whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub kind: SentenceKind,
    /// Index of the paragraph (block separated by a blank line or a line break) it belongs to.
    pub paragraph: usize,
}

/// One input article, turned into plain text.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// Stable identifier: a slug of the file stem (`003_878f3f8685ed7ceb`).
    pub id: String,
    /// The file stem as given (gold files refer to documents by it).
    pub stem: String,
    /// The path the document was read from.
    pub source: PathBuf,
    pub format: Format,
    /// Plain text after HTML or Markdown is removed; every offset refers to it.
    pub text: String,
    pub language: Language,
    /// ISO 639-1 code of the detected language, also for languages newsgraph does not extract from.
    pub language_code: String,
    pub headline: Option<String>,
    pub date_published: Option<PartialDate>,
    /// `sha256:` + hex digest of the raw file bytes.
    pub content_hash: String,
    pub sentences: Vec<Sentence>,
}

impl Document {
    /// The text of a sentence.
    pub fn sentence_text(&self, sentence: &Sentence) -> &str {
        &self.text[sentence.start..sentence.end]
    }

    /// The file name, for `schema:isBasedOn`.
    pub fn file_name(&self) -> String {
        self.source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.stem.clone())
    }

    /// Converts a byte offset into [`Document::text`] to a Unicode code point offset,
    /// the unit of `ng:start`/`ng:end`.
    pub fn char_offset(&self, byte: usize) -> usize {
        self.text[..byte].chars().count()
    }
}

/// The largest character boundary of `text` at or before byte `index` (the
/// text's length when `index` is past it): where to cut a text near a byte count.
pub fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut at = index.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Turns a file stem into an identifier safe in an IRI: letters, digits, `_`, `-`, `.`;
/// anything else becomes `_`.
pub fn slug_id(stem: &str) -> String {
    let mut out = String::with_capacity(stem.len());
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
            out.push(c);
        } else {
            out.push('_');
        }
    }
    if out.is_empty() {
        out.push_str("doc");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::from_extension("MD"), Some(Format::Markdown));
        assert_eq!(Format::from_extension("htm"), Some(Format::Html));
        assert_eq!(Format::from_extension("pdf"), None);
    }

    #[test]
    fn slugs_keep_safe_characters() {
        assert_eq!(slug_id("003_878f3f8685ed7ceb"), "003_878f3f8685ed7ceb");
        assert_eq!(slug_id("Bericht über KI"), "Bericht__ber_KI");
    }
}
