//! The token layer every later stage reads: words with code-point offsets,
//! part-of-speech tags (UPOS), lemmas, noun-phrase chunks and named entities,
//! from statistical models trained on the public treebanks and named-entity
//! sets in `../shared/corpora/` (`newsgraph train`) and committed under
//! `data/models/`.
//!
//! ```text
//! text + sentences ─► tokenize ─► WordInfo (affixes, shape, clusters; lexical)
//!   ─► tagger (UPOS) ─► lemma ─► chunk ─► ner (lexicon marks from a Gazetteer) ─► Analysis
//! ```
//!
//! Each component is a small module with one job; the models are averaged
//! perceptrons over hashed features ([`perceptron`]). The [`Pipeline`] holds
//! both languages' models, loaded once, and is shared across threads.
//!
//! ```
//! use newsgraph::model::Language;
//! use newsgraph::nlp::{NoGazetteer, Pipeline, Upos};
//!
//! let nlp = Pipeline::builtin().expect("the committed models load");
//! let text = "Die Firma übernahm den Konkurrenten.";
//! let a = nlp.analyze(text, &[(0, text.len())], Language::German, &NoGazetteer);
//! let forms: Vec<&str> = (0..a.len()).map(|i| a.form(text, i)).collect();
//! assert_eq!(forms, ["Die", "Firma", "übernahm", "den", "Konkurrenten", "."]);
//! assert_eq!(a.upos[2], Upos::Verb);
//! assert_eq!(a.lemma(2), "übernehmen");
//! ```

pub mod binio;
pub mod cache;
pub mod chunk;
pub mod corpus;
pub mod features;
pub mod hashing;
pub mod lemma;
pub mod lexical;
pub mod ner;
pub mod perceptron;
pub mod score;
pub mod tagger;
pub mod tokenize;
pub mod train;
pub mod upos;

pub use chunk::Chunk;
pub use ner::Marks;
pub use tokenize::Token;
pub use upos::Upos;

use crate::model::Language;
use binio::{Reader, Writer};
use features::WordInfo;
use lemma::Lemmatizer;
use lexical::Lexical;
use ner::{NerInput, NerTagger};
use rustc_hash::FxHashSet;
use std::sync::{LazyLock, OnceLock};
use tagger::PosTagger;

const MODEL_EN: &[u8] = include_bytes!("../../data/models/en.model");
const MODEL_DE: &[u8] = include_bytes!("../../data/models/de.model");
const MAGIC: &[u8; 8] = b"NGNLP\x00\x00\x01";

/// What the name tagger is told by the entity lexicon: names in a text and
/// classes of single words. `extract` implements it over its lexicon; the
/// models learn how far to trust it.
pub trait Gazetteer: Sync {
    /// Lexicon names in `text`: byte spans with a class (`ner::SPAN_PER`, ...).
    fn names(&self, text: &str, german: bool) -> Vec<(usize, usize, usize)>;
    /// Classes of one word (`ner::GIVEN`, `ner::DEMONYM`, ...).
    fn word_marks(&self, word: &str, german: bool) -> u8;
}

/// A gazetteer that knows nothing (for tests and for scoring the models alone).
pub struct NoGazetteer;

impl Gazetteer for NoGazetteer {
    fn names(&self, _: &str, _: bool) -> Vec<(usize, usize, usize)> {
        Vec::new()
    }
    fn word_marks(&self, _: &str, _: bool) -> u8 {
        0
    }
}

/// A model file that cannot be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    #[error("the {language} model is missing (data/models/{code}.model is empty): run `newsgraph train`")]
    Missing {
        language: &'static str,
        code: &'static str,
    },
    #[error("the {language} model is damaged: {message}; run `newsgraph train` to rebuild it")]
    Damaged {
        language: &'static str,
        message: String,
    },
}

