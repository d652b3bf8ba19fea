//! Dates at year, month or day precision, in running text or as a whole string.
//!
//! A date is one of:
//! - numeric: "17.10.2024", "2024-10-18", "2024-10";
//! - with a month name: "October 18, 2024", "18 October 2024", "18. Oktober 2024",
//!   "January 2023", "Oct. 18", "17. Oktober", optionally after a weekday
//!   ("Friday, October 18, 2024");
//! - after cue words, which belong to the span but not to the value: "im November
//!   2023", "Anfang Oktober 2024" (2024-10), "Mitte 2023" (2023), "in 2019",
//!   "seit 2019", "by 2026". A bare year (1900-2100) counts only after a cue, or
//!   after a determiner before a noun ("the 2018 Allen & Co. conference", where
//!   the span is the year alone); "2024" by itself is no date;
//! - relative to the reference date: "last year", "im vergangenen Jahr".
//!
//! What lacks a year ("17. Oktober", "Oct. 18", "im Oktober") takes the
//! reference date's year; without a reference it is no date, and neither is a
//! relative expression.

use super::tokens::{Kind, Tokens};
use super::{Found, Scan};
use crate::model::PartialDate;
use std::ops::RangeInclusive;

/// Years a bare four-digit number may stand for. Outside this range "in 1500"
/// is more likely a count than a date.
pub(super) const BARE_YEARS: RangeInclusive<i32> = 1900..=2100;

/// How many cue words may stand before a date: "bis Ende 2024", "since early 2023".
const MAX_CUES: usize = 3;

/// What a date expression says, before a missing year is taken from the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parts {
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
}

impl Parts {
    fn resolve(self, reference: Option<PartialDate>) -> Option<PartialDate> {
        let year = match self.year {
            Some(y) => y,
            None => reference?.year,
        };
        match (self.month, self.day) {
            (None, _) => Some(PartialDate::year(year)),
            (Some(m), None) => PartialDate::month(year, m),
            (Some(m), Some(d)) => PartialDate::day(year, m, d),
        }
    }
}

/// The longest date starting at token `i`. With `whole`, the text is known to
/// be a date field, so a bare year needs no cue.
pub(super) fn date_at(
    s: &Scan,
    i: usize,
    reference: Option<PartialDate>,
    whole: bool,
) -> Option<Found<PartialDate>> {
    let t = &s.tokens;
    if !t.starts_cleanly(i) {
        return None;
    }
    let mut best: Option<(usize, PartialDate)> = None;
    let mut consider = |end: usize, date: Option<PartialDate>| {
        if let Some(date) = date {
            if t.ends_cleanly(end) && !matches!(best, Some((e, _)) if e >= end) {
                best = Some((end, date));
            }
        }
    };
    if let Some(year) = determined_year(s, i) {
        consider(i + 1, Some(PartialDate::year(year)));
    }
    // Each position after zero or more cues: "im", "im Jahr", "bis Ende".
    let mut starts = vec![i];
    while starts.len() <= MAX_CUES {
        match s.lex.date_cues.longest_at(t, starts[starts.len() - 1]) {
            Some((next, _)) => starts.push(next),
            None => break,
        }
    }
    for (n, &j) in starts.iter().enumerate() {
        if let Some(r) = reference {
            if let Some((end, &offset)) = s.lex.relative_years.longest_at(t, j) {
                consider(end, Some(PartialDate::year(r.year + offset)));
            }
            if let Some((end, &offset)) = s.lex.relative_months.longest_at(t, j) {
                consider(end, shift_month(r, offset));
            }
        }
        for (end, parts) in calendar(s, j, whole || n > 0) {
            consider(end, parts.resolve(reference));
        }
    }
    let (end, value) = best?;
    let (start, end) = t.offsets(i, end);
    Some(Found { start, end, value })
}

/// The reference month moved by `offset` months; `None` if the reference has no month.
fn shift_month(reference: PartialDate, offset: i32) -> Option<PartialDate> {
    let index = reference.year * 12 + i32::from(reference.month?) - 1 + offset;
    PartialDate::month(
        index.div_euclid(12),
        u8::try_from(index.rem_euclid(12) + 1).ok()?,
    )
}

/// The year at token `i` in "the 2018 Allen & Co. conference": a determiner
/// before it, a word after it.
fn determined_year(s: &Scan, i: usize) -> Option<i32> {
    let t = &s.tokens;
    let (_, year) = year(t, i).filter(|(_, y)| BARE_YEARS.contains(y))?;
    let determined = i > 0
        && !t.glued(i)
        && s.lex.year_determiners.longest_at(t, i - 1).map(|(e, _)| e) == Some(i);
    let noun_follows = t.kind(i + 1) == Some(Kind::Word) && !t.glued(i + 1);
    (determined && noun_follows).then_some(year)
}

/// Every calendar expression starting at token `j`, with the token past it.
/// `licensed`: a cue stands before, so a bare month or year counts.
fn calendar(s: &Scan, j: usize, licensed: bool) -> Vec<(usize, Parts)> {
    let t = &s.tokens;
    let mut found: Vec<(usize, Parts)> =
        [numeric(t, j), day_first(s, j), month_first(s, j, licensed)]
            .into_iter()
            .flatten()
            .collect();
    if licensed {
        if let Some((end, y)) = year(t, j).filter(|(_, y)| BARE_YEARS.contains(y)) {
            found.push((
                end,
                Parts {
                    year: Some(y),
                    month: None,
                    day: None,
                },
            ));
        }
    }
    if let Some((k, _)) = s.lex.weekdays.longest_at(t, j) {
        let k = if t.is_symbol(k, ",") && t.glued(k) {
            k + 1
        } else {
            k
        };
        let full = [numeric(t, k), day_first(s, k), month_first(s, k, false)];
        found.extend(full.into_iter().flatten().filter(|(_, p)| p.day.is_some()));
    }
    found
}

