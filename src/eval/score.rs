//! Scoring: predictions against gold, per document, over distinct triples.
//!
//! Both sides are first reduced to sets of distinct triples per document, with
//! names mapped through the [`AliasTable`] and symmetric relations put in one
//! order. Each predicted triple is then a true positive (it matches a required
//! gold triple), an optional match (it matches an optional one; not counted),
//! or a false positive; each required gold triple nobody predicted is a miss.
//! Only documents named in the gold are scored.

use super::aliases::{mentions, tokens, AliasTable};
use super::gold::GoldTriple;
use super::report::{
    FalsePositive, LanguageScores, Miss, PredicateScores, Report, RuleCounts, Scores, Triple,
};
use crate::model::{Language, Relation, RelationKind};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One relation the extractor found, as the scorer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prediction {
    /// The article's file stem, as in the gold file.
    pub doc: String,
    pub subject: String,
    pub predicate: Relation,
    pub object: String,
    /// The sentences the relation was read from.
    pub evidence: Vec<String>,
    /// Ids of the rules that produced it.
    pub rules: Vec<String>,
}

/// What the scorer needs to know about an article: its language, for the
/// per-language split, and its sentences, to show where a missed triple is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocInfo {
    pub doc: String,
    pub language: Language,
    pub sentences: Vec<String>,
}

/// The rule id under which [`RuleCounts`] counts triples whose predictions name
/// no rule, so that no triple goes uncounted.
pub const NO_RULE: &str = "(no rule)";

/// How many sentences a miss shows as hints.
const MAX_HINTS: usize = 2;

/// A triple as matched: names reduced to keys, symmetric pairs ordered.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct TripleKey {
    predicate: Relation,
    subject: String,
    object: String,
}

impl TripleKey {
    fn new(aliases: &AliasTable, subject: &str, predicate: Relation, object: &str) -> Self {
        let mut subject = aliases.key(subject);
        let mut object = aliases.key(object);
        if predicate.is_symmetric() && object < subject {
            std::mem::swap(&mut subject, &mut object);
        }
        TripleKey {
            predicate,
            subject,
            object,
        }
    }
}

/// A distinct gold triple of one document.
struct GoldEntry {
    triple: Triple,
    /// A triple listed as both required and optional is required: if anyone
    /// insists on it, finding it matters.
    required: bool,
    /// The first gold line listing it.
    line: usize,
}

/// A distinct predicted triple of one document, with everything its
/// predictions brought.
struct PredictedEntry {
    triple: Triple,
    evidence: Vec<String>,
    rules: BTreeSet<String>,
}

/// What became of one distinct triple.
#[derive(Clone, Copy)]
enum Outcome {
    TruePositive,
    FalsePositive,
    /// A required gold triple nobody predicted.
    Miss,
    /// A prediction matching an optional gold triple.
    Optional,
}

#[derive(Default, Clone, Copy)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
    optional: usize,
}

impl Tally {
    fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::TruePositive => self.tp += 1,
            Outcome::FalsePositive => self.fp += 1,
            Outcome::Miss => self.fn_ += 1,
            Outcome::Optional => self.optional += 1,
        }
    }

    fn scores(self) -> Scores {
        Scores::new(self.tp, self.fp, self.fn_, self.optional)
    }
}

