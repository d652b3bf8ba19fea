//! Finds and normalizes the values claims carry as qualifiers: amounts of money,
//! dates and counts, in English and German text.
//!
//! ```text
//! text ─► tokens (words, numbers, symbols, with byte offsets)
//!      ─► candidates at every token: money_at, date_at, quantity_at,
//!         reading the language's lexicon (data/normalize/*.toml)
//!      ─► the longest candidates that do not overlap, sorted by start
//! ```
//!
//! The language chooses the decimal convention ("1,000.5" or "1.000,5") and the
//! words; [`Language::Other`] reads both languages' words and guesses the
//! convention. Numbers are exact: "6,6 Milliarden" is 66 × 10^8, never a float.
//! Spans are byte offsets into the input and include hedges and cue words
//! ("rund fünf Milliarden Dollar", "Anfang Oktober 2024"), which do not change
//! the value.
//!
//! ```
//! use newsgraph::model::{Language, Money, PartialDate};
//! use newsgraph::normalize::{find_dates, find_money, parse_date};
//!
//! let text = "Im März 2024 investierte Microsoft rund fünf Milliarden Dollar.";
//! let money = find_money(text, Language::German);
//! assert_eq!(&text[money[0].start..money[0].end], "rund fünf Milliarden Dollar");
//! assert_eq!(money[0].value, Money::new(5_000_000_000, "USD"));
//! let dates = find_dates(text, Language::German, None);
//! assert_eq!(dates[0].value, PartialDate::month(2024, 3).unwrap());
//! assert_eq!(parse_date("October 18, 2024"), PartialDate::day(2024, 10, 18));
//! ```

mod date;
mod lexicon;
mod money;
mod number;
mod phrase;
mod quantity;
mod tokens;

use crate::model::{Language, Money, PartialDate};
use lexicon::Lexicon;
use std::collections::BTreeMap;
use tokens::Tokens;

/// A value found in a text, with the byte offsets of its span.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Found<T> {
    pub start: usize,
    pub end: usize,
    pub value: T,
}

/// A count of something: "500 million weekly users" is 500 000 000 "users".
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quantity {
    pub value: u64,
    /// The counted noun, lower-cased: "users", "mitarbeiter".
    pub unit: String,
}

/// A text's tokens and the lexicon to read them with, shared by the finders.
struct Scan<'a> {
    tokens: Tokens<'a>,
    lex: &'static Lexicon,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str, lang: Language) -> Scan<'a> {
        Scan {
            tokens: Tokens::new(text),
            lex: lexicon::lexicon(lang),
        }
    }

    /// Runs `at` on every token and keeps the longest non-overlapping results.
    fn find<T>(&self, at: impl Fn(&Scan, usize) -> Option<Found<T>>) -> Vec<Found<T>> {
        longest_first((0..self.tokens.len()).filter_map(|i| at(self, i)).collect())
    }
}

/// Amounts of money: "$13B", "US$2.5 billion", "13 Milliarden US-Dollar",
/// "rund fünf Milliarden Dollar", "1,5 Mrd. €". A currency is required, and a
/// number a date claims is no amount ("in 2019 dollars" is a year).
pub fn find_money(text: &str, lang: Language) -> Vec<Found<Money>> {
    let scan = Scan::new(text, lang);
    let dates = scan.find(|s, i| date::date_at(s, i, None, false));
    scan.find(|s, i| money::money_at(s, i).filter(|m| !overlaps(&dates, m)))
}

/// Dates: "January 2023", "im November 2023", "October 18, 2024", "17.10.2024",
/// "in 2019". Expressions without a year ("17. Oktober") and relative ones
/// ("last year") take their year from `reference`, and are skipped without one.
pub fn find_dates(
    text: &str,
    lang: Language,
    reference: Option<PartialDate>,
) -> Vec<Found<PartialDate>> {
    Scan::new(text, lang).find(|s, i| date::date_at(s, i, reference, false))
}

/// Counts: "500 million weekly users", "über 1.000 Mitarbeiter". A number that
/// is part of an amount of money or a date is no count.
pub fn find_quantities(text: &str, lang: Language) -> Vec<Found<Quantity>> {
    let scan = Scan::new(text, lang);
    let dates = scan.find(|s, i| date::date_at(s, i, None, false));
    let money = scan.find(|s, i| money::money_at(s, i).filter(|m| !overlaps(&dates, m)));
    scan.find(|s, i| {
        quantity::quantity_at(s, i).filter(|q| !overlaps(&dates, q) && !overlaps(&money, q))
    })
}

/// Every value of a text, as [`find_money`], [`find_dates`] and
/// [`find_quantities`] give them, from one tokenization and one date pass
/// (two when a `reference` date lets relative dates count).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Values {
    pub money: Vec<Found<Money>>,
    pub dates: Vec<Found<PartialDate>>,
    pub quantities: Vec<Found<Quantity>>,
}

/// All values of `text` at once; the same as the three finders, cheaper.
pub fn find_values(text: &str, lang: Language, reference: Option<PartialDate>) -> Values {
    let scan = Scan::new(text, lang);
    let absolute = scan.find(|s, i| date::date_at(s, i, None, false));
    let money = scan.find(|s, i| money::money_at(s, i).filter(|m| !overlaps(&absolute, m)));
    let quantities = scan.find(|s, i| {
        quantity::quantity_at(s, i).filter(|q| !overlaps(&absolute, q) && !overlaps(&money, q))
    });
    let dates = match reference {
        None => absolute,
        Some(_) => scan.find(|s, i| date::date_at(s, i, reference, false)),
    };
    Values {
        money,
        dates,
        quantities,
    }
}

/// Whether `f` shares a byte with any of `taken`.
fn overlaps<T, U>(taken: &[Found<T>], f: &Found<U>) -> bool {
    taken.iter().any(|t| t.start < f.end && f.start < t.end)
}

/// Reads a whole string as a date, in English or German: "2024-10",
/// "October 18, 2024", "18. Oktober 2024", "17.10.2024", "Oct. 2023", "2024",
/// "2024-10-18T09:30:00Z". Surrounding whitespace and a final full stop are
/// allowed; anything else makes it no date.
pub fn parse_date(text: &str) -> Option<PartialDate> {
    let text = text.trim();
    if let Some(date) = PartialDate::parse_iso(text) {
        return Some(date);
    }
    let scan = Scan::new(text, Language::Other);
    let found = date::date_at(&scan, 0, None, true)?;
    let rest = text[found.end..].trim();
    (rest.is_empty() || rest == ".").then_some(found.value)
}

/// The longest candidates that do not overlap, sorted by start. Among equally
/// long ones the earlier wins.
fn longest_first<T>(mut candidates: Vec<Found<T>>) -> Vec<Found<T>> {
    candidates.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    // Kept spans by start; they never overlap, so only the last one starting
    // before a candidate's end can overlap it.
    let mut kept: BTreeMap<usize, Found<T>> = BTreeMap::new();
    for c in candidates {
        let clash = kept
            .range(..c.end)
            .next_back()
            .is_some_and(|(_, k)| k.end > c.start);
        if !clash {
            kept.insert(c.start, c);
        }
    }
    kept.into_values().collect()
}

#[cfg(test)]
mod tests;
