//! Numbers read exactly: digits in either decimal convention, number words and
//! scale words, as a mantissa and a power of ten.
//!
//! "6,6 Milliarden" becomes 66 × 10^-1 × 10^9 = 6 600 000 000, with no floating
//! point anywhere. [`amount`] reads the number part that money and counts
//! share ("13", "1,5 Mrd.", "fünf Milliarden", "a billion", "13B") and leaves
//! the currency or the noun to its caller.

use super::tokens::Kind;
use super::Scan;

/// An exact decimal: `mantissa × 10^exponent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Decimal {
    pub mantissa: u64,
    pub exponent: i32,
}

impl Decimal {
    pub fn integer(n: u64) -> Decimal {
        Decimal {
            mantissa: n,
            exponent: 0,
        }
    }

    /// Multiplied by `10^power` ("6,6" scaled by Milliarden).
    pub fn scaled(self, power: u32) -> Decimal {
        Decimal {
            mantissa: self.mantissa,
            exponent: self.exponent + power as i32,
        }
    }

    /// The value rounded half up to a whole number; `None` if it overflows u64.
    pub fn rounded(self) -> Option<u64> {
        if self.exponent >= 0 {
            return self.whole_multiple();
        }
        let divisor = 10u128.checked_pow(self.exponent.unsigned_abs())?;
        let mantissa = u128::from(self.mantissa);
        let quotient = mantissa / divisor + u128::from(mantissa % divisor * 2 >= divisor);
        u64::try_from(quotient).ok()
    }

    /// The value if it is a whole number ("1.5 million" is, "2.5" is not).
    pub fn exact(self) -> Option<u64> {
        if self.exponent >= 0 {
            return self.whole_multiple();
        }
        let divisor = 10u64.checked_pow(self.exponent.unsigned_abs())?;
        (self.mantissa % divisor == 0).then_some(self.mantissa / divisor)
    }

    fn whole_multiple(self) -> Option<u64> {
        self.mantissa
            .checked_mul(10u64.checked_pow(self.exponent.unsigned_abs())?)
    }
}

/// How a language writes the decimal mark and the thousands separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Convention {
    /// One language's marks; the other convention is tried only when a number
    /// cannot be read with these ("3.5" in German text is three and a half).
    Marks { decimal: char, group: char },
    /// Language unknown: a mark that occurs once and is followed by exactly three
    /// digits groups thousands, a mark that occurs once otherwise is decimal.
    Guess,
}

/// Reads a number token ("1.000,5", "1,000.5", "13") under `convention`.
pub(super) fn parse_digits(s: &str, convention: Convention) -> Option<Decimal> {
    match convention {
        Convention::Marks { decimal, group } => {
            strict(s, decimal, group).or_else(|| strict(s, group, decimal))
        }
        Convention::Guess => {
            let last_mark = s.rfind(['.', ',']);
            let Some(at) = last_mark else {
                return strict(s, '.', ',');
            };
            let mark = s[at..].chars().next()?;
            let other = if mark == '.' { ',' } else { '.' };
            let groups_thousands =
                !s.contains(other) && (s.matches(mark).count() > 1 || s.len() - at - 1 == 3);
            if groups_thousands {
                strict(s, other, mark)
            } else {
                strict(s, mark, other)
            }
        }
    }
}

/// Reads `s` with exactly these marks: groups of three digits after the first
/// group, at most one decimal mark, no group mark after it.
fn strict(s: &str, decimal: char, group: char) -> Option<Decimal> {
    let (whole, fraction) = match s.split_once(decimal) {
        Some((w, f)) => (w, Some(f)),
        None => (s, None),
    };
    let mut groups = whole.split(group);
    let first = groups.next()?;
    let mut digits = String::with_capacity(s.len());
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let grouped = whole.contains(group);
    if grouped && first.len() > 3 {
        return None;
    }
    digits.push_str(first);
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push_str(g);
    }
    let mut exponent = 0;
    if let Some(f) = fraction {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push_str(f);
        exponent = -i32::try_from(f.len()).ok()?;
    }
    Some(Decimal {
        mantissa: digits.parse().ok()?,
        exponent,
    })
}

/// The number part of an amount or a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Amount {
    /// The token just past the amount.
    pub end: usize,
    pub value: Decimal,
    /// Written in digits rather than words.
    pub digits: bool,
    /// Followed by a scale word or letter.
    pub scaled: bool,
}

/// Reads an amount at token `i`: a number in digits or words with an optional
/// scale ("13", "13B", "6,6 Milliarden", "fünf Milliarden", "5-billion",
/// "two hundred million"), or an article before a scale ("a billion",
/// "eine Milliarde").
pub(super) fn amount(s: &Scan, i: usize) -> Option<Amount> {
    let t = &s.tokens;
    if let Some((j, _)) = s.lex.scale_articles.longest_at(t, i) {
        if let Some((end, power)) = scales(s, j) {
            return Some(Amount {
                end,
                value: Decimal::integer(1).scaled(power),
                digits: false,
                scaled: true,
            });
        }
    }
    let (j, value, digits) = if t.kind(i) == Some(Kind::Number) {
        (i + 1, parse_digits(t.text(i), s.lex.convention)?, true)
    } else {
        let (j, &n) = s.lex.number_words.longest_at(t, i)?;
        (j, Decimal::integer(n), false)
    };
    if digits {
        if let Some((end, &power)) = s.lex.attached_scales.glued_at(t, j) {
            return Some(Amount {
                end,
                value: value.scaled(power),
                digits,
                scaled: true,
            });
        }
    }
    Some(match scales(s, j) {
        Some((end, power)) => Amount {
            end,
            value: value.scaled(power),
            digits,
            scaled: true,
        },
        None => Amount {
            end: j,
            value,
            digits,
            scaled: false,
        },
    })
}

