//! Lemmas: a word's dictionary form ("übernahm" → "übernehmen", "companies" →
//! "company"), from three sources in order:
//!
//! ```text
//! (form, UPOS) seen in the treebank ─► its most frequent lemma
//! otherwise ─► a classifier picks an edit script ("strip 'ies', add 'y'";
//!              "strip 'ge' in front and 't' at the end, add 'en'"), or the
//!              lemma table of data/nlp/ when it judges the table right
//! ```
//!
//! Edit scripts are learned from the treebank's (form, lemma) pairs, as in
//! Chrupała's edit trees and the lemmatizers of UDPipe and spaCy: the longest
//! common substring of form and lemma is kept, what stands before and after it
//! is replaced. The classifier sees the word's UPOS, affixes and spelling.

use super::binio::{Reader, Writer};
use super::cache::next_id;
use super::hashing::{feature, feature2, lower_hash, str_hash, Rng};
use super::lexical::LemmaTable;
use super::perceptron::{Trainer, Weights};
use super::upos::Upos;
use rustc_hash::FxHashMap;

/// How a form becomes its lemma.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EditScript {
    /// Lower-case the whole form first.
    pub lower: bool,
    pub del_prefix: String,
    pub add_prefix: String,
    pub del_suffix: String,
    pub add_suffix: String,
}

