//! The German vocabulary that tells names from ordinary words.
//!
//! German capitalizes every noun, so capitalization alone does not single out a
//! name ("Röttgen bestätigte im Umweltausschuss ..."). A capitalized word is a
//! name candidate when it is not a common noun: [`Vocabulary::is_noun`] looks a
//! word up in `data/extract/de_nouns.tsv` (noun lemmas from Wikidata Lexemes)
//! after taking off inflection endings ("Häusern", "Konzerns"), and reads
//! compounds as a known word and a known noun ("Konsolidierung-s-kurs"; the last
//! part after a hyphen: "Film-Dokumentation"), so that "Kisdorf" stays a name. [`Vocabulary::is_word`] knows the
//! frequent words that are not nouns ("gleich", "derweil"), which a sentence
//! starts with capitalized (`data/extract/de_words.tsv`).
//!
//! English needs none of this: its vocabulary is empty.
//!
//! Both questions cost dozens of set lookups for a compound, and news repeats
//! its words, so each thread remembers its answers (up to [`MEMO_CAPACITY`]
//! words, then it starts afresh, which keeps memory flat on any corpus).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};

const NOUNS: &str = include_str!("../../data/extract/de_nouns.tsv");
const WORDS: &str = include_str!("../../data/extract/de_words.tsv");

/// Inflection endings of German nouns: genitive, dative plural, plural.
const ENDINGS: &[&str] = &[
    "s", "es", "n", "en", "e", "ns", "ens", "nen", "se", "sen", "ses", "er", "ern",
];
/// Endings of German adjectives and their comparative and superlative forms.
const ADJECTIVE_ENDINGS: &[&str] = &[
    "e", "en", "er", "es", "em", "ere", "eren", "erer", "eres", "erem", "ste", "sten", "ster",
    "stes", "stem",
];
/// Plural endings of loan words and the singular endings they replace.
const FOREIGN_PLURALS: &[(&str, &[&str])] = &[
    ("ien", &["ium", "ia", "ie"]),
    ("en", &["um", "us", "a", "o", "is", "on", "e"]),
    ("a", &["um", "on"]),
    ("i", &["o"]),
];
/// Separable verb particles: "Absingen", "Anreisen" are infinitives used as nouns.
const PARTICLES: &[&str] = &[
    "ab", "an", "auf", "aus", "bei", "ein", "mit", "nach", "vor", "weg", "zu", "zurück", "über",
    "unter", "durch", "um", "hin", "her", "los", "fort", "heim", "vorbei", "zusammen",
];
/// Linking elements between the parts of a compound ("Konsolidierung-s-kurs").
const LINKS: &[&str] = &["", "s", "es", "n", "en", "e", "er", "ns"];
/// A compound's last part is a noun of at least this many letters ...
const MIN_HEAD: usize = 4;
/// ... after at least this many (as in scripts/lexicon/gen_german_words.py).
const MIN_PREFIX: usize = 3;

/// Words whose answers a thread remembers before it forgets them all.
const MEMO_CAPACITY: usize = 100_000;

/// Tells vocabularies apart in the per-thread memo.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// The answers one thread has worked out for one vocabulary: by word,
/// `[is_noun, is_word]`.
#[derive(Default)]
struct Memo {
    vocabulary: u64,
    answers: HashMap<String, [Option<bool>; 2]>,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// Which question a memo answer is for.
#[derive(Clone, Copy)]
enum Question {
    Noun = 0,
    Word = 1,
}

/// Common nouns and ordinary words of one language (lower-cased).
#[derive(Debug, Default)]
pub struct Vocabulary {
    /// Identity in the per-thread memo (0: the empty vocabulary, never asked).
    id: u64,
    nouns: HashSet<String>,
    words: HashSet<String>,
    /// First parts of compounds that are no words of their own ("geo", "vize")
    /// and frequent short nouns ("tag", "bau").
    prefixes: HashSet<String>,
}

/// The first column of the rows of a TSV file with a header whose `source`
/// (second column) is, or is not, one of `sources`; lower-cased.
fn first_column(tsv: &str, sources: &[&str], wanted: bool) -> HashSet<String> {
    tsv.lines()
        .skip(1)
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let word = cols.next()?.trim();
            let source = cols.next().unwrap_or("").trim();
            (!word.is_empty() && sources.contains(&source) == wanted).then(|| word.to_lowercase())
        })
        .collect()
}

/// The `source` values of de_words.tsv rows that are first parts of compounds.
const PREFIX_SOURCES: &[&str] = &["prefix", "short-noun"];

/// "Häuser" → "hauser": plurals with an umlaut find their singular.
fn without_umlauts(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ä' => 'a',
            'ö' => 'o',
            'ü' => 'u',
            c => c,
        })
        .collect()
}

