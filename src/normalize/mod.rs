//! (being written) Finds and normalizes money, dates and counts in English and
//! German text. So far: the tokenizer, the phrase tables, the lexicons built
//! from data/normalize/*.toml and the exact number reader the finders share.

mod lexicon;
mod number;
mod phrase;
mod tokens;

use crate::model::Language;
use lexicon::Lexicon;
use tokens::Tokens;

/// A text's tokens and the lexicon to read them with, shared by the finders.
#[allow(dead_code)]
struct Scan<'a> {
    tokens: Tokens<'a>,
    lex: &'static Lexicon,
}

#[allow(dead_code)]
impl<'a> Scan<'a> {
    fn new(text: &'a str, lang: Language) -> Scan<'a> {
        Scan {
            tokens: Tokens::new(text),
            lex: lexicon::lexicon(lang),
        }
    }
}
