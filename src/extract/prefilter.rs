//! Which rules can match a sentence, found in one pass.
//!
//! Most rules need a word that most sentences lack: an investment rule needs one
//! of "invested", "stake", "backer"…; a leadership rule a role title. Running a
//! hundred rule regexes over every sentence costs far more than one
//! Aho-Corasick pass that finds which of those words occur.
//!
//! ```text
//! rule patterns ─► regex-syntax HIR ─► required word sets (every match has a word of each set),
//!                                      each word with the word boundaries the pattern puts around it
//!               ─► one Aho-Corasick automaton over all words, word → (rule, set)
//! sentence ─► lowercase ─► automaton ─► words found where their boundaries hold
//!          ─► the rules all of whose sets were found (plus rules without any)
//! ```
//!
//! The words come from the patterns themselves (no list to keep in step), and
//! they are only a filter: a rule still runs its own regex on the sentences it
//! may match, so results are exactly those of running every rule. A word is
//! only counted where the pattern's own boundaries hold: "ties" after `\b` in a
//! rule does not wake it for "activities", nor "of" for "profits". Case folding
//! follows lowercase letters; the two exotic folds regex-syntax adds ("ſ" for s,
//! the Kelvin sign for k) are not followed, so a sentence spelled with them is
//! treated as if it lacked the word.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// Words shorter than this (in characters) do not narrow the rules enough to be worth it.
const MIN_WORD: usize = 2;

/// At most this many word sets are kept per rule (the most selective ones).
const MAX_SETS: usize = 8;

/// A word that every match of a pattern (or one alternative of it) contains.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Word {
    /// Lowercase.
    pub text: String,
    /// The pattern puts a word boundary before it: the text's character before
    /// the word is no word character.
    pub starts: bool,
    /// The same after it.
    pub ends: bool,
}

impl Word {
    fn new(text: String, starts: bool, ends: bool) -> Word {
        let first = text.chars().next().is_some_and(is_word_char);
        let last = text.chars().last().is_some_and(is_word_char);
        Word {
            starts: starts && first,
            ends: ends && last,
            text,
        }
    }
}

/// Whether an occurrence at `start..end` of `text` keeps the boundaries a word
/// needs before (`starts`) and after (`ends`) it.
fn fits(text: &str, start: usize, end: usize, starts: bool, ends: bool) -> bool {
    (!starts || !text[..start].chars().next_back().is_some_and(is_word_char))
        && (!ends || !text[end..].chars().next().is_some_and(is_word_char))
}

/// A character every Unicode `\w` includes (letters and decimal digits), so
/// that "no word character" in this sense always holds where regex's `\b` does.
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c.is_ascii_digit() || c == '_'
}

/// One occurrence of a word the automaton looks for, in one rule's set.
struct Entry {
    rule: usize,
    set: u32,
    starts: bool,
    ends: bool,
}

/// Rules whose required words occur in a sentence.
pub struct Prefilter {
    /// `None` when no rule has required words.
    words: Option<AhoCorasick>,
    /// The rules and sets each word (by automaton pattern id) belongs to.
    entries: Vec<Vec<Entry>>,
    /// For each rule, the bits of all its sets (0: the rule always runs).
    full: Vec<u32>,
}

impl Prefilter {
    /// A prefilter for these expanded rule patterns (compiled case-insensitively).
    /// A pattern that does not parse is treated as a rule without required words
    /// (compiling it reports the error).
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Prefilter {
        let sets: Vec<Vec<Vec<Word>>> =
            patterns.iter().map(|p| required_sets(p.as_ref())).collect();
        Prefilter::from_sets(sets)
    }

    /// A prefilter for rule patterns already parsed case-insensitively.
    pub fn from_hirs(hirs: &[Hir]) -> Prefilter {
        Prefilter::from_sets(hirs.iter().map(required_sets_of).collect())
    }