impl EditScript {
    /// The script that turns `form` into `lemma`.
    pub fn between(form: &str, lemma: &str) -> EditScript {
        let lower = form.chars().any(char::is_uppercase)
            && !lemma.chars().any(char::is_uppercase)
            && form.to_lowercase() != form;
        let f: String = if lower {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        let fc: Vec<char> = f.chars().collect();
        let lc: Vec<char> = lemma.chars().collect();
        // Longest common substring (the first of the longest).
        let (mut best, mut fi, mut li) = (0usize, 0usize, 0usize);
        let mut prev = vec![0usize; lc.len() + 1];
        let mut cur = vec![0usize; lc.len() + 1];
        for i in 1..=fc.len() {
            for j in 1..=lc.len() {
                cur[j] = if fc[i - 1] == lc[j - 1] {
                    prev[j - 1] + 1
                } else {
                    0
                };
                if cur[j] > best {
                    best = cur[j];
                    fi = i - best;
                    li = j - best;
                }
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        let s = |c: &[char]| c.iter().collect::<String>();
        if best == 0 {
            return EditScript {
                lower,
                del_prefix: String::new(),
                add_prefix: String::new(),
                del_suffix: f,
                add_suffix: lemma.to_string(),
            };
        }
        EditScript {
            lower,
            del_prefix: s(&fc[..fi]),
            add_prefix: s(&lc[..li]),
            del_suffix: s(&fc[fi + best..]),
            add_suffix: s(&lc[li + best..]),
        }
    }

    /// The lemma of `form`, if the script fits it.
    pub fn apply(&self, form: &str) -> Option<String> {
        let lowered;
        let f: &str = if self.lower {
            lowered = form.to_lowercase();
            &lowered
        } else {
            form
        };
        let rest = f.strip_prefix(self.del_prefix.as_str())?;
        let rest = rest.strip_suffix(self.del_suffix.as_str())?;
        if rest.is_empty() && !(self.del_prefix.is_empty() && self.del_suffix == f) {
            return None;
        }
        let mut out = String::with_capacity(f.len() + self.add_suffix.len());
        out.push_str(&self.add_prefix);
        out.push_str(rest);
        out.push_str(&self.add_suffix);
        Some(out)
    }

    fn key(&self) -> String {
        format!(
            "{}|{}|{}|{}|{}",
            u8::from(self.lower),
            self.del_prefix,
            self.add_prefix,
            self.del_suffix,
            self.add_suffix
        )
    }
}

mod t {
    pub const UPOS: u32 = 0;
    pub const SUFFIX: u32 = 1; // 1..=5
    pub const UPOS_SUFFIX: u32 = 6; // 6..=10
    pub const PREFIX: u32 = 11; // 11..=13
    pub const CASE: u32 = 14;
    pub const TABLE: u32 = 15;
    pub const TABLE_UPOS: u32 = 16;
    pub const LENGTH: u32 = 17;
    pub const UPOS_PREFIX: u32 = 18; // 18..=20
    pub const TABLE_NONE: u32 = 21;
}

/// The class that takes the lemma table's answer.
const TABLE_CLASS: usize = 0;

fn classifier_features(form: &str, upos: Upos, table: Option<&str>, out: &mut Vec<u64>) {
    out.clear();
    let u = upos.index() as u64;
    out.push(feature(t::UPOS, u));
    let lower = form.to_lowercase();
    let ends: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
    let n = ends.len();
    for k in 1..=5 {
        let start = if k >= n { 0 } else { ends[n - k] };
        let h = str_hash(&lower[start..]) ^ ((k >= n) as u64);
        out.push(feature(t::SUFFIX + k as u32 - 1, h));
        out.push(feature2(t::UPOS_SUFFIX + k as u32 - 1, u, h));
    }
    for k in 1..=3 {
        let end = ends.get(k).copied().unwrap_or(lower.len());
        let h = str_hash(&lower[..end]);
        out.push(feature(t::PREFIX + k as u32 - 1, h));
        out.push(feature2(t::UPOS_PREFIX + k as u32 - 1, u, h));
    }
    let cap = form.chars().next().is_some_and(char::is_uppercase) as u64
        | (form.chars().all(|c| !c.is_lowercase()) as u64) << 1;
    out.push(feature2(t::CASE, u, cap));
    out.push(feature(t::LENGTH, n.min(12) as u64));
    match table {
        Some(l) => {
            let s = EditScript::between(form, l).key();
            out.push(feature(t::TABLE, str_hash(&s)));
            out.push(feature2(t::TABLE_UPOS, u, str_hash(&s)));
        }
        None => out.push(feature2(t::TABLE_NONE, u, 0)),
    }
}

/// A trained lemmatizer.
pub struct Lemmatizer {
    id: u64,
    /// (form hash, UPOS) → lemma, from the treebank; also keyed by the lower-case form.
    dict: FxHashMap<(u64, u8), String>,
    /// Class 0 is the lemma table; class k > 0 is `scripts[k - 1]`.
    scripts: Vec<EditScript>,
    weights: Weights,
}

impl Lemmatizer {
    /// Edit scripts and features with weights.
    pub fn size(&self) -> (usize, usize) {
        (self.scripts.len(), self.weights.len())
    }

    /// This lemmatizer's identity in this process (see `nlp::cache`).
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The lemma of a word with its tag.
    pub fn lemma(
        &self,
        form: &str,
        upos: Upos,
        table: &LemmaTable,
        feats: &mut Vec<u64>,
    ) -> String {
        let u = upos as u8;
        if let Some(l) = self.dict.get(&(str_hash(form), u)) {
            return l.clone();
        }
        if let Some(l) = self.dict.get(&(lower_hash(form) ^ 1, u)) {
            return l.clone();
        }
        if upos == Upos::Punct || upos == Upos::Num || upos == Upos::Sym {
            return form.to_string();
        }
        let from_table = table.get(form).or_else(|| {
            // A sentence-initial word: the table lists it in lower case.
            (upos != Upos::Noun && upos != Upos::Propn)
                .then(|| table.get(&form.to_lowercase()))
                .flatten()
        });
        classifier_features(form, upos, from_table, feats);
        let mut scores = vec![0i32; self.scripts.len() + 1];
        self.weights.score(feats, &mut scores);
        // The best class that fits the word: usually the first one tried.
        loop {
            let Some(k) = (0..scores.len())
                .filter(|&k| scores[k] != i32::MIN)
                .max_by_key(|&k| (scores[k], std::cmp::Reverse(k)))
            else {
                return form.to_string();
            };
            if k == TABLE_CLASS {
                if let Some(l) = from_table {
                    return l.to_string();
                }
            } else if let Some(l) = self.scripts[k - 1].apply(form) {
                return l;
            }
            scores[k] = i32::MIN;
        }
    }

    pub fn write(&self, out: &mut Writer) {
        let mut dict: Vec<(&(u64, u8), &String)> = self.dict.iter().collect();
        dict.sort();
        out.u32(dict.len() as u32);
        for ((h, u), l) in dict {
            out.u64(*h);
            out.u8(*u);
            out.str(l);
        }
        out.u32(self.scripts.len() as u32);
        for s in &self.scripts {
            out.u8(u8::from(s.lower));
            out.str(&s.del_prefix);
            out.str(&s.add_prefix);
            out.str(&s.del_suffix);
            out.str(&s.add_suffix);
        }
        self.weights.write(out);
    }

    pub fn read(input: &mut Reader) -> Result<Lemmatizer, String> {
        let n = input.u32()? as usize;
        let mut dict = FxHashMap::default();
        for _ in 0..n {
            let h = input.u64()?;
            let u = input.u8()?;
            dict.insert((h, u), input.str()?);
        }
        let n = input.u32()? as usize;
        let mut scripts = Vec::with_capacity(n);
        for _ in 0..n {
            scripts.push(EditScript {
                lower: input.u8()? != 0,
                del_prefix: input.str()?,
                add_prefix: input.str()?,
                del_suffix: input.str()?,
                add_suffix: input.str()?,
            });
        }
        let weights = Weights::read(input)?;
        if weights.nclasses() != scripts.len() + 1 {
            return Err("the lemmatizer's classes do not match its scripts".into());
        }
        Ok(Lemmatizer {
            id: next_id(),
            dict,
            scripts,
            weights,
        })
    }
}

/// Training settings of the lemmatizer.
#[derive(Debug, Clone, Copy)]
pub struct LemmaConfig {
    pub epochs: usize,
    pub seed: u64,
    /// An edit script becomes a class when this many word types use it.
    pub min_script_count: usize,
    /// Weights below this (in absolute value, for every class) are dropped.
    pub prune: f32,
}

/// Learns a lemmatizer from (form, UPOS, lemma) triples of a treebank.
pub fn train(
    words: &[(String, Upos, String)],
    table: &LemmaTable,
    config: &LemmaConfig,
) -> Lemmatizer {
    // The most frequent lemma of each (form, UPOS), exact and lower-cased.
    let mut counts: FxHashMap<(u64, u8), FxHashMap<&str, usize>> = FxHashMap::default();
    for (f, u, l) in words {
        *counts
            .entry((str_hash(f), *u as u8))
            .or_default()
            .entry(l)
            .or_default() += 1;
        *counts
            .entry((lower_hash(f) ^ 1, *u as u8))
            .or_default()
            .entry(l)
            .or_default() += 1;
    }
    let dict: FxHashMap<(u64, u8), String> = counts
        .into_iter()
        .map(|(k, ls)| {
            let mut ls: Vec<(&str, usize)> = ls.into_iter().collect();
            ls.sort_by_key(|&(l, n)| (std::cmp::Reverse(n), l));
            (k, ls[0].0.to_string())
        })
        .collect();
    // One example per word type.
    let mut types: Vec<(&str, Upos, &str)> = words
        .iter()
        .map(|(f, u, l)| (f.as_str(), *u, l.as_str()))
        .collect();
    types.sort();
    types.dedup();
    let mut script_counts: FxHashMap<EditScript, usize> = FxHashMap::default();
    for (f, _, l) in &types {
        *script_counts.entry(EditScript::between(f, l)).or_default() += 1;
    }
    let mut scripts: Vec<EditScript> = script_counts
        .into_iter()
        .filter(|(_, n)| *n >= config.min_script_count)
        .map(|(s, _)| s)
        .collect();
    scripts.sort();
    let nclasses = scripts.len() + 1;
    let mut trainer = Trainer::new(nclasses);
    let mut rng = Rng::new(config.seed);
    let mut feats = Vec::new();
    let mut scores = vec![0f32; nclasses];
    let examples: Vec<(Vec<u64>, Vec<bool>)> = types
        .iter()
        .filter(|(_, u, _)| !matches!(u, Upos::Punct | Upos::Num | Upos::Sym))
        .map(|(f, u, l)| {
            let from_table = table.get(f).or_else(|| {
                (*u != Upos::Noun && *u != Upos::Propn)
                    .then(|| table.get(&f.to_lowercase()))
                    .flatten()
            });
            classifier_features(f, *u, from_table, &mut feats);
            let mut correct = vec![false; nclasses];
            correct[TABLE_CLASS] = from_table == Some(*l);
            for (k, s) in scripts.iter().enumerate() {
                correct[k + 1] = s.apply(f).as_deref() == Some(*l);
            }
            (feats.clone(), correct)
        })
        .filter(|(_, c)| c.iter().any(|&x| x))
        .collect();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    for _ in 0..config.epochs {
        rng.shuffle(&mut order);
        for &e in &order {
            let (f, correct) = &examples[e];
            let guess = trainer.predict(f, &mut scores, None);
            if !correct[guess] {
                let best = super::perceptron::argmax(&scores, Some(correct));
                trainer.update(f, best, guess);
            }
            trainer.tick();
        }
    }
    Lemmatizer {
        id: next_id(),
        dict,
        scripts,
        weights: trainer.finish(config.prune),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_scripts_carry_over_to_other_words() {
        let s = EditScript::between("companies", "company");
        assert_eq!((s.del_suffix.as_str(), s.add_suffix.as_str()), ("ies", "y"));
        assert_eq!(s.apply("agencies").as_deref(), Some("agency"));
        let g = EditScript::between("gemacht", "machen");
        assert_eq!(g.apply("gesagt").as_deref(), Some("sagen"));
        assert_eq!(g.apply("Haus"), None);
        let l = EditScript::between("The", "the");
        assert!(l.lower);
        assert_eq!(l.apply("A").as_deref(), Some("a"));
        let whole = EditScript::between("was", "be");
        assert_eq!(whole.apply("was").as_deref(), Some("be"));
        assert_eq!(whole.apply("has"), None);
    }
}
