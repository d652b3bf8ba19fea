//! Counting what each rule did: the claims of every article are turned into
//! [`Firing`]s (rule id, sentence, claim as words) on the worker threads, then
//! added to one [`Tally`] in the order of the article paths; [`Tally::finish`]
//! gives one [`RuleEvidence`] per listed rule (those that never fired with
//! zeros) and picks each rule's sample sentences evenly spread over the corpus.

use crate::extract::{ClaimObject, Extraction, RuleInfo};
use crate::model::Language;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One claim of one rule in one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Firing {
    /// The rule id, without the suffix a later step added (`+agent`).
    pub rule: String,
    /// The claim's relation (`leads` where the rule file says `role`).
    pub relation: String,
    /// Index of the sentence in its article.
    pub sentence: usize,
    /// The sentence.
    pub text: String,
    /// The claim as `Subject relation Object`, `NOT ` before a negated one.
    pub claim: String,
}

/// The id of the rule that made a claim: `Claim::rule` up to its first `+`
/// (`en.leads.ceo_of+agent` is `en.leads.ceo_of`).
pub fn rule_id(claim_rule: &str) -> &str {
    claim_rule.split('+').next().unwrap_or(claim_rule)
}

/// The claims of one article as firings, in claim order.
pub fn firings(extraction: &Extraction) -> Vec<Firing> {
    extraction
        .claims
        .iter()
        .map(|c| {
            let object = match &c.object {
                ClaimObject::Entity(o) => extraction.label(*o).to_string(),
                ClaimObject::Money(m) => m.short(),
                ClaimObject::Number(n) => n.to_string(),
            };
            Firing {
                rule: rule_id(&c.rule).to_string(),
                relation: c.relation.name().to_string(),
                sentence: c.sentence,
                text: c.evidence.clone(),
                claim: format!(
                    "{}{} {} {object}",
                    if c.polarity { "" } else { "NOT " },
                    extraction.label(c.subject),
                    c.relation
                ),
            }
        })
        .collect()
}

/// `n` of the positions `0..len`, evenly spread: the middle of each of `n`
/// equal stretches. All of them when `n >= len`.
pub fn spread(len: usize, n: usize) -> Vec<usize> {
    if n >= len {
        return (0..len).collect();
    }
    (0..n).map(|i| (2 * i + 1) * len / (2 * n)).collect()
}

/// What one rule did over the corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleEvidence {
    /// `en` or `de`.
    pub language: String,
    /// `regex`, `tokens`, `names`; `unlisted` for an id that made claims but
    /// is no rule of the extractor's.
    pub kind: String,
    pub id: String,
    /// As the rule file names it (`role` where the role title decides).
    pub relation: String,
    pub claims: usize,
    pub sentences: usize,
    pub articles: usize,
    pub samples: Vec<Sample>,
}

/// One sentence a rule fired on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sample {
    /// The article's path as it was found.
    pub article: String,
    /// Index of the sentence in the article.
    pub sentence: usize,
    pub text: String,
    /// The rule's claims in this sentence, each once.
    pub claims: Vec<String>,
}

/// The sentences one rule fired on, by (article, sentence) position.
#[derive(Debug, Default)]
struct Fired {
    claims: usize,
    /// The relation of the rule's first claim (named for ids no rule lists).
    relation: Option<String>,
    sentences: BTreeMap<(usize, usize), (String, Vec<String>)>,
}

/// The firings of a corpus, gathered article by article.
#[derive(Debug, Default)]
pub struct Tally {
    /// Article paths by the index [`Tally::add`] was given.
    articles: BTreeMap<usize, String>,
    /// By language code and rule id.
    rules: BTreeMap<(String, String), Fired>,
}

impl Tally {
    /// Adds the firings of the article at `index` (its position in path order).
    pub fn add(&mut self, index: usize, path: &str, language: Language, firings: Vec<Firing>) {
        self.articles.insert(index, path.to_string());
        for f in firings {
            let fired = self
                .rules
                .entry((language.code().to_string(), f.rule))
                .or_default();
            fired.claims += 1;
            fired.relation.get_or_insert(f.relation);
            let (_, claims) = fired
                .sentences
                .entry((index, f.sentence))
                .or_insert_with(|| (f.text, Vec::new()));
            if !claims.contains(&f.claim) {
                claims.push(f.claim);
            }
        }
    }