/// Scores `predictions` against `gold`; see the module documentation for the rules.
///
/// `docs` gives each document's language and sentences; a gold document
/// missing from `docs` is still scored, under no language and without hints.
/// Predictions of literal facts (`ng:valuation`, ...) and predictions for
/// documents the gold does not mention are ignored.
pub fn score(
    gold: &[GoldTriple],
    predictions: &[Prediction],
    aliases: &AliasTable,
    docs: &[DocInfo],
) -> Report {
    let mut gold_by_doc: BTreeMap<&str, BTreeMap<TripleKey, GoldEntry>> = BTreeMap::new();
    let mut predicates_seen: BTreeSet<Relation> = BTreeSet::new();
    for g in gold {
        predicates_seen.insert(g.predicate);
        let key = TripleKey::new(aliases, &g.subject, g.predicate, &g.object);
        let entry = gold_by_doc
            .entry(&g.doc)
            .or_default()
            .entry(key)
            .or_insert_with(|| GoldEntry {
                triple: Triple::new(aliases, &g.subject, g.predicate, &g.object),
                required: false,
                line: g.line,
            });
        entry.required |= g.required;
        entry.line = entry.line.min(g.line);
    }

    let mut predicted_by_doc: BTreeMap<&str, BTreeMap<TripleKey, PredictedEntry>> = BTreeMap::new();
    let mut unscored_docs: BTreeSet<&str> = BTreeSet::new();
    for p in predictions {
        if p.predicate.kind() != RelationKind::Entity {
            continue;
        }
        if !gold_by_doc.contains_key(p.doc.as_str()) {
            unscored_docs.insert(&p.doc);
            continue;
        }
        predicates_seen.insert(p.predicate);
        let key = TripleKey::new(aliases, &p.subject, p.predicate, &p.object);
        let entry = predicted_by_doc
            .entry(&p.doc)
            .or_default()
            .entry(key)
            .or_insert_with(|| PredictedEntry {
                triple: Triple::new(aliases, &p.subject, p.predicate, &p.object),
                evidence: Vec::new(),
                rules: BTreeSet::new(),
            });
        for sentence in &p.evidence {
            if !entry.evidence.contains(sentence) {
                entry.evidence.push(sentence.clone());
            }
        }
        entry.rules.extend(p.rules.iter().cloned());
    }

    let doc_info: HashMap<&str, &DocInfo> =
        docs.iter().rev().map(|d| (d.doc.as_str(), d)).collect();
    let mut overall = Tally::default();
    let mut by_predicate: BTreeMap<Relation, Tally> = predicates_seen
        .iter()
        .map(|&r| (r, Tally::default()))
        .collect();
    // Keyed by a sort key that puts documents without a language last.
    let mut by_language: BTreeMap<(bool, Option<Language>), (usize, Tally)> = BTreeMap::new();
    let mut by_rule: BTreeMap<String, RuleCounts> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut false_positives = Vec::new();
    let mut docs_without_text = Vec::new();
    let no_predictions = BTreeMap::new();

    for (&doc, gold_triples) in &gold_by_doc {
        let info = doc_info.get(doc).copied();
        if info.is_none() {
            docs_without_text.push(doc.to_owned());
        }
        let language = info.map(|d| d.language);
        let (doc_count, language_tally) = by_language
            .entry((language.is_none(), language))
            .or_default();
        *doc_count += 1;
        let predicted = predicted_by_doc.get(doc).unwrap_or(&no_predictions);

        let mut count = |predicate: Relation, outcome: Outcome| {
            overall.add(outcome);
            language_tally.add(outcome);
            by_predicate
                .get_mut(&predicate)
                .expect("every predicate seen has a row")
                .add(outcome);
        };

        for (key, p) in predicted {
            let outcome = match gold_triples.get(key) {
                Some(g) if g.required => Outcome::TruePositive,
                Some(_) => Outcome::Optional,
                None => Outcome::FalsePositive,
            };
            count(key.predicate, outcome);
            for rule in rule_ids(&p.rules) {
                let counts = by_rule
                    .entry(rule.to_owned())
                    .or_insert_with(|| RuleCounts {
                        rule: rule.to_owned(),
                        ..RuleCounts::default()
                    });
                match outcome {
                    Outcome::TruePositive => counts.true_positives += 1,
                    Outcome::FalsePositive => counts.false_positives += 1,
                    Outcome::Optional => counts.optional += 1,
                    Outcome::Miss => unreachable!("a prediction is never a miss"),
                }
            }
            if let Outcome::FalsePositive = outcome {
                false_positives.push(FalsePositive {
                    doc: doc.to_owned(),
                    triple: p.triple.clone(),
                    evidence: p.evidence.clone(),
                    rules: p.rules.iter().cloned().collect(),
                });
            }
        }

        let sentence_tokens: Vec<Vec<String>> = info
            .map(|d| d.sentences.iter().map(|s| tokens(s)).collect())
            .unwrap_or_default();
        let mut doc_misses: Vec<Miss> = Vec::new();
        for (key, g) in gold_triples {
            if !g.required || predicted.contains_key(key) {
                continue;
            }
            count(key.predicate, Outcome::Miss);
            let hints = match info {
                Some(d) => hints(aliases, g, &d.sentences, &sentence_tokens),
                None => Vec::new(),
            };
            doc_misses.push(Miss {
                doc: doc.to_owned(),
                triple: g.triple.clone(),
                line: g.line,
                hints,
            });
        }
        doc_misses.sort_by_key(|m| m.line);
        misses.extend(doc_misses);
    }

    let mut per_rule: Vec<RuleCounts> = by_rule.into_values().collect();
    for r in &mut per_rule {
        r.precision = ratio(r.true_positives, r.true_positives + r.false_positives);
    }
    // The rules that cost the most precision first.
    per_rule.sort_by(|a, b| {
        b.false_positives
            .cmp(&a.false_positives)
            .then_with(|| a.rule.cmp(&b.rule))
    });

    Report {
        docs_scored: gold_by_doc.len(),
        docs_without_text,
        unscored_docs: unscored_docs.into_iter().map(str::to_owned).collect(),
        overall: overall.scores(),
        per_predicate: by_predicate
            .into_iter()
            .map(|(predicate, t)| PredicateScores {
                predicate,
                scores: t.scores(),
            })
            .collect(),
        per_language: by_language
            .into_iter()
            .map(|((_, language), (docs, t))| LanguageScores {
                language,
                docs,
                scores: t.scores(),
            })
            .collect(),
        per_rule,
        misses,
        false_positives,
    }
}

