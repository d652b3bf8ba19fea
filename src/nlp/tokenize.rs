//! Words with offsets: cuts sentences into the words the taggers read, as the
//! Universal Dependencies treebanks cut them (English EWT: "don't" → "do"
//! "n't", "Microsoft's" → "Microsoft" "'s", "AI-powered" → "AI" "-" "powered";
//! German GSD: "im" → "in" "dem", "Microsoft-Chef" stays one word).
//!
//! ```text
//! text + sentence byte ranges ─► whitespace chunks ─► opening punctuation,
//! closing punctuation (an abbreviation, initial or German ordinal keeps its
//! period), clitics, contractions, inner symbols and hyphens ─► Token
//! (byte and code-point offsets)
//! ```
//!
//! The rules are data: `data/nlp/tokenizer.toml` and the abbreviation lists
//! of `data/ingest/`.

use crate::model::Language;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::sync::LazyLock;

const CONFIG: &str = include_str!("../../data/nlp/tokenizer.toml");
const ABBREVIATIONS: [&str; 3] = [
    include_str!("../../data/ingest/abbreviations.common.txt"),
    include_str!("../../data/ingest/abbreviations.en.txt"),
    include_str!("../../data/ingest/abbreviations.de.txt"),
];

/// One word of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offsets into the text.
    pub start: usize,
    pub end: usize,
    /// Code-point offsets into the text (as claims count them).
    pub char_start: usize,
    pub char_end: usize,
    /// The word where it is not the text of its span: the two words of a
    /// German contraction ("im" → "in", "dem") share the span.
    pub norm: Option<&'static str>,
    /// Whether whitespace (or the end of the sentence) follows.
    pub space_after: bool,
}

impl Token {
    /// The word: its text, or what a contraction stands for.
    pub fn form<'a>(&self, text: &'a str) -> &'a str {
        match self.norm {
            Some(n) => n,
            None => &text[self.start..self.end],
        }
    }
}

#[derive(Debug, Deserialize)]
struct Common {
    opening: String,
    closing: String,
    symbols: String,
    inner_ok: String,
}

#[derive(Debug, Deserialize)]
struct LangConfig {
    clitics: Vec<String>,
    splits: Vec<[String; 3]>,
    split_hyphens: bool,
    #[serde(default)]
    contractions: FxHashMap<String, [String; 2]>,
}

#[derive(Debug, Deserialize)]
struct Config {
    common: Common,
    en: LangConfig,
    de: LangConfig,
}

/// The compiled rules of one language.
struct Rules {
    opening: FxHashSet<char>,
    closing: FxHashSet<char>,
    symbols: FxHashSet<char>,
    inner_ok: FxHashSet<char>,
    clitics: Vec<String>,
    splits: FxHashMap<String, usize>,
    split_hyphens: bool,
    contractions: FxHashMap<String, [&'static str; 2]>,
    /// The longest contraction or split, in bytes.
    longest_whole: usize,
    abbreviations: FxHashSet<String>,
    german: bool,
}

static CONFIG_PARSED: LazyLock<Config> =
    LazyLock::new(|| toml::from_str(CONFIG).expect("data/nlp/tokenizer.toml is valid"));

static ENGLISH: LazyLock<Rules> = LazyLock::new(|| Rules::new(&CONFIG_PARSED.en, false));
static GERMAN: LazyLock<Rules> = LazyLock::new(|| Rules::new(&CONFIG_PARSED.de, true));

impl Rules {
    fn new(lang: &'static LangConfig, german: bool) -> Rules {
        let c = &CONFIG_PARSED.common;
        let set = |s: &str| s.chars().collect::<FxHashSet<char>>();
        let mut clitics = lang.clitics.clone();
        clitics.sort_by_key(|c| std::cmp::Reverse(c.len()));
        let abbreviations = ABBREVIATIONS
            .iter()
            .flat_map(|f| crate::ingest::data_entries(f))
            .filter(|e| !e.starts_with('['))
            .flat_map(|e| [e.to_string(), e.to_lowercase()])
            .collect();
        Rules {
            opening: set(&c.opening),
            closing: set(&c.closing),
            symbols: set(&c.symbols),
            inner_ok: set(&c.inner_ok),
            clitics,
            splits: lang
                .splits
                .iter()
                .map(|[w, a, _]| (w.clone(), a.len()))
                .collect(),
            split_hyphens: lang.split_hyphens,
            contractions: lang
                .contractions
                .iter()
                .map(|(k, [a, b])| (k.clone(), [a.as_str(), b.as_str()]))
                .collect(),
            longest_whole: lang
                .contractions
                .keys()
                .chain(lang.splits.iter().map(|[w, _, _]| w))
                .map(|w| w.len())
                .max()
                .unwrap_or(0),
            abbreviations,
            german,
        }
    }
}

fn rules(language: Language) -> &'static Rules {
    match language {
        Language::German => &GERMAN,
        _ => &ENGLISH,
    }
}

