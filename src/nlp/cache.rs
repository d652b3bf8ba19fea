//! Per-thread memory of what the token layer worked out for a word form:
//! its [`WordInfo`] and lexical classes (which depend only on the language's
//! lexical data) and its lemma for a tag (which depends on the lemmatizer).
//! News repeats its words, so most words of an article were seen before in
//! it or in an earlier one; the memory is cleared when it grows past a bound.
//!
//! It also keeps, per model, the scores of the features that depend on the
//! word alone (its spelling, affixes, cluster), so that only the features of
//! its context are looked up for every occurrence.
//!
//! ```text
//! form ─► (language, form hash) ─► hit: WordInfo, classes │ miss: computed, kept
//! form + UPOS ─► (lemmatizer id, form hash, UPOS) ─► hit: lemma │ miss: lemmatized, kept
//! form ─► (model id, form hash) ─► hit: word-feature scores │ miss: scored, kept
//! ```

use super::features::WordInfo;
use super::hashing::{mix, str_hash};
use crate::model::Language;
use rustc_hash::FxHashMap;
use std::cell::RefCell;

/// Entries kept per thread before the memory is cleared (about 15 MB).
const LIMIT: usize = 100_000;

#[derive(Default)]
struct Memory {
    words: FxHashMap<u64, (WordInfo, u8)>,
    lemmas: FxHashMap<u64, Box<str>>,
    scores: FxHashMap<u64, Box<[i32]>>,
}

/// Identities of models in this process, for keeping their scores apart.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A new model identity.
pub fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Adds model `model`'s scores of a word's own features (`form_hash` is
/// `WordInfo::form`) to `out`; `make` scores them on a miss.
pub fn add_word_scores(model: u64, form_hash: u64, out: &mut [i32], make: impl FnOnce(&mut [i32])) {
    let key = mix(form_hash, model);
    MEMORY.with(|m| {
        if let Some(hit) = m.borrow().scores.get(&key) {
            for (o, s) in out.iter_mut().zip(hit.iter()) {
                *o += s;
            }
            return;
        }
        let mut value = vec![0i32; out.len()];
        make(&mut value);
        for (o, s) in out.iter_mut().zip(&value) {
            *o += s;
        }
        let mut m = m.borrow_mut();
        if m.scores.len() >= LIMIT {
            m.scores.clear();
        }
        m.scores.insert(key, value.into_boxed_slice());
    })
}

thread_local! {
    static MEMORY: RefCell<Memory> = RefCell::new(Memory::default());
}

/// The word info and lexical classes of `form`, computed by `make` on a miss.
pub fn word(
    language: Language,
    form: &str,
    make: impl FnOnce() -> (WordInfo, u8),
) -> (WordInfo, u8) {
    let key = mix(str_hash(form), language as u64);
    MEMORY.with(|m| {
        if let Some(&hit) = m.borrow().words.get(&key) {
            return hit;
        }
        let value = make();
        let mut m = m.borrow_mut();
        if m.words.len() >= LIMIT {
            m.words.clear();
        }
        m.words.insert(key, value);
        value
    })
}

/// The lemma of a form (by its hash, `WordInfo::form`) with tag `upos` by
/// lemmatizer `lemmatizer`, computed by `make` on a miss; `out` receives it.
pub fn lemma(
    lemmatizer: u64,
    form_hash: u64,
    upos: u8,
    out: &mut String,
    make: impl FnOnce() -> String,
) {
    let key = mix(mix(form_hash, u64::from(upos)), lemmatizer);
    MEMORY.with(|m| {
        if let Some(hit) = m.borrow().lemmas.get(&key) {
            out.push_str(hit);
            return;
        }
        let value = make();
        out.push_str(&value);
        let mut m = m.borrow_mut();
        if m.lemmas.len() >= LIMIT {
            m.lemmas.clear();
        }
        m.lemmas.insert(key, value.into_boxed_str());
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_request_is_answered_from_memory() {
        let mut calls = 0;
        let mut get = |form: &str| {
            word(Language::German, form, || {
                calls += 1;
                (WordInfo::default(), 7)
            })
        };
        assert_eq!(get("Haus").1, 7);
        assert_eq!(get("Haus").1, 7);
        assert_eq!(calls, 1);
        let mut out = String::new();
        let h = str_hash("Häuser");
        lemma(1, h, 7, &mut out, || "Haus".to_string());
        lemma(1, h, 7, &mut out, || unreachable!("remembered"));
        lemma(2, h, 7, &mut out, || "Häuser".to_string());
        assert_eq!(out, "HausHausHäuser");
    }
}
