//! Named-entity tagging as sequence labelling: a greedy left-to-right averaged
//! perceptron over BIO tags (`O`, `B-PER`, `I-PER`, ...), reading the words'
//! spelling, affixes, clusters, tags and neighbours, the labels before, and
//! what the lexicon says of them, so that the lexicon informs the model
//! instead of deciding alone.
//!
//! ```text
//! words + WordInfo + UPOS + lexicon marks ─► per word: features ─► Weights
//!   ─► best tag that may follow the one before (I-X only after B-X or I-X) ─► spans
//! ```

use super::binio::{Reader, Writer};
use super::features::{WordInfo, ALL_CAPS, CAPITALIZED, HAS_DIGIT, INNER_CAP, NO_LETTER};
use super::hashing::{feature, feature2, mix, Rng};

/// The cache key of "past the sentence's edge".
const EDGE: u64 = 0xED6E_ED6E;
use super::perceptron::{Trainer, Weights};
use super::upos::Upos;
use rayon::prelude::*;

/// What the lexicon says of a word: a bit per class and position.
///
/// Classes: the lexicon's people, organizations (and news outlets), places,
/// products and events, demonyms ("German", "deutsche"), given names, and the
/// German Wiktionary's surnames, places and common nouns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    /// For each multi-word class: 0 none, 1 begins, 2 inside, 3 ends, 4 the whole
    /// name, 5 part of the word (a compound: "Microsoft-Chef").
    pub spans: [u8; SPAN_CLASSES],
    /// Single-word classes: [`GIVEN`], [`SURNAME`], [`PLACE_WORD`], [`COMMON_NOUN`], [`DEMONYM`].
    pub words: u8,
}

pub const SPAN_CLASSES: usize = 5;
pub const SPAN_PER: usize = 0;
pub const SPAN_ORG: usize = 1;
pub const SPAN_LOC: usize = 2;
pub const SPAN_PROD: usize = 3;
pub const SPAN_EVENT: usize = 4;

pub const GIVEN: u8 = 1;
pub const SURNAME: u8 = 2;
pub const PLACE_WORD: u8 = 4;
pub const COMMON_NOUN: u8 = 8;
pub const DEMONYM: u8 = 16;

/// Feature templates (ids are part of the model: do not renumber).
mod t {
    pub const BIAS: u32 = 0;
    pub const FORM: u32 = 1;
    pub const LOWER: u32 = 2;
    pub const SHAPE: u32 = 3;
    pub const SHORT_SHAPE: u32 = 4;
    pub const SUFFIX: u32 = 5; // 5..=8
    pub const PREFIX: u32 = 9; // 9..=11
    pub const CLUSTER: u32 = 12; // 12..=16
    pub const PREV_CLUSTER: u32 = 17;
    pub const NEXT_CLUSTER: u32 = 18;
    pub const PREV_LOWER: u32 = 19;
    pub const PREV2_LOWER: u32 = 20;
    pub const NEXT_LOWER: u32 = 21;
    pub const NEXT2_LOWER: u32 = 22;
    pub const PREV_FORM: u32 = 23;
    pub const NEXT_FORM: u32 = 24;
    pub const PREV_SHAPE: u32 = 25;
    pub const NEXT_SHAPE: u32 = 26;
    pub const SHAPES_LEFT: u32 = 27;
    pub const SHAPES_RIGHT: u32 = 28;
    pub const UPOS: u32 = 29;
    pub const PREV_UPOS: u32 = 30;
    pub const NEXT_UPOS: u32 = 31;
    pub const UPOS3: u32 = 32;
    pub const PREV_LABEL: u32 = 33;
    pub const SPAN_MARK: u32 = 37;
    pub const PREV_SPAN_MARK: u32 = 38;
    pub const NEXT_SPAN_MARK: u32 = 39;
    pub const WORD_MARK: u32 = 40;
    pub const PREV_WORD_MARK: u32 = 41;
    pub const NEXT_WORD_MARK: u32 = 42;
    pub const RARITY: u32 = 43;
    pub const POSITION: u32 = 44;
    pub const TITLE_LINE: u32 = 45;
    pub const SPAN_MARK_SHAPE: u32 = 46;
    pub const PREV_LABEL_UPOS: u32 = 47;
    pub const NEXT_PREFIX_CLUSTER: u32 = 48;
    pub const LOWER_RARITY_CAP: u32 = 49;
    pub const BIGRAM_LEFT: u32 = 50;
    pub const BIGRAM_RIGHT: u32 = 51;
    pub const CLUSTER_CAP: u32 = 52;
    pub const PREV2_SHAPE: u32 = 53;
    pub const NEXT2_SHAPE: u32 = 54;
    pub const PREV_CLUSTER_CAP: u32 = 55;
}