/// The models of one language.
pub struct LanguageModels {
    pub language: Language,
    pub lexical: Lexical,
    pub tagger: PosTagger,
    pub lemmatizer: Lemmatizer,
    pub ner: NerTagger,
    /// Hashes of the sentences the models were trained on ([`sentence_hash`]),
    /// so that scoring can leave them out.
    pub trained_on: FxHashSet<u64>,
}

impl LanguageModels {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        for &b in MAGIC {
            w.u8(b);
        }
        w.str(language_code(self.language));
        self.tagger.write(&mut w);
        self.lemmatizer.write(&mut w);
        self.ner.write(&mut w);
        let mut hashes: Vec<u64> = self.trained_on.iter().copied().collect();
        hashes.sort_unstable();
        w.u32(hashes.len() as u32);
        for h in hashes {
            w.u64(h);
        }
        // Stored gzipped, without a timestamp: the same models give the same file.
        let mut gz = flate2::GzBuilder::new()
            .mtime(0)
            .write(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut gz, &w.into_bytes()).expect("writing to memory");
        gz.finish().expect("writing to memory")
    }

    pub fn from_bytes(language: Language, bytes: &[u8]) -> Result<LanguageModels, ModelError> {
        let name = language_name(language);
        if bytes.is_empty() {
            return Err(ModelError::Missing {
                language: name,
                code: language_code(language),
            });
        }
        let damaged = |message: String| ModelError::Damaged {
            language: name,
            message,
        };
        let mut raw = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(bytes), &mut raw)
            .map_err(|e| damaged(format!("not gzip ({e})")))?;
        let mut r = Reader::new(&raw);
        for &b in MAGIC {
            if r.u8().map_err(&damaged)? != b {
                return Err(damaged("not a newsgraph model file of this version".into()));
            }
        }
        let code = r.str().map_err(&damaged)?;
        if code != language_code(language) {
            return Err(damaged(format!("it is a model for {code:?}")));
        }
        let tagger = PosTagger::read(&mut r).map_err(&damaged)?;
        let lemmatizer = Lemmatizer::read(&mut r).map_err(&damaged)?;
        let ner = NerTagger::read(&mut r).map_err(&damaged)?;
        let n = r.u32().map_err(&damaged)? as usize;
        let mut trained_on = FxHashSet::default();
        for _ in 0..n {
            trained_on.insert(r.u64().map_err(&damaged)?);
        }
        if !r.is_at_end() {
            return Err(damaged("bytes after the end".into()));
        }
        Ok(LanguageModels {
            language,
            lexical: Lexical::load(language),
            tagger,
            lemmatizer,
            ner,
            trained_on,
        })
    }
}

pub fn language_code(language: Language) -> &'static str {
    match language {
        Language::German => "de",
        _ => "en",
    }
}

fn language_name(language: Language) -> &'static str {
    match language {
        Language::German => "German",
        _ => "English",
    }
}

/// A sentence's identity for "was the model trained on it": a hash of its words.
pub fn sentence_hash<S: AsRef<str>>(words: &[S]) -> u64 {
    words.iter().fold(0x5EED, |h, w| {
        hashing::mix(h, hashing::str_hash(w.as_ref()))
    })
}

/// The annotations of a text: one entry per word in every per-word vector.
#[derive(Debug, Default, Clone)]
pub struct Analysis {
    pub tokens: Vec<Token>,
    /// Word index range of every sentence.
    pub sentences: Vec<(usize, usize)>,
    pub upos: Vec<Upos>,
    lemmas: String,
    lemma_ends: Vec<u32>,
    pub chunks: Vec<Chunk>,
    /// Named entities: word ranges with their type (`PER`, `ORG`, `LOC`, ...).
    pub entities: Vec<Entity>,
}

/// A named entity the tagger found: words `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

impl Analysis {
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Word `i` as written (or as a contraction's word).
    pub fn form<'a>(&'a self, text: &'a str, i: usize) -> &'a str {
        self.tokens[i].form(text)
    }

    pub fn lemma(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.lemma_ends[i - 1] as usize
        };
        &self.lemmas[start..self.lemma_ends[i] as usize]
    }
}

