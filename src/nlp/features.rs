//! What the statistical models read of a word, computed once per word of a
//! sentence and shared by the tagger, the lemmatizer and the name tagger:
//! hashes of its form, lower case, affixes and shape, its Brown cluster and
//! frequency band, and (German) what the lemma table says of it.

use super::hashing::{lower_hash, str_hash};
use super::lexical::Lexical;

/// Flags of a word's spelling.
pub const CAPITALIZED: u8 = 1;
pub const ALL_CAPS: u8 = 2;
pub const HAS_DIGIT: u8 = 4;
pub const HAS_HYPHEN: u8 = 8;
pub const ALL_DIGITS: u8 = 16;
pub const INNER_CAP: u8 = 32;
pub const HAS_PERIOD: u8 = 64;
pub const NO_LETTER: u8 = 128;

/// One word, as the models see it.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordInfo {
    pub form: u64,
    pub lower: u64,
    /// Lower-case suffixes of 1 to 4 characters (the whole word when shorter).
    pub suffix: [u64; 4],
    /// Lower-case prefixes of 1 to 3 characters.
    pub prefix: [u64; 3],
    /// Character classes with runs cut at four ("Xxxx", "dd.dd", "X.X.").
    pub shape: u64,
    /// Character classes with runs cut at one ("Xx", "d.d").
    pub short_shape: u64,
    pub flags: u8,
    /// Brown cluster (0 when unknown) and frequency band (30 when unknown).
    pub cluster: u32,
    pub rarity: u8,
    /// The lower-case word's frequency band: a capitalized word whose lower
    /// case is frequent is usually a sentence-initial ordinary word.
    pub lower_rarity: u8,
    /// What the lemma table says: the last two letters of the lemma and its
    /// case (0 when the form is not in the table).
    pub lemma_hint: u64,
    pub chars: u8,
}

/// The shape of a word: `X` upper, `x` lower, `d` digit, other characters as
/// they are; runs longer than `max` are cut.
pub fn shape(word: &str, max: usize, out: &mut String) {
    out.clear();
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_alphabetic() {
            'x'
        } else {
            c
        };
        if k == last {
            run += 1;
        } else {
            last = k;
            run = 1;
        }
        if run <= max {
            out.push(k);
        }
    }
}

/// Computes the word infos of a sentence.
pub fn word_infos(words: &[&str], lex: &Lexical, out: &mut Vec<WordInfo>) {
    out.clear();
    let mut buf = String::new();
    for w in words {
        out.push(word_info(w, lex, &mut buf));
    }
}

pub fn word_info(w: &str, lex: &Lexical, buf: &mut String) -> WordInfo {
    let mut info = WordInfo {
        form: str_hash(w),
        lower: lower_hash(w),
        ..WordInfo::default()
    };
    let lower: std::borrow::Cow<str> = if w.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(w.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(w)
    };
    let ends: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
    let n = ends.len();
    info.chars = n.min(255) as u8;
    for k in 1..=4 {
        let start = if k >= n { 0 } else { ends[n - k] };
        info.suffix[k - 1] = str_hash(&lower[start..]);
    }
    for k in 1..=3 {
        let end = ends.get(k).copied().unwrap_or(lower.len());
        info.prefix[k - 1] = str_hash(&lower[..end]);
    }
    shape(w, 4, buf);
    info.shape = str_hash(buf);
    shape(w, 1, buf);
    info.short_shape = str_hash(buf);
    let mut flags = 0u8;
    let mut letters = 0;
    let mut uppers = 0;
    let mut prev_lower = false;
    for (i, c) in w.chars().enumerate() {
        if c.is_alphabetic() {
            letters += 1;
        }
        if c.is_uppercase() {
            uppers += 1;
            if i == 0 {
                flags |= CAPITALIZED;
            }
            if prev_lower {
                flags |= INNER_CAP;
            }
        }
        prev_lower = c.is_lowercase();
        if c.is_ascii_digit() {
            flags |= HAS_DIGIT;
        }
        if c == '-' {
            flags |= HAS_HYPHEN;
        }
        if c == '.' {
            flags |= HAS_PERIOD;
        }
    }
    if letters == 0 {
        flags |= NO_LETTER;
    }
    if letters > 1 && uppers == letters {
        flags |= ALL_CAPS;
    }
    if !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) {
        flags |= ALL_DIGITS;
    }
    info.flags = flags;
    let class = lex.clusters.get_or_head(w);
    info.cluster = class.map_or(0, |c| c.cluster);
    info.rarity = class.map_or(30, |c| c.rarity);
    info.lower_rarity = if lower.as_ref() == w {
        info.rarity
    } else {
        lex.clusters.get(&lower).map_or(30, |c| c.rarity)
    };
    if let Some(lemma) = lex.lemmas.get(w) {
        let ends: Vec<usize> = lemma.char_indices().map(|(i, _)| i).collect();
        let tail = if ends.len() > 2 {
            &lemma[ends[ends.len() - 2]..]
        } else {
            lemma
        };
        let upper = lemma.chars().next().is_some_and(char::is_uppercase);
        info.lemma_hint = str_hash(tail) ^ u64::from(upper) ^ 0x5555;
    }
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_cut_runs() {
        let mut s = String::new();
        shape("Microsoft", 4, &mut s);
        assert_eq!(s, "Xxxxx");
        shape("U.S.", 4, &mut s);
        assert_eq!(s, "X.X.");
        shape("2024-10-08", 1, &mut s);
        assert_eq!(s, "d-d-d");
        shape("Übernahme", 1, &mut s);
        assert_eq!(s, "Xx");
    }
}