const CLUSTER_BITS: [u32; 5] = [4, 6, 10, 20, 32];

fn cluster_prefix(c: u32, bits: u32) -> u64 {
    if bits >= 32 {
        u64::from(c)
    } else {
        u64::from(c & ((1u32 << bits) - 1)) | (u64::from(bits) << 40)
    }
}

/// One sentence as the name tagger reads it.
pub struct NerInput<'a> {
    pub words: &'a [WordInfo],
    pub upos: &'a [Upos],
    pub marks: &'a [Marks],
    /// Most words of the sentence are capitalized (a headline).
    pub title_line: bool,
}

fn span_code(m: &Marks) -> u64 {
    let mut h = 0u64;
    for (k, &p) in m.spans.iter().enumerate() {
        h |= u64::from(p) << (3 * k);
    }
    h
}

/// The features of a tag pair: the tag before and the word's UPOS. (Pairs
/// with the word's shape or lower case too scored within noise on the dev
/// sets, and would make the tag pairs' scores differ for every word; these
/// are computed once per model, see [`NerTagger::transitions`].)
pub fn transition_features(upos: Upos, prev: u64, out: &mut Vec<u64>) {
    out.clear();
    out.push(feature(t::PREV_LABEL, prev));
    out.push(feature2(t::PREV_LABEL_UPOS, prev, upos as u64));
}

/// The features of word `i` that do not depend on the labels.
pub fn features(x: &NerInput, i: usize, out: &mut Vec<u64>) {
    out.clear();
    word_features(&x.words[i], out);
    context_features(x, i, out);
}

fn case_flags(w: &WordInfo) -> u64 {
    u64::from(w.flags & (CAPITALIZED | ALL_CAPS | INNER_CAP | HAS_DIGIT | NO_LETTER))
}

/// The features of a word alone: the same wherever it stands.
fn word_features(w: &WordInfo, out: &mut Vec<u64>) {
    let cap = case_flags(w);
    out.push(feature(t::BIAS, 0));
    out.push(feature(t::FORM, w.form));
    out.push(feature(t::LOWER, w.lower));
    out.push(feature(t::SHAPE, w.shape));
    out.push(feature(t::SHORT_SHAPE, w.short_shape));
    for k in 0..4 {
        out.push(feature(t::SUFFIX + k as u32, w.suffix[k]));
    }
    for k in 0..3 {
        out.push(feature(t::PREFIX + k as u32, w.prefix[k]));
    }
    if w.cluster != 0 {
        for (k, &bits) in CLUSTER_BITS.iter().enumerate() {
            out.push(feature(
                t::CLUSTER + k as u32,
                cluster_prefix(w.cluster, bits),
            ));
        }
        out.push(feature2(t::CLUSTER_CAP, cluster_prefix(w.cluster, 10), cap));
    }
    out.push(feature2(t::RARITY, u64::from(w.rarity.min(24) / 3), cap));
    out.push(feature2(
        t::LOWER_RARITY_CAP,
        u64::from(w.lower_rarity.min(24) / 3),
        cap,
    ));
}

