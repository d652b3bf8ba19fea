//! The language of a document: the markup's own declaration when it names
//! English or German, else whatlang's verdict on the article text, else (for
//! short text, where whatlang is unsure) a count of English and German function
//! words from `data/ingest/stopwords.*.txt`.
//!
//! whatlang names languages by ISO 639-3 code; `data/ingest/iso639.tsv` maps
//! them to the ISO 639-1 code recorded in `Document::language_code`.

use super::data;
use crate::model::Language;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

const STOPWORDS_EN: &str = include_str!("../../data/ingest/stopwords.en.txt");
const STOPWORDS_DE: &str = include_str!("../../data/ingest/stopwords.de.txt");
const ISO639: &str = include_str!("../../data/ingest/iso639.tsv");

/// The code recorded when nothing can be said about the language.
const UNDETERMINED: &str = "und";

static FUNCTION_WORDS_EN: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data::entries(STOPWORDS_EN).collect());
static FUNCTION_WORDS_DE: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data::entries(STOPWORDS_DE).collect());

static TWO_LETTER: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    data::rows(ISO639)
        .filter_map(|row| Some((*row.first()?, *row.get(1)?)))
        .collect()
});

/// The function words of English or German, lowercase; for any other
/// language, the English ones.
pub(crate) fn function_words(language: Language) -> &'static HashSet<&'static str> {
    match language {
        Language::German => &FUNCTION_WORDS_DE,
        _ => &FUNCTION_WORDS_EN,
    }
}

/// The language of `text` and its ISO 639-1 code (`und` when unknown).
/// `declared` is what the markup says (`de`, `en-GB`), if anything.
pub(crate) fn detect(text: &str, declared: Option<&str>) -> (Language, String) {
    if let Some(code) = declared {
        let language = Language::from_code(code);
        if language != Language::Other {
            return (language, language.code().to_string());
        }
    }
    if !text.chars().any(char::is_alphabetic) {
        return (Language::Other, UNDETERMINED.to_string());
    }
    let info = whatlang::detect(sample(text));
    let guess = info.as_ref().map(|info| {
        let code = info.lang().code();
        TWO_LETTER.get(code).copied().unwrap_or(code)
    });
    if let (Some(info), Some(code)) = (&info, guess) {
        if info.is_reliable() {
            return (Language::from_code(code), code.to_string());
        }
    }
    if let Some(language) = by_function_words(text) {
        return (language, language.code().to_string());
    }
    match guess {
        Some(code) => (Language::from_code(code), code.to_string()),
        None => (Language::Other, UNDETERMINED.to_string()),
    }
}

/// English or German, whichever has more of its function words in `text`.
/// The opening of a text, up to [`SAMPLE`] bytes: enough for the trigram
/// statistics to settle, and the time spent no longer grows with the article.
fn sample(text: &str) -> &str {
    if text.len() <= SAMPLE {
        return text;
    }
    let mut end = SAMPLE;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Bytes of an article that language detection reads.
const SAMPLE: usize = 4096;

fn by_function_words(text: &str) -> Option<Language> {
    let (mut en, mut de) = (0usize, 0usize);
    for word in text.split(|c: char| !c.is_alphabetic()) {
        let word = word.to_lowercase();
        en += usize::from(FUNCTION_WORDS_EN.contains(word.as_str()));
        de += usize::from(FUNCTION_WORDS_DE.contains(word.as_str()));
    }
    match en.cmp(&de) {
        std::cmp::Ordering::Greater => Some(Language::English),
        std::cmp::Ordering::Less => Some(Language::German),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detected(text: &str, declared: Option<&str>) -> (Language, String) {
        detect(text, declared)
    }

    #[test]
    fn whatlang_on_article_text() {
        let de = "Zu dieser Zeit hatte Microsoft bereits 13 Milliarden US-Dollar in OpenAI investiert. \
                  Allerdings wurde Sam Altman kurzzeitig als CEO von OpenAI entlassen, nach kurzer Zeit aber wieder eingesetzt.";
        assert_eq!(detected(de, None), (Language::German, "de".into()));
        let en = "Over the past six years, Microsoft has infused billions of dollars into OpenAI, \
                  enabling the AI startup to swiftly expand and launch ChatGPT.";
        assert_eq!(detected(en, None), (Language::English, "en".into()));
        let fr = "Microsoft a investi des milliards de dollars dans OpenAI au cours des six dernières années, \
                  ce qui a permis à la jeune entreprise de se développer rapidement.";
        assert_eq!(detected(fr, None), (Language::Other, "fr".into()));
    }

    #[test]
    fn detection_reads_the_opening_of_a_long_article() {
        assert_eq!(sample("kurz"), "kurz");
        // A multi-byte character across the cut is left out whole.
        let long = format!("{}ü{}", "a".repeat(SAMPLE - 1), "b".repeat(100));
        assert_eq!(sample(&long).len(), SAMPLE - 1);
        let de = "Allerdings wurde Sam Altman kurzzeitig als CEO von OpenAI entlassen, nach kurzer Zeit aber wieder eingesetzt. ";
        let article = de.repeat(200);
        assert!(article.len() > SAMPLE);
        assert_eq!(detected(&article, None), (Language::German, "de".into()));
    }

    #[test]
    fn a_declared_language_wins_when_it_is_english_or_german() {
        let en = "Over the past six years, Microsoft has infused billions of dollars into OpenAI.";
        assert_eq!(detected(en, Some("de")), (Language::German, "de".into()));
        assert_eq!(detected(en, Some("fr")), (Language::English, "en".into()));
    }

    #[test]
    fn function_words_decide_short_text() {
        assert_eq!(
            by_function_words("Microsoft und OpenAI: Die Partnerschaft bröckelt"),
            Some(Language::German)
        );
        assert_eq!(
            by_function_words("The partnership of Microsoft and OpenAI"),
            Some(Language::English)
        );
        assert_eq!(by_function_words("Microsoft OpenAI"), None);
        assert_eq!(detected("", None), (Language::Other, "und".into()));
        assert_eq!(
            detected("\u{feff} 2024 — 13", None),
            (Language::Other, "und".into())
        );
    }

    #[test]
    fn every_whatlang_language_has_a_two_letter_code() {
        for lang in whatlang::Lang::all() {
            let code = TWO_LETTER.get(lang.code()).copied();
            assert_eq!(code.map(str::len), Some(2), "{}", lang.code());
        }
    }
}
