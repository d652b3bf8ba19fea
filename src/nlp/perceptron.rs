//! The averaged perceptron (Collins 2002) over hashed features: a [`Trainer`]
//! that learns from examples, and the compact [`Weights`] it leaves, which the
//! taggers read at run time.
//!
//! ```text
//! features (u64 hashes) ─► Trainer::predict / update, once per example and epoch
//!                       ─► Trainer::finish: averaged, pruned, quantized to i16
//!                       ─► Weights (open-addressing table) ─► bytes (model file) ─► Weights
//! ```
//!
//! Averaging uses the "w − u/c" form: every update of a weight by δ at example
//! `c` also adds `c·δ` to `u`, so the average over all examples is read off at
//! the end without touching every weight after every example.

use super::binio::{Reader, Writer};
use rustc_hash::FxHashMap;

/// Learns the weights of a multi-class perceptron.
pub struct Trainer {
    nclasses: usize,
    index: FxHashMap<u64, u32>,
    w: Vec<f32>,
    u: Vec<f64>,
    /// Examples seen so far (starts at 1).
    c: f64,
}

impl Trainer {
    pub fn new(nclasses: usize) -> Trainer {
        Trainer {
            nclasses,
            index: FxHashMap::default(),
            w: Vec::new(),
            u: Vec::new(),
            c: 1.0,
        }
    }

    pub fn nclasses(&self) -> usize {
        self.nclasses
    }

    /// Adds the current weights of `feats` to `scores` (length `nclasses`).
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(&row) = self.index.get(f) {
                let row = &self.w[row as usize * self.nclasses..][..self.nclasses];
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w;
                }
            }
        }
    }

    /// The best class among those `allowed` (all when `None`), lowest index on ties.
    pub fn predict(&self, feats: &[u64], scores: &mut [f32], allowed: Option<&[bool]>) -> usize {
        self.score(feats, scores);
        argmax(scores, allowed)
    }

    /// Moves the weights of `feats` towards `gold` and away from `guess`.
    pub fn update(&mut self, feats: &[u64], gold: usize, guess: usize) {
        if gold == guess {
            return;
        }
        let n = self.nclasses;
        let c = self.c;
        for &f in feats {
            let next = (self.w.len() / n) as u32;
            let row = *self.index.entry(f).or_insert(next) as usize;
            if row as u32 == next {
                self.w.resize(self.w.len() + n, 0.0);
                self.u.resize(self.u.len() + n, 0.0);
            }
            self.w[row * n + gold] += 1.0;
            self.u[row * n + gold] += c;
            self.w[row * n + guess] -= 1.0;
            self.u[row * n + guess] -= c;
        }
    }

    /// Adds `delta` to the weights of `feats` for one class (structured
    /// updates, where a sentence's gold and predicted tags differ).
    pub fn adjust(&mut self, feats: &[u64], class: usize, delta: f32) {
        let n = self.nclasses;
        let c = self.c;
        for &f in feats {
            let next = (self.w.len() / n) as u32;
            let row = *self.index.entry(f).or_insert(next) as usize;
            if row as u32 == next {
                self.w.resize(self.w.len() + n, 0.0);
                self.u.resize(self.u.len() + n, 0.0);
            }
            self.w[row * n + class] += delta;
            self.u[row * n + class] += c * f64::from(delta);
        }
    }

    /// Counts one example (call once per example, after its update).
    pub fn tick(&mut self) {
        self.c += 1.0;
    }

    /// The averaged weights, without features whose every weight is below
    /// `prune` in absolute value, quantized to 16 bits.
    pub fn finish(self, prune: f32) -> Weights {
        quantize(self.nclasses, self.averaged(), prune)
    }

    /// The averaged weights of every feature, by feature.
    pub fn averaged(&self) -> FxHashMap<u64, Vec<f32>> {
        let n = self.nclasses;
        self.index
            .iter()
            .map(|(&f, &row)| {
                let r = row as usize * n;
                let avg = (0..n)
                    .map(|k| (f64::from(self.w[r + k]) - self.u[r + k] / self.c) as f32)
                    .collect();
                (f, avg)
            })
            .collect()
    }
}

/// The mean of several trainers' averaged weights (iterative parameter mixing,
/// done once at the end: McDonald, Hall and Mann 2010): trained on the same
/// examples in different orders, their mean depends less on one order.
pub fn mix(trainers: &[Trainer], prune: f32) -> Weights {
    let n = trainers.first().map_or(0, Trainer::nclasses);
    let mut sum: FxHashMap<u64, Vec<f32>> = FxHashMap::default();
    for t in trainers {
        for (f, ws) in t.averaged() {
            let row = sum.entry(f).or_insert_with(|| vec![0.0; n]);
            row.iter_mut().zip(ws).for_each(|(s, w)| *s += w);
        }
    }
    let k = trainers.len().max(1) as f32;
    sum.values_mut()
        .for_each(|row| row.iter_mut().for_each(|w| *w /= k));
    quantize(n, sum, prune)
}