/// Where a neighbour stands from the word being tagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Left1 = 1,
    Left2 = 2,
    Right1 = 3,
    Right2 = 4,
}

impl Side {
    const ALL: [Side; 4] = [Side::Left1, Side::Left2, Side::Right1, Side::Right2];

    /// The neighbour's index, if it is inside the sentence.
    fn of(self, i: usize, n: usize) -> Option<usize> {
        match self {
            Side::Left1 => i.checked_sub(1),
            Side::Left2 => i.checked_sub(2),
            Side::Right1 => (i + 1 < n).then_some(i + 1),
            Side::Right2 => (i + 2 < n).then_some(i + 2),
        }
    }
}

/// The features a neighbour gives by itself (`None`: past the sentence's
/// edge): the same for every word it stands beside, so their scores are
/// remembered per neighbour.
fn neighbour_features(side: Side, nb: Option<&WordInfo>, out: &mut Vec<u64>) {
    let edge = |k: i64| -> u64 { 0xED6E_0000u64.wrapping_add(k as u64) };
    match side {
        Side::Left1 => {
            let e = edge(-1);
            if let Some(p) = nb.filter(|p| p.cluster != 0) {
                out.push(feature(t::PREV_CLUSTER, cluster_prefix(p.cluster, 10)));
            }
            out.push(feature(t::PREV_LOWER, nb.map_or(e, |p| p.lower)));
            out.push(feature(t::PREV_FORM, nb.map_or(e, |p| p.form)));
            out.push(feature(t::PREV_SHAPE, nb.map_or(e, |p| p.short_shape)));
        }
        Side::Right1 => {
            let e = edge(1);
            if let Some(q) = nb.filter(|q| q.cluster != 0) {
                out.push(feature(t::NEXT_CLUSTER, cluster_prefix(q.cluster, 10)));
            }
            out.push(feature(t::NEXT_LOWER, nb.map_or(e, |q| q.lower)));
            out.push(feature(t::NEXT_FORM, nb.map_or(e, |q| q.form)));
            out.push(feature(t::NEXT_SHAPE, nb.map_or(e, |q| q.short_shape)));
        }
        Side::Left2 => {
            let e = edge(-2);
            out.push(feature(t::PREV2_LOWER, nb.map_or(e, |p| p.lower)));
            out.push(feature(t::PREV2_SHAPE, nb.map_or(e, |p| p.short_shape)));
        }
        Side::Right2 => {
            let e = edge(2);
            out.push(feature(t::NEXT2_LOWER, nb.map_or(e, |q| q.lower)));
            out.push(feature(t::NEXT2_SHAPE, nb.map_or(e, |q| q.short_shape)));
        }
    }
}

/// The features of word `i` in its sentence: its neighbours' and its own
/// together, tags and lexicon marks.
fn context_features(x: &NerInput, i: usize, out: &mut Vec<u64>) {
    for side in Side::ALL {
        neighbour_features(side, side.of(i, x.words.len()).map(|j| &x.words[j]), out);
    }
    pair_features(x, i, out);
}

