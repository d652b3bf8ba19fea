//! Finding article files and reading them: [`discover`] walks the inputs the
//! user named and lists the articles among them; [`load`] reads one file,
//! hashes its bytes, decodes them to text and hands the text to
//! [`parse`](super::parse).
//!
//! Problems with one input never stop the others: discovery reports them beside
//! the files it found, and the caller decides what is fatal.

use super::{parse, Document, Format, IngestError};
use rustc_hash::{FxHashMap, FxHashSet};
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest article file read by default: news articles are a few kB, and
/// the work on an article grows with its length.
pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 4_000_000;

/// The most links followed from one path before it counts as a loop (as Linux does).
const MAX_LINK_HOPS: usize = 40;

/// The article files found under the inputs, and what was wrong with the rest.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Sorted, each file once.
    pub files: Vec<PathBuf>,
    pub problems: Vec<IngestError>,
}

/// Lists the articles among `inputs`: files named directly, and the files with
/// an article extension (`.txt`, `.text`, `.md`, `.markdown`, `.html`, `.htm`)
/// anywhere below the folders named. Hidden files and folders inside a folder
/// are skipped; symbolic links are followed, each folder visited once. Every
/// input passed over is a problem naming it: a missing or unreadable file or
/// folder, a file named that is no article, a pipe, socket or device, a link
/// to nothing, a link that loops, a link back to a folder the walk is inside.
pub fn discover(inputs: &[PathBuf]) -> Discovery {
    let mut walk = Walk::default();
    for input in inputs {
        match fs::metadata(input) {
            Err(_) if input.is_symlink() => walk.problems.push(broken_link(input)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                walk.problems.push(IngestError::NotFound {
                    path: input.clone(),
                });
            }
            Err(source) => walk.problems.push(IngestError::Unreadable {
                path: input.clone(),
                source,
            }),
            Ok(meta) if meta.is_dir() => {
                if walk.folder(input) == 0 {
                    walk.problems.push(IngestError::NoArticles {
                        path: input.clone(),
                    });
                }
            }
            Ok(meta) if !meta.is_file() => walk.problems.push(IngestError::SpecialFile {
                path: input.clone(),
            }),
            Ok(_) if format_of(input).is_some() => walk.file(input),
            Ok(_) => walk.problems.push(IngestError::UnsupportedFormat {
                path: input.clone(),
            }),
        }
    }
    walk.files.sort();
    Discovery {
        files: walk.files,
        problems: walk.problems,
    }
}

/// Reads one article file into a [`Document`].
pub fn load(path: &Path) -> Result<Document, IngestError> {
    read(path)?.parse()
}

/// An article file's bytes and their content hash, read before any parsing,
/// so that an unchanged article costs one read and one hash.
pub struct RawFile {
    path: PathBuf,
    format: Format,
    bytes: Vec<u8>,
    /// `sha256:` and the hex digest of the bytes.
    pub content_hash: String,
}

/// Reads an article file's bytes (refusing formats newsgraph does not read),
/// within [`DEFAULT_MAX_ARTICLE_BYTES`].
pub fn read(path: &Path) -> Result<RawFile, IngestError> {
    read_within(path, DEFAULT_MAX_ARTICLE_BYTES)
}

