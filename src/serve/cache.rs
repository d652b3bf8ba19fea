//! Answers of a read-only endpoint, kept by query text and Accept header.
//!
//! A read-only `serve` reads the store as it was when the server opened it, so
//! the same query asked with the same Accept header always gets the same
//! answer: the explorer's start page and the canned queries are asked again
//! and again. Only successful answers are kept, each up to a size limit, and
//! the whole cache is emptied when it would grow past its budget (simple, and
//! a cache that refills costs only the queries it had saved). A writable
//! endpoint keeps no answers.
//!
//! ```text
//! (query, accept) ─► get ─► hit: the stored body, copied into a new answer
//!                       └► miss: run the query ─► put (200 and small enough only)
//! ```

use std::collections::HashMap;
use std::sync::Mutex;

/// The most bytes one kept answer may have.
const MAX_ANSWER: usize = 8 << 20;
/// The most bytes all kept answers may have together.
const BUDGET: usize = 128 << 20;

/// A kept answer: media type and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

/// Answers by (query text, Accept header).
#[derive(Debug, Default)]
pub struct AnswerCache {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    answers: HashMap<(String, String), Kept>,
    bytes: usize,
}

impl AnswerCache {
    /// The kept answer to this query with this Accept header, if any.
    pub fn get(&self, query: &str, accept: &str) -> Option<Kept> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner
            .answers
            .get(&(query.to_string(), accept.to_string()))
            .cloned()
    }

    /// Keeps a successful answer, unless it is over the size limit.
    pub fn put(&self, query: &str, accept: &str, kept: Kept) {
        let size = kept.body.len() + query.len() + accept.len();
        if size > MAX_ANSWER {
            return;
        }
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.bytes + size > BUDGET {
            inner.answers.clear();
            inner.bytes = 0;
        }
        let key = (query.to_string(), accept.to_string());
        if !inner.answers.contains_key(&key) {
            inner.bytes += size;
            inner.answers.insert(key, kept);
        }
    }

    /// How many answers are kept.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.inner
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .answers
            .len()
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(bytes: usize) -> Kept {
        Kept {
            content_type: "text/csv",
            body: vec![b'x'; bytes],
        }
    }

    #[test]
    fn answers_are_kept_by_query_and_accept() {
        let cache = AnswerCache::default();
        cache.put("SELECT 1", "text/csv", kept(3));
        assert_eq!(cache.get("SELECT 1", "text/csv"), Some(kept(3)));
        assert_eq!(cache.get("SELECT 1", "application/json"), None);
        assert_eq!(cache.get("SELECT 2", "text/csv"), None);
    }

    #[test]
    fn big_answers_are_not_kept_and_a_full_cache_starts_over() {
        let cache = AnswerCache::default();
        cache.put("big", "", kept(MAX_ANSWER + 1));
        assert!(cache.is_empty());
        let step = MAX_ANSWER - 16;
        let fits = BUDGET / step;
        for i in 0..fits {
            cache.put(&format!("q{i}"), "", kept(step));
        }
        assert_eq!(cache.len(), fits);
        cache.put("one more", "", kept(step));
        assert_eq!(cache.len(), 1, "emptied, then the new answer kept");
        assert!(cache.get("one more", "").is_some());
    }
}