impl Vocabulary {
    /// The German vocabulary.
    pub fn german() -> Vocabulary {
        Vocabulary {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            nouns: first_column(NOUNS, &[], false),
            words: first_column(WORDS, PREFIX_SOURCES, false),
            prefixes: first_column(WORDS, PREFIX_SOURCES, true),
        }
    }

    /// A vocabulary that knows no words (English).
    pub fn empty() -> Vocabulary {
        Vocabulary::default()
    }

    pub fn is_empty(&self) -> bool {
        self.nouns.is_empty()
    }

    /// Whether a capitalized word is a common noun, a form of one or a compound
    /// ending in one. A word ending in a hyphen ("Bildungs-") is the first part
    /// of a compound.
    pub fn is_noun(&self, word: &str) -> bool {
        if self.is_empty() || word.is_empty() {
            return false;
        }
        self.remembered(Question::Noun, word, || self.work_out_noun(word))
    }

    /// The memo's answer to `question` for `word`, worked out on a miss.
    fn remembered(&self, question: Question, word: &str, work_out: impl FnOnce() -> bool) -> bool {
        let known = MEMO.with_borrow_mut(|memo| {
            if memo.vocabulary != self.id || memo.answers.len() >= MEMO_CAPACITY {
                memo.answers.clear();
                memo.vocabulary = self.id;
            }
            memo.answers.get(word).and_then(|a| a[question as usize])
        });
        if let Some(answer) = known {
            return answer;
        }
        // Worked out outside the borrow: a hyphenated word asks about its last part.
        let answer = work_out();
        MEMO.with_borrow_mut(|memo| {
            if memo.vocabulary == self.id {
                memo.answers.entry(word.to_string()).or_default()[question as usize] = Some(answer);
            }
        });
        answer
    }

    fn work_out_noun(&self, word: &str) -> bool {
        if let Some((_, last)) = word.rsplit_once('-') {
            // "Bildungs-" starts a compound; "Grauzone-die" lacks the spaces of a dash.
            return last.is_empty() || last.starts_with(char::is_lowercase) || self.is_noun(last);
        }
        let lower = word.to_lowercase();
        let mut stems = vec![lower.as_str()];
        for e in ENDINGS {
            if let Some(stem) = lower.strip_suffix(e) {
                if stem.chars().count() >= 3 {
                    stems.push(stem);
                }
            }
        }
        self.foreign_plural(&lower) || stems.iter().any(|s| self.noun_or_compound(s))
    }

    /// A noun or one of its forms (no compounds).
    fn noun_form(&self, s: &str) -> bool {
        self.known(s)
            || ENDINGS.iter().any(|e| {
                s.strip_suffix(e)
                    .is_some_and(|stem| stem.chars().count() >= 3 && self.known(stem))
            })
            || self.foreign_plural(s)
    }

    /// Plurals of loan words: "Zentren" (Zentrum), "Firmen" (Firma), "Gremien"
    /// (Gremium), "Praktika" (Praktikum).
    fn foreign_plural(&self, s: &str) -> bool {
        FOREIGN_PLURALS.iter().any(|(plural, singulars)| {
            s.strip_suffix(plural).is_some_and(|stem| {
                stem.chars().count() >= 3
                    && singulars
                        .iter()
                        .any(|singular| self.known(&format!("{stem}{singular}")))
            })
        })
    }

    fn known(&self, s: &str) -> bool {
        if self.nouns.contains(s) {
            return true;
        }
        let plain = without_umlauts(s);
        if plain != s && self.nouns.contains(&plain) {
            return true;
        }
        s.contains('ß') && self.nouns.contains(&s.replace('ß', "ss"))
    }

    fn noun_or_compound(&self, s: &str) -> bool {
        self.known(s) || self.compound(s, &mut HashMap::new())
    }