/// Reads an article file's bytes, refusing formats newsgraph does not read,
/// files that are no regular files, and files over `max_bytes` (told by their
/// size before anything is read, or by reading one byte past the limit when a
/// file grows meanwhile).
pub fn read_within(path: &Path, max_bytes: u64) -> Result<RawFile, IngestError> {
    let format = format_of(path).ok_or_else(|| IngestError::UnsupportedFormat {
        path: path.to_path_buf(),
    })?;
    let failed = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::NotFound => IngestError::NotFound {
            path: path.to_path_buf(),
        },
        _ => IngestError::Unreadable {
            path: path.to_path_buf(),
            source,
        },
    };
    let too_large = |size| IngestError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit: max_bytes,
    };
    let meta = fs::metadata(path).map_err(failed)?;
    if meta.is_dir() {
        return Err(failed(std::io::ErrorKind::IsADirectory.into()));
    }
    if !meta.is_file() {
        return Err(IngestError::SpecialFile {
            path: path.to_path_buf(),
        });
    }
    if meta.len() > max_bytes {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    fs::File::open(path)
        .and_then(|f| f.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(failed)?;
    if bytes.len() as u64 > max_bytes {
        let size = fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        return Err(too_large(size));
    }
    Ok(RawFile::new(path.to_path_buf(), format, bytes))
}

impl RawFile {
    /// An article file's bytes as [`read`] holds them, for a caller that has
    /// the bytes already (the fuzz targets feed arbitrary bytes through the
    /// same decoding and parsing as `newsgraph build`).
    pub fn new(path: PathBuf, format: Format, bytes: Vec<u8>) -> RawFile {
        let content_hash = format!("sha256:{:x}", Sha256::digest(&bytes));
        RawFile {
            path,
            format,
            bytes,
            content_hash,
        }
    }

    /// Decodes and parses the file into a [`Document`].
    pub fn parse(self) -> Result<Document, IngestError> {
        let text = decode(&self.bytes).map_err(|problem| problem.at(&self.path))?;
        Ok(parse(self.path, &text, self.format, self.content_hash))
    }
}

fn format_of(path: &Path) -> Option<Format> {
    Format::from_extension(path.extension()?.to_str()?)
}

/// The state of a walk over the inputs.
#[derive(Default)]
struct Walk {
    files: Vec<PathBuf>,
    problems: Vec<IngestError>,
    /// Canonical paths of the files taken, so that a file reached twice is listed once.
    seen_files: FxHashSet<PathBuf>,
    /// Canonical paths of the folders entered, with the number of articles
    /// below each (0 while the walk is still inside), so that a symlink loop ends.
    seen_folders: FxHashMap<PathBuf, usize>,
    /// Canonical paths of the folders the walk is inside now.
    inside: FxHashSet<PathBuf>,
}

/// What is wrong with a symbolic link that leads to no file: it loops, or its
/// target does not exist.
fn broken_link(path: &Path) -> IngestError {
    let mut seen: FxHashSet<PathBuf> = FxHashSet::default();
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINK_HOPS {
        if !seen.insert(at.clone()) {
            break;
        }
        let Ok(target) = fs::read_link(&at) else {
            // Not a link (any more): the end of the chain, which is missing.
            return IngestError::DanglingLink {
                path: path.to_path_buf(),
                target: at,
            };
        };
        at = lexically_normal(&match at.parent() {
            Some(parent) => parent.join(target),
            None => target,
        });
    }
    IngestError::LinkLoop {
        path: path.to_path_buf(),
    }
}

/// `path` with `.` and `dir/..` taken out, without asking the file system.
fn lexically_normal(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

impl Walk {
    fn file(&mut self, path: &Path) {
        let key = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if self.seen_files.insert(key) {
            self.files.push(path.to_path_buf());
        }
    }

    /// Walks a folder; returns how many articles are below it, counting those
    /// an earlier input listed already.
    fn folder(&mut self, dir: &Path) -> usize {
        let key = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if let Some(&count) = self.seen_folders.get(&key) {
            if self.inside.contains(&key) {
                self.problems.push(IngestError::FolderLoop {
                    path: dir.to_path_buf(),
                    target: key,
                });
            }
            return count;
        }
        self.inside.insert(key.clone());
        self.seen_folders.insert(key.clone(), 0);
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(source) => {
                self.problems.push(IngestError::Unreadable {
                    path: dir.to_path_buf(),
                    source,
                });
                return 0;
            }
        };
        let mut paths: Vec<PathBuf> = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) if entry.file_name().to_string_lossy().starts_with('.') => {}
                Ok(entry) => paths.push(entry.path()),
                Err(source) => self.problems.push(IngestError::Unreadable {
                    path: dir.to_path_buf(),
                    source,
                }),
            }
        }
        paths.sort();
        let mut count = 0;
        for path in paths {
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => count += self.folder(&path),
                Ok(_) if format_of(&path).is_none() => {}
                Ok(meta) if !meta.is_file() => {
                    self.problems.push(IngestError::SpecialFile { path })
                }
                Ok(_) => {
                    self.file(&path);
                    count += 1;
                }
                Err(_) if path.is_symlink() => self.problems.push(broken_link(&path)),
                Err(source) => self.problems.push(IngestError::Unreadable { path, source }),
            }
        }
        self.inside.remove(&key);
        self.seen_folders.insert(key, count);
        count
    }
}