    fn from_sets(rule_sets: Vec<Vec<Vec<Word>>>) -> Prefilter {
        let mut texts: Vec<String> = Vec::new();
        let mut entries: Vec<Vec<Entry>> = Vec::new();
        let mut full = vec![0u32; rule_sets.len()];
        for (rule, sets) in rule_sets.into_iter().enumerate() {
            for (set, words) in sets.into_iter().enumerate() {
                full[rule] |= 1 << set;
                for w in words {
                    let id = match texts.iter().position(|x| *x == w.text) {
                        Some(id) => id,
                        None => {
                            texts.push(w.text.clone());
                            entries.push(Vec::new());
                            texts.len() - 1
                        }
                    };
                    entries[id].push(Entry {
                        rule,
                        set: set as u32,
                        starts: w.starts,
                        ends: w.ends,
                    });
                }
            }
        }
        let automaton = (!texts.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&texts)
                .expect("an automaton over a few thousand words")
        });
        Prefilter {
            words: automaton,
            entries,
            full,
        }
    }

    /// For each rule, whether it can match `text`.
    pub fn candidates(&self, text: &str) -> Vec<bool> {
        let mut found = vec![0u32; self.full.len()];
        if let Some(ac) = &self.words {
            let lower = text.to_lowercase();
            for m in ac.find_overlapping_iter(&lower) {
                for e in &self.entries[m.pattern().as_usize()] {
                    if found[e.rule] & (1 << e.set) == 0
                        && fits(&lower, m.start(), m.end(), e.starts, e.ends)
                    {
                        found[e.rule] |= 1 << e.set;
                    }
                }
            }
        }
        self.full
            .iter()
            .zip(found)
            .map(|(&full, found)| found == full)
            .collect()
    }

    /// How many rules run on every sentence, whatever it says.
    pub fn unfiltered(&self) -> usize {
        self.full.iter().filter(|&&f| f == 0).count()
    }
}

/// Sets of lowercase words such that every match of `pattern`
/// (case-insensitive) contains a word of each set, the most selective first;
/// empty when no useful set can be read off it.
pub fn required_sets(pattern: &str) -> Vec<Vec<Word>> {
    match regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(pattern)
    {
        Ok(hir) => required_sets_of(&hir),
        Err(_) => Vec::new(),
    }
}

/// [`required_sets`] of a parsed pattern.
pub fn required_sets_of(hir: &Hir) -> Vec<Vec<Word>> {
    required(hir, false, false)
        .into_iter()
        .map(|mut set| {
            set.sort();
            set.dedup();
            set
        })
        .collect()
}

/// How selective a set of words is: its shortest word, longer by each boundary
/// it must keep; a set whose shortest word is below [`MIN_WORD`] is useless.
fn score(set: &[Word]) -> usize {
    set.iter()
        .map(|w| w.text.chars().count() + usize::from(w.starts) + usize::from(w.ends))
        .min()
        .unwrap_or(0)
}

fn useful(set: &[Word]) -> bool {
    set.iter().all(|w| w.text.chars().count() >= MIN_WORD) && !set.is_empty()
}

/// The best sets first, at most [`MAX_SETS`].
fn best(mut sets: Vec<Vec<Word>>) -> Vec<Vec<Word>> {
    sets.retain(|s| useful(s));
    sets.sort_by_key(|s| std::cmp::Reverse(score(s)));
    sets.truncate(MAX_SETS);
    sets
}

/// Required word sets of `hir`; `left`/`right` say whether a word boundary is
/// certain just before/after whatever `hir` matches.
fn required(hir: &Hir, left: bool, right: bool) -> Vec<Vec<Word>> {
    match hir.kind() {
        HirKind::Capture(c) => required(&c.sub, left, right),
        HirKind::Repetition(r) if r.min >= 1 => {
            let once = r.max == Some(1);
            required(&r.sub, left, right && once)
        }
        HirKind::Alternation(alternatives) => {
            let mut all = Vec::new();
            for a in alternatives {
                match required(a, left, right).into_iter().next() {
                    Some(set) => all.extend(set),
                    None => return Vec::new(),
                }
            }
            best(vec![all])
        }
        HirKind::Concat(parts) => concat(parts, left, right),
        _ => match text_of(hir) {
            Some(s) if !s.contains(['⟨', '⟩']) => best(vec![vec![Word::new(s, left, right)]]),
            _ => Vec::new(),
        },
    }
}

