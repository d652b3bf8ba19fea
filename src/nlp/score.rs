//! Scoring the token layer on annotated corpora, given their words: UPOS and
//! lemma accuracy on treebanks, and named entities with the strict metric of
//! CoNLL and GermEval (a name counts when its span and its type are both
//! exact; every type the file has is scored).
//!
//! A file that was mostly training data (GermEval dev, of which the models
//! learn 80%) is scored on the sentences the models did not learn from; the
//! others are left out and counted. In any other file every sentence counts,
//! also one that happens to repeat a training sentence ("Thank you.").

use super::corpus::{spans, NerSentence, TreebankSentence};
use super::{sentence_hash, Gazetteer, Pipeline};
use crate::model::Language;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Accuracy of tags and lemmas on a treebank.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TreebankScore {
    pub sentences: usize,
    pub words: usize,
    pub upos_correct: usize,
    pub lemma_correct: usize,
    /// Sentences left out because the models were trained on them.
    pub skipped: usize,
    /// Per gold UPOS: (words, correct).
    pub per_upos: BTreeMap<String, (usize, usize)>,
}

impl TreebankScore {
    pub fn upos_accuracy(&self) -> f64 {
        ratio(self.upos_correct, self.words)
    }
    pub fn lemma_accuracy(&self) -> f64 {
        ratio(self.lemma_correct, self.words)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Lemmas compare as the treebanks write them; a lemma `_` (not annotated) is
/// counted right.
fn lemma_matches(gold: &str, got: &str) -> bool {
    gold == "_" || gold == got
}

/// Which sentences to leave out: those the models learned from, when most of
/// the file's sentences are such (the file was training data).
fn left_out<S: AsRef<str>>(nlp: &Pipeline, language: Language, sentences: &[Vec<S>]) -> Vec<bool> {
    let trained = &nlp.models(language).trained_on;
    let seen: Vec<bool> = sentences
        .iter()
        .map(|w| trained.contains(&sentence_hash(w)))
        .collect();
    let n = seen.iter().filter(|&&x| x).count();
    if n * 2 >= sentences.len() && n > 0 {
        seen
    } else {
        vec![false; sentences.len()]
    }
}

pub fn score_treebank(
    nlp: &Pipeline,
    language: Language,
    sentences: &[TreebankSentence],
    gazetteer: &dyn Gazetteer,
) -> TreebankScore {
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let skip = left_out(nlp, language, &words);
    let per: Vec<Option<TreebankScore>> = sentences
        .par_iter()
        .zip(&words)
        .zip(&skip)
        .map(|((s, words), &skip)| {
            if skip {
                return None;
            }
            let t = nlp.tag_words(words, language, gazetteer);
            let mut sc = TreebankScore {
                sentences: 1,
                ..TreebankScore::default()
            };
            for (k, w) in s.words.iter().enumerate() {
                sc.words += 1;
                let ok = t.upos[k] == w.upos;
                sc.upos_correct += usize::from(ok);
                sc.lemma_correct += usize::from(lemma_matches(&w.lemma, &t.lemmas[k]));
                let e = sc.per_upos.entry(w.upos.to_string()).or_default();
                e.0 += 1;
                e.1 += usize::from(ok);
            }
            Some(sc)
        })
        .collect();
    let mut total = TreebankScore::default();
    for s in per {
        match s {
            None => total.skipped += 1,
            Some(s) => {
                total.sentences += s.sentences;
                total.words += s.words;
                total.upos_correct += s.upos_correct;
                total.lemma_correct += s.lemma_correct;
                for (k, (n, c)) in s.per_upos {
                    let e = total.per_upos.entry(k).or_default();
                    e.0 += n;
                    e.1 += c;
                }
            }
        }
    }
    total
}

/// Strict named-entity scores, overall and per type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NerScore {
    pub sentences: usize,
    pub skipped: usize,
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    /// Per type: (tp, fp, fn).
    pub per_type: BTreeMap<String, (usize, usize, usize)>,
    /// Every miss and false positive, in file order.
    pub errors: Vec<NerError>,
}

/// A name the tagger missed or found wrongly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NerError {
    /// The sentence's id in the file (or its number).
    pub sentence: String,
    /// The words of the name.
    pub name: String,
    /// The gold type for a miss, the predicted type for a false positive.
    pub label: String,
    /// A false positive (else a miss).
    pub false_positive: bool,
    /// What the other side has over the same words, if anything ("LOC" for a miss
    /// the tagger read as a place).
    pub other: Option<String>,
    /// The sentence's words.
    pub context: String,
}

