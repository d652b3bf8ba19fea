//! How the text targets read their input: the first byte picks English (even)
//! or German (odd), the rest is the article's text; input that is not UTF-8
//! is skipped (`None`).

use newsgraph::model::Language;

pub fn split(data: &[u8]) -> Option<(Language, &str)> {
    let (&selector, bytes) = data.split_first()?;
    let text = std::str::from_utf8(bytes).ok()?;
    let language = if selector % 2 == 0 {
        Language::English
    } else {
        Language::German
    };
    Some((language, text))
}