/// Both languages' models. The committed ones are read on first use of each
/// language, so that an English corpus never pays for the German models.
pub struct Pipeline {
    english: OnceLock<LanguageModels>,
    german: OnceLock<LanguageModels>,
    /// The model files the languages are read from when first used.
    bytes: Option<(&'static [u8], &'static [u8])>,
}

static BUILTIN: LazyLock<Result<Pipeline, String>> = LazyLock::new(|| {
    for (language, bytes) in [(Language::English, MODEL_EN), (Language::German, MODEL_DE)] {
        if bytes.is_empty() {
            return Err(ModelError::Missing {
                language: language_name(language),
                code: language_code(language),
            }
            .to_string());
        }
    }
    Ok(Pipeline {
        english: OnceLock::new(),
        german: OnceLock::new(),
        bytes: Some((MODEL_EN, MODEL_DE)),
    })
});

impl Pipeline {
    /// The committed models (each language read on its first use).
    pub fn builtin() -> Result<&'static Pipeline, String> {
        BUILTIN.as_ref().map_err(Clone::clone)
    }

    pub fn new(english: LanguageModels, german: LanguageModels) -> Pipeline {
        Pipeline {
            english: OnceLock::from(english),
            german: OnceLock::from(german),
            bytes: None,
        }
    }

    /// The models of a language (English for any language but German).
    ///
    /// # Panics
    /// When a committed model file is damaged: the tests load both.
    pub fn models(&self, language: Language) -> &LanguageModels {
        let (cell, language) = match language {
            Language::German => (&self.german, Language::German),
            _ => (&self.english, Language::English),
        };
        cell.get_or_init(|| {
            let (en, de) = self.bytes.expect("a pipeline made from models has both");
            let bytes = if language == Language::German { de } else { en };
            LanguageModels::from_bytes(language, bytes).unwrap_or_else(|e| panic!("{e}"))
        })
    }

    /// Both languages' models, for writing them out.
    pub fn into_models(self) -> (Option<LanguageModels>, Option<LanguageModels>) {
        (self.english.into_inner(), self.german.into_inner())
    }

    /// Tokens, tags, lemmas, chunks and names of the sentences of `text`
    /// (byte ranges).
    pub fn analyze(
        &self,
        text: &str,
        sentences: &[(usize, usize)],
        language: Language,
        gazetteer: &dyn Gazetteer,
    ) -> Analysis {
        let (tokens, ranges) = tokenize::tokenize(text, sentences, language);
        let m = self.models(language);
        let german = language == Language::German;
        let mut a = Analysis {
            upos: Vec::with_capacity(tokens.len()),
            lemma_ends: Vec::with_capacity(tokens.len()),
            ..Analysis::default()
        };
        let names = gazetteer.names(text, german);
        let mut buf = String::new();
        let (all_infos, classes): (Vec<WordInfo>, Vec<u8>) = tokens
            .iter()
            .map(|t| lookup_word(m, t.form(text), &mut buf))
            .unzip();
        let marks = marks_of(text, &tokens, &names, &classes, gazetteer, german);
        let mut tags = Vec::new();
        let mut ner_tags = Vec::new();
        let mut feats = Vec::new();
        for &(s, e) in &ranges {
            let words: Vec<&str> = tokens[s..e].iter().map(|t| t.form(text)).collect();
            let infos = &all_infos[s..e];
            m.tagger.tag(infos, &mut tags);
            for ((w, info), &u) in words.iter().zip(infos).zip(&tags) {
                cache::lemma(m.lemmatizer.id(), info.form, u as u8, &mut a.lemmas, || {
                    m.lemmatizer.lemma(w, u, &m.lexical.lemmas, &mut feats)
                });
                a.lemma_ends.push(a.lemmas.len() as u32);
            }
            chunk::chunks(&words, &tags, s, language, &mut a.chunks);
            let x = NerInput {
                words: infos,
                upos: &tags,
                marks: &marks[s..e],
                title_line: title_line(infos),
            };
            m.ner.tag(&x, &mut ner_tags);
            for (start, end, ty) in m.ner.spans(&ner_tags) {
                a.entities.push(Entity {
                    start: s + start,
                    end: s + end,
                    label: m.ner.types()[ty].clone(),
                });
            }
            a.upos.extend_from_slice(&tags);
        }
        a.tokens = tokens;
        a.sentences = ranges;
        a
    }

    /// Tags, lemmas and entity tags of given words (one sentence), for scoring
    /// against treebanks and named-entity sets with their own tokens.
    pub fn tag_words(
        &self,
        words: &[&str],
        language: Language,
        gazetteer: &dyn Gazetteer,
    ) -> Tagged {
        let m = self.models(language);
        let german = language == Language::German;
        let (text, tokens) = joined(words);
        let names = gazetteer.names(&text, german);
        let marks = token_marks(&text, &tokens, &names, m, gazetteer, german);
        let mut buf = String::new();
        let infos: Vec<WordInfo> = words
            .iter()
            .map(|w| features::word_info(w, &m.lexical, &mut buf))
            .collect();
        let mut upos = Vec::new();
        m.tagger.tag(&infos, &mut upos);
        let mut feats = Vec::new();
        let lemmas = words
            .iter()
            .zip(&upos)
            .map(|(w, &u)| m.lemmatizer.lemma(w, u, &m.lexical.lemmas, &mut feats))
            .collect();
        let x = NerInput {
            words: &infos,
            upos: &upos,
            marks: &marks,
            title_line: title_line(&infos),
        };
        let mut tags = Vec::new();
        m.ner.tag(&x, &mut tags);
        Tagged {
            upos,
            lemmas,
            entities: ner_names(&m.ner, &tags),
        }
    }
}