/// The rule ids a triple is counted under.
fn rule_ids(rules: &BTreeSet<String>) -> Vec<&str> {
    if rules.is_empty() {
        vec![NO_RULE]
    } else {
        rules.iter().map(String::as_str).collect()
    }
}

/// Sentences that show where a missed triple might have been read: those naming
/// both entities, or failing that, those naming either; at most [`MAX_HINTS`],
/// in document order.
fn hints(
    aliases: &AliasTable,
    gold: &GoldEntry,
    sentences: &[String],
    sentence_tokens: &[Vec<String>],
) -> Vec<String> {
    let subject_keys = aliases.name_keys(&gold.triple.subject);
    let object_keys = aliases.name_keys(&gold.triple.object);
    let names = |tokens: &[String], keys: &[String]| keys.iter().any(|k| mentions(tokens, k));
    let found: Vec<(bool, bool)> = sentence_tokens
        .iter()
        .map(|t| (names(t, &subject_keys), names(t, &object_keys)))
        .collect();
    let pick = |wanted: &dyn Fn(&(bool, bool)) -> bool| -> Vec<String> {
        sentences
            .iter()
            .zip(&found)
            .filter(|(_, f)| wanted(f))
            .take(MAX_HINTS)
            .map(|(s, _)| s.clone())
            .collect()
    };
    let both = pick(&|&(s, o)| s && o);
    if both.is_empty() {
        pick(&|&(s, o)| s || o)
    } else {
        both
    }
}

