//! Build script: a digest of the source code and the compiled-in data that
//! decide what an article's graph holds (ingest, the token layer and its
//! trained models, extraction, normalization, the RDF model, and their data
//! folders), given to the crate as
//! `NEWSGRAPH_CODE_DIGEST`. The extractor fingerprint stored with every article
//! includes it, so that a build with changed extraction code or data extracts
//! unchanged articles again instead of keeping what the old version found.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// The folders whose code or data shapes the stored graph of an article.
const GRAPH_CODE: &[&str] = &[
    "src/ingest",
    "src/extract",
    "src/nlp",
    "src/normalize",
    "src/rdf",
    "src/model",
    "data/ingest",
    "data/extract",
    "data/normalize",
    "data/rules",
    "data/names",
    "data/lexicon",
    "data/nlp",
    "data/models",
];

fn main() {
    let mut files = Vec::new();
    for dir in GRAPH_CODE {
        println!("cargo:rerun-if-changed={dir}");
        collect(Path::new(dir), &mut files);
    }
    files.sort();
    // FNV-1a over paths and contents; line endings do not count, so a checkout
    // with CRLF gives the same digest.
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    for f in &files {
        h.write(f.to_string_lossy().replace('\\', "/").as_bytes());
        let text = std::fs::read(f).unwrap_or_default();
        let text: Vec<u8> = text.into_iter().filter(|&b| b != b'\r').collect();
        h.write(&text);
    }
    println!("cargo:rustc-env=NEWSGRAPH_CODE_DIGEST={:016x}", h.finish());
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// 64-bit FNV-1a: stable across Rust versions, unlike `DefaultHasher`.
struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
