//! Which rules can match a sentence, found in one pass.
//!
//! Most rules need a word that most sentences lack: an investment rule needs one
//! of "invested", "stake", "backer"…; a leadership rule a role title. Running a
//! hundred rule regexes over every sentence costs far more than one
//! Aho-Corasick pass that finds which of those words occur.
//!
//! ```text
//! rule patterns ─► regex-syntax HIR ─► required words (one of them is in every match)
//!               ─► one Aho-Corasick automaton over all words, word → rules
//! sentence ─► lowercase ─► automaton ─► the rules whose words occur (plus rules without any)
//! ```
//!
//! The words come from the patterns themselves (no list to keep in step), and
//! they are only a filter: a rule still runs its own regex on the sentences it
//! may match, so results are exactly those of running every rule. Case folding
//! follows lowercase letters; the two exotic folds regex-syntax adds ("ſ" for s,
//! the Kelvin sign for k) are not followed, so a sentence spelled with them is
//! treated as if it lacked the word.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};

/// Words shorter than this (in characters) do not narrow the rules enough to be worth it.
const MIN_WORD: usize = 2;

/// Rules whose required words occur in a sentence.
pub struct Prefilter {
    /// `None` when no rule has required words.
    words: Option<AhoCorasick>,
    /// The rules each word (by automaton pattern id) can wake.
    word_rules: Vec<Vec<usize>>,
    /// Rules without required words: always run.
    always: Vec<usize>,
    rules: usize,
}

impl Prefilter {
    /// A prefilter for these expanded rule patterns (compiled case-insensitively).
    /// A pattern that does not parse is treated as a rule without required words
    /// (compiling it reports the error).
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Prefilter {
        let mut words: Vec<String> = Vec::new();
        let mut word_rules: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        for (rule, pattern) in patterns.iter().enumerate() {
            match required_words(pattern.as_ref()) {
                Some(set) => {
                    for w in set {
                        let id = match words.iter().position(|x| *x == w) {
                            Some(id) => id,
                            None => {
                                words.push(w);
                                word_rules.push(Vec::new());
                                words.len() - 1
                            }
                        };
                        if word_rules[id].last() != Some(&rule) {
                            word_rules[id].push(rule);
                        }
                    }
                }
                None => always.push(rule),
            }
        }
        let automaton = (!words.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&words)
                .expect("an automaton over a few thousand words")
        });
        Prefilter {
            words: automaton,
            word_rules,
            always,
            rules: patterns.len(),
        }
    }

    /// For each rule, whether it can match `text`.
    pub fn candidates(&self, text: &str) -> Vec<bool> {
        let mut on = vec![false; self.rules];
        for &r in &self.always {
            on[r] = true;
        }
        if let Some(ac) = &self.words {
            let lower = text.to_lowercase();
            for m in ac.find_overlapping_iter(&lower) {
                for &r in &self.word_rules[m.pattern().as_usize()] {
                    on[r] = true;
                }
            }
        }
        on
    }

    /// How many rules run on every sentence, whatever it says.
    pub fn unfiltered(&self) -> usize {
        self.always.len()
    }
}

/// Lowercase words one of which occurs in every match of `pattern`
/// (case-insensitive), or `None` when no useful set can be read off it.
pub fn required_words(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(pattern)
        .ok()?;
    let mut set = required(&hir)?;
    set.sort();
    set.dedup();
    Some(set)
}

/// How selective a set of words is: its shortest word; a set below [`MIN_WORD`] is useless.
fn score(set: &[String]) -> usize {
    set.iter().map(|w| w.chars().count()).min().unwrap_or(0)
}

fn required(hir: &Hir) -> Option<Vec<String>> {
    match hir.kind() {
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Alternation(alternatives) => {
            let mut all = Vec::new();
            for a in alternatives {
                all.extend(required(a)?);
            }
            (score(&all) >= MIN_WORD).then_some(all)
        }
        HirKind::Concat(parts) => {
            let mut best: Option<Vec<String>> = None;
            let mut consider = |set: Vec<String>| {
                let s = score(&set);
                if s >= MIN_WORD && best.as_ref().is_none_or(|b| s > score(b)) {
                    best = Some(set);
                }
            };
            // Adjacent letters form a word: "in", "vest", "ed" → "invested";
            // what stands inside a mention marker `⟨3:ORG⟩` is no word.
            let mut run = String::new();
            let mut in_marker = false;
            for part in parts {
                if let Some(s) = text_of(part) {
                    for c in s.chars() {
                        match c {
                            '⟨' => {
                                in_marker = true;
                                if !run.is_empty() {
                                    consider(vec![std::mem::take(&mut run)]);
                                }
                            }
                            '⟩' => in_marker = false,
                            c if !in_marker => run.push(c),
                            _ => {}
                        }
                    }
                    continue;
                }
                if !run.is_empty() {
                    consider(vec![std::mem::take(&mut run)]);
                }
                if !in_marker {
                    if let Some(set) = required(part) {
                        consider(set);
                    }
                }
            }
            if !run.is_empty() {
                consider(vec![run]);
            }
            best
        }
        _ => {
            let s = text_of(hir)?;
            (s.chars().count() >= MIN_WORD && !s.contains(['⟨', '⟩'])).then(|| vec![s])
        }
    }
}

