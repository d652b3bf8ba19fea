//! Counts: a number, optionally hedged and scaled, followed by the noun it
//! counts ("500 million weekly users", "über 1.000 Mitarbeiter", "five companies").
//!
//! Up to two modifiers may stand between the number and the noun ("weekly",
//! "neue"). What the noun must look like is the language's rule from the data
//! files: English counts a lower-case plural, German a capitalized noun.
//! Durations and ratios ("six years", "50 Prozent") are not counts, a number
//! inside a name is not one ("Copilot 365", "GPT-4", "Microsoft 365 users"),
//! nor is a bare four-digit number from 1900 to 2100: both languages use years
//! without a preposition before nouns ("2024 results", "2025 Gewinne
//! schreiben"), so "2000 Mitarbeiter" is missed rather than every such year
//! counted. The caller drops counts that overlap money or dates.

use super::date::BARE_YEARS;
use super::lexicon::NounRule;
use super::number::amount;
use super::tokens::Kind;
use super::{Found, Quantity, Scan};

/// Modifiers allowed between the number and its noun.
const MAX_MODIFIERS: usize = 2;

/// Symbols after which a capitalized word starts a sentence rather than naming something.
const SENTENCE_ENDS: &[&str] = &[".", "!", "?", ":"];

/// The longest count starting at token `i`, if any.
pub(super) fn quantity_at(s: &Scan, i: usize) -> Option<Found<Quantity>> {
    let t = &s.tokens;
    if !t.starts_cleanly(i) {
        return None;
    }
    let j = s
        .lex
        .approximators
        .longest_at(t, i)
        .map_or(i, |(end, _)| end);
    if j == i && in_name(s, i) {
        return None;
    }
    let a = amount(s, j)?;
    // A count is whole: without a scale word, "1.000" read as a decimal (one,
    // in English) or "2.5" is no count, even when the fraction is zero.
    if a.digits && !a.scaled && (a.value.exponent < 0 || looks_like_year(t.text(j))) {
        return None;
    }
    let value = a.value.exact()?;
    let (end, unit) = counted_noun(s, a.end)?;
    if !t.ends_cleanly(end) {
        return None;
    }
    let (start, end) = t.offsets(i, end);
    Some(Found {
        start,
        end,
        value: Quantity { value, unit },
    })
}

fn looks_like_year(text: &str) -> bool {
    text.len() == 4 && text.parse::<i32>().is_ok_and(|y| BARE_YEARS.contains(&y))
}

/// Whether the number at token `i` follows a name, as in "Copilot 365" or
/// "Microsoft 365 users": the word before it has a capital, yet neither starts
/// a sentence nor is a function word.
fn in_name(s: &Scan, i: usize) -> bool {
    let t = &s.tokens;
    if i == 0 || t.glued(i) || t.kind(i - 1) != Some(Kind::Word) {
        return false;
    }
    let word = t.text(i - 1);
    let starts_sentence =
        i == 1 || t.kind(i - 2) == Some(Kind::Break) || SENTENCE_ENDS.contains(&t.text(i - 2));
    word.chars().any(char::is_uppercase)
        && !starts_sentence
        && !s.lex.function_words.contains(t.lower(i - 1))
}

/// The noun after token `k`, past at most [`MAX_MODIFIERS`] modifiers: the
/// token past it and the noun in lower case.
fn counted_noun(s: &Scan, k: usize) -> Option<(usize, String)> {
    let mut j = k;
    for _ in 0..=MAX_MODIFIERS {
        let (end, word) = word_group(s, j)?;
        let lower = word.to_lowercase();
        if s.lex.function_words.contains(&lower) || s.lex.not_units.contains(&lower) {
            return None;
        }
        if is_noun(s, j, word, &lower) {
            return Some((end, lower));
        }
        if !is_modifier(s, word) {
            return None;
        }
        j = end;
    }
    None
}

/// A word at token `j` after whitespace, with any hyphenated continuation
/// ("KI-Modelle", "full-time").
fn word_group<'a>(s: &Scan<'a>, j: usize) -> Option<(usize, &'a str)> {
    let t = &s.tokens;
    if t.kind(j) != Some(Kind::Word) || t.glued(j) {
        return None;
    }
    let mut end = j + 1;
    while t.is_symbol(end, "-")
        && t.glued(end)
        && t.glued(end + 1)
        && t.kind(end + 1) == Some(Kind::Word)
    {
        end += 2;
    }
    Some((end, t.span(j, end)))
}

fn is_noun(s: &Scan, j: usize, word: &str, lower: &str) -> bool {
    if s.lex.months.contains_at(&s.tokens, j) || s.lex.weekdays.contains_at(&s.tokens, j) {
        return false;
    }
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    s.lex.noun_rules.iter().any(|rule| match rule {
        NounRule::LowerPlural => {
            let last = lower.rsplit('-').next().unwrap_or(lower);
            let regular = s
                .lex
                .plural_endings
                .iter()
                .any(|e| last.ends_with(e.as_str()))
                && !s
                    .lex
                    .singular_endings
                    .iter()
                    .any(|e| last.ends_with(e.as_str()));
            !first_upper && (s.lex.plural_nouns.contains(last) || regular)
        }
        NounRule::Capitalized => first_upper && word.chars().any(char::is_lowercase),
    })
}

fn is_modifier(s: &Scan, word: &str) -> bool {
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    let acronym = word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase() || c == '-');
    s.lex.noun_rules.iter().any(|rule| match rule {
        NounRule::LowerPlural => !first_upper || acronym,
        NounRule::Capitalized => !first_upper,
    })
}
