//! The language knowledge the finders use, read from `data/normalize/*.toml`.
//!
//! `common.toml` holds what every language shares (currency signs and ISO
//! codes); `en.toml` and `de.toml` hold each language's number words, scale
//! words, currency words, month names, cue words and noun rules. The files are
//! compiled in with `include_str!` and turned into phrase tables once per
//! language, on first use. [`Language::Other`] gets English and German merged,
//! English first where both spell a word the same ("billion" is then 10^9).

use super::number::Convention;
use super::phrase::PhraseTable;
use crate::model::Language;
use rustc_hash::FxHashSet;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

const COMMON: &str = include_str!("../../data/normalize/common.toml");
const ENGLISH: &str = include_str!("../../data/normalize/en.toml");
const GERMAN: &str = include_str!("../../data/normalize/de.toml");

static ENGLISH_LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::build(&[parse("en.toml", ENGLISH)]));
static GERMAN_LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::build(&[parse("de.toml", GERMAN)]));
static MIXED_LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::build(&[parse("en.toml", ENGLISH), parse("de.toml", GERMAN)]));

/// The lexicon for `lang`, built on first use.
pub(super) fn lexicon(lang: Language) -> &'static Lexicon {
    match lang {
        Language::English => &ENGLISH_LEXICON,
        Language::German => &GERMAN_LEXICON,
        Language::Other => &MIXED_LEXICON,
    }
}

/// How a language marks a counted noun after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum NounRule {
    /// English: a lower-case noun in the plural ("users").
    LowerPlural,
    /// German: a capitalized noun ("Mitarbeiter").
    Capitalized,
}

