//! Runs the cases in `data/normalize/cases.toml` through the public finders.
//!
//! Each case gives a language, a text and every value expected in it, in order,
//! as the exact span and the exact value; the harness finds each span in the
//! text after the previous one, so the offsets are checked too. Adding a case
//! is adding a record to the data file. All failures are reported together.

use super::*;
use serde::Deserialize;

const CASES: &str = include_str!("../../data/normalize/cases.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases {
    money: Vec<Case<MoneyHit>>,
    dates: Vec<Case<DateHit>>,
    quantities: Vec<Case<QuantityHit>>,
    parse_date: Vec<ParseCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case<H> {
    lang: String,
    text: String,
    /// For dates: the reference date, ISO.
    reference: Option<String>,
    found: Vec<H>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MoneyHit {
    span: String,
    amount: u64,
    currency: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DateHit {
    span: String,
    date: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuantityHit {
    span: String,
    value: u64,
    unit: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParseCase {
    text: String,
    /// ISO; absent when the text is no date.
    date: Option<String>,
}

fn cases() -> Cases {
    toml::from_str(CASES).unwrap_or_else(|e| panic!("data/normalize/cases.toml: {e}"))
}

fn iso(s: &str) -> PartialDate {
    PartialDate::parse_iso(s).unwrap_or_else(|| panic!("cases.toml: bad date {s:?}"))
}

/// The expected results of one case: each span located after the previous one.
fn expect<H, T>(
    text: &str,
    hits: &[H],
    span: impl Fn(&H) -> &str,
    value: impl Fn(&H) -> T,
) -> Vec<Found<T>> {
    let mut from = 0;
    hits.iter()
        .map(|h| {
            let s = span(h);
            let start = from
                + text[from..]
                    .find(s)
                    .unwrap_or_else(|| panic!("cases.toml: {s:?} is not in {text:?}"));
            from = start + s.len();
            Found {
                start,
                end: from,
                value: value(h),
            }
        })
        .collect()
}

fn check<T: PartialEq + std::fmt::Debug>(
    failures: &mut Vec<String>,
    kind: &str,
    lang: &str,
    text: &str,
    got: Vec<Found<T>>,
    want: Vec<Found<T>>,
) {
    if got != want {
        let show = |v: &[Found<T>]| {
            v.iter()
                .map(|f| format!("{:?} {:?}", &text[f.start..f.end], f.value))
                .collect::<Vec<_>>()
                .join(", ")
        };
        failures.push(format!(
            "{kind} [{lang}] {text:?}\n    want: {}\n    got:  {}",
            show(&want),
            show(&got)
        ));
    }
}

/// One pass for all values gives what the three finders give, on every case text.
#[test]
fn find_values_agrees_with_the_three_finders() {
    let cases = cases();
    let texts = cases
        .money
        .iter()
        .map(|c| (&c.text, &c.lang, None))
        .chain(
            cases
                .dates
                .iter()
                .map(|c| (&c.text, &c.lang, c.reference.as_deref())),
        )
        .chain(cases.quantities.iter().map(|c| (&c.text, &c.lang, None)));
    let mut checked = 0;
    for (text, lang, reference) in texts {
        let lang = Language::from_code(lang);
        let reference = reference.map(iso);
        let all = find_values(text, lang, reference);
        assert_eq!(all.money, find_money(text, lang), "{text}");
        assert_eq!(all.dates, find_dates(text, lang, reference), "{text}");
        assert_eq!(all.quantities, find_quantities(text, lang), "{text}");
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} case texts");
}

#[test]
fn cases_from_data() {
    let cases = cases();
    let mut failures = Vec::new();
    for c in &cases.money {
        let lang = Language::from_code(&c.lang);
        let want = expect(
            &c.text,
            &c.found,
            |h| &h.span,
            |h| Money::new(h.amount, &h.currency),
        );
        let got = find_money(&c.text, lang);
        check(&mut failures, "money", &c.lang, &c.text, got, want);
    }
    for c in &cases.dates {
        let lang = Language::from_code(&c.lang);
        let reference = c.reference.as_deref().map(iso);
        let want = expect(&c.text, &c.found, |h| &h.span, |h| iso(&h.date));
        let got = find_dates(&c.text, lang, reference);
        check(&mut failures, "dates", &c.lang, &c.text, got, want);
    }
    for c in &cases.quantities {
        let lang = Language::from_code(&c.lang);
        let want = expect(
            &c.text,
            &c.found,
            |h| &h.span,
            |h| Quantity {
                value: h.value,
                unit: h.unit.clone(),
            },
        );
        let got = find_quantities(&c.text, lang);
        check(&mut failures, "quantities", &c.lang, &c.text, got, want);
    }
    for c in &cases.parse_date {
        let want = c.date.as_deref().map(iso);
        let got = parse_date(&c.text);
        if got != want {
            failures.push(format!(
                "parse_date {:?}: want {want:?}, got {got:?}",
                c.text
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_case_section_has_cases_in_both_languages() {
    let cases = cases();
    let langs = |l: Vec<&str>| ["en", "de"].iter().all(|want| l.contains(want));
    assert!(langs(cases.money.iter().map(|c| c.lang.as_str()).collect()));
    assert!(langs(cases.dates.iter().map(|c| c.lang.as_str()).collect()));
    assert!(langs(
        cases.quantities.iter().map(|c| c.lang.as_str()).collect()
    ));
    assert!(!cases.parse_date.is_empty());
}

#[test]
fn overlapping_candidates_keep_the_longest() {
    let f = |start, end| Found {
        start,
        end,
        value: (),
    };
    let kept = longest_first(vec![f(0, 4), f(2, 10), f(10, 12), f(11, 20), f(20, 21)]);
    assert_eq!(kept, vec![f(2, 10), f(11, 20), f(20, 21)]);
}

#[test]
fn offsets_are_bytes_into_the_input() {
    let text = "Für „über 1.000 Mitarbeiter“ zahlte er 2 Mio. €.";
    let q = find_quantities(text, Language::German);
    assert_eq!(q.len(), 1);
    assert_eq!(&text[q[0].start..q[0].end], "über 1.000 Mitarbeiter");
    assert_eq!(q[0].start, "Für „".len());
    let m = find_money(text, Language::German);
    assert_eq!(&text[m[0].start..m[0].end], "2 Mio. €");
    assert_eq!(m[0].value, Money::new(2_000_000, "EUR"));
}

#[test]
fn values_never_cross_a_blank_line() {
    assert_eq!(
        find_money("13 Milliarden\n\nDollar", Language::German),
        vec![]
    );
    assert_eq!(
        find_money("13 Milliarden\nDollar", Language::German).len(),
        1
    );
}