/// The features that combine the word with its neighbours, tags and marks.
fn pair_features(x: &NerInput, i: usize, out: &mut Vec<u64>) {
    let n = x.words.len();
    let none = WordInfo::default();
    let w = &x.words[i];
    let p1 = if i >= 1 { &x.words[i - 1] } else { &none };
    let n1 = x.words.get(i + 1).unwrap_or(&none);
    let edge = |k: i64| -> u64 { 0xED6E_0000u64.wrapping_add(k as u64) };
    let upos = |k: isize| -> u64 {
        let j = i as isize + k;
        if j < 0 || j as usize >= n {
            99
        } else {
            x.upos[j as usize] as u64
        }
    };
    let cap = case_flags(w);
    if i + 1 < n && n1.cluster != 0 {
        out.push(feature2(
            t::NEXT_PREFIX_CLUSTER,
            cap,
            cluster_prefix(n1.cluster, 6),
        ));
    }
    let ps = if i >= 1 { p1.short_shape } else { edge(-1) };
    let ns = if i + 1 < n { n1.short_shape } else { edge(1) };
    out.push(feature2(t::SHAPES_LEFT, ps, w.short_shape));
    out.push(feature2(t::SHAPES_RIGHT, w.short_shape, ns));
    out.push(feature2(
        t::BIGRAM_LEFT,
        if i >= 1 { p1.lower } else { edge(-1) },
        w.lower,
    ));
    out.push(feature2(
        t::BIGRAM_RIGHT,
        w.lower,
        if i + 1 < n { n1.lower } else { edge(1) },
    ));
    if i >= 1 && p1.cluster != 0 {
        out.push(feature2(
            t::PREV_CLUSTER_CAP,
            cluster_prefix(p1.cluster, 6),
            cap,
        ));
    }
    out.push(feature(t::UPOS, upos(0)));
    out.push(feature(t::PREV_UPOS, upos(-1)));
    out.push(feature(t::NEXT_UPOS, upos(1)));
    out.push(feature(t::UPOS3, upos(-1) | upos(0) << 8 | upos(1) << 16));
    let m = &x.marks[i];
    let code = span_code(m);
    if code != 0 {
        out.push(feature(t::SPAN_MARK, code));
        out.push(feature2(t::SPAN_MARK_SHAPE, code, cap));
        for (k, &p) in m.spans.iter().enumerate() {
            if p != 0 {
                out.push(feature(
                    t::SPAN_MARK,
                    1 << 40 | (k as u64) << 8 | u64::from(p),
                ));
            }
        }
    }
    if i >= 1 {
        let c = span_code(&x.marks[i - 1]);
        if c != 0 {
            out.push(feature(t::PREV_SPAN_MARK, c));
        }
        if x.marks[i - 1].words != 0 {
            out.push(feature(t::PREV_WORD_MARK, u64::from(x.marks[i - 1].words)));
        }
    }
    if i + 1 < n {
        let c = span_code(&x.marks[i + 1]);
        if c != 0 {
            out.push(feature(t::NEXT_SPAN_MARK, c));
        }
        if x.marks[i + 1].words != 0 {
            out.push(feature(t::NEXT_WORD_MARK, u64::from(x.marks[i + 1].words)));
        }
    }
    if m.words != 0 {
        out.push(feature2(t::WORD_MARK, u64::from(m.words), cap));
        for bit in 0..5 {
            if m.words & (1 << bit) != 0 {
                out.push(feature(t::WORD_MARK, 1 << 20 | bit));
            }
        }
    }
    out.push(feature2(
        t::POSITION,
        (i == 0) as u64 | ((i + 1 == n) as u64) << 1,
        cap,
    ));
    if x.title_line {
        out.push(feature2(t::TITLE_LINE, cap, upos(0)));
    }
}

/// A trained name tagger.
///
/// Tags are IOB2: 0 is `O`; `1 + 2k` begins a name of type `k`, `2 + 2k`
/// continues it. (BILOU tags, which also mark where a name ends, scored
/// lower here with greedy decoding: UNER EWT dev 0.638 against 0.662.)
pub struct NerTagger {
    id: u64,
    types: Vec<String>,
    weights: Weights,
    /// Tag-pair scores for each UPOS of the word: `17 × ntags × (ntags + 1)`,
    /// by tag, then previous tag (`ntags` being the start of the sentence).
    transitions: Vec<f32>,
    /// For each UPOS: the highest minus the lowest tag-pair score, a bound
    /// that lets Viterbi drop the tags that can no longer win.
    spreads: [f32; 17],
}

const B: usize = 0;
const I: usize = 1;

fn position(k: usize) -> usize {
    (k - 1) % 2
}

