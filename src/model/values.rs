//! Normalized values: money amounts and dates of year, month or day precision.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount of money in whole currency units ("$13B" is 13 000 000 000 USD).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Money {
    pub amount: u64,
    /// ISO 4217 code: `USD`, `EUR`, `GBP`, `CHF`, `JPY`, ...
    pub currency: String,
}

impl Money {
    pub fn new(amount: u64, currency: &str) -> Money {
        Money {
            amount,
            currency: currency.to_string(),
        }
    }

    /// A short human form: `$13B`, `€6.6B`, `$250M`, `CHF 12K`.
    pub fn short(&self) -> String {
        let symbol = match self.currency.as_str() {
            "USD" => "$",
            "EUR" => "€",
            "GBP" => "£",
            "JPY" => "¥",
            _ => "",
        };
        let (value, unit) = match self.amount {
            a if a >= 1_000_000_000_000 => (a as f64 / 1e12, "T"),
            a if a >= 1_000_000_000 => (a as f64 / 1e9, "B"),
            a if a >= 1_000_000 => (a as f64 / 1e6, "M"),
            a if a >= 1_000 => (a as f64 / 1e3, "K"),
            a => (a as f64, ""),
        };
        let mut number = format!("{value:.1}");
        if number.ends_with(".0") {
            number.truncate(number.len() - 2);
        }
        if symbol.is_empty() {
            format!("{} {number}{unit}", self.currency)
        } else {
            format!("{symbol}{number}{unit}")
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.short())
    }
}

/// A calendar date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn year(year: i32) -> PartialDate {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    pub fn month(year: i32, month: u8) -> Option<PartialDate> {
        (1..=12).contains(&month).then_some(PartialDate {
            year,
            month: Some(month),
            day: None,
        })
    }

    pub fn day(year: i32, month: u8, day: u8) -> Option<PartialDate> {
        (day >= 1 && day <= days_in_month(year, month)?).then_some(PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// The XSD datatype local name that fits the precision: `gYear`, `gYearMonth` or `date`.
    pub fn xsd_type(&self) -> &'static str {
        match (self.month, self.day) {
            (Some(_), Some(_)) => "date",
            (Some(_), None) => "gYearMonth",
            _ => "gYear",
        }
    }

    /// Parses the lexical forms [`fmt::Display`] writes: `2023`, `2023-01`, `2023-01-17`.
    pub fn parse_iso(s: &str) -> Option<PartialDate> {
        let mut parts = s.trim().splitn(3, '-');
        let year_part = parts.next()?;
        if year_part.len() != 4 || !year_part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year_part.parse().ok()?;
        let month = match parts.next() {
            None => return Some(PartialDate::year(year)),
            Some(m) if m.len() == 2 => m.parse::<u8>().ok()?,
            Some(_) => return None,
        };
        match parts.next() {
            None => PartialDate::month(year, month),
            // Accept a full timestamp ("2024-10-18T09:00:00Z") by keeping its date.
            Some(d) if d.len() >= 2 && d.as_bytes()[..2].iter().all(u8::is_ascii_digit) => {
                if d.len() > 2 && !d[2..].starts_with(['T', ' ', 't']) {
                    return None;
                }
                PartialDate::day(year, month, d[..2].parse().ok()?)
            }
            Some(_) => None,
        }
    }
}

fn days_in_month(year: i32, month: u8) -> Option<u8> {
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    })
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_short_forms() {
        assert_eq!(Money::new(13_000_000_000, "USD").short(), "$13B");
        assert_eq!(Money::new(6_600_000_000, "EUR").short(), "€6.6B");
        assert_eq!(Money::new(250_000_000, "USD").short(), "$250M");
        assert_eq!(Money::new(12_000, "CHF").short(), "CHF 12K");
    }

    #[test]
    fn dates_print_and_parse_at_their_precision() {
        for s in ["2023", "2023-01", "2024-10-17"] {
            assert_eq!(PartialDate::parse_iso(s).unwrap().to_string(), s);
        }
        assert_eq!(
            PartialDate::parse_iso("2024-10-18T09:30:00Z"),
            PartialDate::day(2024, 10, 18)
        );
        assert_eq!(PartialDate::parse_iso("2023-02-30"), None);
        assert_eq!(PartialDate::parse_iso("2023-13"), None);
        assert_eq!(PartialDate::parse_iso("20231"), None);
        assert_eq!(
            PartialDate::parse_iso("2024-02-29").unwrap().xsd_type(),
            "date"
        );
        assert_eq!(PartialDate::year(2019).xsd_type(), "gYear");
    }
}