/// The words of every sentence (byte ranges into `text`), in order, with the
/// index range of each sentence's words.
pub fn tokenize(
    text: &str,
    sentences: &[(usize, usize)],
    language: Language,
) -> (Vec<Token>, Vec<(usize, usize)>) {
    let rules = rules(language);
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut ranges = Vec::with_capacity(sentences.len());
    for &(s, e) in sentences {
        let first = tokens.len();
        sentence(text, s, e, rules, &mut tokens);
        ranges.push((first, tokens.len()));
    }
    code_points(text, &mut tokens);
    (tokens, ranges)
}

/// Fills in the code-point offsets in one forward pass (tokens are in text order).
fn code_points(text: &str, tokens: &mut [Token]) {
    let mut byte = 0;
    let mut cp = 0;
    let mut advance = |to: usize| -> usize {
        if to >= byte {
            cp += count_chars(&text.as_bytes()[byte..to]);
            byte = to;
            cp
        } else {
            cp - count_chars(&text.as_bytes()[to..byte])
        }
    };
    for t in tokens.iter_mut() {
        t.char_start = advance(t.start);
        t.char_end = advance(t.end);
    }
}

/// Code points in a UTF-8 byte slice: the bytes that do not continue a character.
fn count_chars(b: &[u8]) -> usize {
    b.iter().filter(|&&x| (x as i8) >= -0x40).count()
}

fn sentence(text: &str, s: usize, e: usize, rules: &Rules, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = s;
    while i < e {
        while i < e && is_space_at(text, i) {
            i += char_len(bytes[i]);
        }
        if i >= e {
            break;
        }
        let mut j = i;
        while j < e && !is_space_at(text, j) {
            j += char_len(bytes[j]);
        }
        let mut k = j;
        while k < e && is_space_at(text, k) {
            k += char_len(bytes[k]);
        }
        let last = k >= e;
        chunk(text, i, j, last, rules, out);
        if let Some(t) = out.last_mut() {
            t.space_after = true;
        }
        i = j;
    }
}