    /// A known noun (or compound) of `MIN_HEAD` letters or more after a prefix of
    /// `MIN_PREFIX` or more that is a noun, a word, a verb stem ("Überhol-gleis")
    /// or a compound, maybe with a linking element. "Kisdorf" is no compound: "Kis"
    /// is no word. `memo` keeps the answers for the parts of one word.
    fn compound<'w>(&self, s: &'w str, memo: &mut HashMap<&'w str, bool>) -> bool {
        if let Some(&known) = memo.get(s) {
            return known;
        }
        let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
        let n = bounds.len();
        let found = (MIN_PREFIX..n.saturating_sub(MIN_HEAD - 1)).any(|k| {
            let head = &s[bounds[k]..];
            (self.noun_form(head) || self.compound(head, memo))
                && self.prefix(&s[..bounds[k]], memo)
        });
        memo.insert(s, found);
        found
    }

    /// A first part of a compound: a noun of four letters or more, a word of five, a
    /// bound prefix or frequent short noun, a verb or adjective stem ("überhol",
    /// "groß") or a compound; maybe with a linking element.
    fn prefix<'w>(&self, p: &'w str, memo: &mut HashMap<&'w str, bool>) -> bool {
        LINKS.iter().any(|link| {
            let Some(stem) = p.strip_suffix(link) else {
                return false;
            };
            let n = stem.chars().count();
            (n >= 4 && self.noun_form(stem))
                || (n >= 5 && self.words.contains(stem))
                || self.prefixes.contains(stem)
                || (n >= 3 && (self.stem(stem) || self.compound(stem, memo)))
        })
    }

    /// A verb stem ("überhol": "überholen", "überholt") or an adjective
    /// ("groß": "große", "großen", "großer"); "wies" ("wiesen") is neither.
    fn stem(&self, stem: &str) -> bool {
        let has = |ending: &str| self.words.contains(&format!("{stem}{ending}"));
        has("en") && (has("t") || (has("e") && has("er")))
    }

    /// Whether a word is a frequent word that is not a noun, maybe an inflected
    /// adjective ("gleich", "derweil", "Wunderbares", "Staatlichen"), a compound
    /// adjective ("Einwilligungsfähig", "Geschäftsführender") or an infinitive used
    /// as a noun with a verb particle ("Absingen").
    pub fn is_word(&self, word: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        self.remembered(Question::Word, word, || self.work_out_word(word))
    }

    fn work_out_word(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        let lower = normalized(&lower);
        if self.simple_word(&lower) {
            return true;
        }
        let bounds: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
        let n = bounds.len();
        (2..n.saturating_sub(MIN_HEAD - 1)).any(|k| {
            let (first, rest) = lower.split_at(bounds[k]);
            self.simple_word(rest)
                && (PARTICLES.contains(&first)
                    || (k >= MIN_PREFIX && self.prefix(first, &mut HashMap::new())))
        })
    }

    /// A word of the list or an inflected form of one, or a present participle
    /// ("nehmend", "Kommandierender": "nehmen", "kommandieren").
    fn simple_word(&self, lower: &str) -> bool {
        let listed = |s: &str| {
            self.words.contains(s)
                || s.strip_suffix("end")
                    .is_some_and(|stem| self.words.contains(&format!("{stem}en")))
        };
        listed(lower)
            || ADJECTIVE_ENDINGS.iter().any(|e| {
                lower
                    .strip_suffix(e)
                    .is_some_and(|stem| stem.chars().count() >= 3 && listed(stem))
            })
    }
}

/// The spelling before the 1996 reform writes "ß" where the lists have "ss"
/// ("Beschluß", "Meßhafer").
fn normalized(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('ß') {
        std::borrow::Cow::Owned(s.replace('ß', "ss"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nouns_forms_and_compounds() {
        let v = Vocabulary::german();
        for noun in [
            "Haus",
            "Häuser",
            "Hauses",
            "Konzerns",
            "Konsolidierungskurs",
            "Film-Dokumentation",
            "Bildungs-",
            "Standardwerte",
            "Baugrundverhältnisse",
            "Grauzone-die",
            "Geoinformatiker",
            "Rechenzentren",
        ] {
            assert!(v.is_noun(noun), "{noun} is a noun");
        }
        for name in [
            "Röttgen",
            "Kisdorf",
            "Berlusconi",
            "Demirović",
            "Fuentes",
            "Schwelm",
            "Passera",
            "Wiesbaden",
        ] {
            assert!(!v.is_noun(name), "{name} is not a noun");
        }
    }

    #[test]
    fn ordinary_words() {
        let v = Vocabulary::german();
        assert!(v.is_word("Gleich"));
        assert!(v.is_word("Derweil"));
        assert!(v.is_word("Staatlichen"));
        assert!(v.is_word("Einwilligungsfähig"));
        assert!(v.is_word("Absingen"));
        assert!(v.is_word("Bezugnehmend"));
        assert!(v.is_noun("Beschluß"));
        assert!(!v.is_word("Kolb"));
        assert!(!Vocabulary::empty().is_noun("Haus"));
    }

    #[test]
    fn remembered_answers_are_the_worked_out_ones() {
        let v = Vocabulary::german();
        let words = [
            "Häuser",
            "Röttgen",
            "Gleich",
            "Konsolidierungskurs",
            "Kolb",
            "Bildungs-",
        ];
        for _ in 0..2 {
            for w in words {
                assert_eq!(v.is_noun(w), v.work_out_noun(w), "{w}");
                assert_eq!(v.is_word(w), v.work_out_word(w), "{w}");
            }
        }
        // Another vocabulary on the same thread does not see these answers.
        assert!(!Vocabulary::empty().is_noun("Häuser"));
        let w = Vocabulary::german();
        assert!(w.is_noun("Häuser") && v.is_noun("Häuser"));
        // A full memo starts afresh and still answers right.
        for i in 0..=MEMO_CAPACITY {
            v.remembered(Question::Noun, &format!("x{i}"), || false);
        }
        assert!(v.is_noun("Häuser"));
        assert!(MEMO.with_borrow(|m| m.answers.len()) < 10);
    }
}