/// Scale words at token `j`, the first optionally joined by a hyphen
/// ("13-Milliarden"), a second one only if it is larger ("hundred million").
fn scales(s: &Scan, j: usize) -> Option<(usize, u32)> {
    let t = &s.tokens;
    let j = if t.is_symbol(j, "-") && t.glued(j) && t.glued(j + 1) {
        j + 1
    } else {
        j
    };
    let (k, &first) = s.lex.scales.longest_at(t, j)?;
    match s.lex.scales.longest_at(t, k) {
        Some((end, &second)) if second > first => Some((end, first + second)),
        _ => Some((k, first)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;
    use crate::normalize::lexicon::lexicon;
    use crate::normalize::tokens::Tokens;

    const POINT: Convention = Convention::Marks {
        decimal: '.',
        group: ',',
    };
    const COMMA: Convention = Convention::Marks {
        decimal: ',',
        group: '.',
    };

    fn d(mantissa: u64, exponent: i32) -> Option<Decimal> {
        Some(Decimal { mantissa, exponent })
    }

    #[test]
    fn each_convention_reads_its_own_marks() {
        assert_eq!(parse_digits("1,000.5", POINT), d(10005, -1));
        assert_eq!(parse_digits("1.000,5", COMMA), d(10005, -1));
        assert_eq!(parse_digits("500.000", COMMA), d(500_000, 0));
        assert_eq!(parse_digits("1,000,000", POINT), d(1_000_000, 0));
        assert_eq!(parse_digits("6,6", COMMA), d(66, -1));
        assert_eq!(parse_digits("5000", POINT), d(5000, 0));
    }

    #[test]
    fn the_other_convention_is_a_fallback() {
        // Not English: "6,6" has no group of three.
        assert_eq!(parse_digits("6,6", POINT), d(66, -1));
        // Valid in English, so English wins: 1.000 is one.
        assert_eq!(parse_digits("1.000", POINT), d(1000, -3));
        assert_eq!(parse_digits("3.5", COMMA), d(35, -1));
        // Neither: a date, not a number.
        assert_eq!(parse_digits("17.10.2024", COMMA), None);
        assert_eq!(parse_digits("1234,567.8", POINT), None);
    }

    #[test]
    fn guessing_reads_a_group_of_three_as_thousands() {
        assert_eq!(parse_digits("1.000", Convention::Guess), d(1000, 0));
        assert_eq!(parse_digits("1,000", Convention::Guess), d(1000, 0));
        assert_eq!(parse_digits("1,5", Convention::Guess), d(15, -1));
        assert_eq!(
            parse_digits("1.000.000", Convention::Guess),
            d(1_000_000, 0)
        );
        assert_eq!(parse_digits("1.000,25", Convention::Guess), d(100_025, -2));
        assert_eq!(parse_digits("1,000.25", Convention::Guess), d(100_025, -2));
    }

    #[test]
    fn decimals_scale_and_round_exactly() {
        let six_six = Decimal {
            mantissa: 66,
            exponent: -1,
        };
        assert_eq!(six_six.scaled(9).exact(), Some(6_600_000_000));
        assert_eq!(six_six.exact(), None);
        assert_eq!(six_six.rounded(), Some(7));
        assert_eq!(d(249, -2).unwrap().rounded(), Some(2));
        assert_eq!(d(250, -2).unwrap().rounded(), Some(3));
        assert_eq!(
            Decimal::integer(5000).scaled(9).exact(),
            Some(5_000_000_000_000)
        );
        assert_eq!(Decimal::integer(20).scaled(18).exact(), None);
        assert_eq!(d(1, -30).unwrap().rounded(), Some(0));
        assert_eq!(d(1, -40).unwrap().rounded(), None);
        assert_eq!(parse_digits("99999999999999999999", POINT), None);
    }

    fn read(text: &str, lang: Language) -> Option<(String, Option<u64>)> {
        let s = Scan {
            tokens: Tokens::new(text),
            lex: lexicon(lang),
        };
        let a = amount(&s, 0)?;
        Some((s.tokens.span(0, a.end).to_string(), a.value.exact()))
    }

    #[test]
    fn amounts_take_scale_words_and_letters() {
        let en = Language::English;
        let de = Language::German;
        let some = |span: &str, n: u64| Some((span.to_string(), Some(n)));
        assert_eq!(read("13B bet", en), some("13B", 13_000_000_000));
        assert_eq!(read("1bn", en), some("1bn", 1_000_000_000));
        assert_eq!(read("2.5 billion", en), some("2.5 billion", 2_500_000_000));
        assert_eq!(read("a billion", en), some("a billion", 1_000_000_000));
        assert_eq!(
            read("two hundred million", en),
            some("two hundred million", 200_000_000)
        );
        assert_eq!(read("5-billion", en), some("5-billion", 5_000_000_000));
        assert_eq!(
            read("fünf Milliarden", de),
            some("fünf Milliarden", 5_000_000_000)
        );
        assert_eq!(read("1,5 Mrd.", de), some("1,5 Mrd.", 1_500_000_000));
        assert_eq!(read("2 Mio. Euro", de), some("2 Mio.", 2_000_000));
        assert_eq!(
            read("eine Milliarde", de),
            some("eine Milliarde", 1_000_000_000)
        );
        assert_eq!(
            read("1,5 Billionen", de),
            some("1,5 Billionen", 1_500_000_000_000)
        );
        assert_eq!(read("13X", en), some("13", 13));
        // An article alone is no number.
        assert_eq!(read("a company", en), None);
        assert_eq!(read("ein Unternehmen", de), None);
    }
}