/// What [`Pipeline::tag_words`] gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    pub upos: Vec<Upos>,
    pub lemmas: Vec<String>,
    /// One BIO tag per word (`O`, `B-PER`, ...).
    pub entities: Vec<String>,
}

fn ner_names(ner: &NerTagger, tags: &[usize]) -> Vec<String> {
    tags.iter().map(|&k| ner.tag_name(k)).collect()
}

/// Words joined with spaces, as a text with one token per word (for readers
/// of pre-tokenized corpora: the gazetteer reads text).
pub fn joined(words: &[&str]) -> (String, Vec<Token>) {
    let mut text = String::new();
    let mut tokens = Vec::with_capacity(words.len());
    let mut chars = 0;
    for w in words {
        if !text.is_empty() {
            text.push(' ');
            chars += 1;
        }
        let start = text.len();
        text.push_str(w);
        let n = w.chars().count();
        tokens.push(Token {
            start,
            end: text.len(),
            char_start: chars,
            char_end: chars + n,
            norm: None,
            space_after: true,
        });
        chars += n;
    }
    (text, tokens)
}

/// A headline or title-case line: most of its words of letters are capitalized.
fn title_line(infos: &[WordInfo]) -> bool {
    let words = infos
        .iter()
        .filter(|w| w.flags & features::NO_LETTER == 0)
        .count();
    let caps = infos
        .iter()
        .filter(|w| w.flags & features::NO_LETTER == 0 && w.flags & features::CAPITALIZED != 0)
        .count();
    words >= 3 && caps * 10 >= words * 7
}

/// The lexicon's marks on every token: the name spans it covers and the
/// classes of the word itself.
pub fn token_marks(
    text: &str,
    tokens: &[Token],
    names: &[(usize, usize, usize)],
    m: &LanguageModels,
    gazetteer: &dyn Gazetteer,
    german: bool,
) -> Vec<Marks> {
    let mut buf = String::new();
    let classes: Vec<u8> = tokens
        .iter()
        .map(|t| lookup_word(m, t.form(text), &mut buf).1)
        .collect();
    marks_of(text, tokens, names, &classes, gazetteer, german)
}