/// Weights without features whose every weight is below `prune` in absolute
/// value, quantized to 16 bits (sorted by feature: the same weights give the
/// same bytes).
fn quantize(n: usize, averaged: FxHashMap<u64, Vec<f32>>, prune: f32) -> Weights {
    let mut rows: Vec<(u64, Vec<f32>)> = averaged
        .into_iter()
        .filter(|(_, avg)| !avg.iter().all(|w| w.abs() < prune))
        .collect();
    let max = rows
        .iter()
        .flat_map(|(_, ws)| ws.iter())
        .fold(0f32, |m, w| m.max(w.abs()));
    rows.sort_by_key(|(f, _)| *f);
    let scale = if max > 0.0 { max / 32000.0 } else { 1.0 };
    let quantized = rows
        .into_iter()
        .map(|(f, ws)| {
            let q: Vec<i16> = ws.iter().map(|w| (w / scale).round() as i16).collect();
            (f, q)
        })
        .filter(|(_, q)| q.iter().any(|&x| x != 0))
        .collect();
    Weights::from_rows(n, scale, quantized)
}

/// The index of the highest score among the allowed classes.
pub fn argmax(scores: &[f32], allowed: Option<&[bool]>) -> usize {
    let mut best = usize::MAX;
    let mut best_score = f32::NEG_INFINITY;
    for (k, &s) in scores.iter().enumerate() {
        if allowed.is_some_and(|a| !a[k]) {
            continue;
        }
        if best == usize::MAX || s > best_score {
            best = k;
            best_score = s;
        }
    }
    if best == usize::MAX {
        0
    } else {
        best
    }
}

/// Trained weights: an open-addressing table from feature hash to one row of
/// 16-bit weights per class. A slot holds the hash (as four 16-bit words) and
/// the row side by side, so that finding a feature and reading its weights
/// touch the same cache line.
#[derive(Debug, Clone)]
pub struct Weights {
    nclasses: usize,
    /// Slot length in 16-bit words: 4 for the key, then the row.
    stride: usize,
    mask: usize,
    slots: Vec<i16>,
    scale: f32,
    len: usize,
}

fn split_key(f: u64) -> [i16; 4] {
    [
        f as i16,
        (f >> 16) as i16,
        (f >> 32) as i16,
        (f >> 48) as i16,
    ]
}

fn join_key(k: &[i16]) -> u64 {
    u64::from(k[0] as u16)
        | u64::from(k[1] as u16) << 16
        | u64::from(k[2] as u16) << 32
        | u64::from(k[3] as u16) << 48
}

impl Weights {
    fn from_rows(nclasses: usize, scale: f32, rows: Vec<(u64, Vec<i16>)>) -> Weights {
        let keys: Vec<u64> = rows.iter().map(|(k, _)| *k).collect();
        let flat: Vec<i16> = rows.into_iter().flat_map(|(_, r)| r).collect();
        Weights::from_flat(nclasses, scale, &keys, &flat)
    }

    /// A table from features and their rows, one after the other in `flat`.
    fn from_flat(nclasses: usize, scale: f32, keys: &[u64], flat: &[i16]) -> Weights {
        let rows = keys.iter().copied().zip(flat.chunks_exact(nclasses));
        // At most half full: a feature the model lacks (most of them) is found
        // missing after about two probes.
        let cap = (keys.len() * 2 + 1).next_power_of_two().max(16);
        let stride = 4 + nclasses;
        let mut w = Weights {
            nclasses,
            stride,
            mask: cap - 1,
            slots: vec![0; cap * stride],
            scale,
            len: keys.len(),
        };
        for (f, q) in rows {
            let mut i = f as usize & w.mask;
            while join_key(&w.slots[i * stride..i * stride + 4]) != 0 {
                i = (i + 1) & w.mask;
            }
            let slot = &mut w.slots[i * stride..(i + 1) * stride];
            slot[..4].copy_from_slice(&split_key(f));
            slot[4..].copy_from_slice(q);
        }
        w
    }

    pub fn nclasses(&self) -> usize {
        self.nclasses
    }

