//! Rule patterns that are checked when the rules load and compiled when a
//! sentence first needs them.
//!
//! A language has a few hundred relation and typing rules. Compiling all their
//! regexes took two thirds of the start-up of every `build`, `eval` and
//! `explain`, while the prefilter keeps most rules from ever running on a small
//! input. So loading parses each pattern (syntax errors are reported then, with
//! the rule's id) and hands the syntax tree to the prefilter and to the check
//! of its named groups; the regex is built on first use, once for all threads.
//!
//! ```text
//! pattern ─► regex-syntax parse (case-insensitive) ─► Hir ─► prefilter words, group names
//!         ─► LazyRegex::get (first use) ─► regex::Regex, kept
//! ```

use regex::Regex;
use regex_syntax::hir::{Hir, HirKind};
use std::sync::OnceLock;

/// Lazy-DFA cache per regex and thread: there are hundreds of rules, and the
/// default size would make their caches the largest part of a build's memory.
const DFA_CACHE_BYTES: usize = 1 << 16;

/// A case-insensitive pattern whose regex is built on first use.
#[derive(Debug)]
pub struct LazyRegex {
    source: String,
    compiled: OnceLock<Regex>,
}

impl LazyRegex {
    /// Parses `source` (case-insensitively, as it will run), returning the lazy
    /// regex and the syntax tree, or the parser's message.
    pub fn parse(source: String) -> Result<(LazyRegex, Hir), String> {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(&source)
            .map_err(|e| e.to_string())?;
        Ok((
            LazyRegex {
                source,
                compiled: OnceLock::new(),
            },
            hir,
        ))
    }

    /// The compiled regex. A pattern that parsed but exceeds the regex size
    /// limit panics here, naming the pattern; the built-in rules are all
    /// compiled by a unit test.
    pub fn get(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            compile(&self.source)
                .unwrap_or_else(|e| panic!("rule pattern {} does not compile: {e}", self.source))
        })
    }

    /// The pattern as expanded from its macros.
    pub fn as_str(&self) -> &str {
        &self.source
    }
}

/// Compiles a pattern case-insensitively with the small lazy-DFA cache.
pub fn compile(source: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(source)
        .case_insensitive(true)
        .dfa_size_limit(DFA_CACHE_BYTES)
        .build()
}

/// The names of the capture groups in `hir`.
pub fn group_names(hir: &Hir) -> Vec<String> {
    let mut names = Vec::new();
    collect_names(hir, &mut names);
    names
}

fn collect_names(hir: &Hir, names: &mut Vec<String>) {
    match hir.kind() {
        HirKind::Capture(c) => {
            if let Some(n) = &c.name {
                names.push(n.to_string());
            }
            collect_names(&c.sub, names);
        }
        HirKind::Repetition(r) => collect_names(&r.sub, names),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            for p in parts {
                collect_names(p, names);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_now_and_compiles_on_first_use() {
        let (re, hir) = LazyRegex::parse(r"(?P<s>\w+) invested in (?P<o>\w+)".into()).unwrap();
        assert_eq!(group_names(&hir), ["s", "o"]);
        assert!(re.compiled.get().is_none());
        let caps = re.get().captures("Microsoft INVESTED in OpenAI").unwrap();
        assert_eq!(&caps["o"], "OpenAI");
        assert!(re.compiled.get().is_some());
        assert!(std::ptr::eq(re.get(), re.get()), "compiled once");
    }

    #[test]
    fn syntax_errors_are_reported_at_load() {
        let e = LazyRegex::parse("(?P<s>unclosed".into()).unwrap_err();
        assert!(e.contains("unclosed"), "{e}");
    }
}