fn type_of(k: usize) -> usize {
    (k - 1) / 2
}

impl NerTagger {
    pub fn types(&self) -> &[String] {
        &self.types
    }

    pub fn ntags(&self) -> usize {
        ntags(&self.types)
    }

    /// The number of features with weights.
    pub fn features_count(&self) -> usize {
        self.weights.len()
    }

    /// The IOB2 name of tag `k` (`O`, `B-PER`, `I-PER`).
    pub fn tag_name(&self, k: usize) -> String {
        tag_name(&self.types, k)
    }

    /// The names a tag sequence marks: words `[start, end)` and the type's index.
    pub fn spans(&self, tags: &[usize]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut open: Option<(usize, usize)> = None;
        for (i, &k) in tags.iter().enumerate() {
            let continues =
                k != 0 && position(k) == I && open.is_some_and(|(_, ty)| ty == type_of(k));
            if !continues {
                if let Some((s, ty)) = open.take() {
                    out.push((s, i, ty));
                }
                if k != 0 {
                    open = Some((i, type_of(k)));
                }
            }
        }
        if let Some((s, ty)) = open {
            out.push((s, tags.len(), ty));
        }
        out
    }

    fn new(types: Vec<String>, weights: Weights) -> NerTagger {
        let nt = ntags(&types);
        let mut transitions = vec![0f32; 17 * (nt + 1) * nt];
        let mut feats = Vec::new();
        let mut ints = vec![0i32; nt];
        for u in Upos::ALL {
            for p in 0..=nt {
                transition_features(u, label_key(p, nt), &mut feats);
                weights.score(&feats, &mut ints);
                let block = u.index() * nt * (nt + 1);
                for k in 0..nt {
                    transitions[block + k * (nt + 1) + p] = ints[k] as f32 * weights.scale();
                }
            }
        }
        let block = nt * (nt + 1);
        let mut spreads = [0f32; 17];
        // Over the pairs into O and B-X, the tags whose previous tags are pruned.
        for (u, spread) in spreads.iter_mut().enumerate() {
            let b = &transitions[u * block..(u + 1) * block];
            let (mut lo, mut hi) = (f32::INFINITY, f32::NEG_INFINITY);
            for k in (0..nt).filter(|&k| k == 0 || position(k) == B) {
                for &x in &b[k * (nt + 1)..k * (nt + 1) + nt] {
                    lo = lo.min(x);
                    hi = hi.max(x);
                }
            }
            *spread = hi - lo;
        }
        NerTagger {
            id: super::cache::next_id(),
            types,
            weights,
            transitions,
            spreads,
        }
    }

    /// Tags a sentence with the best tag sequence (Viterbi over tag pairs);
    /// `out` receives one tag index per word.
    pub fn tag(&self, x: &NerInput, out: &mut Vec<usize>) {
        let nt = self.ntags();
        let n = x.words.len();
        let mut feats = Vec::with_capacity(64);
        let mut ints = vec![0i32; nt];
        let scale = self.weights.scale();
        let mut emit = vec![0f32; n * nt];
        for i in 0..n {
            feats.clear();
            pair_features(x, i, &mut feats);
            self.weights.score(&feats, &mut ints);
            let w = &x.words[i];
            super::cache::add_word_scores(self.id, w.form, &mut ints, |s| {
                feats.clear();
                word_features(w, &mut feats);
                self.weights.score(&feats, s);
            });
            // What each neighbour gives by itself, remembered per neighbour.
            for side in Side::ALL {
                let nb = side.of(i, n).map(|j| &x.words[j]);
                let key = mix(nb.map_or(EDGE, |q| q.form), side as u64);
                super::cache::add_word_scores(self.id, key, &mut ints, |s| {
                    feats.clear();
                    neighbour_features(side, nb, &mut feats);
                    self.weights.score(&feats, s);
                });
            }
            for k in 0..nt {
                emit[i * nt + k] = ints[k] as f32 * scale;
            }
        }
        let block = (nt + 1) * nt;
        viterbi(
            n,
            nt,
            &emit,
            |i| &self.transitions[x.upos[i].index() * block..][..block],
            |i| self.spreads[x.upos[i].index()],
            None,
            out,
        );
    }

