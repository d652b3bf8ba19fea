//! Readers for the annotated corpora the models learn from and are scored on:
//! CoNLL-U treebanks (words, lemmas, UPOS) and named-entity files in IOB2
//! (Universal NER) or the GermEval 2014 TSV format. Gzipped files are read as
//! they are. Multiword-token lines ("im" over "in dem") and empty nodes are
//! skipped: the models read syntactic words.

use super::upos::Upos;
use flate2::read::MultiGzDecoder;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A corpus file that cannot be read, naming the file and the line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CorpusError {
    #[error("{}: {source}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}: {message}", .path.display())]
    Format {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// One word of a treebank sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreebankWord {
    pub form: String,
    pub lemma: String,
    pub upos: Upos,
}

/// A treebank sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreebankSentence {
    pub id: String,
    pub words: Vec<TreebankWord>,
}

/// A sentence with one entity tag per word (`O`, `B-PER`, `I-LOCderiv`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NerSentence {
    pub id: String,
    pub words: Vec<String>,
    pub tags: Vec<String>,
}

/// The text of a file, gunzipped when its name ends in `.gz`.
pub fn read_text(path: &Path) -> Result<String, CorpusError> {
    let bytes = std::fs::read(path).map_err(|source| CorpusError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        MultiGzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .map_err(|source| CorpusError::Read {
                path: path.to_path_buf(),
                source,
            })?;
        out
    } else {
        bytes
    };
    String::from_utf8(bytes).map_err(|e| CorpusError::Format {
        path: path.to_path_buf(),
        line: 0,
        message: format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()),
    })
}

/// Reads a CoNLL-U file.
pub fn read_conllu(path: &Path) -> Result<Vec<TreebankSentence>, CorpusError> {
    parse_conllu(&read_text(path)?, path)
}

pub fn parse_conllu(text: &str, path: &Path) -> Result<Vec<TreebankSentence>, CorpusError> {
    let mut out = Vec::new();
    let mut id = String::new();
    let mut words = Vec::new();
    let err = |line: usize, message: String| CorpusError::Format {
        path: path.to_path_buf(),
        line,
        message,
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !words.is_empty() {
                out.push(TreebankSentence {
                    id: std::mem::take(&mut id),
                    words: std::mem::take(&mut words),
                });
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if let Some(v) = c.trim().strip_prefix("sent_id") {
                id = v.trim_start_matches([' ', '=']).trim().to_string();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(
                n + 1,
                format!(
                    "a CoNLL-U line has 10 tab-separated columns, this one {}",
                    cols.len()
                ),
            ));
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let upos = Upos::parse(cols[3])
            .ok_or_else(|| err(n + 1, format!("unknown UPOS tag {:?}", cols[3])))?;
        words.push(TreebankWord {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos,
        });
    }
    if !words.is_empty() {
        out.push(TreebankSentence { id, words });
    }
    Ok(out)
}

/// Reads an IOB2 file (Universal NER: `index form tag ...`) or a GermEval 2014
/// TSV file (`index form outer inner`; the outer tag is read). Both have the
/// tag in the third column.
pub fn read_ner(path: &Path) -> Result<Vec<NerSentence>, CorpusError> {
    parse_ner(&read_text(path)?, path)
}

pub fn parse_ner(text: &str, path: &Path) -> Result<Vec<NerSentence>, CorpusError> {
    let mut out = Vec::new();
    let mut cur = NerSentence {
        id: String::new(),
        words: Vec::new(),
        tags: Vec::new(),
    };
    let mut count = 0usize;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                count += 1;
                if cur.id.is_empty() {
                    cur.id = count.to_string();
                }
                out.push(std::mem::replace(
                    &mut cur,
                    NerSentence {
                        id: String::new(),
                        words: Vec::new(),
                        tags: Vec::new(),
                    },
                ));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if let Some(v) = c.trim().strip_prefix("sent_id") {
                cur.id = v.trim_start_matches([' ', '=']).trim().to_string();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            return Err(CorpusError::Format {
                path: path.to_path_buf(),
                line: n + 1,
                message: format!("a named-entity line has at least 3 tab-separated columns (index, word, tag), this one {}", cols.len()),
            });
        }
        let tag = cols[2].trim();
        let tag = if tag == "B-O" || tag == "I-O" || tag.is_empty() {
            "O"
        } else {
            tag
        };
        if tag != "O" && !(tag.starts_with("B-") || tag.starts_with("I-")) {
            return Err(CorpusError::Format {
                path: path.to_path_buf(),
                line: n + 1,
                message: format!("the tag {tag:?} is neither O nor B-/I- and a type"),
            });
        }
        cur.words.push(cols[1].to_string());
        cur.tags.push(tag.to_string());
    }
    if !cur.words.is_empty() {
        count += 1;
        if cur.id.is_empty() {
            cur.id = count.to_string();
        }
        out.push(cur);
    }
    Ok(out)
}

