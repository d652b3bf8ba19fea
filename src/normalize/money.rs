//! Amounts of money: a number with a currency before it ("$13B", "USD 400
//! million", "€6.6 billion") or after it ("13 Milliarden US-Dollar", "1,5 Mrd. €",
//! "5000 billion-dollar"), optionally after a hedge ("rund", "about").
//!
//! A currency is required: "billions of dollars" and "Milliarden Euro" give
//! nothing, and neither does "Phi-3.5". Amounts are whole currency units,
//! rounded half up ("$2.50" is 3 USD).

use super::number::amount;
use super::{Found, Scan};
use crate::model::Money;

/// The longest amount of money starting at token `i`, if any.
pub(super) fn money_at(s: &Scan, i: usize) -> Option<Found<Money>> {
    let t = &s.tokens;
    if !t.starts_cleanly(i) {
        return None;
    }
    let j = s
        .lex
        .approximators
        .longest_at(t, i)
        .map_or(i, |(end, _)| end);
    let (end, money) = currency_first(s, j).or_else(|| currency_last(s, j))?;
    if !t.ends_cleanly(end) {
        return None;
    }
    let (start, end) = t.offsets(i, end);
    Some(Found {
        start,
        end,
        value: money,
    })
}

/// "$13B", "US$2.5 billion", "USD 400 million", "€ 500": a sign or code, then
/// an amount in digits.
fn currency_first(s: &Scan, j: usize) -> Option<(usize, Money)> {
    let (k, code) = s.lex.currency_before.longest_at(&s.tokens, j)?;
    let a = amount(s, k).filter(|a| a.digits)?;
    Some((a.end, Money::new(a.value.rounded()?, code)))
}

/// "13 Milliarden US-Dollar", "1,5 Mrd. €", "five billion dollars",
/// "5000 billion-dollar", "13-Milliarden-Dollar": an amount, then a currency,
/// directly or after a hyphen.
fn currency_last(s: &Scan, j: usize) -> Option<(usize, Money)> {
    let t = &s.tokens;
    let a = amount(s, j)?;
    let k = if t.is_symbol(a.end, "-") && t.glued(a.end) && t.glued(a.end + 1) {
        a.end + 1
    } else {
        a.end
    };
    let (end, code) = s.lex.currency_after.longest_at(t, k)?;
    Some((end, Money::new(a.value.rounded()?, code)))
}