    /// The number of features with weights.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline]
    fn row(&self, f: u64) -> Option<&[i16]> {
        let mut i = f as usize & self.mask;
        loop {
            let slot = &self.slots[i * self.stride..(i + 1) * self.stride];
            let k = join_key(&slot[..4]);
            if k == f {
                return Some(&slot[4..]);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Adds the weights of one feature to integer scores.
    #[inline]
    pub fn add(&self, f: u64, scores: &mut [i32]) {
        if let Some(row) = self.row(f) {
            for (s, &w) in scores.iter_mut().zip(row) {
                *s += i32::from(w);
            }
        }
    }

    /// Integer scores of `feats` (one per class), summed into `scores`.
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        scores.iter_mut().for_each(|s| *s = 0);
        for &f in feats {
            self.add(f, scores);
        }
    }

    /// Every feature with its row, sorted by feature.
    fn entries(&self) -> Vec<(u64, &[i16])> {
        let mut out: Vec<(u64, &[i16])> = self
            .slots
            .chunks_exact(self.stride)
            .map(|slot| (join_key(&slot[..4]), &slot[4..]))
            .filter(|(k, _)| *k != 0)
            .collect();
        out.sort_by_key(|(k, _)| *k);
        out
    }

    /// The scale that turns integer scores back into perceptron scores.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    pub fn write(&self, out: &mut Writer) {
        out.u32(self.nclasses as u32);
        out.f32(self.scale);
        let entries = self.entries();
        out.u32(entries.len() as u32);
        for (k, _) in &entries {
            out.u64(*k);
        }
        for (_, row) in &entries {
            for &w in *row {
                out.i16(w);
            }
        }
    }

    pub fn read(input: &mut Reader) -> Result<Weights, String> {
        let nclasses = input.u32()? as usize;
        let scale = input.f32()?;
        let n = input.u32()? as usize;
        if nclasses == 0 || nclasses > 4096 {
            return Err(format!("implausible number of classes {nclasses}"));
        }
        let keys: Vec<u64> = input
            .bytes(n * 8)?
            .chunks_exact(8)
            .map(|b| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
            .collect();
        if keys.contains(&0) {
            return Err("a feature hash of 0".into());
        }
        let flat: Vec<i16> = input
            .bytes(n * nclasses * 2)?
            .chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .collect();
        Ok(Weights::from_flat(nclasses, scale, &keys, &flat))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixing_is_the_mean_of_the_trainers_weights() {
        // Two trainers that disagree on feature 7; only the first knows feature 8.
        let mut a = Trainer::new(2);
        a.adjust(&[7, 8], 0, 4.0);
        a.tick();
        let mut b = Trainer::new(2);
        b.adjust(&[7], 1, 2.0);
        b.tick();
        let one = mix(std::slice::from_ref(&a), 0.0);
        let mut s1 = vec![0; 2];
        let mut sa = vec![0; 2];
        one.score(&[7], &mut s1);
        a.finish(0.0).score(&[7], &mut sa);
        assert_eq!(s1, sa, "one trainer mixed is that trainer");
        let mut a = Trainer::new(2);
        a.adjust(&[7, 8], 0, 4.0);
        a.tick();
        let both = mix(&[a, b], 0.0);
        let (mut s7, mut s8) = (vec![0; 2], vec![0; 2]);
        both.score(&[7], &mut s7);
        both.score(&[8], &mut s8);
        // Means: feature 7 (2, 1), feature 8 (2, 0); quantized to the largest.
        assert_eq!(s7[0], 2 * s7[1]);
        assert_eq!(s8[0], s7[0]);
        assert_eq!(s8[1], 0);
    }

    #[test]
    fn learns_a_separable_problem_and_survives_a_round_trip() {
        // Class = which of three marker features is present; feature 9 is noise.
        let data: Vec<(Vec<u64>, usize)> = (0..60)
            .map(|i| (vec![100 + (i % 3) as u64, 9], i % 3))
            .collect();
        let mut t = Trainer::new(3);
        let mut scores = vec![0.0; 3];
        for _ in 0..3 {
            for (f, gold) in &data {
                let guess = t.predict(f, &mut scores, None);
                t.update(f, *gold, guess);
                t.tick();
            }
        }
        let w = t.finish(0.0);
        let mut out = Writer::default();
        w.write(&mut out);
        let bytes = out.into_bytes();
        let w2 = Weights::read(&mut Reader::new(&bytes)).unwrap();
        let mut s = vec![0i32; 3];
        for k in 0..3 {
            w2.score(&[100 + k as u64, 9], &mut s);
            let best = (0..3).max_by_key(|&c| s[c]).unwrap();
            assert_eq!(best, k);
        }
        assert_eq!(w.len(), w2.len());
    }

    #[test]
    fn argmax_respects_the_allowed_classes() {
        assert_eq!(argmax(&[0.1, 0.9, 0.5], None), 1);
        assert_eq!(argmax(&[0.1, 0.9, 0.5], Some(&[true, false, true])), 2);
        assert_eq!(argmax(&[0.0, 0.0], None), 0);
    }
}
