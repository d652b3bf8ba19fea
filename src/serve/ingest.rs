//! `POST /articles?id=ID` on a writable `serve`: one article in, its graph and
//! the entities it names updated, without a process start or a model load per
//! article — the way a news feed adds articles one by one.
//!
//! ```text
//! body (text/plain | text/markdown | text/html, UTF-8), ?id=ID
//!   ─► checks: writable endpoint, a usable id, a known media type, text
//!   ─► one ingest at a time (a lock): the body as ID.txt|.md|.html in a staging folder
//!   ─► build::run_on(open store, that file, no exports): extraction, the article's
//!      named graph, the entities it names (the same steps as `newsgraph build`)
//!   ─► 200 with a JSON report (extracted or unchanged, claims, seconds), or
//!      422 naming what was wrong with the article
//! ```
//!
//! The extractor is made when the server starts and keeps its models once a
//! language's first article has loaded them. Queries go on meanwhile: they read
//! the store as it was before the article's write or after it, never between.

use super::Answer;
use crate::build::{self, BuildOptions, Kept};
use crate::extract::Extractor;
use crate::store::GraphStore;
use std::path::PathBuf;
use std::sync::Mutex;

/// Adds articles sent over HTTP to the store the server holds.
pub struct Ingest {
    extractor: Extractor,
    /// Where each article is written for the build to read, and the entities'
    /// merged occurrences kept between articles (`build::run_on`); one
    /// article at a time.
    state: Mutex<State>,
}

struct State {
    staging: PathBuf,
    kept: Kept,
}

impl Ingest {
    /// An ingester whose articles pass through `staging` (created if missing).
    pub fn new(extractor: Extractor, staging: PathBuf) -> std::io::Result<Ingest> {
        std::fs::create_dir_all(&staging)?;
        Ok(Ingest {
            extractor,
            state: Mutex::new(State {
                staging,
                kept: Kept::default(),
            }),
        })
    }

    /// Forgets the kept totals: the store was changed another way (a SPARQL
    /// update), so they are read from it again.
    pub(super) fn store_changed(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.kept = Kept::default();
    }

    /// Answers `POST /articles`.
    pub(super) fn post(
        &self,
        store: &GraphStore,
        query_string: &str,
        content_type: &str,
        body: &[u8],
        max_bytes: u64,
    ) -> Answer {
        let id = super::request::params(query_string)
            .into_iter()
            .find(|(k, _)| k == "id")
            .map(|(_, v)| v);
        let Some(id) = id else {
            return Answer::error(
                400,
                "name the article: POST /articles?id=ID (letters, digits, '-', '_' and '.')",
            );
        };
        if let Err(why) = check_id(&id) {
            return Answer::error(400, format!("article id {id:?}: {why}"));
        }
        let extension = match super::request::media_type(content_type).as_str() {
            "text/plain" | "application/octet-stream" | "" => "txt",
            "text/markdown" => "md",
            "text/html" => "html",
            other => {
                return Answer::error(
                    415,
                    format!(
                        "articles are text/plain, text/markdown or text/html, not {other} \
                         (with curl: -H 'Content-Type: text/plain' --data-binary @FILE)"
                    ),
                )
            }
        };
        if std::str::from_utf8(body).is_err() {
            return Answer::error(400, "the article is not UTF-8 text");
        }
        if body.iter().all(u8::is_ascii_whitespace) {
            return Answer::error(400, "the article is empty");
        }
        // One article at a time: the staging file and the store's writes.
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let State { staging, kept } = &mut *state;
        let file = staging.join(format!("{id}.{extension}"));
        if let Err(e) = std::fs::write(&file, body) {
            return Answer::error(
                500,
                format!("cannot stage the article in {}: {e}", staging.display()),
            );
        }
        let opts = BuildOptions {
            inputs: vec![file.clone()],
            store: PathBuf::new(),
            out: None,
            prune: false,
            force: false,
            base: None,
            max_article_bytes: max_bytes,
        };
        let result = build::run_on(store, kept, &opts, &self.extractor, &build::Silent);
        if result.is_err() {
            // A build that failed part-way may have written some of it.
            *kept = Kept::default();
        }
        let _ = std::fs::remove_file(&file);
        let stored_id = build::document_ids(std::slice::from_ref(&file))
            .remove(&file)
            .unwrap_or_else(|| id.clone());
        let report = match result {
            Ok(r) => r,
            Err(e) => return Answer::error(500, format!("article {id} was not stored: {e}")),
        };
        if report.failed > 0 {
            let why = report
                .warnings
                .join("; ")
                .replace(&*file.to_string_lossy(), &id);
            return Answer::error(422, format!("article {id} was not stored: {why}"));
        }
        let json = serde_json::json!({
            "id": stored_id,
            "extracted": report.extracted,
            "unchanged": report.unchanged,
            "languages": report.languages,
            "articles": report.articles,
            "entities": report.entities,
            "warnings": report.warnings,
            "seconds": report.seconds,
        });
        let mut body = json.to_string().into_bytes();
        body.push(b'\n');
        Answer {
            status: 200,
            content_type: "application/json",
            body,
        }
    }
}

/// An article id becomes a file name and the article's IRI: letters, digits,
/// '-', '_' and '.', not starting with a dot, at most 200 bytes.
fn check_id(id: &str) -> Result<(), &'static str> {
    if id.is_empty() || id.len() > 200 {
        return Err("must have 1 to 200 characters");
    }
    if id.starts_with('.') {
        return Err("must not start with '.'");
    }
    if !id
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err("may hold only letters, digits, '-', '_' and '.'");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_id;

    #[test]
    fn ids_are_file_names_of_one_part() {
        assert!(check_id("bbc-business-042").is_ok());
        assert!(check_id("Artikel_7.v2").is_ok());
        for bad in ["", "../etc/passwd", "a/b", ".hidden", "with space", "a\\b"] {
            assert!(check_id(bad).is_err(), "{bad:?}");
        }
        assert!(check_id(&"x".repeat(201)).is_err());
    }
}