/// Why bytes could not be decoded, before the path is known.
#[derive(Debug, PartialEq, Eq)]
enum DecodeProblem {
    Empty,
    Binary,
    NotUtf8 { offset: usize, line: usize },
    NotUtf16 { offset: usize },
}

impl DecodeProblem {
    fn at(self, path: &Path) -> IngestError {
        let path = path.to_path_buf();
        match self {
            DecodeProblem::Empty => IngestError::Empty { path },
            DecodeProblem::Binary => IngestError::Binary { path },
            DecodeProblem::NotUtf8 { offset, line } => IngestError::NotUtf8 { path, offset, line },
            DecodeProblem::NotUtf16 { offset } => IngestError::NotUtf16 { path, offset },
        }
    }
}

/// Turns file bytes into text: UTF-16 when a byte-order mark says so, UTF-8
/// (without its byte-order mark) otherwise.
fn decode(bytes: &[u8]) -> Result<String, DecodeProblem> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        decode_utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        decode_utf16(rest, u16::from_be_bytes)?
    } else if looks_binary(bytes) {
        return Err(DecodeProblem::Binary);
    } else {
        let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(body) => (3, body),
            None => (0, bytes),
        };
        match std::str::from_utf8(body) {
            Ok(text) => text.to_string(),
            Err(e) => {
                let valid = &body[..e.valid_up_to()];
                // Offsets count the file's bytes, byte-order mark included, as a hex editor shows them.
                return Err(DecodeProblem::NotUtf8 {
                    offset: bom + valid.len(),
                    line: valid.iter().filter(|&&b| b == b'\n').count() + 1,
                });
            }
        }
    };
    // A byte-order mark inside the text (left by joining files) is invisible too.
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .is_empty()
    {
        return Err(DecodeProblem::Empty);
    }
    Ok(text)
}

/// Decodes UTF-16 after its 2-byte byte-order mark; `unit` reads one code unit.
fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, DecodeProblem> {
    let pairs = bytes.chunks_exact(2);
    if !pairs.remainder().is_empty() {
        return Err(DecodeProblem::NotUtf16 {
            offset: 2 + bytes.len() - 1,
        });
    }
    let units = pairs.map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut offset = 2;
    for c in char::decode_utf16(units) {
        let c = c.map_err(|_| DecodeProblem::NotUtf16 { offset })?;
        text.push(c);
        offset += 2 * c.len_utf16();
    }
    Ok(text)
}