#[derive(serde::Deserialize)]
struct DocredDoc {
    sents: Vec<Vec<String>>,
    #[serde(rename = "vertexSet")]
    vertex_set: Vec<Vec<DocredMention>>,
}

#[derive(serde::Deserialize)]
struct DocredMention {
    pos: [usize; 2],
    sent_id: usize,
    #[serde(rename = "type")]
    ty: String,
}

/// Reads a DocRED or Re-DocRED file (a JSON array of documents whose entity
/// mentions are typed PER, ORG, LOC, TIME, NUM or MISC) as tagged sentences.
/// Where mentions overlap, the longer one is kept.
pub fn read_docred(path: &Path) -> Result<Vec<NerSentence>, CorpusError> {
    let text = read_text(path)?;
    let docs: Vec<DocredDoc> = serde_json::from_str(&text).map_err(|e| CorpusError::Format {
        path: path.to_path_buf(),
        line: e.line(),
        message: format!("not a DocRED file ({e})"),
    })?;
    let mut out = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let mut mentions: Vec<&DocredMention> = doc.vertex_set.iter().flatten().collect();
        mentions.sort_by_key(|m| (m.sent_id, std::cmp::Reverse(m.pos[1] - m.pos[0]), m.pos[0]));
        for (si, words) in doc.sents.iter().enumerate() {
            let mut tags = vec!["O".to_string(); words.len()];
            for m in mentions.iter().filter(|m| m.sent_id == si) {
                let [a, b] = m.pos;
                if a >= b || b > words.len() || tags[a..b].iter().any(|t| t != "O") {
                    continue;
                }
                tags[a] = format!("B-{}", m.ty);
                for t in &mut tags[a + 1..b] {
                    *t = format!("I-{}", m.ty);
                }
            }
            out.push(NerSentence {
                id: format!("{d}-{si}"),
                words: words.clone(),
                tags,
            });
        }
    }
    Ok(out)
}

#[derive(serde::Deserialize)]
struct SmartDoc {
    text: Option<String>,
    #[serde(rename = "langCode")]
    lang: Option<String>,
    #[serde(rename = "conceptMentions", default)]
    concepts: Option<Vec<SmartConcept>>,
}

#[derive(serde::Deserialize)]
struct SmartConcept {
    span: SmartSpan,
    #[serde(rename = "type")]
    ty: String,
}

#[derive(serde::Deserialize)]
struct SmartSpan {
    start: usize,
    end: usize,
}

/// Reads the named entities of a SmartData-style corpus (JSON lines of
/// documents with `text` and `conceptMentions` whose spans count UTF-16 code
/// units, as the corpus's Java tools wrote them) as tagged sentences: the
/// texts are cut into words by the tokenizer and into sentences after `.`,
/// `!` and `?`. Types are the corpus's own (`organization-company`, ...).
pub fn read_smartdata(path: &Path) -> Result<Vec<NerSentence>, CorpusError> {
    use crate::model::Language;
    let text = read_text(path)?;
    let mut out = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let doc: SmartDoc = serde_json::from_str(line).map_err(|e| CorpusError::Format {
            path: path.to_path_buf(),
            line: n + 1,
            message: format!("not a SmartData document ({e})"),
        })?;
        let (Some(text), Some(concepts)) = (doc.text, doc.concepts) else {
            continue;
        };
        let language = match doc.lang.as_deref() {
            Some("en") => Language::English,
            _ => Language::German,
        };
        // UTF-16 offsets to byte offsets.
        let mut bytes = Vec::with_capacity(text.len() + 1);
        for (b, c) in text.char_indices() {
            for _ in 0..c.len_utf16() {
                bytes.push(b);
            }
        }
        bytes.push(text.len());
        let mut spans: Vec<(usize, usize, &str)> = concepts
            .iter()
            .filter_map(|c| {
                Some((
                    *bytes.get(c.span.start)?,
                    *bytes.get(c.span.end)?,
                    c.ty.as_str(),
                ))
            })
            .filter(|(a, b, _)| a < b)
            .collect();
        spans.sort_by_key(|&(a, b, _)| (a, std::cmp::Reverse(b)));
        let (tokens, _) = super::tokenize::tokenize(&text, &[(0, text.len())], language);
        let mut words: Vec<String> = Vec::new();
        let mut tags: Vec<String> = Vec::new();
        let mut open: Option<(usize, &str)> = None;
        for (k, t) in tokens.iter().enumerate() {
            let inside = spans.iter().find(|&&(a, b, _)| t.start >= a && t.end <= b);
            let tag = match inside {
                Some(&(a, _, ty)) if open.is_some_and(|(oa, _)| oa == a) => format!("I-{ty}"),
                Some(&(a, _, ty)) => {
                    open = Some((a, ty));
                    format!("B-{ty}")
                }
                None => {
                    open = None;
                    "O".to_string()
                }
            };
            let word = t.form(&text).to_string();
            let next = tokens.get(k + 1).map_or(text.len(), |n| n.start).max(t.end);
            let end = matches!(word.as_str(), "." | "!" | "?") || text[t.end..next].contains('\n');
            words.push(word);
            tags.push(tag);
            if end {
                out.push(NerSentence {
                    id: format!("{}-{}", n + 1, out.len()),
                    words: std::mem::take(&mut words),
                    tags: std::mem::take(&mut tags),
                });
                open = None;
            }
        }
        if !words.is_empty() {
            out.push(NerSentence {
                id: format!("{}-{}", n + 1, out.len()),
                words,
                tags,
            });
        }
    }
    Ok(out)
}

