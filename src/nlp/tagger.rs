//! Part-of-speech tagging: a greedy left-to-right averaged perceptron over
//! the words' spelling, affixes, clusters and neighbours and the two tags
//! before (the design of Collins 2002 and of the taggers of NLTK and spaCy
//! v1), with a tag dictionary that settles frequent unambiguous words
//! without scoring.
//!
//! ```text
//! words ─► WordInfo ─► per word: tag dictionary, or features ─► Weights ─► best UPOS
//! ```

use super::binio::{Reader, Writer};
use super::features::{WordInfo, CAPITALIZED};
use super::hashing::{feature, feature2, Rng};
use super::perceptron::{Trainer, Weights};
use super::upos::Upos;
use rustc_hash::FxHashMap;

const NTAGS: usize = 17;
/// The "tag" before the first word.
const START: u64 = 100;

/// Feature templates (ids are part of the model: do not renumber).
mod t {
    pub const BIAS: u32 = 0;
    pub const LOWER: u32 = 1;
    pub const SUFFIX: u32 = 2; // 2..=5
    pub const PREFIX: u32 = 6; // 6..=8
    pub const SHAPE: u32 = 9;
    pub const FIRST_CAP: u32 = 10;
    pub const PREV_LOWER: u32 = 11;
    pub const PREV2_LOWER: u32 = 12;
    pub const NEXT_LOWER: u32 = 13;
    pub const NEXT2_LOWER: u32 = 14;
    pub const PREV_SUFFIX3: u32 = 15;
    pub const NEXT_SUFFIX3: u32 = 16;
    pub const PREV_TAG: u32 = 17;
    pub const PREV_TAGS: u32 = 18;
    pub const PREV_TAG_WORD: u32 = 19;
    pub const CLUSTER: u32 = 20; // 20..=24
    pub const PREV_CLUSTER: u32 = 25;
    pub const NEXT_CLUSTER: u32 = 26;
    pub const LEMMA_HINT: u32 = 27;
    pub const FORM: u32 = 28;
    pub const NEXT_SHAPE: u32 = 29;
    pub const RARITY: u32 = 30;
    pub const PREV_TAG_SUFFIX: u32 = 31;
    pub const BIGRAM_LEFT: u32 = 32;
    pub const BIGRAM_RIGHT: u32 = 33;
    pub const NEXT_SUFFIX2_WORD: u32 = 34;
    pub const NEXT_CLUSTER6: u32 = 35;
    pub const PREV_TAG_NEXT_WORD: u32 = 36;
}

/// Cluster prefixes read as features: the first 4, 6, 10 and 20 bits and the whole path.
const CLUSTER_BITS: [u32; 5] = [4, 6, 10, 20, 32];

fn cluster_prefix(c: u32, bits: u32) -> u64 {
    if bits >= 32 {
        u64::from(c)
    } else {
        u64::from(c & ((1u32 << bits) - 1)) | (u64::from(bits) << 40)
    }
}

/// The features of word `i` given the tags before it.
pub fn features(words: &[WordInfo], i: usize, prev: u64, prev2: u64, out: &mut Vec<u64>) {
    out.clear();
    word_features(&words[i], out);
    context_features(words, i, prev, prev2, out);
}

/// The features of a word alone: the same wherever it stands.
fn word_features(w: &WordInfo, out: &mut Vec<u64>) {
    out.push(feature(t::BIAS, 0));
    out.push(feature(t::LOWER, w.lower));
    out.push(feature(t::FORM, w.form));
    for k in 0..4 {
        out.push(feature(t::SUFFIX + k as u32, w.suffix[k]));
    }
    for k in 0..3 {
        out.push(feature(t::PREFIX + k as u32, w.prefix[k]));
    }
    out.push(feature(t::SHAPE, w.shape));
    if w.cluster != 0 {
        for (k, &bits) in CLUSTER_BITS.iter().enumerate() {
            out.push(feature(
                t::CLUSTER + k as u32,
                cluster_prefix(w.cluster, bits),
            ));
        }
    }
    if w.lemma_hint != 0 {
        out.push(feature(t::LEMMA_HINT, w.lemma_hint));
    }
    out.push(feature(
        t::RARITY,
        u64::from(w.rarity.min(25) / 3)
            | u64::from(w.lower_rarity.min(25) / 3) << 8
            | u64::from(w.flags & CAPITALIZED) << 16,
    ));
}