/// The lowercase text a piece of pattern always matches exactly, if it is plain
/// text: a literal, or a letter in both cases.
fn text_of(hir: &Hir) -> Option<String> {
    let text = match hir.kind() {
        HirKind::Literal(l) => std::str::from_utf8(&l.0).ok()?.to_lowercase(),
        HirKind::Class(Class::Unicode(c)) => {
            let members: Vec<char> = c
                .ranges()
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .take(5)
                .collect();
            folded(&members)?.to_string()
        }
        HirKind::Capture(c) => text_of(&c.sub)?,
        HirKind::Concat(parts) => parts.iter().map(text_of).collect::<Option<String>>()?,
        _ => return None,
    };
    Some(text)
}

/// The lowercase letter a case-insensitive class stands for (`[Ii]`, `[Üü]`,
/// `[Ss\u{17F}]`), or `None` for any other class.
fn folded(members: &[char]) -> Option<char> {
    if members.is_empty() || members.len() > 4 {
        return None;
    }
    let lower = |c: char| c.to_lowercase().next().unwrap_or(c);
    let upper = |c: char| c.to_uppercase().next().unwrap_or(c);
    let base = members
        .iter()
        .find(|c| c.is_ascii())
        .copied()
        .unwrap_or(members[0]);
    let l = lower(base);
    members
        .iter()
        .all(|&c| lower(c) == l || upper(c) == upper(l))
        .then_some(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(p: &str) -> Option<Vec<String>> {
        required_words(p)
    }

    #[test]
    fn a_literal_word_is_required() {
        assert_eq!(
            words(r"(?P<s>⟨\d+:ORG⟩) invested in (?P<o>⟨\d+:ORG⟩)"),
            Some(vec![" invested in ".to_string()])
        );
    }

    #[test]
    fn alternatives_give_a_set_and_the_longest_shortest_wins() {
        assert_eq!(
            words(r"\b(?:acquired|bought) the\b"),
            Some(vec!["acquired".into(), "bought".into()])
        );
        assert_eq!(
            words(r"(?:an? )?\b(?:stake|investment)\b"),
            Some(vec!["investment".into(), "stake".into()])
        );
    }

    #[test]
    fn optional_parts_and_markers_give_nothing() {
        assert_eq!(words(r"(?:invested)?⟨\d+:ORG⟩"), None);
        assert_eq!(words(r"⟨\d+:(?:ORG|PER)⟩ ⟨\d+:ORG⟩"), None);
        // Two characters are a word: ", " narrows nothing, but costs nothing either.
        assert_eq!(words(r"⟨\d+:ORG⟩, ⟨\d+:ORG⟩"), Some(vec![", ".into()]));
        // One alternative without a word spoils the set.
        assert_eq!(words(r"(?:invested|⟨\d+:ORG⟩)"), None);
    }

    #[test]
    fn umlauts_and_sharp_s_fold() {
        assert_eq!(words("Übernahme"), Some(vec!["übernahme".into()]));
        assert_eq!(words("Straße"), Some(vec!["straße".into()]));
    }

    #[test]
    fn candidates_follow_the_words_in_any_case() {
        let f = Prefilter::new(&[
            r"⟨\d+:ORG⟩ invested in ⟨\d+:ORG⟩",
            r"⟨\d+:ORG⟩ (?:acquired|bought) ⟨\d+:ORG⟩",
            r"⟨\d+:ORG⟩ ⟨\d+:PER⟩",
        ]);
        assert_eq!(f.unfiltered(), 1);
        assert_eq!(f.candidates("⟨1:ORG⟩ BOUGHT ⟨2:ORG⟩"), [false, true, true]);
        assert_eq!(
            f.candidates("⟨1:ORG⟩ invested in ⟨2:ORG⟩ and bought"),
            [true, true, true]
        );
        assert_eq!(f.candidates("nothing here"), [false, false, true]);
    }
}