    pub fn write(&self, out: &mut Writer) {
        out.strs(&self.types);
        self.weights.write(out);
    }

    pub fn read(input: &mut Reader) -> Result<NerTagger, String> {
        let types = input.strs()?;
        let weights = Weights::read(input)?;
        if weights.nclasses() != ntags(&types) {
            return Err("the name tagger's classes do not match its types".into());
        }
        Ok(NerTagger::new(types, weights))
    }
}

fn ntags(types: &[String]) -> usize {
    1 + 2 * types.len()
}

/// The key of a previous label (`nt` stands for the start of the sentence).
fn label_key(label: usize, nt: usize) -> u64 {
    if label == nt {
        0xABCD
    } else {
        label as u64
    }
}

/// The best allowed tag sequence given emission scores (`n × nt`) and each
/// word's tag-pair scores (`nt × (nt + 1)`: for each tag, the score after
/// each previous tag, `nt` being the start of the sentence). With `mask`,
/// only the tags it allows at each word (a bit per tag).
///
/// `spread(i)` bounds how much the tag pairs into word `i` can tell apart
/// (highest minus lowest score): a tag at word `i - 1` further below the best
/// than that can begin no best path and is not tried again, so the search
/// stays exact while most words, plainly `O`, cost little.
#[allow(clippy::too_many_arguments)]
fn viterbi<'a>(
    n: usize,
    nt: usize,
    emit: &[f32],
    trans: impl Fn(usize) -> &'a [f32],
    spread: impl Fn(usize) -> f32,
    mask: Option<&[u64]>,
    out: &mut Vec<usize>,
) {
    out.clear();
    if n == 0 {
        return;
    }
    let ok = |i: usize, k: usize| mask.is_none_or(|m| m[i] & (1u64 << k) != 0);
    let mut best = vec![f32::NEG_INFINITY; n * nt];
    let mut back = vec![0u8; n * nt];
    let t0 = trans(0);
    for k in 0..nt {
        if allowed(nt, k, n == 1) && ok(0, k) {
            best[k] = emit[k] + t0[k * (nt + 1) + nt];
        }
    }
    // `I-X` follows only `B-X` and `I-X`; every other tag follows any tag
    // (an impossible previous tag scores minus infinity and never wins).
    let mut live: Vec<usize> = Vec::with_capacity(nt);
    for i in 1..n {
        let t = trans(i);
        let (done, rest) = best.split_at_mut(i * nt);
        let prev = &done[(i - 1) * nt..];
        let top = prev.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
        let floor = top - spread(i);
        live.clear();
        live.extend((0..nt).filter(|&p| prev[p] >= floor));
        let row = &mut rest[..nt];
        let back_row = &mut back[i * nt..(i + 1) * nt];
        let emit_row = &emit[i * nt..(i + 1) * nt];
        for k in 0..nt {
            if !ok(i, k) {
                continue;
            }
            let column = &t[k * (nt + 1)..k * (nt + 1) + nt];
            let (mut b, mut arg) = (f32::NEG_INFINITY, 0usize);
            if k != 0 && position(k) == I {
                for p in [k - 1, k] {
                    let s = prev[p] + column[p];
                    if s > b {
                        b = s;
                        arg = p;
                    }
                }
            } else {
                for &p in &live {
                    let s = prev[p] + column[p];
                    if s > b {
                        b = s;
                        arg = p;
                    }
                }
            }
            if b > f32::NEG_INFINITY {
                row[k] = b + emit_row[k];
                back_row[k] = arg as u8;
            }
        }
    }
    let mut k = (0..nt)
        .max_by(|&a, &b| {
            best[(n - 1) * nt + a]
                .total_cmp(&best[(n - 1) * nt + b])
                .then(b.cmp(&a))
        })
        .unwrap_or(0);
    out.resize(n, 0);
    for i in (0..n).rev() {
        out[i] = k;
        k = back[i * nt + k] as usize;
    }
}