/// The features of word `i` in its sentence: neighbours and tags before.
fn context_features(words: &[WordInfo], i: usize, prev: u64, prev2: u64, out: &mut Vec<u64>) {
    let w = &words[i];
    let none = WordInfo::default();
    let p1 = if i >= 1 { &words[i - 1] } else { &none };
    let p2 = if i >= 2 { &words[i - 2] } else { &none };
    let n1 = words.get(i + 1).unwrap_or(&none);
    let n2 = words.get(i + 2).unwrap_or(&none);
    let edge = |k: isize| -> u64 { 0xED6Eu64.wrapping_add(k as u64) };
    out.push(feature(
        t::FIRST_CAP,
        u64::from(w.flags & CAPITALIZED) | ((i == 0) as u64) << 1,
    ));
    out.push(feature(
        t::PREV_LOWER,
        if i >= 1 { p1.lower } else { edge(-1) },
    ));
    out.push(feature(
        t::PREV2_LOWER,
        if i >= 2 { p2.lower } else { edge(-2) },
    ));
    out.push(feature(
        t::NEXT_LOWER,
        if i + 1 < words.len() {
            n1.lower
        } else {
            edge(1)
        },
    ));
    out.push(feature(
        t::NEXT2_LOWER,
        if i + 2 < words.len() {
            n2.lower
        } else {
            edge(2)
        },
    ));
    out.push(feature(
        t::PREV_SUFFIX3,
        if i >= 1 { p1.suffix[2] } else { edge(-1) },
    ));
    out.push(feature(
        t::NEXT_SUFFIX3,
        if i + 1 < words.len() {
            n1.suffix[2]
        } else {
            edge(1)
        },
    ));
    out.push(feature(
        t::NEXT_SHAPE,
        if i + 1 < words.len() {
            n1.shape
        } else {
            edge(1)
        },
    ));
    out.push(feature(t::PREV_TAG, prev));
    out.push(feature2(t::PREV_TAGS, prev, prev2));
    out.push(feature2(t::PREV_TAG_WORD, prev, w.lower));
    out.push(feature2(t::PREV_TAG_SUFFIX, prev, w.suffix[2]));
    if i >= 1 && p1.cluster != 0 {
        out.push(feature(t::PREV_CLUSTER, cluster_prefix(p1.cluster, 10)));
    }
    if i + 1 < words.len() && n1.cluster != 0 {
        out.push(feature(t::NEXT_CLUSTER, cluster_prefix(n1.cluster, 10)));
        out.push(feature(t::NEXT_CLUSTER6, cluster_prefix(n1.cluster, 6)));
    }
    let pl = if i >= 1 { p1.lower } else { edge(-1) };
    let nl = if i + 1 < words.len() {
        n1.lower
    } else {
        edge(1)
    };
    out.push(feature2(t::BIGRAM_LEFT, pl, w.lower));
    out.push(feature2(t::BIGRAM_RIGHT, w.lower, nl));
    out.push(feature2(
        t::NEXT_SUFFIX2_WORD,
        w.suffix[2],
        if i + 1 < words.len() {
            n1.suffix[1]
        } else {
            edge(1)
        },
    ));
    out.push(feature2(t::PREV_TAG_NEXT_WORD, prev, nl));
}

/// A trained part-of-speech tagger.
pub struct PosTagger {
    id: u64,
    weights: Weights,
    /// Frequent words that almost always have one tag: form hash → tag.
    tagdict: FxHashMap<u64, Upos>,
}