/// "17.10.2024" (one number token), "2024-10-18", "2024-10".
fn numeric(t: &Tokens, j: usize) -> Option<(usize, Parts)> {
    if t.kind(j) != Some(Kind::Number) {
        return None;
    }
    let text = t.text(j);
    let pieces: Vec<&str> = text.split('.').collect();
    if let [d, m, y] = pieces[..] {
        let digits = |p: &str, lens: RangeInclusive<usize>| {
            lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
        };
        if digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4) {
            return Some((
                j + 1,
                Parts {
                    year: y.parse().ok(),
                    month: m.parse().ok(),
                    day: d.parse().ok(),
                },
            ));
        }
        return None;
    }
    let (_, y) = year(t, j)?;
    let two_digits = |k: usize| {
        let glued = t.is_symbol(k, "-") && t.glued(k) && t.glued(k + 1);
        let text = t.text(k + 1);
        let ok = glued && text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| text.parse::<u8>().ok()).flatten()
    };
    let month = two_digits(j + 1)?;
    let (end, day) = match two_digits(j + 3) {
        Some(d) => (j + 5, Some(d)),
        None => (j + 3, None),
    };
    Some((
        end,
        Parts {
            year: Some(y),
            month: Some(month),
            day,
        },
    ))
}

/// "18 October 2024", "18. Oktober 2024", "17. Oktober", "18th of October".
fn day_first(s: &Scan, j: usize) -> Option<(usize, Parts)> {
    let t = &s.tokens;
    let (mut k, d) = day(t, j)?;
    if let Some((e, _)) = s.lex.ordinal_suffixes.glued_at(t, k) {
        k = e;
    }
    if let Some((e, _)) = s.lex.day_month_joiners.longest_at(t, k) {
        k = e;
    }
    let (k, &m) = s.lex.months.longest_at(t, k)?;
    let (end, y) = match year(t, k) {
        Some((e, y)) => (e, Some(y)),
        None => (k, None),
    };
    Some((
        end,
        Parts {
            year: y,
            month: Some(m),
            day: Some(d),
        },
    ))
}

/// "October 18, 2024", "Oct. 18", "January 2023", and a bare month after a cue.
fn month_first(s: &Scan, j: usize, licensed: bool) -> Option<(usize, Parts)> {
    let t = &s.tokens;
    let (k, &m) = s.lex.months.longest_at(t, j)?;
    let month = Some(m);
    if let Some((end, y)) = year(t, k) {
        let year = Some(y);
        return Some((
            end,
            Parts {
                year,
                month,
                day: None,
            },
        ));
    }
    if let Some((mut e, d)) = day(t, k) {
        if let Some((after, _)) = s.lex.ordinal_suffixes.glued_at(t, e) {
            e = after;
        }
        let comma = if t.is_symbol(e, ",") && t.glued(e) {
            e + 1
        } else {
            e
        };
        let (end, year) = match year(t, comma) {
            Some((end, y)) => (end, Some(y)),
            None => (e, None),
        };
        return Some((
            end,
            Parts {
                year,
                month,
                day: Some(d),
            },
        ));
    }
    licensed.then_some((
        k,
        Parts {
            year: None,
            month,
            day: None,
        },
    ))
}

/// A day of the month: one or two digits, 1 to 31.
fn day(t: &Tokens, j: usize) -> Option<(usize, u8)> {
    let text = t.text(j);
    let plain = t.kind(j) == Some(Kind::Number) && text.len() <= 2;
    let d: u8 = if plain {
        text.parse().ok()?
    } else {
        return None;
    };
    (1..=31).contains(&d).then_some((j + 1, d))
}

/// A year: exactly four digits.
fn year(t: &Tokens, j: usize) -> Option<(usize, i32)> {
    let text = t.text(j);
    let four = t.kind(j) == Some(Kind::Number) && text.len() == 4;
    let digits = text.bytes().all(|b| b.is_ascii_digit());
    (four && digits)
        .then(|| Some((j + 1, text.parse().ok()?)))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_shift_across_years() {
        let jan = PartialDate::month(2024, 1).unwrap();
        assert_eq!(shift_month(jan, -1), PartialDate::month(2023, 12));
        assert_eq!(shift_month(jan, 0), Some(jan));
        assert_eq!(shift_month(jan, 12), PartialDate::month(2025, 1));
        assert_eq!(shift_month(PartialDate::year(2024), -1), None);
    }

    #[test]
    fn missing_years_come_from_the_reference() {
        let parts = Parts {
            year: None,
            month: Some(10),
            day: Some(17),
        };
        let reference = PartialDate::day(2024, 10, 18);
        assert_eq!(parts.resolve(reference), PartialDate::day(2024, 10, 17));
        assert_eq!(parts.resolve(None), None);
        let bad = Parts {
            year: Some(2023),
            month: Some(2),
            day: Some(30),
        };
        assert_eq!(bad.resolve(None), None);
    }
}
