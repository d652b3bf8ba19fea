//! Names of institutions built around a head noun, which capitalization alone
//! does not delimit: "Institut für Molekulare Biotechnologie", "Akademie der
//! Wissenschaften", "Technische Universität München", "Max-Planck-Institut",
//! "Bundesärztekammer", "University of Vienna", "Ministry of Defence".
//!
//! ```text
//! sentence words ─► head ("Institut", "…-Institut", "…kammer") ─► extend left over
//! capitalized adjectives (in English over any capitalized words: "Chase Manhattan
//! Bank", "National Association of …") ─► extend right over a link word and capitalized words, or
//! over capitalized words ─► an organization mention that absorbs the lexicon places
//! and unknown names inside it ("Universität Innsbruck")
//! ```
//!
//! A bare head ("die Universität", "das Forschungszentrum") is a common noun, not a
//! name: a name needs a tail, a hyphenated prefix ("Max-Planck-Institut") or one of
//! the language's prefixes ("Bundes…"). The word lists live in
//! `data/extract/institutions.toml`.

use crate::model::Language;
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::sync::LazyLock;

const DATA: &str = include_str!("../../data/extract/institutions.toml");

#[derive(Deserialize)]
struct LanguageLists {
    heads: Vec<String>,
    links: Vec<String>,
    prefixes: Vec<String>,
    adjective_endings: Vec<String>,
    /// Plural nouns after a head and a link that make it a body of some other
    /// organization, not a name: "Board of Directors", "Board of Trustees".
    #[serde(default)]
    members: Vec<String>,
}

/// The institution word lists of one language.
pub struct Institutions {
    heads: FxHashSet<String>,
    /// Lower-cased heads, for the ends of closed compounds.
    lower_heads: Vec<String>,
    links: FxHashSet<String>,
    prefixes: Vec<String>,
    adjective_endings: Vec<String>,
    members: FxHashSet<String>,
    german: bool,
}

static WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’]*(?:-[\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*|\S")
        .expect("word regex")
});

/// Maximum number of words after the head or its link word.
const MAX_TAIL: usize = 4;
/// Maximum number of capitalized words before an English head.
const MAX_LEFT: usize = 4;

impl Institutions {
    pub fn load(language: Language) -> Institutions {
        let mut all: FxHashMap<String, LanguageLists> =
            toml::from_str(DATA).expect("data/extract/institutions.toml is valid");
        let code = if language == Language::German {
            "de"
        } else {
            "en"
        };
        let lists = all
            .remove(code)
            .unwrap_or_else(|| panic!("data/extract/institutions.toml has no [{code}] table"));
        let mut lower_heads: Vec<String> = lists.heads.iter().map(|h| h.to_lowercase()).collect();
        lower_heads.sort_by_key(|h| std::cmp::Reverse(h.len()));
        Institutions {
            heads: lists.heads.into_iter().collect(),
            lower_heads,
            links: lists.links.into_iter().collect(),
            prefixes: lists.prefixes,
            adjective_endings: lists.adjective_endings,
            members: lists.members.into_iter().collect(),
            german: language == Language::German,
        }
    }

    /// How a word heads a name: `Some(true)` when it is a name by itself
    /// ("Max-Planck-Institut", "Bundesärztekammer"), `Some(false)` when it needs a tail.
    fn head(&self, word: &str) -> Option<bool> {
        // Genitive and plural forms: "Instituts", "Institutes", "Museums", "Kliniken".
        let stem = ["es", "s", "en", "n"]
            .iter()
            .filter_map(|e| word.strip_suffix(e))
            .find(|w| self.heads.contains(*w));
        if let Some(stem) = stem.filter(|_| self.german) {
            return self.head(stem);
        }
        if self.heads.contains(word) {
            return Some(false);
        }
        if let Some((prefix, last)) = word.rsplit_once('-') {
            if self.head(last).is_some() && prefix.starts_with(char::is_uppercase) {
                return Some(true);
            }
        }
        if !self.german || !word.starts_with(char::is_uppercase) {
            return None;
        }
        let lower = word.to_lowercase();
        let head = self
            .lower_heads
            .iter()
            .find(|h| lower.len() > h.len() + 2 && lower.ends_with(h.as_str()))?;
        let _ = head;
        Some(self.prefixes.iter().any(|p| word.starts_with(p.as_str())))
    }

    /// Whether a word is a head noun of an institution's name ("University", "Museum").
    pub fn is_head(&self, word: &str) -> bool {
        self.heads.contains(word)
    }

    fn is_adjective(&self, word: &str) -> bool {
        word.starts_with(char::is_uppercase)
            && word.chars().skip(1).all(char::is_lowercase)
            && self
                .adjective_endings
                .iter()
                .any(|e| word.ends_with(e.as_str()))
    }