/// Whether tag `k` may follow `prev` (`prev` 0 is `O`; past the last tag,
/// the start): `I-X` only after `B-X` or `I-X`.
fn allowed(prev: usize, k: usize, _last: bool) -> bool {
    // The start (`ntags`) has a type index past every type.
    k == 0 || position(k) == B || (prev != 0 && type_of(prev) == type_of(k))
}

/// The IOB2 name of tag `k`.
pub fn tag_name(types: &[String], k: usize) -> String {
    if k == 0 {
        return "O".to_string();
    }
    let ty = &types[type_of(k)];
    if position(k) == B {
        format!("B-{ty}")
    } else {
        format!("I-{ty}")
    }
}

/// Tag indices of an IOB2 tag sequence (types the model lacks become `O`).
pub fn encode(types: &[String], tags: &[String]) -> Vec<usize> {
    let mut out = vec![0; tags.len()];
    for (s, e, ty) in super::corpus::spans(tags) {
        let Some(k) = types.iter().position(|t| *t == ty) else {
            continue;
        };
        out[s] = 1 + 2 * k + B;
        for o in &mut out[s + 1..e] {
            *o = 1 + 2 * k + I;
        }
    }
    out
}

/// Training settings of the name tagger.
#[derive(Debug, Clone, Copy)]
pub struct NerConfig {
    pub epochs: usize,
    pub seed: u64,
    pub prune: f32,
    /// Models trained in different example orders (seeds `seed`, `seed + 1`,
    /// …) whose mean is the model ([`perceptron::mix`]); 1 trains one.
    pub mixed: usize,
}

/// One training sentence: the input parts and gold tag indices.
pub struct NerExample {
    pub words: Vec<WordInfo>,
    pub upos: Vec<Upos>,
    pub marks: Vec<Marks>,
    pub title_line: bool,
    pub gold: Vec<usize>,
    /// For a file that annotates only some of the model's types: the tags
    /// each word may have (a bit per tag). The gold is then the best sequence
    /// these allow, under the current weights (learning from partial
    /// annotation, as Tsuboi et al. 2008 do for CRFs).
    pub allowed: Option<Vec<u64>>,
}

/// The tags each word of a partly annotated sentence may have: a word inside
/// a name keeps its tag; a word the file leaves `O` may be `O` or any tag of
/// a type outside the file's `scheme`.
pub fn partial_mask(types: &[String], gold: &[usize], scheme: &[String]) -> Vec<u64> {
    let nt = ntags(types);
    assert!(nt <= 64, "partial annotation takes at most 64 tags");
    let mut free = 1u64; // O
    for (k, ty) in types.iter().enumerate() {
        if !scheme.contains(ty) {
            free |= 1 << (1 + 2 * k) | 1 << (2 + 2 * k);
        }
    }
    gold.iter()
        .map(|&g| if g == 0 { free } else { 1 << g })
        .collect()
}

/// Trains a name tagger on examples labelled with tags of `types`: a
/// structured perceptron (Collins 2002) that decodes each sentence with the
/// current weights and moves them from the predicted towards the gold tags.
pub fn train(examples: &[NerExample], types: Vec<String>, config: &NerConfig) -> NerTagger {
    let nt = ntags(&types);
    let trainers: Vec<Trainer> = (0..config.mixed.max(1) as u64)
        .into_par_iter()
        .map(|i| train_one(examples, nt, config.epochs, config.seed + i))
        .collect();
    NerTagger::new(types, super::perceptron::mix(&trainers, config.prune))
}