fn char_len(first: u8) -> usize {
    match first {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

fn is_space_at(text: &str, i: usize) -> bool {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return b.is_ascii_whitespace();
    }
    text[i..].chars().next().is_some_and(char::is_whitespace)
}

fn push(out: &mut Vec<Token>, start: usize, end: usize, norm: Option<&'static str>) {
    out.push(Token {
        start,
        end,
        char_start: 0,
        char_end: 0,
        norm,
        space_after: false,
    });
}

/// One whitespace-separated chunk: `[lo, hi)`; `last` when it ends the sentence.
fn chunk(
    text: &str,
    mut lo: usize,
    mut hi: usize,
    last: bool,
    rules: &Rules,
    out: &mut Vec<Token>,
) {
    // Opening punctuation.
    while lo < hi {
        let c = text[lo..hi].chars().next().expect("non-empty");
        if rules.opening.contains(&c) && lo + c.len_utf8() < hi {
            push(out, lo, lo + c.len_utf8(), None);
            lo += c.len_utf8();
        } else {
            break;
        }
    }
    // Closing punctuation, kept aside and written after the core.
    let mut closing: Vec<(usize, usize)> = Vec::new();
    while lo < hi {
        let core = &text[lo..hi];
        if core.ends_with("...") && core.len() > 3 {
            closing.push((hi - 3, hi));
            hi -= 3;
            continue;
        }
        let c = core.chars().next_back().expect("non-empty");
        if !rules.closing.contains(&c) || core.len() == c.len_utf8() {
            break;
        }
        if c == '.' && keeps_period(core, last, rules) {
            break;
        }
        closing.push((hi - c.len_utf8(), hi));
        hi -= c.len_utf8();
    }
    if lo < hi {
        core(text, lo, hi, rules, out);
    }
    for &(a, b) in closing.iter().rev() {
        push(out, a, b, None);
    }
}

/// Whether a word's final period is part of it: an abbreviation ("Dr.",
/// "z.B."), an initial ("J."), letters with periods ("U.S."), a German
/// ordinal before more words ("17. Oktober").
fn keeps_period(core: &str, last: bool, rules: &Rules) -> bool {
    if rules.abbreviations.contains(core) {
        return true;
    }
    let stem = &core[..core.len() - 1];
    let mut chars = stem.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic() && (c.is_uppercase() || !last);
    }
    if stem.contains('.')
        && stem
            .split('.')
            .all(|p| p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
    {
        return true;
    }
    rules.german
        && !last
        && !stem.is_empty()
        && stem.len() <= 3
        && stem.bytes().all(|b| b.is_ascii_digit())
}

fn is_url(core: &str) -> bool {
    core.contains("://")
        || core.starts_with("www.")
        || (core.contains('@') && core.contains('.') && !core.starts_with('@'))
}

/// The word itself: clitics, splits, contractions, then inner symbols and hyphens.
fn core(text: &str, lo: usize, hi: usize, rules: &Rules, out: &mut Vec<Token>) {
    let word = &text[lo..hi];
    if is_url(word) {
        push(out, lo, hi, None);
        return;
    }
    // Contractions and splits are short words; only those are lower-cased.
    if word.len() <= rules.longest_whole {
        let lower = word.to_lowercase();
        if let Some(&[a, b]) = rules.contractions.get(&lower) {
            push(out, lo, hi, Some(a));
            push(out, lo, hi, Some(b));
            return;
        }
        if let Some(&first) = rules.splits.get(&lower) {
            if first < word.len() && word.is_char_boundary(first) {
                push(out, lo, lo + first, None);
                push(out, lo + first, hi, None);
                return;
            }
        }
    }
    let mut end = hi;
    let mut clitic: Option<(usize, usize)> = None;
    // Every clitic has an apostrophe.
    if word.contains(['\'', '’']) {
        for c in &rules.clitics {
            let cut = word.len().saturating_sub(c.len());
            if word.len() > c.len()
                && word.is_char_boundary(cut)
                && word[cut..].eq_ignore_ascii_case(c)
            {
                clitic = Some((lo + cut, hi));
                end = lo + cut;
                break;
            }
        }
    }
    inner(text, lo, end, rules, out);
    if let Some((a, b)) = clitic {
        push(out, a, b, None);
    }
}

/// Cuts symbols and (in English) hyphens out of a word.
fn inner(text: &str, lo: usize, hi: usize, rules: &Rules, out: &mut Vec<Token>) {
    let word = &text[lo..hi];
    // Most words have nothing to cut.
    if word
        .chars()
        .all(|c| c.is_alphanumeric() || (c != '-' && !rules.symbols.contains(&c)))
    {
        push(out, lo, hi, None);
        return;
    }
    let mut start = 0usize;
    let mut prev: Option<char> = None;
    let mut chars = word.char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let between =
            prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
        let cut = if rules.symbols.contains(&c) {
            !(rules.inner_ok.contains(&c) && between)
        } else if c == '-' {
            // A hyphen inside a word, not a minus sign before a number.
            rules.split_hyphens && off > 0 && next.is_some()
        } else {
            false
        };
        if cut {
            if off > start {
                push(out, lo + start, lo + off, None);
            }
            push(out, lo + off, lo + off + c.len_utf8(), None);
            start = off + c.len_utf8();
        }
        prev = Some(c);
    }
    if start < word.len() {
        push(out, lo + start, hi, None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, language: Language) -> Vec<String> {
        let (tokens, _) = tokenize(text, &[(0, text.len())], language);
        tokens.iter().map(|t| t.form(text).to_string()).collect()
    }

    #[test]
    fn english_words_follow_ewt() {
        assert_eq!(
            words(
                "Fabrikam's CEO didn't say (in 2024) that the AI-powered U.S. unit won't grow 5%.",
                Language::English
            ),
            [
                "Fabrikam", "'s", "CEO", "did", "n't", "say", "(", "in", "2024", ")", "that",
                "the", "AI", "-", "powered", "U.S.", "unit", "wo", "n't", "grow", "5", "%", "."
            ]
        );
        assert_eq!(
            words(
                "“Dr. Ortiz cannot come,” she said... See www.example.com/a-b.",
                Language::English
            ),
            [
                "“",
                "Dr.",
                "Ortiz",
                "can",
                "not",
                "come",
                ",",
                "”",
                "she",
                "said",
                "...",
                "See",
                "www.example.com/a-b",
                "."
            ]
        );
    }

    #[test]
    fn german_contractions_share_their_span_and_compounds_stay_whole() {
        let text = "Der Acme-Chef kam am 17. Oktober zum Termin im Haus.";
        let (tokens, ranges) = tokenize(text, &[(0, text.len())], Language::German);
        let forms: Vec<&str> = tokens.iter().map(|t| t.form(text)).collect();
        assert_eq!(
            forms,
            [
                "Der",
                "Acme-Chef",
                "kam",
                "an",
                "dem",
                "17.",
                "Oktober",
                "zu",
                "dem",
                "Termin",
                "in",
                "dem",
                "Haus",
                "."
            ]
        );
        assert_eq!(ranges, [(0, 14)]);
        assert_eq!(
            (tokens[3].start, tokens[3].end),
            (tokens[4].start, tokens[4].end)
        );
        assert_eq!(&text[tokens[3].start..tokens[3].end], "am");
    }

    #[test]
    fn offsets_count_code_points() {
        let text = "Übernahme: Müller kauft.";
        let (tokens, _) = tokenize(text, &[(0, text.len())], Language::German);
        let spans: Vec<(usize, usize)> =
            tokens.iter().map(|t| (t.char_start, t.char_end)).collect();
        assert_eq!(spans, [(0, 9), (9, 10), (11, 17), (18, 23), (23, 24)]);
        let chars: Vec<char> = text.chars().collect();
        let w: String = chars[11..17].iter().collect();
        assert_eq!(w, "Müller");
    }

    #[test]
    fn sentences_get_their_own_ranges() {
        let text = "Acme grew. Beta fell.";
        let (tokens, ranges) = tokenize(text, &[(0, 10), (11, 21)], Language::English);
        assert_eq!(tokens.len(), 6);
        assert_eq!(ranges, [(0, 3), (3, 6)]);
        assert!(!tokens[1].space_after && tokens[2].space_after);
    }
}