/// Entity spans of a tag sequence: (first word, end word, type), read the
/// way conlleval reads IOB2 (an `I-` after another type starts a new entity).
pub fn spans(tags: &[String]) -> Vec<(usize, usize, String)> {
    let mut out: Vec<(usize, usize, String)> = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (bio, ty) = match t.split_once('-') {
            Some((b, ty)) if b == "B" || b == "I" => (b, ty),
            _ => ("O", ""),
        };
        let continues = bio == "I" && open.is_some_and(|(_, o)| o == ty);
        if !continues {
            if let Some((s, o)) = open.take() {
                out.push((s, i, o.to_string()));
            }
            if bio != "O" {
                open = Some((i, ty));
            }
        }
    }
    if let Some((s, o)) = open {
        out.push((s, tags.len(), o.to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conllu_skips_multiword_lines_and_empty_nodes() {
        let text = "# sent_id = s1\n# text = Im Haus.\n1-2\tIm\t_\t_\t_\t_\t_\t_\t_\t_\n1\tIn\tin\tADP\tAPPR\t_\t3\tcase\t_\t_\n2\tdem\tder\tDET\tART\t_\t3\tdet\t_\t_\n2.1\tx\tx\tNOUN\t_\t_\t_\t_\t_\t_\n3\tHaus\tHaus\tNOUN\tNN\t_\t0\troot\t_\t_\n\n";
        let s = parse_conllu(text, Path::new("t.conllu")).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].id, "s1");
        let forms: Vec<&str> = s[0].words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["In", "dem", "Haus"]);
        assert_eq!(s[0].words[1].lemma, "der");
        assert_eq!(s[0].words[2].upos, Upos::Noun);
        let bad =
            parse_conllu("1\tx\tx\tFOO\t_\t_\t_\t_\t_\t_\n", Path::new("b.conllu")).unwrap_err();
        assert_eq!(bad.to_string(), "b.conllu:1: unknown UPOS tag \"FOO\"");
    }

    #[test]
    fn ner_files_of_both_formats_give_spans() {
        let germeval = "#\thttp://example.org\t[2010]\n1\tDie\tO\tO\n2\tdeutsche\tB-LOCderiv\tO\n3\tFirma\tO\tO\n4\tAcme\tB-ORG\tO\n5\tGmbH\tI-ORG\tO\n\n";
        let s = parse_ner(germeval, Path::new("g.tsv")).unwrap();
        assert_eq!(s[0].id, "1");
        assert_eq!(
            spans(&s[0].tags),
            [(1, 2, "LOCderiv".to_string()), (3, 5, "ORG".to_string())]
        );
        let uner = "# sent_id = x-1\n1\tJane\tB-PER\t-\tann\n2\tDoe\tI-PER\t-\tann\n3\tleft\tO\n4\tfor\tB-O\n5\tParis\tI-LOC\t-\tann\n";
        let s = parse_ner(uner, Path::new("u.iob2")).unwrap();
        assert_eq!(s[0].id, "x-1");
        assert_eq!(s[0].tags[3], "O");
        assert_eq!(
            spans(&s[0].tags),
            [(0, 2, "PER".to_string()), (4, 5, "LOC".to_string())]
        );
    }
}
