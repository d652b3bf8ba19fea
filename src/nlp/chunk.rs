//! Noun-phrase chunks built on the tags: one regular expression per language
//! (`data/nlp/chunks.toml`) over one letter per word, and the chunk's head,
//! its last noun or proper noun.
//!
//! ```text
//! UPOS of a sentence ─► "DAN.VDN" ─► pattern matches ─► Chunk { start, end, head }
//! ```

use super::upos::Upos;
use crate::model::Language;
use regex::Regex;
use rustc_hash::FxHashSet;
use serde::Deserialize;
use std::sync::LazyLock;

const CONFIG: &str = include_str!("../../data/nlp/chunks.toml");

/// A noun phrase: word indices `[start, end)` of the document's words, and its head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub head: usize,
}

#[derive(Deserialize)]
struct LangConfig {
    possessives: Vec<String>,
    pattern: String,
}

#[derive(Deserialize)]
struct Config {
    en: LangConfig,
    de: LangConfig,
}

struct Grammar {
    possessives: FxHashSet<String>,
    pattern: Regex,
}

static GRAMMARS: LazyLock<(Grammar, Grammar)> = LazyLock::new(|| {
    let c: Config = toml::from_str(CONFIG).expect("data/nlp/chunks.toml is valid");
    let g = |l: LangConfig| Grammar {
        possessives: l.possessives.into_iter().collect(),
        pattern: Regex::new(&l.pattern).expect("chunk pattern compiles"),
    };
    (g(c.en), g(c.de))
});

/// The chunks of one sentence whose words are `first..first + tags.len()`.
pub fn chunks(
    words: &[&str],
    tags: &[Upos],
    first: usize,
    language: Language,
    out: &mut Vec<Chunk>,
) {
    let g = match language {
        Language::German => &GRAMMARS.1,
        _ => &GRAMMARS.0,
    };
    // One ASCII letter per word, so byte offsets are word indices.
    let letters: String = words
        .iter()
        .zip(tags)
        .map(|(w, &t)| {
            if t == Upos::Pron && g.possessives.contains(&w.to_lowercase()) {
                'D'
            } else {
                t.letter()
            }
        })
        .collect();
    for m in g.pattern.find_iter(&letters) {
        let head = letters[m.start()..m.end()]
            .rfind(['N', 'P'])
            .map_or(m.end() - 1, |h| m.start() + h);
        out.push(Chunk {
            start: first + m.start(),
            end: first + m.end(),
            head: first + head,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Upos::*;

    #[test]
    fn noun_phrases_and_their_heads() {
        let words = [
            "Its", "largest", "rival", "bought", "the", "AI", "startup", "Fabrikam", ".",
        ];
        let tags = [Pron, Adj, Noun, Verb, Det, Propn, Noun, Propn, Punct];
        let mut out = Vec::new();
        chunks(&words, &tags, 10, Language::English, &mut out);
        assert_eq!(
            out,
            [
                Chunk {
                    start: 10,
                    end: 13,
                    head: 12
                },
                Chunk {
                    start: 14,
                    end: 18,
                    head: 17
                }
            ]
        );
        let words = ["Der", "Münchner", "Autobauer", "übernahm", "ihn"];
        let tags = [Det, Adj, Noun, Verb, Pron];
        out.clear();
        chunks(&words, &tags, 0, Language::German, &mut out);
        assert_eq!(
            out,
            [Chunk {
                start: 0,
                end: 3,
                head: 2
            }]
        );
    }
}
