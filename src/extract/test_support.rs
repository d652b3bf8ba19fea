//! What the extraction modules' unit tests share: an invented text read through
//! the built-in extractor, as its typed names or as the sentences the relation
//! rules see.

use crate::extract::Extractor;
use crate::ingest::parse_in;
use crate::model::{EntityType, Language};

/// Every typed name of `text`, with its type, in text order.
pub fn typed(text: &str, language: Language) -> Vec<(String, EntityType)> {
    let doc = parse_in("t", text, language);
    Extractor::builtin()
        .typed_mentions(&doc)
        .iter()
        .map(|m| {
            let name = doc
                .text
                .chars()
                .skip(m.start)
                .take(m.end - m.start)
                .collect();
            (name, m.entity_type)
        })
        .collect()
}

/// The content sentences of `text` as the relation rules see them, names masked.
pub fn masked(text: &str, language: Language) -> Vec<String> {
    let doc = parse_in("t", text, language);
    let (_, masked) = Extractor::builtin().explain(&doc);
    masked.into_iter().flatten().collect()
}