/// `numerator / denominator`, and 0 when there is nothing to divide.
pub(crate) fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Relation::*;

    fn gold(doc: &str, s: &str, p: Relation, o: &str, required: bool, line: usize) -> GoldTriple {
        GoldTriple {
            doc: doc.into(),
            subject: s.into(),
            predicate: p,
            object: o.into(),
            required,
            line,
        }
    }

    fn pred(doc: &str, s: &str, p: Relation, o: &str, rules: &[&str]) -> Prediction {
        Prediction {
            doc: doc.into(),
            subject: s.into(),
            predicate: p,
            object: o.into(),
            evidence: vec![format!("{s} {p} {o}.")],
            rules: rules.iter().map(|r| r.to_string()).collect(),
        }
    }

    fn doc(doc: &str, language: Language, sentences: &[&str]) -> DocInfo {
        DocInfo {
            doc: doc.into(),
            language,
            sentences: sentences.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn triple(s: &str, p: Relation, o: &str) -> Triple {
        Triple {
            subject: s.into(),
            predicate: p,
            object: o.into(),
        }
    }

    /// (TP, FP, FN, optional)
    type Counts = (usize, usize, usize, usize);

    fn counts(s: &Scores) -> Counts {
        (
            s.true_positives,
            s.false_positives,
            s.false_negatives,
            s.optional,
        )
    }

    fn microsoft_aliases() -> AliasTable {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("entities.tsv");
        std::fs::write(
            &path,
            "canonical\ttype\taliases\n\
             Microsoft\tOrganization\tMicrosoft Corp.|MSFT\n\
             OpenAI\tOrganization\tOpen AI\n",
        )
        .unwrap();
        super::super::read_aliases(&path).unwrap()
    }

    #[test]
    fn names_match_through_aliases_case_and_punctuation() {
        let g = [gold("a", "Microsoft", InvestsIn, "OpenAI", true, 2)];
        let p = [
            pred("a", "Microsoft Corp.", InvestsIn, "openai", &["r1"]),
            pred("a", "MSFT", InvestsIn, "Open-AI", &["r2"]),
        ];
        let report = score(&g, &p, &microsoft_aliases(), &[]);
        // Both predictions are the same distinct triple.
        assert_eq!(counts(&report.overall), (1, 0, 0, 0));
        assert_eq!(report.overall.f1, 1.0);

        // Without the alias table, case and punctuation still do not matter,
        // but "Microsoft Corp." and "MSFT" are entities of their own.
        let report = score(&g, &p, &AliasTable::empty(), &[]);
        assert_eq!(counts(&report.overall), (0, 2, 1, 0));
        let fp: Vec<Triple> = report
            .false_positives
            .iter()
            .map(|f| f.triple.clone())
            .collect();
        assert_eq!(
            fp,
            vec![
                triple("Microsoft Corp.", InvestsIn, "openai"),
                triple("MSFT", InvestsIn, "Open-AI")
            ]
        );
        let p = [pred("a", "MICROSOFT", InvestsIn, "Open AI", &["r1"])];
        let report = score(&g, &p, &AliasTable::empty(), &[]);
        assert_eq!(counts(&report.overall), (1, 0, 0, 0));
    }

    #[test]
    fn symmetric_predicates_ignore_order_and_others_do_not() {
        let g = [
            gold("a", "Microsoft", PartnersWith, "OpenAI", true, 2),
            gold("a", "Copilot", CompetesWith, "ChatGPT", true, 3),
            gold("a", "Microsoft", InvestsIn, "OpenAI", true, 4),
            // The same pair again in the other order is one distinct triple.
            gold("a", "OpenAI", PartnersWith, "Microsoft", true, 5),
        ];
        let p = [
            pred("a", "OpenAI", PartnersWith, "Microsoft", &["r"]),
            pred("a", "ChatGPT", CompetesWith, "Copilot", &["r"]),
            pred("a", "OpenAI", InvestsIn, "Microsoft", &["r"]),
        ];
        let report = score(&g, &p, &AliasTable::empty(), &[]);
        assert_eq!(counts(&report.overall), (2, 1, 1, 0));
        assert_eq!(report.misses.len(), 1);
        assert_eq!(
            report.misses[0].triple,
            triple("Microsoft", InvestsIn, "OpenAI")
        );
        assert_eq!(report.misses[0].line, 4);
        assert_eq!(
            report.false_positives[0].triple,
            triple("OpenAI", InvestsIn, "Microsoft")
        );
    }

    #[test]
    fn optional_triples_are_neither_rewarded_nor_missed() {
        let g = [
            gold("a", "Microsoft", InvestsIn, "OpenAI", true, 2),
            gold("a", "Microsoft", Uses, "OpenAI", false, 3),
            gold("a", "Sam Altman", Leads, "OpenAI", false, 4),
            // Listed both ways: required wins.
            gold("a", "OpenAI", Develops, "ChatGPT", false, 5),
            gold("a", "OpenAI", Develops, "ChatGPT", true, 6),
        ];
        let p = [pred("a", "Microsoft", Uses, "OpenAI", &["uses"])];
        let report = score(&g, &p, &AliasTable::empty(), &[]);
        assert_eq!(counts(&report.overall), (0, 0, 2, 1));
        assert_eq!(report.overall.precision, 0.0);
        assert_eq!(report.overall.recall, 0.0);
        assert_eq!(report.overall.f1, 0.0);
        let missed: Vec<(String, usize)> = report
            .misses
            .iter()
            .map(|m| (m.triple.to_string(), m.line))
            .collect();
        assert_eq!(
            missed,
            vec![
                ("Microsoft investsIn OpenAI".to_owned(), 2),
                ("OpenAI develops ChatGPT".to_owned(), 5)
            ]
        );
        assert!(report.false_positives.is_empty());
        assert_eq!(
            report.per_rule,
            vec![RuleCounts {
                rule: "uses".into(),
                true_positives: 0,
                false_positives: 0,
                optional: 1,
                precision: 0.0,
            }]
        );
    }

    #[test]
    fn per_predicate_rows_in_vocabulary_order_for_relations_that_occur() {
        let g = [
            gold("a", "OpenAI", LocatedIn, "San Francisco", true, 2),
            gold("a", "Microsoft", InvestsIn, "OpenAI", true, 3),
            gold("a", "Sam Altman", Leads, "OpenAI", false, 4),
        ];
        let p = [
            pred("a", "Microsoft", InvestsIn, "OpenAI", &["r"]),
            pred("a", "Microsoft", Acquired, "OpenAI", &["r"]),
            // Literal facts are not scored and get no row.
            pred("a", "OpenAI", Valuation, "157000000000", &["r"]),
        ];
        let report = score(&g, &p, &AliasTable::empty(), &[]);
        let rows: Vec<(Relation, Counts)> = report
            .per_predicate
            .iter()
            .map(|r| (r.predicate, counts(&r.scores)))
            .collect();
        assert_eq!(
            rows,
            vec![
                (InvestsIn, (1, 0, 0, 0)),
                (Acquired, (0, 1, 0, 0)),
                (Leads, (0, 0, 0, 0)),
                (LocatedIn, (0, 0, 1, 0)),
            ]
        );
        assert_eq!(counts(&report.overall), (1, 1, 1, 0));
        assert_eq!(report.overall.precision, 0.5);
        assert_eq!(report.overall.recall, 0.5);
        assert_eq!(report.overall.f1, 0.5);
    }

    #[test]
    fn per_language_split_follows_the_documents() {
        let g = [
            gold("en1", "Microsoft", InvestsIn, "OpenAI", true, 2),
            gold("en2", "Microsoft", PartnersWith, "OpenAI", true, 3),
            gold("de1", "Microsoft", InvestsIn, "OpenAI", true, 4),
            gold("de1", "OpenAI", Develops, "ChatGPT", true, 5),
            gold("xx", "Apple", Uses, "ChatGPT", true, 6),
        ];
        let p = [
            pred("en1", "Microsoft", InvestsIn, "OpenAI", &["en"]),
            pred("en2", "Microsoft", Acquired, "OpenAI", &["en"]),
            pred("de1", "Microsoft", InvestsIn, "OpenAI", &["de"]),
        ];
        let docs = [
            doc("de1", Language::German, &[]),
            doc("en2", Language::English, &[]),
            doc("en1", Language::English, &[]),
        ];
        let report = score(&g, &p, &AliasTable::empty(), &docs);
        let rows: Vec<(Option<Language>, usize, Counts)> = report
            .per_language
            .iter()
            .map(|l| (l.language, l.docs, counts(&l.scores)))
            .collect();
        assert_eq!(
            rows,
            vec![
                (Some(Language::English), 2, (1, 1, 1, 0)),
                (Some(Language::German), 1, (1, 0, 1, 0)),
                (None, 1, (0, 0, 1, 0)),
            ]
        );
        assert_eq!(report.docs_scored, 4);
        assert_eq!(report.docs_without_text, vec!["xx".to_owned()]);
    }

    #[test]
    fn per_rule_counts_distinct_triples_for_every_rule_that_produced_them() {
        let g = [gold("a", "Microsoft", InvestsIn, "OpenAI", true, 2)];
        let p = [
            pred(
                "a",
                "Microsoft",
                InvestsIn,
                "OpenAI",
                &["en.invest", "en.backer"],
            ),
            // The same triple again from the same rule counts once.
            pred("a", "Microsoft", InvestsIn, "OpenAI", &["en.invest"]),
            pred(
                "a",
                "Microsoft",
                Acquired,
                "OpenAI",
                &["en.acquire", "en.invest"],
            ),
            pred("a", "OpenAI", Acquired, "Microsoft", &["en.acquire"]),
            pred("a", "Microsoft", Founded, "OpenAI", &[]),
        ];
        let report = score(&g, &p, &AliasTable::empty(), &[]);
        let rows: Vec<(&str, usize, usize, f64)> = report
            .per_rule
            .iter()
            .map(|r| {
                (
                    r.rule.as_str(),
                    r.true_positives,
                    r.false_positives,
                    r.precision,
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                ("en.acquire", 0, 2, 0.0),
                (NO_RULE, 0, 1, 0.0),
                ("en.invest", 1, 1, 0.5),
                ("en.backer", 1, 0, 1.0),
            ]
        );
        assert_eq!(counts(&report.overall), (1, 3, 0, 0));
        let fp: Vec<(String, Vec<String>)> = report
            .false_positives
            .iter()
            .map(|f| (f.triple.to_string(), f.rules.clone()))
            .collect();
        assert_eq!(
            fp,
            vec![
                (
                    "Microsoft acquired OpenAI".to_owned(),
                    vec!["en.acquire".to_owned(), "en.invest".to_owned()]
                ),
                (
                    "OpenAI acquired Microsoft".to_owned(),
                    vec!["en.acquire".to_owned()]
                ),
                ("Microsoft founded OpenAI".to_owned(), vec![]),
            ]
        );
    }

    #[test]
    fn only_gold_documents_are_scored() {
        let g = [
            gold("a", "Microsoft", InvestsIn, "OpenAI", true, 2),
            gold("b", "OpenAI", Develops, "ChatGPT", true, 3),
        ];
        let p = [
            pred("a", "Microsoft", InvestsIn, "OpenAI", &["r"]),
            pred("zzz", "Apple", Acquired, "OpenAI", &["r"]),
            pred("c", "Apple", Acquired, "OpenAI", &["r"]),
            pred("c", "Apple", Acquired, "Google", &["r"]),
        ];
        let report = score(&g, &p, &AliasTable::empty(), &[]);
        assert_eq!(report.docs_scored, 2);
        assert_eq!(report.unscored_docs, vec!["c".to_owned(), "zzz".to_owned()]);
        // Document b has no predictions at all and still counts its miss.
        assert_eq!(counts(&report.overall), (1, 0, 1, 0));
        assert_eq!(report.misses[0].doc, "b");
        assert_eq!(report.per_rule.len(), 1);
    }

    #[test]
    fn false_positives_merge_evidence_of_repeated_predictions() {
        let g = [gold("a", "Microsoft", InvestsIn, "OpenAI", true, 2)];
        let mut first = pred("a", "Microsoft", Acquired, "OpenAI", &["r2"]);
        first.evidence = vec!["S1".into(), "S2".into()];
        let mut second = pred("a", "Microsoft Corp.", Acquired, "OpenAI", &["r1"]);
        second.evidence = vec!["S2".into(), "S3".into()];
        let report = score(&g, &[first, second], &microsoft_aliases(), &[]);
        assert_eq!(
            report.false_positives,
            vec![FalsePositive {
                doc: "a".into(),
                triple: triple("Microsoft", Acquired, "OpenAI"),
                evidence: vec!["S1".into(), "S2".into(), "S3".into()],
                rules: vec!["r1".into(), "r2".into()],
            }]
        );
    }

    #[test]
    fn miss_hints_prefer_sentences_naming_both_entities() {
        let g = [
            gold("a", "Microsoft", InvestsIn, "OpenAI", true, 2),
            gold("a", "Satya Nadella", Leads, "Microsoft", true, 3),
            gold("a", "Kevin Scott", WorksFor, "Nvidia", true, 4),
        ];
        let sentences = [
            "MSFT shares rose.",
            "Open AI is based in San Francisco.",
            "Microsoft Corp. has put $13 billion into Open AI.",
            "The company's CEO spoke.",
            "Microsoft's deal with OpenAI is under review.",
            "Microsoft and OpenAI declined to comment.",
        ];
        let docs = [doc("a", Language::English, &sentences)];
        let report = score(&g, &[], &microsoft_aliases(), &docs);
        let hints: Vec<Vec<String>> = report.misses.iter().map(|m| m.hints.clone()).collect();
        assert_eq!(
            hints,
            vec![
                // Both named: the first two such sentences.
                vec![sentences[2].to_owned(), sentences[4].to_owned()],
                // Nadella is never named: sentences naming Microsoft.
                vec![sentences[0].to_owned(), sentences[2].to_owned()],
                // Neither is named.
                vec![],
            ]
        );
    }

    #[test]
    fn nothing_to_score_gives_zeros() {
        let report = score(
            &[],
            &[pred("a", "X", Uses, "Y", &["r"])],
            &AliasTable::empty(),
            &[],
        );
        assert_eq!(report.docs_scored, 0);
        assert_eq!(report.overall, Scores::new(0, 0, 0, 0));
        assert_eq!(report.overall.f1, 0.0);
        assert!(report.per_predicate.is_empty());
        assert!(report.per_language.is_empty());
        assert!(report.per_rule.is_empty());
        assert_eq!(report.unscored_docs, vec!["a".to_owned()]);
    }
}