    /// One entry per listed rule and per id that fired without being listed,
    /// sorted by language and id, each with up to `sample` sentences.
    /// `keep` decides which (language, id) are reported.
    pub fn finish(
        mut self,
        listed: &[(Language, RuleInfo)],
        sample: usize,
        keep: impl Fn(Language, &str) -> bool,
    ) -> Vec<RuleEvidence> {
        let mut out = Vec::new();
        let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
        for (language, rule) in listed {
            if !keep(*language, &rule.id) {
                continue;
            }
            let key = (language.code().to_string(), rule.id.clone());
            if !seen.insert(key.clone()) {
                continue;
            }
            let fired = self.rules.remove(&key).unwrap_or_default();
            out.push(self.evidence(
                language.code(),
                rule.kind.name(),
                &rule.id,
                &rule.relation,
                fired,
                sample,
            ));
        }
        let unlisted = std::mem::take(&mut self.rules);
        for ((code, id), fired) in unlisted {
            if !keep(Language::from_code(&code), &id) {
                continue;
            }
            let relation = fired.relation.clone().unwrap_or_default();
            out.push(self.evidence(&code, "unlisted", &id, &relation, fired, sample));
        }
        out.sort_by(|a, b| (&a.language, &a.id).cmp(&(&b.language, &b.id)));
        out
    }

    fn evidence(
        &self,
        language: &str,
        kind: &str,
        id: &str,
        relation: &str,
        fired: Fired,
        sample: usize,
    ) -> RuleEvidence {
        let articles: BTreeSet<usize> = fired.sentences.keys().map(|(a, _)| *a).collect();
        let picks: BTreeSet<usize> = spread(fired.sentences.len(), sample).into_iter().collect();
        let samples = fired
            .sentences
            .iter()
            .enumerate()
            .filter(|(i, _)| picks.contains(i))
            .map(|(_, ((article, sentence), (text, claims)))| Sample {
                article: self.articles.get(article).cloned().unwrap_or_default(),
                sentence: *sentence,
                text: text.clone(),
                claims: claims.clone(),
            })
            .collect();
        RuleEvidence {
            language: language.to_string(),
            kind: kind.to_string(),
            id: id.to_string(),
            relation: relation.to_string(),
            claims: fired.claims,
            sentences: fired.sentences.len(),
            articles: articles.len(),
            samples,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Claim, EntityRecord, RuleKind};
    use crate::model::{EntityType, Modality, Relation};

    fn entity(label: &str) -> EntityRecord {
        EntityRecord {
            label: label.to_string(),
            entity_type: EntityType::Organization,
            aliases: Default::default(),
            wikidata: None,
            mentions: 1,
            from_lexicon: false,
            article_label: None,
        }
    }

    fn claim(rule: &str, sentence: usize, polarity: bool) -> Claim {
        Claim {
            subject: 0,
            relation: Relation::InvestsIn,
            object: ClaimObject::Entity(1),
            money: None,
            date: None,
            role: None,
            modality: Modality::Stated,
            polarity,
            attributed_to: None,
            confidence: 0.8,
            rule: rule.to_string(),
            sentence,
            start: 0,
            end: 0,
            evidence: format!("sentence {sentence}"),
            subject_span: None,
            object_span: None,
        }
    }

    fn info(id: &str, kind: RuleKind) -> (Language, RuleInfo) {
        (
            Language::English,
            RuleInfo {
                id: id.to_string(),
                relation: "investsIn".to_string(),
                kind,
            },
        )
    }

    fn firing(rule: &str, sentence: usize) -> Firing {
        Firing {
            rule: rule.to_string(),
            relation: "investsIn".to_string(),
            sentence,
            text: format!("sentence {sentence}"),
            claim: "Globex investsIn Initech".to_string(),
        }
    }

    #[test]
    fn spread_takes_the_middle_of_equal_stretches() {
        assert_eq!(spread(10, 3), [1, 5, 8]);
        assert_eq!(spread(10, 1), [5]);
        assert_eq!(spread(4, 2), [1, 3]);
        assert_eq!(spread(3, 5), [0, 1, 2]);
        assert_eq!(spread(0, 3), Vec::<usize>::new());
        assert_eq!(spread(7, 0), Vec::<usize>::new());
    }

    #[test]
    fn the_agent_suffix_is_folded_into_the_rule_id() {
        assert_eq!(rule_id("en.leads.ceo_of+agent"), "en.leads.ceo_of");
        assert_eq!(rule_id("en.leads.ceo_of"), "en.leads.ceo_of");
        let ex = Extraction {
            entities: vec![entity("Globex"), entity("Initech")],
            claims: vec![
                claim("en.investsIn.x+agent", 2, true),
                claim("en.investsIn.x", 3, false),
            ],
        };
        let f = firings(&ex);
        assert_eq!(f[0].rule, "en.investsIn.x");
        assert_eq!(f[0].claim, "Globex investsIn Initech");
        assert_eq!(f[1].claim, "NOT Globex investsIn Initech");
        let mut tally = Tally::default();
        tally.add(0, "a.txt", Language::English, f);
        let out = tally.finish(&[info("en.investsIn.x", RuleKind::Regex)], 3, |_, _| true);
        assert_eq!(out.len(), 1);
        assert_eq!((out[0].claims, out[0].sentences), (2, 2));
    }

    #[test]
    fn counts_claims_sentences_and_articles_and_lists_dead_rules() {
        let mut tally = Tally::default();
        // Added out of order, as a parallel run might: the sample follows the paths.
        tally.add(
            1,
            "b.txt",
            Language::English,
            vec![firing("en.a", 0), firing("en.a", 0), firing("en.a", 4)],
        );
        tally.add(0, "a.txt", Language::English, vec![firing("en.a", 7)]);
        let listed = [
            info("en.b", RuleKind::Tokens),
            info("en.a", RuleKind::Regex),
        ];
        let out = tally.finish(&listed, 1, |_, _| true);
        let ids: Vec<&str> = out.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["en.a", "en.b"]);
        let a = &out[0];
        assert_eq!((a.claims, a.sentences, a.articles), (4, 3, 2));
        assert_eq!(a.kind, "regex");
        // The middle one of (a.txt, 7), (b.txt, 0), (b.txt, 4); its two equal claims shown once.
        assert_eq!(a.samples.len(), 1);
        assert_eq!(a.samples[0].article, "b.txt");
        assert_eq!(a.samples[0].sentence, 0);
        assert_eq!(a.samples[0].claims, ["Globex investsIn Initech"]);
        let b = &out[1];
        assert_eq!((b.claims, b.sentences, b.articles), (0, 0, 0));
        assert_eq!(b.kind, "tokens");
        assert!(b.samples.is_empty());
    }