/// The sets of a concatenation: each run of plain text (adjacent letters form
/// a word: "in", "vest", "ed" → "invested"; what stands inside a mention
/// marker `⟨3:ORG⟩` is no word) and each other part's best sets.
fn concat(parts: &[Hir], left: bool, right: bool) -> Vec<Vec<Word>> {
    let n = parts.len();
    let before: Vec<bool> = (0..n).map(|i| boundary_before(&parts[..i], left)).collect();
    let after: Vec<bool> = (0..n)
        .map(|i| boundary_after(&parts[i + 1..], right))
        .collect();
    let mut sets = Vec::new();
    let mut run = String::new();
    let mut run_starts = false;
    let mut in_marker = false;
    let flush = |run: &mut String, starts: bool, ends: bool, sets: &mut Vec<Vec<Word>>| {
        if !run.is_empty() {
            sets.push(vec![Word::new(std::mem::take(run), starts, ends)]);
        }
    };
    for (i, part) in parts.iter().enumerate() {
        if let Some(s) = text_of(part) {
            for c in s.chars() {
                match c {
                    '⟨' => {
                        in_marker = true;
                        flush(&mut run, run_starts, true, &mut sets);
                    }
                    '⟩' => {
                        in_marker = false;
                        run_starts = true;
                    }
                    c if !in_marker => {
                        if run.is_empty() && !run_starts {
                            run_starts = before[i];
                        }
                        run.push(c);
                    }
                    _ => {}
                }
            }
            continue;
        }
        flush(&mut run, run_starts, before[i], &mut sets);
        run_starts = false;
        if !in_marker {
            sets.extend(required(part, before[i], after[i]));
        }
    }
    flush(&mut run, run_starts, right, &mut sets);
    best(sets)
}

/// Whether a word boundary is certain right after what `prefix` matches
/// (`left`: whether it is certain before the prefix).
fn boundary_before(prefix: &[Hir], left: bool) -> bool {
    let Some((last, rest)) = prefix.split_last() else {
        return left;
    };
    if is_boundary_look(last) {
        return true;
    }
    let edge = edge_is_no_word(last, true);
    if can_be_empty(last) {
        edge && boundary_before(rest, left)
    } else {
        edge
    }
}

/// Whether a word boundary is certain right before what `suffix` matches.
fn boundary_after(suffix: &[Hir], right: bool) -> bool {
    let Some((first, rest)) = suffix.split_first() else {
        return right;
    };
    if is_boundary_look(first) {
        return true;
    }
    let edge = edge_is_no_word(first, false);
    if can_be_empty(first) {
        edge && boundary_after(rest, right)
    } else {
        edge
    }
}

/// `\b` and `^`: a word character cannot stand on both sides (Unicode `\b`
/// only; ASCII `\b` holds next to "é").
fn is_boundary_look(hir: &Hir) -> bool {
    matches!(
        hir.kind(),
        HirKind::Look(
            Look::WordUnicode
                | Look::Start
                | Look::StartLF
                | Look::StartCRLF
                | Look::End
                | Look::EndLF
                | Look::EndCRLF
                | Look::WordStartUnicode
                | Look::WordEndUnicode
                | Look::WordStartHalfUnicode
                | Look::WordEndHalfUnicode
        )
    )
}

/// Whether every non-empty match of `hir` ends (`end`) or begins with a
/// character that is no word character.
fn edge_is_no_word(hir: &Hir, end: bool) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(l) => std::str::from_utf8(&l.0).is_ok_and(|s| {
            let c = if end {
                s.chars().last()
            } else {
                s.chars().next()
            };
            c.is_some_and(|c| !is_word_char(c))
        }),
        HirKind::Class(Class::Unicode(c)) => c.ranges().iter().all(|r| {
            (r.end() as u32) - (r.start() as u32) < 4096
                && (r.start()..=r.end()).all(|c| !is_word_char(c))
        }),
        HirKind::Class(Class::Bytes(c)) => c
            .ranges()
            .iter()
            .all(|r| (r.start()..=r.end()).all(|b| b.is_ascii() && !is_word_char(b as char))),
        HirKind::Capture(c) => edge_is_no_word(&c.sub, end),
        HirKind::Repetition(r) => edge_is_no_word(&r.sub, end),
        HirKind::Alternation(alternatives) => alternatives.iter().all(|a| edge_is_no_word(a, end)),
        HirKind::Concat(parts) => {
            let ordered: Vec<&Hir> = if end {
                parts.iter().rev().collect()
            } else {
                parts.iter().collect()
            };
            for p in ordered {
                if !edge_is_no_word(p, end) {
                    return false;
                }
                if !can_be_empty(p) {
                    return true;
                }
            }
            true
        }
    }
}

