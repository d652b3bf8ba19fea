//! Very long articles in parts, so that the memory extraction holds at once
//! stays bounded however long an article is.
//!
//! ```text
//! Document (over SEGMENT_BYTES) ─► split at paragraph ends into parts of about
//!   SEGMENT_BYTES, each a Document of its own text, sentences shifted to it
//! each part ─► extract ─► merge: entities joined by label and type, claims'
//!   entity indices renumbered, sentence indices and code-point spans shifted
//!   back into the whole article
//! ```
//!
//! News articles are a few kB and never split. A part reads only its own
//! sentences, so a pronoun or description at the start of a part cannot
//! reach a name in the part before: the price of a bounded footprint, paid
//! only by articles over 200 kB (a book, a feed dumped into one file).

use super::claim::{ClaimObject, EntityRecord, Extraction};
use crate::ingest::{Document, Sentence};
use rustc_hash::FxHashMap;

/// Articles longer than this (in bytes) are extracted in parts of about this size.
pub(super) const SEGMENT_BYTES: usize = 200_000;

/// One part of a long article.
pub(super) struct Segment {
    pub doc: Document,
    /// Index in the whole article of the part's first sentence.
    pub first_sentence: usize,
    /// Code points of the whole article before the part's text.
    pub char_offset: usize,
}

/// The parts of `doc`, or `None` when it is short enough to extract whole.
pub(super) fn split(doc: &Document, max_bytes: usize) -> Option<Vec<Segment>> {
    if doc.text.len() <= max_bytes || doc.sentences.len() < 2 {
        return None;
    }
    let mut parts: Vec<(usize, usize)> = Vec::new(); // sentence ranges
    let mut first = 0;
    while first < doc.sentences.len() {
        let start = doc.sentences[first].start;
        let mut end = first + 1;
        // Up to the byte budget; then on to the end of the paragraph, unless that is far.
        while end < doc.sentences.len() && doc.sentences[end].end - start <= max_bytes {
            end += 1;
        }
        let paragraph_end = (first + 1..end)
            .rev()
            .find(|&i| doc.sentences[i].paragraph != doc.sentences[i - 1].paragraph);
        if let Some(cut) = paragraph_end.filter(|&cut| end < doc.sentences.len() && cut > first) {
            end = cut;
        }
        parts.push((first, end));
        first = end;
    }
    let mut segments = Vec::with_capacity(parts.len());
    let mut chars_before = 0;
    let mut counted_to = 0;
    for (first, end) in parts {
        let from = doc.sentences[first].start;
        let to = doc.sentences[end - 1].end;
        chars_before += doc.text[counted_to..from].chars().count();
        counted_to = from;
        let sentences = doc.sentences[first..end]
            .iter()
            .map(|s| Sentence {
                start: s.start - from,
                end: s.end - from,
                ..*s
            })
            .collect();
        segments.push(Segment {
            doc: Document {
                text: doc.text[from..to].to_string(),
                sentences,
                ..doc_without_text(doc)
            },
            first_sentence: first,
            char_offset: chars_before,
        });
    }
    Some(segments)
}

/// The document's metadata, without its text and sentences (which a part replaces).
fn doc_without_text(doc: &Document) -> Document {
    Document {
        id: doc.id.clone(),
        stem: doc.stem.clone(),
        source: doc.source.clone(),
        format: doc.format,
        text: String::new(),
        language: doc.language,
        language_code: doc.language_code.clone(),
        headline: doc.headline.clone(),
        date_published: doc.date_published,
        content_hash: doc.content_hash.clone(),
        sentences: Vec::new(),
    }
}

/// Joins the extractions of the parts into the whole article's.
pub(super) fn merge(parts: Vec<(Segment, Extraction)>) -> Extraction {
    let mut merged = Extraction::default();
    let mut by_name: FxHashMap<(String, crate::model::EntityType), usize> = FxHashMap::default();
    for (segment, extraction) in parts {
        let index: Vec<usize> = extraction
            .entities
            .into_iter()
            .map(|record| join(&mut merged.entities, &mut by_name, record))
            .collect();
        let shift =
            |span: (usize, usize)| (span.0 + segment.char_offset, span.1 + segment.char_offset);
        for mut claim in extraction.claims {
            claim.subject = index[claim.subject];
            if let ClaimObject::Entity(o) = claim.object {
                claim.object = ClaimObject::Entity(index[o]);
            }
            claim.attributed_to = claim.attributed_to.map(|a| index[a]);
            claim.sentence += segment.first_sentence;
            (claim.start, claim.end) = shift((claim.start, claim.end));
            claim.subject_span = claim.subject_span.map(shift);
            claim.object_span = claim.object_span.map(shift);
            merged.claims.push(claim);
        }
    }
    merged
}

