//! Token-layer sets: CoNLL-U treebanks (UPOS and lemmas), Universal NER IOB2
//! files and GermEval 2014 TSV (named entities), scored on the file's own
//! words with the models of `nlp`, the way their authors score them.
//!
//! ```text
//! path ─► sniff (content: 10 CoNLL-U columns, or a tag in the third column) ─► SetKind
//!      ─► nlp::corpus::read_conllu / read_ner ─► sentences of words
//!      ─► language (--language, GermEval's German, or the first sentences' words)
//!      ─► nlp::score::score_treebank / score_ner (with TypeMap) ─► TokenReport
//! ```
//!
//! Named entities are scored strictly (span and type exact) on every type the
//! file's tags have; the model's types that the file's scheme lacks (the German
//! model's `OTH` on a Universal NER file) are dropped before the comparison, and
//! the report names them.

use super::token_report::{NerReport, TokenReport, TreebankReport};
use super::{SetError, SetKind};
use crate::ingest;
use crate::model::Language;
use crate::nlp::corpus::{read_conllu, read_ner, NerSentence};
use crate::nlp::score::{score_ner, score_treebank};
use crate::nlp::{Gazetteer, Pipeline, Upos};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// How many opening sentences tell a file's language: a few hundred words,
/// enough for the function words to outnumber names and numbers.
const LANGUAGE_SAMPLE: usize = 40;

/// How many data lines of a file's opening decide its format.
const SNIFF_LINES: usize = 200;