/// One structured perceptron over `epochs` passes in the order `seed` shuffles.
fn train_one(examples: &[NerExample], nt: usize, epochs: usize, seed: u64) -> Trainer {
    let mut trainer = Trainer::new(nt);
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut feats = Vec::with_capacity(64);
    let mut scores = vec![0f32; nt];
    let mut guess = Vec::new();
    let mut latent = Vec::new();
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &e in &order {
            let ex = &examples[e];
            let x = NerInput {
                words: &ex.words,
                upos: &ex.upos,
                marks: &ex.marks,
                title_line: ex.title_line,
            };
            let n = ex.words.len();
            let mut emit = vec![0f32; n * nt];
            let block = (nt + 1) * nt;
            let mut trans = vec![0f32; n * block];
            for i in 0..n {
                features(&x, i, &mut feats);
                trainer.score(&feats, &mut scores);
                emit[i * nt..(i + 1) * nt].copy_from_slice(&scores);
                for p in 0..=nt {
                    if (i == 0) != (p == nt) {
                        continue;
                    }
                    transition_features(ex.upos[i], label_key(p, nt), &mut feats);
                    trainer.score(&feats, &mut scores);
                    for (k, &sc) in scores.iter().enumerate() {
                        trans[i * block + k * (nt + 1) + p] = sc;
                    }
                }
            }
            viterbi(
                n,
                nt,
                &emit,
                |i| &trans[i * block..(i + 1) * block],
                |_| f32::INFINITY,
                None,
                &mut guess,
            );
            let gold: &[usize] = match &ex.allowed {
                Some(mask) => {
                    viterbi(
                        n,
                        nt,
                        &emit,
                        |i| &trans[i * block..(i + 1) * block],
                        |_| f32::INFINITY,
                        Some(mask),
                        &mut latent,
                    );
                    &latent
                }
                None => &ex.gold,
            };
            for i in 0..n {
                let (g, y) = (gold[i], guess[i]);
                let gp = if i == 0 { nt } else { gold[i - 1] };
                let yp = if i == 0 { nt } else { guess[i - 1] };
                if g != y {
                    features(&x, i, &mut feats);
                    trainer.adjust(&feats, g, 1.0);
                    trainer.adjust(&feats, y, -1.0);
                }
                if g != y || gp != yp {
                    transition_features(ex.upos[i], label_key(gp, nt), &mut feats);
                    trainer.adjust(&feats, g, 1.0);
                    transition_features(ex.upos[i], label_key(yp, nt), &mut feats);
                    trainer.adjust(&feats, y, -1.0);
                }
            }
            trainer.tick();
        }
    }
    trainer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_encode_iob2_and_follow_each_other() {
        let types = vec!["PER".to_string(), "LOCderiv".to_string()];
        let tags: Vec<String> = [
            "B-PER",
            "I-PER",
            "I-PER",
            "O",
            "B-LOCderiv",
            "B-ORG",
            "I-PER",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        let enc = encode(&types, &tags);
        // An I- after another type starts a name, as conlleval reads it.
        assert_eq!(enc, [1, 2, 2, 0, 3, 0, 1]);
        let names: Vec<String> = enc.iter().map(|&k| tag_name(&types, k)).collect();
        assert_eq!(
            names,
            ["B-PER", "I-PER", "I-PER", "O", "B-LOCderiv", "O", "B-PER"]
        );
        assert!(allowed(1, 2, false) && allowed(2, 2, false) && allowed(4, 1, false));
        assert!(!allowed(0, 2, false) && !allowed(3, 2, false) && allowed(3, 4, false));
        let tagger = NerTagger::new(
            types.clone(),
            train(
                &[],
                types,
                &NerConfig {
                    epochs: 0,
                    seed: 0,
                    prune: 0.0,
                    mixed: 1,
                },
            )
            .weights,
        );
        assert_eq!(tagger.spans(&enc), [(0, 3, 0), (4, 5, 1), (6, 7, 0)]);
    }
}
