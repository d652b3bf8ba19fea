//! The seventeen Universal Dependencies part-of-speech tags.

use std::fmt;

/// A Universal POS tag (<https://universaldependencies.org/u/pos/>).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[repr(u8)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    #[default]
    X,
}

impl Upos {
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|u| u.as_str() == s)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: usize) -> Upos {
        Upos::ALL[i.min(16)]
    }

    /// Nouns and proper nouns: the words a noun phrase ends in.
    pub fn is_nominal(self) -> bool {
        matches!(self, Upos::Noun | Upos::Propn)
    }

    /// The one letter a chunk pattern reads for this tag (see `data/nlp/chunks.toml`).
    pub fn letter(self) -> char {
        match self {
            Upos::Adj => 'A',
            Upos::Adp => 'I',
            Upos::Adv => 'R',
            Upos::Aux => 'X',
            Upos::Cconj => 'C',
            Upos::Det => 'D',
            Upos::Intj => 'J',
            Upos::Noun => 'N',
            Upos::Num => 'M',
            Upos::Part => 'T',
            Upos::Pron => 'O',
            Upos::Propn => 'P',
            Upos::Punct => '.',
            Upos::Sconj => 'S',
            Upos::Sym => 'Y',
            Upos::Verb => 'V',
            Upos::X => 'Z',
        }
    }
}

impl fmt::Display for Upos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_letters_are_distinct() {
        let mut letters = std::collections::BTreeSet::new();
        for (i, u) in Upos::ALL.iter().enumerate() {
            assert_eq!(Upos::parse(u.as_str()), Some(*u));
            assert_eq!(u.index(), i);
            assert_eq!(Upos::from_index(i), *u);
            assert!(letters.insert(u.letter()));
        }
        assert_eq!(Upos::parse("NN"), None);
    }
}
