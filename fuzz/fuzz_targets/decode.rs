//! Article decoding and markup to text, as `newsgraph build` reads a file:
//! bytes ─► `RawFile::parse` (UTF-8 / UTF-16 decoding, binary and empty
//! checks) ─► the HTML, Markdown or plain-text reader ─► header, language,
//! sentences and boilerplate ─► `Document`.
//!
//! The first input byte picks the format, the rest are the file's bytes.
//! Bytes that do not decode must give an error, never a panic; a document must
//! keep its sentences inside its text, on character boundaries and in order.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::ingest::{Format, RawFile};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let (format, name) = match selector % 3 {
        0 => (Format::Text, "article.txt"),
        1 => (Format::Markdown, "article.md"),
        _ => (Format::Html, "article.html"),
    };
    let raw = RawFile::new(name.into(), format, bytes.to_vec());
    let Ok(doc) = raw.parse() else {
        return;
    };
    assert!(
        std::str::from_utf8(bytes).is_ok()
            || bytes.starts_with(b"\xFF\xFE")
            || bytes.starts_with(b"\xFE\xFF"),
        "bytes that are not UTF-8 (nor UTF-16 with a byte-order mark) were read as text"
    );
    let mut previous_end = 0;
    for s in &doc.sentences {
        assert!(
            s.start <= s.end && s.end <= doc.text.len(),
            "{s:?} outside the text"
        );
        assert!(
            doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end),
            "{s:?} not on character boundaries"
        );
        assert!(
            s.start >= previous_end,
            "{s:?} overlaps the sentence before it"
        );
        previous_end = s.end;
    }
});