impl PosTagger {
    /// Tags the words of one sentence.
    pub fn tag(&self, words: &[WordInfo], out: &mut Vec<Upos>) {
        out.clear();
        let mut feats = Vec::with_capacity(48);
        let mut scores = [0i32; NTAGS];
        let (mut prev, mut prev2) = (START, START);
        for i in 0..words.len() {
            let tag = match self.tagdict.get(&words[i].form) {
                Some(&t) => t,
                None => {
                    feats.clear();
                    context_features(words, i, prev, prev2, &mut feats);
                    self.weights.score(&feats, &mut scores);
                    let w = &words[i];
                    super::cache::add_word_scores(self.id, w.form, &mut scores, |s| {
                        feats.clear();
                        word_features(w, &mut feats);
                        self.weights.score(&feats, s);
                    });
                    let best = (0..NTAGS).fold(0, |b, k| if scores[k] > scores[b] { k } else { b });
                    Upos::from_index(best)
                }
            };
            out.push(tag);
            prev2 = prev;
            prev = tag.index() as u64;
        }
    }

    pub fn write(&self, out: &mut Writer) {
        self.weights.write(out);
        let mut dict: Vec<(u64, Upos)> = self.tagdict.iter().map(|(&k, &v)| (k, v)).collect();
        dict.sort();
        out.u32(dict.len() as u32);
        for (k, v) in dict {
            out.u64(k);
            out.u8(v as u8);
        }
    }

    pub fn read(input: &mut Reader) -> Result<PosTagger, String> {
        let weights = Weights::read(input)?;
        if weights.nclasses() != NTAGS {
            return Err(format!(
                "a tagger with {} classes, not {NTAGS}",
                weights.nclasses()
            ));
        }
        let n = input.u32()? as usize;
        let mut tagdict = FxHashMap::default();
        for _ in 0..n {
            let k = input.u64()?;
            let v = input.u8()?;
            tagdict.insert(k, Upos::from_index(v as usize));
        }
        Ok(PosTagger {
            id: super::cache::next_id(),
            weights,
            tagdict,
        })
    }

    pub fn features_count(&self) -> usize {
        self.weights.len()
    }
}

/// Training settings of the tagger.
#[derive(Debug, Clone, Copy)]
pub struct TaggerConfig {
    pub epochs: usize,
    pub seed: u64,
    /// Weights below this (in absolute value, for every class) are dropped.
    pub prune: f32,
    /// A word enters the tag dictionary when seen this often ...
    pub dict_min_count: usize,
    /// ... with one tag this share of the time.
    pub dict_min_share: f64,
}

/// Trains a tagger on sentences of (word info, gold tag).
pub fn train(sentences: &[(Vec<WordInfo>, Vec<Upos>)], config: &TaggerConfig) -> PosTagger {
    let mut counts: FxHashMap<u64, [u32; NTAGS]> = FxHashMap::default();
    for (words, tags) in sentences {
        for (w, t) in words.iter().zip(tags) {
            counts.entry(w.form).or_insert([0; NTAGS])[t.index()] += 1;
        }
    }
    let tagdict: FxHashMap<u64, Upos> = counts
        .iter()
        .filter_map(|(&form, c)| {
            let total: u32 = c.iter().sum();
            let (best, &n) = c.iter().enumerate().max_by_key(|(_, &n)| n)?;
            (total as usize >= config.dict_min_count
                && f64::from(n) / f64::from(total) >= config.dict_min_share)
                .then(|| (form, Upos::from_index(best)))
        })
        .collect();
    let mut trainer = Trainer::new(NTAGS);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = Rng::new(config.seed);
    let mut feats = Vec::with_capacity(48);
    let mut scores = vec![0f32; NTAGS];
    for _ in 0..config.epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let (words, gold) = &sentences[s];
            let (mut prev, mut prev2) = (START, START);
            for i in 0..words.len() {
                let guess = if let Some(&t) = tagdict.get(&words[i].form) {
                    t
                } else {
                    features(words, i, prev, prev2, &mut feats);
                    let g = trainer.predict(&feats, &mut scores, None);
                    trainer.update(&feats, gold[i].index(), g);
                    trainer.tick();
                    Upos::from_index(g)
                };
                prev2 = prev;
                prev = guess.index() as u64;
            }
        }
    }
    PosTagger {
        id: super::cache::next_id(),
        weights: trainer.finish(config.prune),
        tagdict,
    }
}