/// Whether `hir` can match the empty string.
fn can_be_empty(hir: &Hir) -> bool {
    hir.properties().minimum_len() == Some(0)
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

    /// The texts of the best set.
    fn words(p: &str) -> Option<Vec<String>> {
        required_sets(p)
            .into_iter()
            .next()
            .map(|set| set.into_iter().map(|w| w.text).collect())
    }

    #[test]
    fn a_literal_word_is_required() {
        assert_eq!(
            words(r"(?P<s>⟨[0-9]+:ORG⟩) invested in (?P<o>⟨[0-9]+:ORG⟩)"),
            Some(vec![" invested in ".to_string()])
        );
    }

    #[test]
    fn alternatives_give_a_set_and_the_most_selective_wins() {
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
    fn every_required_part_is_a_set() {
        let sets = required_sets(r"\b(?:deal|pact) (?:between|of) ⟨[0-9]+:ORG⟩");
        let texts: Vec<Vec<&str>> = sets
            .iter()
            .map(|s| s.iter().map(|w| w.text.as_str()).collect())
            .collect();
        assert_eq!(texts, [vec!["deal", "pact"], vec!["between", "of"]]);
    }

    #[test]
    fn boundaries_come_from_the_pattern() {
        let sets = required_sets(r"\b(?:strategic |close )?(?:deal|pact) of\b");
        let deal = sets.iter().flatten().find(|w| w.text == "deal").unwrap();
        assert!(
            deal.starts,
            "\\b before an optional group that ends in a space"
        );
        assert!(deal.ends, "a space follows");
        let sets = required_sets(r"invest(?:ed|s)");
        let invest = sets.iter().flatten().find(|w| w.text == "invest").unwrap();
        assert!(!invest.starts && !invest.ends);
        // An ASCII \b holds next to "é": no boundary for the filter.
        let sets = required_sets(r"(?-u:\b)deal(?-u:\b)");
        assert!(!sets[0][0].starts && !sets[0][0].ends);
    }

    #[test]
    fn optional_parts_and_markers_give_nothing() {
        assert_eq!(words(r"(?:invested)?⟨[0-9]+:ORG⟩"), None);
        assert_eq!(words(r"⟨[0-9]+:(?:ORG|PER)⟩ ⟨[0-9]+:ORG⟩"), None);
        // Two characters are a word: ", " narrows nothing, but costs nothing either.
        assert_eq!(
            words(r"⟨[0-9]+:ORG⟩, ⟨[0-9]+:ORG⟩"),
            Some(vec![", ".into()])
        );
        // One alternative without a word spoils the set.
        assert_eq!(words(r"(?:invested|⟨[0-9]+:ORG⟩)"), None);
    }

    #[test]
    fn umlauts_and_sharp_s_fold() {
        assert_eq!(words("Übernahme"), Some(vec!["übernahme".into()]));
        assert_eq!(words("Straße"), Some(vec!["straße".into()]));
    }

    #[test]
    fn candidates_follow_the_words_in_any_case() {
        let f = Prefilter::new(&[
            r"⟨[0-9]+:ORG⟩ invested in ⟨[0-9]+:ORG⟩",
            r"⟨[0-9]+:ORG⟩ (?:acquired|bought) ⟨[0-9]+:ORG⟩",
            r"⟨[0-9]+:ORG⟩ ⟨[0-9]+:PER⟩",
        ]);
        assert_eq!(f.unfiltered(), 1);
        assert_eq!(f.candidates("⟨1:ORG⟩ BOUGHT ⟨2:ORG⟩"), [false, true, true]);
        assert_eq!(
            f.candidates("⟨1:ORG⟩ invested in ⟨2:ORG⟩ and bought"),
            [true, true, true]
        );
        assert_eq!(f.candidates("nothing here"), [false, false, true]);
    }

    #[test]
    fn a_word_inside_a_longer_word_does_not_count() {
        let f = Prefilter::new(&[r"\b(?:ties|deal) (?:between|with) ⟨[0-9]+:ORG⟩"]);
        assert_eq!(f.candidates("new activities with ⟨1:ORG⟩"), [false]);
        assert_eq!(f.candidates("an ideal partner with ⟨1:ORG⟩"), [false]);
        assert_eq!(f.candidates("close ties with ⟨1:ORG⟩"), [true]);
        assert_eq!(f.candidates("(Deal) with ⟨1:ORG⟩"), [true]);
        // Both sets are needed.
        assert_eq!(f.candidates("the deal for ⟨1:ORG⟩"), [false]);
    }
}
