//! Tables of words and phrases from the data files, matched against tokens.
//!
//! An entry ("more than", "Mio.", "US$") is tokenized the way the text is, so
//! it matches the same tokens with the same spacing: parts written together
//! must touch in the text, parts written apart must be separated by whitespace.
//! An entry written with an upper-case letter matches only as written ("May",
//! "USD"); a lower-case entry matches in any case. Lookups go through the first
//! token's lower-case form and return the longest entry that matches.

use super::tokens::{Kind, Tokens};
use rustc_hash::FxHashMap;

struct Part {
    text: String,
    glued: bool,
}

struct Phrase<V> {
    parts: Vec<Part>,
    exact_case: bool,
    value: V,
}

/// Phrases with a value each, looked up at a token position.
pub(super) struct PhraseTable<V> {
    by_first: FxHashMap<String, Vec<Phrase<V>>>,
}

impl<V> Default for PhraseTable<V> {
    fn default() -> Self {
        PhraseTable {
            by_first: FxHashMap::default(),
        }
    }
}

impl<V> PhraseTable<V> {
    /// Adds `phrase` unless the same phrase is already there: the first entry
    /// wins, which is how one language's words take precedence when two are merged.
    /// A phrase with no visible characters is ignored.
    pub fn insert(&mut self, phrase: &str, value: V) {
        let tokens = Tokens::new(phrase);
        let exact_case = phrase.chars().any(char::is_uppercase);
        let parts: Vec<Part> = (0..tokens.len())
            .filter(|&i| tokens.kind(i) != Some(Kind::Break))
            .map(|i| Part {
                text: if exact_case {
                    tokens.text(i).to_string()
                } else {
                    tokens.lower(i).to_string()
                },
                glued: tokens.glued(i),
            })
            .collect();
        let Some(first) = parts.first() else {
            return;
        };
        let entries = self.by_first.entry(first.text.to_lowercase()).or_default();
        let same = |p: &Phrase<V>| {
            p.exact_case == exact_case
                && p.parts.len() == parts.len()
                && p.parts
                    .iter()
                    .zip(&parts)
                    .all(|(a, b)| a.text == b.text && a.glued == b.glued)
        };
        if entries.iter().any(same) {
            return;
        }
        entries.push(Phrase {
            parts,
            exact_case,
            value,
        });
    }

    /// The longest phrase starting at token `i`: the index just past it and its value.
    pub fn longest_at(&self, tokens: &Tokens, i: usize) -> Option<(usize, &V)> {
        let entries = self.by_first.get(tokens.lower(i))?;
        entries
            .iter()
            .filter(|p| p.matches(tokens, i))
            // The earliest of the longest, so the first language of a merge wins.
            .fold(None, |best: Option<&Phrase<V>>, p| match best {
                Some(b) if b.parts.len() >= p.parts.len() => Some(b),
                _ => Some(p),
            })
            .map(|p| (i + p.parts.len(), &p.value))
    }

    /// Like [`PhraseTable::longest_at`], for a phrase that must touch the token
    /// before it ("th" in "18th", "bn" in "1bn").
    pub fn glued_at(&self, tokens: &Tokens, i: usize) -> Option<(usize, &V)> {
        if tokens.glued(i) {
            self.longest_at(tokens, i)
        } else {
            None
        }
    }

    /// Whether the phrase starting at token `i` is in the table.
    pub fn contains_at(&self, tokens: &Tokens, i: usize) -> bool {
        self.longest_at(tokens, i).is_some()
    }
}

impl<V> Phrase<V> {
    fn matches(&self, tokens: &Tokens, i: usize) -> bool {
        self.parts.iter().enumerate().all(|(k, part)| {
            let at = i + k;
            if at >= tokens.len() || tokens.kind(at) == Some(Kind::Break) {
                return false;
            }
            if k > 0 && tokens.glued(at) != part.glued {
                return false;
            }
            if self.exact_case {
                tokens.text(at) == part.text
            } else {
                tokens.lower(at) == part.text
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_entry_wins_and_spacing_counts() {
        let mut table = PhraseTable::default();
        table.insert("mio", 1);
        table.insert("mio.", 2);
        table.insert("more than", 3);
        let t = Tokens::new("Mio. Mio . more than morethan");
        assert_eq!(table.longest_at(&t, 0), Some((2, &2)));
        assert_eq!(table.longest_at(&t, 2), Some((3, &1)));
        assert_eq!(table.longest_at(&t, 4), Some((6, &3)));
        assert_eq!(table.longest_at(&t, 6), None);
    }

    #[test]
    fn upper_case_entries_match_as_written() {
        let mut table = PhraseTable::default();
        table.insert("May", 5);
        table.insert("euro", 0);
        let t = Tokens::new("May may EURO");
        assert_eq!(table.longest_at(&t, 0), Some((1, &5)));
        assert_eq!(table.longest_at(&t, 1), None);
        assert_eq!(table.longest_at(&t, 2), Some((3, &0)));
    }

    #[test]
    fn the_first_entry_wins() {
        let mut table = PhraseTable::default();
        table.insert("billion", 9);
        table.insert("billion", 12);
        let t = Tokens::new("billion");
        assert_eq!(table.longest_at(&t, 0), Some((1, &9)));
    }
}