/// The lexicon names' marks on the tokens they cover.
fn span_marks(tokens: &[Token], names: &[(usize, usize, usize)]) -> Vec<Marks> {
    let mut marks = vec![Marks::default(); tokens.len()];
    // Names and tokens are both in text order: walk them together.
    let mut first = 0;
    for &(s, e, class) in names {
        if class >= ner::SPAN_CLASSES {
            continue;
        }
        while first < tokens.len() && tokens[first].end <= s {
            first += 1;
        }
        let inside: Vec<usize> = (first..tokens.len())
            .take_while(|&i| tokens[i].start < e)
            .collect();
        let whole: Vec<usize> = inside
            .iter()
            .copied()
            .filter(|&i| tokens[i].start >= s && tokens[i].end <= e)
            .collect();
        if whole.is_empty() {
            for &i in &inside {
                marks[i].spans[class] = 5;
            }
            continue;
        }
        for (k, &i) in whole.iter().enumerate() {
            marks[i].spans[class] = match (k == 0, k + 1 == whole.len()) {
                (true, true) => 4,
                (true, false) => 1,
                (false, true) => 3,
                (false, false) => 2,
            };
        }
    }
    marks
}

/// [`token_marks`] with the words' lexical classes known already.
fn marks_of(
    text: &str,
    tokens: &[Token],
    names: &[(usize, usize, usize)],
    classes: &[u8],
    gazetteer: &dyn Gazetteer,
    german: bool,
) -> Vec<Marks> {
    let mut marks = span_marks(tokens, names);
    for (i, t) in tokens.iter().enumerate() {
        marks[i].words = gazetteer.word_marks(t.form(text), german) | classes[i];
    }
    marks
}

/// What the models read of a word and its lexical classes (German), from
/// this thread's memory or computed.
pub fn lookup_word(m: &LanguageModels, w: &str, buf: &mut String) -> (WordInfo, u8) {
    cache::word(m.language, w, || {
        let info = features::word_info(w, &m.lexical, buf);
        let classes =
            if m.language == Language::German && w.chars().next().is_some_and(char::is_uppercase) {
                german_classes(w, &m.lexical)
            } else {
                0
            };
        (info, classes)
    })
}

/// The German Wiktionary's classes of a capitalized word, of its lemma, or of
/// the noun it ends in (a compound).
fn german_classes(w: &str, lex: &Lexical) -> u8 {
    let to_marks = |c: u8| {
        let mut b = 0;
        if c & lexical::GIVEN != 0 {
            b |= ner::GIVEN;
        }
        if c & lexical::SURNAME != 0 {
            b |= ner::SURNAME;
        }
        if c & lexical::PLACE != 0 {
            b |= ner::PLACE_WORD;
        }
        if c & lexical::NOUN != 0 {
            b |= ner::COMMON_NOUN;
        }
        b
    };
    let c = lex.name_classes(w);
    if c != 0 {
        return to_marks(c);
    }
    if let Some(l) = lex.lemmas.get(w) {
        let c = lex.name_classes(l);
        if c != 0 {
            return to_marks(c);
        }
    }
    // A compound ending in a noun ("Autobauer", "Konzernchef").
    let mut buf = String::new();
    for (i, _) in w.char_indices().skip(3) {
        let rest = &w[i..];
        if rest.chars().count() < 4 {
            break;
        }
        buf.clear();
        let mut cs = rest.chars();
        if let Some(f) = cs.next() {
            buf.extend(f.to_uppercase());
        }
        buf.push_str(cs.as_str());
        let c = lex.name_classes(&buf);
        let c = if c == 0 {
            lex.lemmas.get(&buf).map_or(0, |l| lex.name_classes(l))
        } else {
            c
        };
        if c & lexical::NOUN != 0 {
            return ner::COMMON_NOUN;
        }
    }
    0
}