/// NUL bytes never occur in text; a file where more than a tenth of the
/// bytes are control characters other than line breaks and tabs is no article.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let control = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)) || b == 0x7F)
        .count();
    control * 10 > bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::SentenceKind;
    use crate::model::{Language, PartialDate};

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, bytes).unwrap();
        path
    }

    fn relative(dir: &Path, files: &[PathBuf]) -> Vec<String> {
        files
            .iter()
            .map(|f| f.strip_prefix(dir).unwrap().to_string_lossy().into_owned())
            .collect()
    }

    fn messages(problems: &[IngestError], dir: &Path) -> Vec<String> {
        let prefix = format!("{}/", dir.display());
        problems
            .iter()
            .map(|p| p.to_string().replace(&prefix, ""))
            .collect()
    }

    #[test]
    fn folders_are_walked_for_articles() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        for name in [
            "b.txt",
            "a.MD",
            "news/2024/c.html",
            "news/d.htm",
            "news/e.markdown",
            "news/f.text",
            "news/notes.pdf",
            "news/.hidden.txt",
            ".git/config.txt",
        ] {
            write(dir, name, b"text");
        }
        fs::create_dir(dir.join("empty")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.join("news"), dir.join("news/2024/loop")).unwrap();

        let found = discover(&[dir.to_path_buf(), dir.join("b.txt"), dir.join("news")]);
        assert_eq!(
            relative(dir, &found.files),
            [
                "a.MD",
                "b.txt",
                "news/2024/c.html",
                "news/d.htm",
                "news/e.markdown",
                "news/f.text"
            ]
        );
        #[cfg(unix)]
        assert_eq!(
            messages(&found.problems, dir),
            ["news/2024/loop: a link to the folder news, which the walk is already inside; skipped"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn inputs_passed_over_are_named() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().unwrap();
        let dir = &fs::canonicalize(tmp.path()).unwrap();
        write(dir, "in/a.txt", b"text");
        symlink(dir.join("in/ping.txt"), dir.join("in/pong.txt")).unwrap();
        symlink(dir.join("in/pong.txt"), dir.join("in/ping.txt")).unwrap();
        symlink(dir.join("gone.txt"), dir.join("in/stale.md")).unwrap();
        symlink("../nowhere", dir.join("in/photos")).unwrap();
        let fifo = std::process::Command::new("mkfifo")
            .arg(dir.join("in/feed.txt"))
            .status()
            .is_ok_and(|s| s.success());
        let found = discover(&[dir.join("in"), dir.join("in/pong.txt")]);
        assert_eq!(relative(dir, &found.files), ["in/a.txt"]);
        let mut expected = vec![
            "in/photos: a symbolic link to nowhere, which does not exist; skipped",
            "in/ping.txt: a symbolic link that leads back to itself; skipped",
            "in/pong.txt: a symbolic link that leads back to itself; skipped",
            "in/stale.md: a symbolic link to gone.txt, which does not exist; skipped",
            "in/pong.txt: a symbolic link that leads back to itself; skipped",
        ];
        if fifo {
            expected.insert(
                0,
                "in/feed.txt: not a regular file (a pipe, socket or device); skipped",
            );
        }
        assert_eq!(messages(&found.problems, dir), expected);
    }

    #[test]
    fn files_over_the_size_limit_are_refused_before_reading() {
        let tmp = tempfile::tempdir().unwrap();
        let path = write(
            tmp.path(),
            "long.txt",
            &b"Words and more words. ".repeat(100),
        );
        assert_eq!(read_within(&path, 2200).unwrap().bytes.len(), 2200);
        let refused = read_within(&path, 2199).err().unwrap();
        assert_eq!(
            messages(&[refused], tmp.path()),
            ["long.txt: 2.2 kB is over the limit of 2.2 kB per article; skipped (raise it with --max-article-bytes)"]
        );
    }

    #[test]
    fn problems_with_inputs_are_reported_not_fatal() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let article = write(dir, "article.txt", b"Microsoft invested in OpenAI.");
        let pdf = write(dir, "notes.pdf", b"%PDF-1.7");
        let readme = write(dir, "README", b"no extension");
        write(dir, "images/logo.png", b"\x89PNG");
        write(dir, "images/.draft.md", b"hidden");

        let found = discover(&[
            dir.join("missing.txt"),
            pdf,
            readme,
            dir.join("images"),
            article.clone(),
        ]);
        assert_eq!(found.files, [article]);
        assert_eq!(
            messages(&found.problems, dir),
            [
                "missing.txt: no such file or folder",
                "notes.pdf: not an article (newsgraph reads .txt, .md and .html files)",
                "README: not an article (newsgraph reads .txt, .md and .html files)",
                "images: no articles in this folder (newsgraph reads .txt, .md and .html files)",
            ]
        );
        assert_eq!(found.problems[0].path(), dir.join("missing.txt"));
    }

    #[test]
    fn a_seed_article_loads() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/003_878f3f8685ed7ceb.txt");
        let doc = load(&path).unwrap();
        assert_eq!(doc.id, "003_878f3f8685ed7ceb");
        assert_eq!(doc.stem, "003_878f3f8685ed7ceb");
        assert_eq!(doc.file_name(), "003_878f3f8685ed7ceb.txt");
        assert_eq!(doc.format, Format::Text);
        assert_eq!(
            doc.content_hash,
            "sha256:1edd2d3afa6ca8d715bdf0395f73496315ed51bc5f65490c3b6679869d163fcc"
        );
        assert_eq!(doc.language, Language::German);
        assert_eq!(doc.date_published, PartialDate::month(2024, 10));
        assert_eq!(doc.text, fs::read_to_string(&path).unwrap());
    }

    #[test]
    fn byte_order_marks_and_utf16() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let text = "Datum: 17.10.2024\nMicrosoft übernimmt Inflection AI.\n";
        let mut utf8 = b"\xEF\xBB\xBF".to_vec();
        utf8.extend_from_slice(text.as_bytes());
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        for (name, bytes) in [("bom.txt", utf8), ("le.txt", le), ("be.txt", be)] {
            let doc = load(&write(dir, name, &bytes)).unwrap();
            assert_eq!(doc.text, text, "{name}");
            assert_eq!(doc.date_published, PartialDate::day(2024, 10, 17), "{name}");
            assert_eq!(doc.sentences[0].kind, SentenceKind::Metadata, "{name}");
            assert_eq!(
                doc.content_hash,
                format!("sha256:{:x}", Sha256::digest(&bytes)),
                "{name}"
            );
        }
    }

    #[test]
    fn unreadable_files_are_errors_that_name_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let mut latin1 = "Line one.\nLine two.\n".as_bytes().to_vec();
        latin1.extend_from_slice(b"Gr\xF6\xDFe: 5 Mio. \xA3\n");
        let mut broken_utf16 = vec![0xFF, 0xFE, b'A', 0];
        broken_utf16.extend_from_slice(&0xDC00u16.to_le_bytes());
        let cases: [(&str, &[u8], &str); 7] = [
            ("empty.txt", b"", "empty.txt: empty, there is no text to read"),
            ("blank.md", b" \n\t\r\n\xEF\xBB\xBF", "blank.md: empty, there is no text to read"),
            ("bom.md", b"\xEF\xBB\xBFab\n\xFF", "bom.md: not valid UTF-8 (first invalid byte at offset 6, line 2); save it as UTF-8"),
            ("nul.txt", b"PK\x03\x04\x00\x00text", "nul.txt: a binary file, not text (newsgraph reads .txt, .md and .html files)"),
            ("control.html", b"\x01\x02\x03\x04\x05\x06\x07\x08<p>x</p>", "control.html: a binary file, not text (newsgraph reads .txt, .md and .html files)"),
            ("latin1.txt", &latin1, "latin1.txt: not valid UTF-8 (first invalid byte at offset 22, line 3); save it as UTF-8"),
            ("utf16.txt", &broken_utf16, "utf16.txt: starts with a UTF-16 byte-order mark but is not valid UTF-16 (broken at byte offset 4); save it as UTF-8"),
        ];
        for (name, bytes, message) in cases {
            let error = load(&write(dir, name, bytes)).unwrap_err();
            assert_eq!(
                error
                    .to_string()
                    .replace(&format!("{}/", dir.display()), ""),
                message
            );
        }
        assert!(matches!(
            load(&write(dir, "bom-only.txt", b"\xEF\xBB\xBF  \n")),
            Err(IngestError::Empty { .. })
        ));
        assert!(matches!(
            load(&dir.join("missing.txt")),
            Err(IngestError::NotFound { .. })
        ));
        assert!(matches!(
            load(&write(dir, "slides.pptx", b"x")),
            Err(IngestError::UnsupportedFormat { .. })
        ));
        fs::create_dir(dir.join("folder.txt")).unwrap();
        let error = load(&dir.join("folder.txt")).unwrap_err();
        assert!(matches!(error, IngestError::Unreadable { .. }));
        assert!(error.to_string().starts_with(&format!(
            "{}: cannot be read (",
            dir.join("folder.txt").display()
        )));
    }
}