    /// Byte spans of institution names in `sentence`. `blocked` holds spans the
    /// name may not cut through (a name may contain them whole).
    /// `function_words` are capitalized words that never begin a name ("Der", "Beim").
    pub fn find(
        &self,
        sentence: &str,
        blocked: &[(usize, usize)],
        function_words: &FxHashSet<String>,
        first_names: &FxHashMap<String, Option<super::mentions::Gender>>,
    ) -> Vec<(usize, usize)> {
        let words: Vec<(usize, usize)> = WORD
            .find_iter(sentence)
            .map(|m| (m.start(), m.end()))
            .collect();
        let text = |i: usize| &sentence[words[i].0..words[i].1];
        let cap = |i: usize| text(i).starts_with(char::is_uppercase);
        let mut out: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let Some(alone) = self.head(text(i)) else {
                i += 1;
                continue;
            };
            // "the Board of Directors of Acme": a body of the organization named after it.
            if i + 2 < words.len()
                && self.links.contains(text(i + 1))
                && self.members.contains(text(i + 2))
            {
                i += 3;
                continue;
            }
            let mut first = i;
            while first > 0
                && self.is_adjective(text(first - 1))
                && !function_words.contains(text(first - 1))
            {
                first -= 1;
            }
            // English writes the words before the head capitalized only in a name:
            // "National Association of Corporate Directors", "Chase Manhattan Bank",
            // "New Jersey Department of Health" (not "Kenya's Ministry", "The Museum").
            let floor = out.last().map_or(0, |&(_, e)| e);
            if !self.german {
                while first > 0
                    && i - first < MAX_LEFT
                    && words[first - 1].0 >= floor
                    && cap(first - 1)
                    && !function_words.contains(text(first - 1))
                    && !text(first - 1).contains(['\'', '’'])
                    && self.head(text(first - 1)).is_none()
                {
                    first -= 1;
                }
            }
            // "Bergen Philharmonic Orchestra", "London Symphony Orchestra": heads in a
            // row make one name, ending at the last of them.
            let head_at = i;
            while !self.german
                && i + 1 < words.len()
                && cap(i + 1)
                && self.head(text(i + 1)).is_some()
            {
                i += 1;
            }
            let mut last = i;
            if i + 1 < words.len() && self.links.contains(text(i + 1)) {
                let mut k = i + 2;
                // "der Juden", "für Molekulare Biotechnologie", "of Technology".
                // "für Quantenoptik und Quanteninformation": "und" joins two capitalized words.
                let joins = |k: usize| {
                    matches!(text(k), "und" | "and" | "&") && k + 1 < words.len() && cap(k + 1)
                };
                // One link word per name: "Institut für Geodäsie" of "Institut für
                // Geodäsie der TU Graz" (the rest names the university it belongs to).
                while k < words.len()
                    && k - i - 1 <= MAX_TAIL
                    && (cap(k) || joins(k))
                    && self.head(text(k)).is_none()
                {
                    k += 1;
                }
                while k > i + 2 && !cap(k - 1) {
                    k -= 1;
                }
                if k > i + 2 {
                    last = k - 1;
                }
            } else {
                // One capitalized word ("Universität Innsbruck"), or a first name and
                // surname ("Verlag Paul Haupt"), or an adjective and its noun
                // ("Künstlervereinigung Hamburgische Sezession").
                let longer = i + 2 < words.len()
                    && cap(i + 2)
                    && (first_names.contains_key(text(i + 1)) || self.is_adjective(text(i + 1)));
                let mut k = i + 1;
                while k < words.len()
                    && k - i <= if longer { 2 } else { 1 }
                    && cap(k)
                    && !function_words.contains(text(k))
                    && text(k).chars().count() > 1
                    && self.head(text(k)).is_none()
                {
                    k += 1;
                }
                last = k - 1;
            }
            // "Naturhistorisches Museum", "Deutsche Bank": German capitalizes an adjective
            // only in a name (but every word at the start of a sentence).
            let named_by_adjective = first < head_at && (first > 0 || !self.german);
            if last == i && !alone && !named_by_adjective {
                i += 1;
                continue;
            }
            let cuts = |span: (usize, usize)| {
                blocked
                    .iter()
                    .any(|&(s, e)| s < span.1 && e > span.0 && (s < span.0 || e > span.1))
            };
            // Words taken on the left that cut through a known name are left out again.
            if let Some(span) = [
                (words[first].0, words[last].1),
                (words[head_at].0, words[last].1),
            ]
            .into_iter()
            .find(|&span| !cuts(span))
            .filter(|&(s, _)| s == words[first].0 || last > head_at || alone)
            {
                out.push(span);
            }
            i = last + 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(language: Language, sentence: &str) -> Vec<String> {
        Institutions::load(language)
            .find(
                sentence,
                &[],
                &["Die", "The"].map(String::from).into_iter().collect(),
                &FxHashMap::default(),
            )
            .into_iter()
            .map(|(s, e)| sentence[s..e].to_string())
            .collect()
    }

    #[test]
    fn german_institutions() {
        assert_eq!(
            names(Language::German, "Sie forscht am Institut für Molekulare Biotechnologie der Akademie der Wissenschaften."),
            ["Institut für Molekulare Biotechnologie", "Akademie der Wissenschaften"]
        );
        assert_eq!(
            names(
                Language::German,
                "Er lehrt an der Technischen Universität München und am Max-Planck-Institut."
            ),
            ["Technischen Universität München", "Max-Planck-Institut"]
        );
        assert_eq!(
            names(Language::German, "Die Bundesärztekammer warnt."),
            ["Bundesärztekammer"]
        );
    }

    #[test]
    fn bare_heads_are_common_nouns() {
        assert!(names(
            Language::German,
            "Die Universität hat ein neues Forschungszentrum."
        )
        .is_empty());
        assert!(names(Language::English, "The university opened a museum.").is_empty());
    }

    #[test]
    fn english_institutions() {
        assert_eq!(
            names(
                Language::English,
                "She studied at the University of Vienna and joined the Ministry of Defence."
            ),
            ["University of Vienna", "Ministry of Defence"]
        );
        assert_eq!(
            names(
                Language::English,
                "The National Association of Corporate Directors met at Kenya's Ministry of Health."
            ),
            ["National Association of Corporate Directors", "Ministry of Health"]
        );
        assert_eq!(
            names(
                Language::English,
                "He graduated from Beverly Hills High School."
            ),
            ["Beverly Hills High School"]
        );
        assert_eq!(
            names(
                Language::English,
                "She conducted the Bergen Philharmonic Orchestra in 1990."
            ),
            ["Bergen Philharmonic Orchestra"]
        );
    }
}
