//! The language of a document: the markup's own declaration when it names
//! English or German; else English or German outright when that language's
//! function words (`data/ingest/stopwords.*.txt`) are dense in the opening and
//! the other's are rare, as in any running English or German text; else
//! whatlang's verdict on the opening (it tells every other language, at about
//! ten times the cost); else (for short text, where whatlang is unsure) the
//! count of English and German function words.
//!
//! whatlang names languages by ISO 639-3 code; `data/ingest/iso639.tsv` maps
//! them to the ISO 639-1 code recorded in `Document::language_code`.

use super::data;
use crate::model::Language;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

const STOPWORDS_EN: &str = include_str!("../../data/ingest/stopwords.en.txt");
const STOPWORDS_DE: &str = include_str!("../../data/ingest/stopwords.de.txt");
const ISO639: &str = include_str!("../../data/ingest/iso639.tsv");

/// The code recorded when nothing can be said about the language.
const UNDETERMINED: &str = "und";

static FUNCTION_WORDS_EN: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| data::entries(STOPWORDS_EN).collect());
static FUNCTION_WORDS_DE: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| data::entries(STOPWORDS_DE).collect());

static TWO_LETTER: LazyLock<FxHashMap<&'static str, &'static str>> = LazyLock::new(|| {
    data::rows(ISO639)
        .filter_map(|row| Some((*row.first()?, *row.get(1)?)))
        .collect()
});

/// The function words of English or German, lowercase; for any other
/// language, the English ones.
pub(crate) fn function_words(language: Language) -> &'static FxHashSet<&'static str> {
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
    if let Some(language) = clearly_english_or_german(sample(text)) {
        return (language, language.code().to_string());
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
    &text[..super::floor_char_boundary(text, SAMPLE)]
}

/// Bytes of an article that language detection reads.
const SAMPLE: usize = 4096;

/// Words a text must have before its function words can decide it outright.
const CLEAR_MIN_WORDS: usize = 40;

/// English or German when, among at least [`CLEAR_MIN_WORDS`] words, more than
/// a quarter are that language's function words and they outnumber the other
/// language's four to one. Running English or German text has 40–50% function
/// words; French, Dutch or Swedish has few of either list.
fn clearly_english_or_german(text: &str) -> Option<Language> {
    let counts = function_word_counts(text);
    if counts.words < CLEAR_MIN_WORDS {
        return None;
    }
    let clear = |mine: usize, other: usize| mine * 4 > counts.words && mine >= other * 4;
    if clear(counts.en, counts.de) {
        Some(Language::English)
    } else if clear(counts.de, counts.en) {
        Some(Language::German)
    } else {
        None
    }
}

struct FunctionWordCounts {
    words: usize,
    en: usize,
    de: usize,
}

fn function_word_counts(text: &str) -> FunctionWordCounts {
    let mut counts = FunctionWordCounts {
        words: 0,
        en: 0,
        de: 0,
    };
    let mut lower = String::new();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        counts.words += 1;
        let word = if word.chars().any(char::is_uppercase) {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            lower.as_str()
        } else {
            word
        };
        counts.en += usize::from(FUNCTION_WORDS_EN.contains(word));
        counts.de += usize::from(FUNCTION_WORDS_DE.contains(word));
    }
    counts
}

fn by_function_words(text: &str) -> Option<Language> {
    let FunctionWordCounts { en, de, .. } = function_word_counts(text);
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
    fn dense_function_words_decide_without_whatlang() {
        let en = "Over the past six years, Microsoft has infused billions of dollars into OpenAI, \
                  enabling the AI startup to swiftly expand and launch ChatGPT. The company said on \
                  Monday that it would invest more in the data centres that it needs for its models, \
                  and that the partnership with the startup was one of the most important it has.";
        assert_eq!(clearly_english_or_german(en), Some(Language::English));
        let de = "Zu dieser Zeit hatte Microsoft bereits 13 Milliarden US-Dollar in OpenAI investiert. \
                  Allerdings wurde Sam Altman kurzzeitig als CEO von OpenAI entlassen, nach kurzer Zeit \
                  aber wieder eingesetzt. Der Konzern sagte am Montag, dass er mehr in die Rechenzentren \
                  investieren werde, die er für seine Modelle braucht, und dass die Partnerschaft mit dem \
                  Startup eine der wichtigsten sei, die er habe.";
        assert_eq!(clearly_english_or_german(de), Some(Language::German));
        let nl = "Microsoft heeft de afgelopen zes jaar miljarden dollars in OpenAI gestoken, waardoor \
                  de start-up snel kon groeien en ChatGPT kon lanceren. Het bedrijf zei maandag dat het \
                  meer zou investeren in de datacenters die het nodig heeft voor zijn modellen, en dat het \
                  partnerschap met de start-up een van de belangrijkste is die het heeft.";
        assert_eq!(clearly_english_or_german(nl), None);
        assert_eq!(detected(nl, None), (Language::Other, "nl".into()));
        let fr = "Microsoft a investi des milliards de dollars dans OpenAI au cours des six dernières \
                  années, ce qui a permis à la jeune entreprise de se développer rapidement et de lancer \
                  ChatGPT. La société a déclaré lundi qu'elle investirait davantage dans les centres de \
                  données dont elle a besoin pour ses modèles, et que le partenariat avec la jeune pousse \
                  était l'un des plus importants qu'elle ait.";
        assert_eq!(clearly_english_or_german(fr), None);
        // Too short to decide outright.
        assert_eq!(
            clearly_english_or_german("The partnership of Microsoft and OpenAI"),
            None
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