/// The token-layer format of a file, from the opening of its text (`head`), or
/// `None`. CoNLL-U: every data line has 10 tab-separated columns with a word
/// id first and a UPOS (or `_`, on a multiword line) fourth. Named entities: an
/// id, a word and a tag (`O`, `B-…`, `I-…`) in the first three columns; GermEval
/// when a comment line is `#` and a tab (its source line), IOB2 otherwise.
/// `complete` says whether `head` is the whole file (else its last line may be cut).
pub fn sniff(head: &str, complete: bool) -> Option<SetKind> {
    let mut lines: Vec<&str> = head.lines().collect();
    if !complete {
        lines.pop();
    }
    let mut germeval_comment = false;
    let mut data: Vec<Vec<&str>> = Vec::new();
    for line in lines {
        let line = line.trim_end_matches('\r');
        if line.starts_with("#\t") {
            germeval_comment = true;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        data.push(line.split('\t').collect());
        if data.len() == SNIFF_LINES {
            break;
        }
    }
    if data.is_empty() {
        return None;
    }
    let is_id = |s: &str| {
        !s.is_empty()
            && s.split(['-', '.'])
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let treebank = data
        .iter()
        .all(|c| c.len() == 10 && is_id(c[0]) && (c[3] == "_" || Upos::parse(c[3]).is_some()))
        && data.iter().any(|c| Upos::parse(c[3]).is_some());
    if treebank {
        return Some(SetKind::Treebank);
    }
    let is_tag = |t: &str| {
        let t = t.trim();
        t == "O"
            || t.strip_prefix("B-")
                .or_else(|| t.strip_prefix("I-"))
                .is_some_and(|ty| !ty.is_empty())
    };
    let ner = data
        .iter()
        .all(|c| c.len() >= 3 && is_id(c[0]) && is_tag(c[2]));
    match (ner, germeval_comment) {
        (true, true) => Some(SetKind::Germeval),
        (true, false) => Some(SetKind::Ner),
        _ => None,
    }
}

/// The file's named-entity types against the model's: which of the model's
/// types are scored (those the file has) and which are dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeMap {
    /// The types of the file's scheme (those in its tags; GermEval's twelve), all scored.
    pub file: Vec<String>,
    /// The model's types the file's scheme does not have: dropped before scoring.
    pub dropped: Vec<String>,
    /// The file's types the model never predicts (every such name is a miss).
    pub unknown: Vec<String>,
}

impl TypeMap {
    pub fn new(file: &BTreeSet<String>, model: &[String]) -> TypeMap {
        let model: BTreeSet<&String> = model.iter().collect();
        TypeMap {
            file: file.iter().cloned().collect(),
            dropped: model
                .iter()
                .filter(|t| !file.contains(t.as_str()))
                .map(|t| t.to_string())
                .collect(),
            unknown: file
                .iter()
                .filter(|t| !model.contains(t))
                .cloned()
                .collect(),
        }
    }

    /// The model's type as the file names it, or `None` when it is dropped.
    pub fn map(&self, model_type: &str) -> Option<String> {
        self.file
            .iter()
            .any(|t| t == model_type)
            .then(|| model_type.to_string())
    }
}

/// The twelve classes of GermEval 2014's scheme (outer level).
const GERMEVAL_CLASSES: [&str; 12] = [
    "LOC", "LOCderiv", "LOCpart", "ORG", "ORGderiv", "ORGpart", "OTH", "OTHderiv", "OTHpart",
    "PER", "PERderiv", "PERpart",
];

/// The types in a file's tags (`B-PER` and `I-PER` give `PER`).
pub fn file_types(sentences: &[NerSentence]) -> BTreeSet<String> {
    sentences
        .iter()
        .flat_map(|s| &s.tags)
        .filter_map(|t| t.strip_prefix("B-").or_else(|| t.strip_prefix("I-")))
        .map(str::to_string)
        .collect()
}

/// The types a file's scheme has: those in its tags, and for GermEval all of
/// its classes, so that a small GermEval file without an `OTH` name still
/// counts an `OTH` the model finds as a false positive, as the official scorer does.
fn scheme_types(kind: SetKind, sentences: &[NerSentence]) -> BTreeSet<String> {
    let mut types = file_types(sentences);
    if kind == SetKind::Germeval {
        types.extend(GERMEVAL_CLASSES.map(String::from));
    }
    types
}

/// English or German, read from the words of a file's first sentences with
/// the language detection articles get; `None` for any other language.
pub fn language_of(sentences: &[Vec<&str>]) -> Option<Language> {
    let sample: String = sentences
        .iter()
        .take(LANGUAGE_SAMPLE)
        .map(|words| words.join(" ") + "\n")
        .collect();
    let doc = ingest::parse(
        PathBuf::from("sample.txt"),
        &sample,
        ingest::Format::Text,
        String::new(),
    );
    matches!(doc.language, Language::English | Language::German).then_some(doc.language)
}

/// Reads the token-layer set at `path` and scores the models on it. `language`
/// overrides the detected one.
pub fn evaluate_tokens(
    kind: SetKind,
    path: &Path,
    gazetteer: &dyn Gazetteer,
    language: Option<Language>,
) -> Result<TokenReport, SetError> {
    let nlp = Pipeline::builtin().map_err(SetError::Models)?;
    let no_sentences = || SetError::Format {
        path: path.into(),
        message: format!("no sentences: not a {} file", kind.name()),
    };
    let unknown_language = || SetError::Language { path: path.into() };
    match kind {
        SetKind::Treebank => {
            let sentences = read_conllu(path)?;
            if sentences.is_empty() {
                return Err(no_sentences());
            }
            let language = match language {
                Some(l) => l,
                None => {
                    let words: Vec<Vec<&str>> = sentences
                        .iter()
                        .take(LANGUAGE_SAMPLE)
                        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
                        .collect();
                    language_of(&words).ok_or_else(unknown_language)?
                }
            };
            let score = score_treebank(nlp, language, &sentences, gazetteer);
            Ok(TokenReport::Treebank(TreebankReport::new(
                kind, path, language, &score,
            )))
        }
        SetKind::Ner | SetKind::Germeval => {
            let sentences = read_ner(path)?;
            if sentences.is_empty() {
                return Err(no_sentences());
            }
            let language = match (language, kind) {
                (Some(l), _) => l,
                (None, SetKind::Germeval) => Language::German,
                (None, _) => {
                    let words: Vec<Vec<&str>> = sentences
                        .iter()
                        .take(LANGUAGE_SAMPLE)
                        .map(|s| s.words.iter().map(String::as_str).collect())
                        .collect();
                    language_of(&words).ok_or_else(unknown_language)?
                }
            };
            let types = TypeMap::new(
                &scheme_types(kind, &sentences),
                nlp.models(language).ner.types(),
            );
            let score = score_ner(nlp, language, &sentences, gazetteer, &|t| types.map(t));
            Ok(TokenReport::Ner(NerReport::new(
                kind, path, language, &types, &score,
            )))
        }
        _ => Err(SetError::Format {
            path: path.into(),
            message: format!("{} is no token-layer set", kind.name()),
        }),
    }
}

/// Why sentences were left out, for the report: the models learned from them.
/// GermEval dev is split (sentence n is held back when n is a multiple of the
/// configured number), so its reason says which part is scored.
pub fn skip_reason(kind: SetKind, skipped: usize) -> Option<String> {
    if skipped == 0 {
        return None;
    }
    Some(match (kind, crate::nlp::train::held_back_every()) {
        (SetKind::Germeval, Some(k)) => format!(
            "the models were trained on them (newsgraph train learns GermEval dev except \
             sentence n when n is a multiple of {k}: the held-back {}% is scored)",
            100 / k.max(1)
        ),
        _ => "the models were trained on them (most of this file is training data)".to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONLLU: &str = "# sent_id = a-1\n# text = Mira sings.\n1\tMira\tMira\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\tsings\tsing\tVERB\tVBZ\t_\t0\troot\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
    const IOB2: &str = "# sent_id = b-1\n# text = Mira left Oslo\n1\tMira\tB-PER\t-\t-\n2\tleft\tO\t-\t-\n3\tOslo\tB-LOC\t-\t-\n\n";
    const GERMEVAL: &str =
        "#\thttp://example.org/x\t[2024-01-01]\n1\tMira\tB-PER\tO\n2\tlacht\tO\tO\n\n";

    #[test]
    fn formats_are_told_by_content() {
        assert_eq!(sniff(CONLLU, true), Some(SetKind::Treebank));
        assert_eq!(sniff(IOB2, true), Some(SetKind::Ner));
        assert_eq!(sniff(GERMEVAL, true), Some(SetKind::Germeval));
        // newsgraph's own gold TSV and plain text are none of them.
        let gold = "doc\tsubject\tpredicate\tobject\tstatus\na\tX\tinvestsIn\tY\trequired\n";
        assert_eq!(sniff(gold, true), None);
        assert_eq!(sniff("Mira sings.\n", true), None);
        // A line with the wrong number of columns makes it no treebank.
        let broken = CONLLU.replace("\t_\t2\tpunct\t_\t_\n", "\n");
        assert_eq!(sniff(&broken, true), None);
        // The opening of a longer file may end in a cut line, which is not judged.
        let cut = format!("{CONLLU}1\tMira\tMi");
        assert_eq!(sniff(&cut, false), Some(SetKind::Treebank));
    }

    #[test]
    fn a_txt_file_holding_conllu_is_read_as_a_treebank() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        std::fs::write(&path, CONLLU).unwrap();
        assert_eq!(SetKind::detect(&path).unwrap(), Some(SetKind::Treebank));
        let iob2 = dir.path().join("names.tsv");
        std::fs::write(&iob2, IOB2).unwrap();
        assert_eq!(SetKind::detect(&iob2).unwrap(), Some(SetKind::Ner));
        // Gzipped under a name that does not say so.
        let gz = dir.path().join("corpus.dat");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut enc, GERMEVAL.as_bytes()).unwrap();
        std::fs::write(&gz, enc.finish().unwrap()).unwrap();
        assert_eq!(SetKind::detect(&gz).unwrap(), Some(SetKind::Germeval));
    }

    #[test]
    fn model_types_outside_the_file_scheme_are_dropped() {
        let sentences = crate::nlp::corpus::parse_ner(IOB2, Path::new("t.iob2")).unwrap();
        let file = file_types(&sentences);
        assert_eq!(file.iter().collect::<Vec<_>>(), ["LOC", "PER"]);
        let model: Vec<String> = ["LOC", "LOCderiv", "OTH", "PER"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let map = TypeMap::new(&file, &model);
        assert_eq!(map.file, ["LOC", "PER"]);
        assert_eq!(map.dropped, ["LOCderiv", "OTH"]);
        assert!(map.unknown.is_empty());
        assert_eq!(map.map("PER").as_deref(), Some("PER"));
        assert_eq!(map.map("LOCderiv"), None);
        assert_eq!(map.map("OTH"), None);
        // A type the file has and the model lacks is scored (all misses) and named.
        let map = TypeMap::new(&file, &model[..2]);
        assert_eq!(map.unknown, ["PER"]);
    }

    #[test]
    fn a_germeval_file_has_the_whole_scheme_whatever_its_tags() {
        let sentences = crate::nlp::corpus::parse_ner(GERMEVAL, Path::new("g.tsv")).unwrap();
        assert_eq!(file_types(&sentences).len(), 1);
        let scheme = scheme_types(SetKind::Germeval, &sentences);
        assert_eq!(scheme.len(), 12);
        assert!(scheme.contains("OTHderiv"));
        assert_eq!(scheme_types(SetKind::Ner, &sentences).len(), 1);
    }

    #[test]
    fn the_language_comes_from_the_words() {
        let en = vec![
            "The board said that it would sell the company to its rivals ."
                .split(' ')
                .collect::<Vec<_>>(),
        ];
        assert_eq!(language_of(&en), Some(Language::English));
        let de = vec![
            "Der Vorstand sagte , dass er die Firma an die Konkurrenz verkaufen wolle ."
                .split(' ')
                .collect::<Vec<_>>(),
        ];
        assert_eq!(language_of(&de), Some(Language::German));
    }
}