/// One language's words (or several merged), ready for matching.
pub(super) struct Lexicon {
    pub convention: Convention,
    pub approximators: PhraseTable<()>,
    pub number_words: PhraseTable<u64>,
    pub scale_articles: PhraseTable<()>,
    pub scales: PhraseTable<u32>,
    pub attached_scales: PhraseTable<u32>,
    /// Signs and codes, which may precede the number.
    pub currency_before: PhraseTable<String>,
    /// Signs, codes and currency words, which may follow the number.
    pub currency_after: PhraseTable<String>,
    pub months: PhraseTable<u8>,
    pub weekdays: PhraseTable<()>,
    pub ordinal_suffixes: PhraseTable<()>,
    pub day_month_joiners: PhraseTable<()>,
    pub date_cues: PhraseTable<()>,
    pub year_determiners: PhraseTable<()>,
    pub relative_years: PhraseTable<i32>,
    pub relative_months: PhraseTable<i32>,
    pub noun_rules: Vec<NounRule>,
    pub plural_endings: Vec<String>,
    pub singular_endings: Vec<String>,
    /// Lower case, like the two sets below.
    pub plural_nouns: FxHashSet<String>,
    pub function_words: FxHashSet<String>,
    pub not_units: FxHashSet<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CommonFile {
    currencies: CurrenciesFile,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrenciesFile {
    signs: BTreeMap<String, String>,
    codes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageFile {
    numbers: NumbersFile,
    money: MoneyFile,
    dates: DatesFile,
    quantities: QuantitiesFile,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersFile {
    decimal_mark: char,
    group_mark: char,
    approximators: Vec<String>,
    words: BTreeMap<String, u64>,
    scale_articles: Vec<String>,
    scales: BTreeMap<String, u32>,
    attached_scales: BTreeMap<String, u32>,
    compound: CompoundFile,
}

/// Compound number words: `pattern` with `{tens}` and `{units}` filled in from
/// every pair of the two tables.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CompoundFile {
    pattern: String,
    tens: BTreeMap<String, u64>,
    units: BTreeMap<String, u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MoneyFile {
    currency_words: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DatesFile {
    months: Vec<Vec<String>>,
    weekdays: Vec<String>,
    ordinal_suffixes: Vec<String>,
    day_month_joiners: Vec<String>,
    cues: Vec<String>,
    year_determiners: Vec<String>,
    relative_years: BTreeMap<String, i32>,
    relative_months: BTreeMap<String, i32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuantitiesFile {
    nouns: NounRule,
    plural_endings: Vec<String>,
    singular_endings: Vec<String>,
    plural_nouns: Vec<String>,
    function_words: Vec<String>,
    not_units: Vec<String>,
}

/// Parses a compiled-in data file. The files ship inside the binary, so a
/// mistake in one is a bug caught by this module's tests, not a user error.
fn parse(name: &str, text: &str) -> LanguageFile {
    toml::from_str(text).unwrap_or_else(|e| panic!("data/normalize/{name}: {e}"))
}

fn words<'a, V: Clone + 'a>(
    table: &mut PhraseTable<V>,
    entries: impl IntoIterator<Item = (&'a String, &'a V)>,
) {
    for (phrase, value) in entries {
        table.insert(phrase, value.clone());
    }
}

fn flags<'a>(table: &mut PhraseTable<()>, entries: impl IntoIterator<Item = &'a String>) {
    for phrase in entries {
        table.insert(phrase, ());
    }
}

fn lowered<'a>(set: &mut FxHashSet<String>, entries: impl IntoIterator<Item = &'a String>) {
    set.extend(entries.into_iter().map(|w| w.to_lowercase()));
}

impl Lexicon {
    /// Builds one lexicon from `files`, earlier files winning where two define
    /// the same phrase.
    fn build(files: &[LanguageFile]) -> Lexicon {
        let common: CommonFile =
            toml::from_str(COMMON).unwrap_or_else(|e| panic!("data/normalize/common.toml: {e}"));
        let convention = match files {
            [one] => Convention::Marks {
                decimal: one.numbers.decimal_mark,
                group: one.numbers.group_mark,
            },
            _ => Convention::Guess,
        };
        let mut lex = Lexicon {
            convention,
            approximators: PhraseTable::default(),
            number_words: PhraseTable::default(),
            scale_articles: PhraseTable::default(),
            scales: PhraseTable::default(),
            attached_scales: PhraseTable::default(),
            currency_before: PhraseTable::default(),
            currency_after: PhraseTable::default(),
            months: PhraseTable::default(),
            weekdays: PhraseTable::default(),
            ordinal_suffixes: PhraseTable::default(),
            day_month_joiners: PhraseTable::default(),
            date_cues: PhraseTable::default(),
            year_determiners: PhraseTable::default(),
            relative_years: PhraseTable::default(),
            relative_months: PhraseTable::default(),
            noun_rules: Vec::new(),
            plural_endings: Vec::new(),
            singular_endings: Vec::new(),
            plural_nouns: FxHashSet::default(),
            function_words: FxHashSet::default(),
            not_units: FxHashSet::default(),
        };
        let codes: Vec<(String, String)> = common
            .currencies
            .codes
            .iter()
            .map(|c| (c.clone(), c.clone()))
            .collect();
        for table in [&mut lex.currency_before, &mut lex.currency_after] {
            words(table, &common.currencies.signs);
            words(table, codes.iter().map(|(k, v)| (k, v)));
        }
        for file in files {
            let numbers = &file.numbers;
            flags(&mut lex.approximators, &numbers.approximators);
            words(&mut lex.number_words, &numbers.words);
            let compound = &numbers.compound;
            for (tens, t) in &compound.tens {
                for (units, u) in &compound.units {
                    let word = compound
                        .pattern
                        .replace("{tens}", tens)
                        .replace("{units}", units);
                    lex.number_words.insert(&word, t + u);
                }
            }
            flags(&mut lex.scale_articles, &numbers.scale_articles);
            words(&mut lex.scales, &numbers.scales);
            words(&mut lex.attached_scales, &numbers.attached_scales);
            words(&mut lex.currency_after, &file.money.currency_words);

            let dates = &file.dates;
            assert_eq!(dates.months.len(), 12, "a data file lists 12 months");
            for (names, month) in dates.months.iter().zip(1u8..) {
                for name in names {
                    lex.months.insert(name, month);
                }
            }
            flags(&mut lex.weekdays, &dates.weekdays);
            flags(&mut lex.ordinal_suffixes, &dates.ordinal_suffixes);
            flags(&mut lex.day_month_joiners, &dates.day_month_joiners);
            flags(&mut lex.date_cues, &dates.cues);
            flags(&mut lex.year_determiners, &dates.year_determiners);
            words(&mut lex.relative_years, &dates.relative_years);
            words(&mut lex.relative_months, &dates.relative_months);

            let quantities = &file.quantities;
            if !lex.noun_rules.contains(&quantities.nouns) {
                lex.noun_rules.push(quantities.nouns);
            }
            lex.plural_endings
                .extend(quantities.plural_endings.iter().cloned());
            lex.singular_endings
                .extend(quantities.singular_endings.iter().cloned());
            lowered(&mut lex.plural_nouns, &quantities.plural_nouns);
            lowered(&mut lex.function_words, &quantities.function_words);
            lowered(&mut lex.not_units, &quantities.not_units);
        }
        lex
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::tokens::Tokens;

    #[test]
    fn every_lexicon_loads() {
        for lang in [Language::English, Language::German, Language::Other] {
            let lex = lexicon(lang);
            assert!(!lex.noun_rules.is_empty());
        }
    }

    #[test]
    fn compound_number_words_are_generated() {
        let en = Tokens::new("twenty-five");
        assert_eq!(
            lexicon(Language::English).number_words.longest_at(&en, 0),
            Some((3, &25))
        );
        let de = Tokens::new("einundzwanzig");
        assert_eq!(
            lexicon(Language::German).number_words.longest_at(&de, 0),
            Some((1, &21))
        );
    }

    #[test]
    fn merged_lexicon_prefers_english_billion() {
        let t = Tokens::new("billion Billionen");
        let scales = &lexicon(Language::Other).scales;
        assert_eq!(scales.longest_at(&t, 0), Some((1, &9)));
        assert_eq!(scales.longest_at(&t, 1), Some((2, &12)));
        let german = &lexicon(Language::German).scales;
        assert_eq!(german.longest_at(&t, 0), Some((1, &12)));
    }
}
