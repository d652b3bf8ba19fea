//! Names of sports clubs built from a club abbreviation and a name: "SC
//! Paderborn", "SV Wehen-Wiesbaden", "1. FC Köln", "SG 01 Höchst", "AS Rom".
//!
//! ```text
//! sentence ─► an abbreviation of `club_prefixes` (maybe after "1.", maybe with a
//! year) ─► up to three capitalized words or numbers after it ─► an organization
//! mention that absorbs the places and unknown names inside it
//! ```
//!
//! The abbreviations live in `data/extract/common.toml` (`club_prefixes`).

use regex::Regex;

/// The club-name finder of one language.
pub struct Clubs {
    pattern: Option<Regex>,
}

impl Clubs {
    /// A finder for names that start with one of `prefixes`.
    pub fn new(prefixes: &[String]) -> Clubs {
        if prefixes.is_empty() {
            return Clubs { pattern: None };
        }
        let alternatives = prefixes
            .iter()
            .map(|p| regex::escape(p))
            .collect::<Vec<_>>()
            .join("|");
        let pattern = format!(
            r"(?:\b1\. )?\b(?:{alternatives})(?: \d{{2,4}})?(?: (?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]*|\d{{2,4}}\b))+"
        );
        Clubs {
            pattern: Some(Regex::new(&pattern).expect("club pattern compiles")),
        }
    }

    /// Byte spans of club names in `text`, with at most three words after the
    /// abbreviation; `is_noun` tells the common nouns that end none ("Trainer").
    pub fn find(&self, text: &str, is_noun: impl Fn(&str) -> bool) -> Vec<(usize, usize)> {
        let Some(pattern) = &self.pattern else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for m in pattern.find_iter(text) {
            let words: Vec<(usize, &str)> = m
                .as_str()
                .split(' ')
                .scan(m.start(), |at, w| {
                    let start = *at;
                    *at += w.len() + 1;
                    Some((start, w))
                })
                .collect();
            // The abbreviation (and "1.") first, then the name: at most three words.
            let name_from = words
                .iter()
                .position(|(_, w)| !(*w == "1." || w.chars().all(|c| c.is_uppercase())))
                .unwrap_or(words.len());
            // The first word is the name even when it is a word too ("SV Werder").
            let mut end = words.len().min(name_from + 3);
            while end > name_from + 1 && is_noun(words[end - 1].1) {
                end -= 1;
            }
            if end > name_from {
                let (s, w) = words[end - 1];
                out.push((m.start(), s + w.len()));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Vec<&str> {
        let clubs = Clubs::new(&["SC".into(), "SV".into(), "FC".into(), "SG".into()]);
        clubs
            .find(text, |w| w == "Trainer")
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn club_names() {
        assert_eq!(find("gegen den SC Paderborn hat"), vec!["SC Paderborn"]);
        assert_eq!(find("beim 1. FC Köln Trainer"), vec!["1. FC Köln"]);
        assert_eq!(find("beim FC Trainer"), vec!["FC Trainer"]);
        assert_eq!(find("bei der SG 01 Höchst an"), vec!["SG 01 Höchst"]);
        assert_eq!(find("den SV Wehen-Wiesbaden."), vec!["SV Wehen-Wiesbaden"]);
        assert!(find("der SC hat").is_empty());
    }
}