/// Adds an entity of a part to the merged list (joining the one of the same
/// label and type); returns its index there.
fn join(
    entities: &mut Vec<EntityRecord>,
    by_name: &mut FxHashMap<(String, crate::model::EntityType), usize>,
    record: EntityRecord,
) -> usize {
    let key = (record.label.clone(), record.entity_type);
    if let Some(&at) = by_name.get(&key) {
        let kept = &mut entities[at];
        kept.mentions += record.mentions;
        kept.aliases.extend(record.aliases);
        kept.from_lexicon |= record.from_lexicon;
        if kept.wikidata.is_none() {
            kept.wikidata = record.wikidata;
        }
        if kept.article_label.is_none() {
            kept.article_label = record.article_label;
        }
        return at;
    }
    by_name.insert(key, entities.len());
    entities.push(record);
    entities.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;
    use crate::ingest::parse_in;
    use crate::model::Language;

    /// Paragraphs of invented news, each complete in itself, some with
    /// characters outside ASCII so that code points and bytes differ.
    fn paragraphs(n: usize) -> String {
        (0..n)
            .map(|i| match i % 3 {
                0 => format!("Globex invested €{i} million in Initech. Its chief executive, Zoë Brandt, welcomed the deal."),
                1 => "Umbrella Corp acquired Hooli in Zürich. Hooli's founder said the price was fair.".to_string(),
                _ => "Initech competes with Globex in Europe. Analysts expect more deals.".to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    #[test]
    fn parts_end_at_paragraphs_and_cover_every_sentence() {
        let doc = parse_in("t", &paragraphs(30), Language::English);
        let parts = split(&doc, 500).unwrap();
        assert!(parts.len() > 3);
        let mut next = 0;
        for part in &parts {
            assert_eq!(part.first_sentence, next);
            let first = &doc.sentences[part.first_sentence];
            assert_eq!(
                part.doc.text,
                doc.text[first.start..first.start + part.doc.text.len()]
            );
            assert_eq!(part.char_offset, doc.text[..first.start].chars().count());
            assert!(
                part.doc.text.ends_with("deal.")
                    || part.doc.text.ends_with("fair.")
                    || part.doc.text.ends_with("deals.")
            );
            next += part.doc.sentences.len();
        }
        assert_eq!(next, doc.sentences.len());
        assert!(split(&doc, doc.text.len()).is_none());
    }

    #[test]
    fn an_article_in_parts_gives_the_facts_of_the_whole() {
        let doc = parse_in("t", &paragraphs(30), Language::English);
        let extractor = Extractor::builtin();
        let whole = extractor.extract_in_parts(&doc, usize::MAX);
        assert!(split(&doc, 500).is_some_and(|p| p.len() > 3));
        let parted = extractor.extract_in_parts(&doc, 500);
        assert!(!whole.claims.is_empty());
        let view = |e: &Extraction| {
            let mut claims: Vec<String> = e
                .claims
                .iter()
                .map(|c| {
                    let object = match &c.object {
                        ClaimObject::Entity(o) => e.label(*o).to_string(),
                        other => format!("{other:?}"),
                    };
                    format!(
                        "{} {:?} {object} s{} {}-{} {:?} {:?}",
                        e.label(c.subject),
                        c.relation,
                        c.sentence,
                        c.start,
                        c.end,
                        c.subject_span,
                        c.object_span
                    )
                })
                .collect();
            claims.sort();
            let mut entities: Vec<(String, usize)> = e
                .entities
                .iter()
                .map(|r| (r.label.clone(), r.mentions))
                .collect();
            entities.sort();
            (claims, entities)
        };
        assert_eq!(view(&parted), view(&whole));
    }
}