    #[test]
    fn the_sample_is_the_same_whatever_order_the_articles_come_in() {
        let run = |order: &[usize]| {
            let mut tally = Tally::default();
            for &i in order {
                let firings = (0..3).map(|s| firing("en.a", s)).collect();
                tally.add(i, &format!("{i:02}.txt"), Language::English, firings);
            }
            tally.finish(&[info("en.a", RuleKind::Regex)], 4, |_, _| true)
        };
        let forward = run(&[0, 1, 2, 3, 4]);
        assert_eq!(forward, run(&[3, 1, 4, 0, 2]));
        let picked: Vec<(String, usize)> = forward[0]
            .samples
            .iter()
            .map(|s| (s.article.clone(), s.sentence))
            .collect();
        // 15 sentences, 4 picks: positions 1, 5, 9, 13.
        assert_eq!(
            picked,
            [
                ("00.txt".to_string(), 1),
                ("01.txt".to_string(), 2),
                ("03.txt".to_string(), 0),
                ("04.txt".to_string(), 1)
            ]
        );
    }

    #[test]
    fn unlisted_ids_are_reported_and_the_filter_applies() {
        let mut tally = Tally::default();
        tally.add(0, "a.txt", Language::English, vec![firing("en.gone", 1)]);
        let listed = [info("en.a", RuleKind::Regex)];
        let out = tally.finish(&listed, 1, |_, _| true);
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].id, "en.gone");
        assert_eq!(out[1].kind, "unlisted");
        assert_eq!(out[1].relation, "investsIn");
        let mut tally = Tally::default();
        tally.add(0, "a.txt", Language::English, vec![firing("en.gone", 1)]);
        let out = tally.finish(&listed, 1, |_, id| id.starts_with("en.a"));
        let ids: Vec<&str> = out.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["en.a"]);
    }
}
