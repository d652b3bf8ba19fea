//! Articles built to find work that grows faster than the text: each is made
//! from a real corpus, built alone by a child `newsgraph build` into a fresh
//! store, and reported with its time, CPU time and peak memory beside the
//! corpus's own time per megabyte.
//!
//! ```text
//! corpus articles ─► joined text ─► news-10MB            (real news, 10 MB in one article)
//!                                ─► no-sentence-end-1MB  (the same words, no . ! ?)
//!               opening article ─► repeated-name-1MB     (then one name, over and over)
//!                               ─► capitalized-100k      (then 100,000 capitalized words in a row)
//!   each ─► child build --max-article-bytes 20MB ─► AdversarialRun
//! ```
//!
//! The two articles made of one long run start with a real article, so that
//! their language is detected as the corpus's and extraction runs on them.

use super::{BenchError, BenchOptions};
use crate::ingest;
use serde::Serialize;

/// One adversarial article, built alone.
#[derive(Debug, Clone, Serialize)]
pub struct AdversarialRun {
    pub name: String,
    pub megabytes: f64,
    pub seconds: f64,
    pub cpu_seconds: Option<f64>,
    pub peak_memory_mb: Option<f64>,
    pub claims: usize,
    /// Seconds per megabyte here divided by those of the corpus's whole build.
    pub time_per_mb_ratio: Option<f64>,
}

/// The name repeated in `repeated-name-1MB`: a well-known person.
const NAME: &str = "Angela Merkel";

/// Builds each adversarial article made from `texts` (the corpus's articles)
/// in its own child process; `corpus_seconds_per_mb` is the corpus's rate.
pub fn run(
    texts: &[&str],
    corpus_seconds_per_mb: Option<f64>,
    options: &BenchOptions,
) -> Result<Vec<AdversarialRun>, BenchError> {
    let tmp = tempfile::tempdir().map_err(|source| BenchError::Io {
        path: "temporary folder".into(),
        source,
    })?;
    let mut runs = Vec::new();
    for (name, text) in articles(texts) {
        let file = tmp.path().join(format!("{name}.txt"));
        std::fs::write(&file, &text).map_err(|source| BenchError::Io {
            path: file.clone(),
            source,
        })?;
        let store = tmp.path().join(format!("store-{name}"));
        let report = super::build_child(&file, &store, &["--max-article-bytes", "20MB"], options)
            .map_err(|message| BenchError::Build {
            corpus: file.clone(),
            message,
        })?;
        let seconds = report["seconds"].as_f64().unwrap_or(0.0);
        let megabytes = text.len() as f64 / 1e6;
        runs.push(AdversarialRun {
            name: name.to_string(),
            megabytes,
            seconds,
            cpu_seconds: report["cpu_seconds"].as_f64(),
            peak_memory_mb: report["peak_memory_bytes"].as_f64().map(|b| b / 1e6),
            claims: report["claims"].as_u64().unwrap_or(0) as usize,
            time_per_mb_ratio: corpus_seconds_per_mb
                .filter(|&r| r > 0.0)
                .map(|r| seconds / megabytes / r),
        });
    }
    Ok(runs)
}

/// The four articles, by name.
fn articles(texts: &[&str]) -> Vec<(&'static str, String)> {
    let opening = texts.first().copied().unwrap_or_default();
    let news = repeat_to(texts, 10_000_000, "\n\n");
    let words: String = news
        .chars()
        .filter(|c| !matches!(c, '.' | '!' | '?'))
        .take(1_000_000)
        .collect();
    let names = format!(
        "{opening}\n\n{}",
        repeat_to(
            &[NAME],
            1_000_000usize.saturating_sub(opening.len() + 2),
            " "
        )
    );
    let capitalized: Vec<String> = news
        .split_whitespace()
        .filter(|w| w.chars().all(char::is_alphabetic))
        .map(|w| {
            let mut chars = w.chars();
            let first = chars.next().map(|c| c.to_uppercase().to_string());
            first.unwrap_or_default() + chars.as_str()
        })
        .take(100_000)
        .collect();
    vec![
        ("news-10MB", news),
        ("no-sentence-end-1MB", words),
        ("repeated-name-1MB", names),
        (
            "capitalized-100k",
            format!("{opening}\n\n{}", capitalized.join(" ")),
        ),
    ]
}

/// `parts` joined by `separator` over and over, cut to at most `bytes` bytes (on a character boundary).
fn repeat_to(parts: &[&str], bytes: usize, separator: &str) -> String {
    let mut out = String::with_capacity(bytes + 1024);
    if parts.iter().all(|p| p.is_empty()) {
        return out;
    }
    'fill: loop {
        for part in parts {
            if out.len() >= bytes {
                break 'fill;
            }
            out.push_str(part);
            out.push_str(separator);
        }
    }
    out.truncate(ingest::floor_char_boundary(&out, bytes));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_articles_have_their_sizes_and_shapes() {
        let texts = [
            "Shares in Globex rose. The firm said so!",
            "Initech hired a new boss? Yes.",
        ];
        let made = articles(&texts);
        let names: Vec<&str> = made.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            [
                "news-10MB",
                "no-sentence-end-1MB",
                "repeated-name-1MB",
                "capitalized-100k"
            ]
        );
        assert_eq!(made[0].1.len(), 10_000_000);
        assert!(made[0]
            .1
            .starts_with("Shares in Globex rose. The firm said so!\n\nInitech"));
        assert_eq!(made[1].1.chars().count(), 1_000_000);
        assert!(!made[1].1.contains(['.', '!', '?']));
        assert_eq!(made[2].1.len(), 1_000_000);
        assert!(made[2].1.starts_with(texts[0]));
        assert_eq!(
            made[2].1.matches("Angela Merkel").count(),
            1_000_000 / 14 - 3
        );
        assert_eq!(made[3].1[texts[0].len() + 2..].split(' ').count(), 100_000);
        assert!(made[3].1[texts[0].len() + 2..]
            .split(' ')
            .all(|w| w.starts_with(char::is_uppercase)));
    }

    #[test]
    fn repeating_stops_at_the_size_on_a_character_boundary() {
        assert_eq!(repeat_to(&["äb"], 7, " "), "äb äb");
        assert_eq!(repeat_to(&["äb"], 5, " "), "äb ");
        assert_eq!(repeat_to(&[""], 7, " "), "");
    }
}