impl NerScore {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        f1(self.tp, self.fp, self.fn_)
    }
}

pub fn f1(tp: usize, fp: usize, fn_: usize) -> f64 {
    let p = ratio(tp, tp + fp);
    let r = ratio(tp, tp + fn_);
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Scores predicted against gold tags of sentences. `map` renames or drops
/// (to `None`) the model's types before comparing (an English model's types
/// are the set's types).
pub fn score_ner(
    nlp: &Pipeline,
    language: Language,
    sentences: &[NerSentence],
    gazetteer: &dyn Gazetteer,
    map: &(dyn Fn(&str) -> Option<String> + Sync),
) -> NerScore {
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect();
    let skip = left_out(nlp, language, &words);
    let per: Vec<Option<NerScore>> = sentences
        .par_iter()
        .zip(&words)
        .zip(&skip)
        .map(|((s, words), &skip)| {
            if skip {
                return None;
            }
            let t = nlp.tag_words(words, language, gazetteer);
            let gold: Vec<(usize, usize, String)> = spans(&s.tags);
            let got: Vec<(usize, usize, String)> = spans(&t.entities)
                .into_iter()
                .filter_map(|(a, b, ty)| map(&ty).map(|ty| (a, b, ty)))
                .collect();
            let mut sc = compare(&gold, &got);
            let overlapping = |spans: &[(usize, usize, String)], a: usize, b: usize| {
                spans
                    .iter()
                    .find(|x| x.0 < b && a < x.1)
                    .map(|x| format!("{} {}", x.2, words[x.0..x.1].join(" ")))
            };
            let context = words.join(" ");
            for g in gold.iter().filter(|g| !got.contains(g)) {
                sc.errors.push(NerError {
                    sentence: s.id.clone(),
                    name: words[g.0..g.1].join(" "),
                    label: g.2.clone(),
                    false_positive: false,
                    other: overlapping(&got, g.0, g.1),
                    context: context.clone(),
                });
            }
            for p in got.iter().filter(|p| !gold.contains(p)) {
                sc.errors.push(NerError {
                    sentence: s.id.clone(),
                    name: words[p.0..p.1].join(" "),
                    label: p.2.clone(),
                    false_positive: true,
                    other: overlapping(&gold, p.0, p.1),
                    context: context.clone(),
                });
            }
            Some(sc)
        })
        .collect();
    let mut total = NerScore::default();
    for s in per {
        match s {
            None => total.skipped += 1,
            Some(s) => add(&mut total, &s),
        }
    }
    total
}

/// Adds one sentence's (or set's) counts to a total.
pub fn add(total: &mut NerScore, s: &NerScore) {
    total.sentences += s.sentences;
    total.skipped += s.skipped;
    total.tp += s.tp;
    total.fp += s.fp;
    total.fn_ += s.fn_;
    total.errors.extend(s.errors.iter().cloned());
    for (k, (a, b, c)) in &s.per_type {
        let e = total.per_type.entry(k.clone()).or_default();
        e.0 += a;
        e.1 += b;
        e.2 += c;
    }
}

/// Strict comparison of one sentence's gold and predicted spans.
pub fn compare(gold: &[(usize, usize, String)], got: &[(usize, usize, String)]) -> NerScore {
    let mut sc = NerScore {
        sentences: 1,
        ..NerScore::default()
    };
    for g in gold {
        sc.per_type.entry(g.2.clone()).or_default();
    }
    for p in got {
        let e = sc.per_type.entry(p.2.clone()).or_default();
        if gold.contains(p) {
            sc.tp += 1;
            e.0 += 1;
        } else {
            sc.fp += 1;
            e.1 += 1;
        }
    }
    for g in gold {
        if !got.contains(g) {
            sc.fn_ += 1;
            sc.per_type.get_mut(&g.2).expect("entry").2 += 1;
        }
    }
    sc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_spans_need_span_and_type() {
        let s = |a, b, t: &str| (a, b, t.to_string());
        let gold = [s(0, 2, "PER"), s(4, 5, "LOC"), s(7, 8, "ORG")];
        let got = [s(0, 2, "PER"), s(4, 6, "LOC"), s(7, 8, "LOC")];
        let sc = compare(&gold, &got);
        assert_eq!((sc.tp, sc.fp, sc.fn_), (1, 2, 2));
        assert_eq!(sc.per_type["LOC"], (0, 2, 1));
        assert_eq!(sc.per_type["ORG"], (0, 0, 1));
        assert!((sc.f1() - 1.0 / 3.0).abs() < 1e-9);
    }
}
