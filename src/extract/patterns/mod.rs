//! Relation rules over tokens, loaded from `data/rules/patterns.<lang>.toml`.
//!
//! A pattern is a sequence of token constraints with named arguments (see
//! [`syntax`] for the language), in the spirit of Stanford TokensRegex and
//! spaCy's Matcher. It reads lemmas and tags from the token layer, so one rule
//! covers every inflection: `@acquire` with `acquire` in the list matches
//! "acquired", "acquires" and "acquiring", `übernehmen` matches "übernahm".
//!
//! ```text
//! masked sentence + token layer ─► units (words with lemma, tag, chunk head;
//!                                          each mention one unit with its tag)
//!   ─► prefilter: every unit's form and lemma looked up once in the index of
//!      the words the rules require ─► the rules that may match
//!   ─► each of those rules matched (leftmost-first, greedy) ─► PatternMatch
//!      (subject, object, amount and role captures as masked-text spans)
//! ```
//!
//! The claims are then made exactly as for the regex rules: the captures map
//! back to mentions, which coreference resolves to entities.

pub mod matcher;
pub mod syntax;

use super::masked::Masked;
use super::rules::{RuleHead, RuleSpec};
use crate::model::Language;
use crate::nlp::upos::Upos;
use crate::nlp::Analysis;
use matcher::{Unit, UnitKind};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use syntax::{Node, WordTest};

const EN: &str = include_str!("../../../data/rules/patterns.en.toml");
const DE: &str = include_str!("../../../data/rules/patterns.de.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternFile {
    #[serde(default)]
    coordinators: Vec<String>,
    #[serde(default)]
    lists: FxHashMap<String, Vec<String>>,
    #[serde(default, rename = "rule")]
    rules: Vec<RuleSpec>,
}

/// A compiled token rule.
#[derive(Debug)]
pub struct PatternRule {
    pub head: RuleHead,
    node: Node,
    unless: Option<Node>,
    /// The object capture is a description naming a place: the claim's object is that place.
    place_object: bool,
}

/// The index key of rules that need a demonym.
const DEMONYM_KEY: &str = "\u{0}demonym";

/// The slots every pattern may fill, in this order.
const SLOTS: [&str; 4] = ["s", "o", "money", "role"];

/// One match of a rule in a sentence: unit ranges and masked-text spans.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternMatch {
    pub rule: usize,
    /// Masked-text byte span of the whole match.
    pub span: (usize, usize),
    /// Mention indices of the subject and object captures, in order.
    pub subjects: Vec<usize>,
    pub objects: Vec<usize>,
    /// The lexicon entry of the place a demonym in the object capture names,
    /// where the capture holds no mention.
    pub object_place: Option<usize>,
    /// The lexicon entry of the place the subject capture's description names
    /// ("the Swiss company").
    pub subject_place: Option<usize>,
    /// Masked byte offset where the object capture starts, and where it ends.
    pub object_at: Option<(usize, usize)>,
    pub money: Option<usize>,
    /// Masked byte span of the role capture.
    pub role: Option<(usize, usize)>,
}

/// The token rules of one language.
#[derive(Debug)]
pub struct PatternSet {
    pub rules: Vec<PatternRule>,
    /// Required word (form or lemma, lowercase) → rules that need one of their words.
    index: FxHashMap<String, Vec<u32>>,
    /// Rules that require no word: they run on every sentence.
    always: Vec<u32>,
}

/// A malformed token rule, with its file and id.
#[derive(Debug, thiserror::Error)]
#[error("{file}: rule {id}: {message}")]
pub struct PatternError {
    pub file: String,
    pub id: String,
    pub message: String,
}

impl PatternSet {
    /// The built-in rules of a language (English for anything but German);
    /// `roles` fill the list `@roles` (the role titles of `data/extract/roles.tsv`).
    pub fn load(language: Language, roles: Vec<String>) -> PatternSet {
        let (file, text) = match language {
            Language::German => ("data/rules/patterns.de.toml", DE),
            _ => ("data/rules/patterns.en.toml", EN),
        };
        PatternSet::parse(file, text, roles).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Parses and compiles a rule file; `roles` become the list `@roles`.
    pub fn parse(file: &str, text: &str, roles: Vec<String>) -> Result<PatternSet, PatternError> {
        let err = |id: &str, message: String| PatternError {
            file: file.into(),
            id: id.into(),
            message,
        };
        let mut spec: PatternFile = toml::from_str(text).map_err(|e| err("-", e.to_string()))?;
        if spec.lists.insert("roles".into(), roles).is_some() {
            return Err(err(
                "-",
                "the list `roles` is built in (the titles of data/extract/roles.tsv)".into(),
            ));
        }
        let mut seen = rustc_hash::FxHashSet::default();
        let mut rules = Vec::new();
        for r in spec.rules {
            if !seen.insert(r.id.clone()) {
                return Err(err(&r.id, "duplicate id".into()));
            }
            let head = r.head().map_err(|m| err(&r.id, m))?;
            let mut ctx = syntax::Context {
                lists: &spec.lists,
                coordinators: &spec.coordinators,
                slots: SLOTS.iter().map(|s| s.to_string()).collect(),
            };
            let node = syntax::parse(&r.pattern, &mut ctx).map_err(|m| err(&r.id, m))?;
            if ctx.slots.len() > SLOTS.len() {
                return Err(err(
                    &r.id,
                    format!(
                        "unknown capture `{}:`; use s:, o:, money: or role:",
                        ctx.slots[SLOTS.len()]
                    ),
                ));
            }
            let used = captures(&node);
            if !used.contains(&0) || !(used.contains(&1) || head.implicit_object.is_some()) {
                return Err(err(
                    &r.id,
                    "a rule needs a subject `s:` and an object `o:`, or object = \"investee\" or \"sentence\"".into(),
                ));
            }
            if head.relation == super::rules::RuleRelation::FromRole && !used.contains(&3) {
                return Err(err(
                    &r.id,
                    "relation = \"role\" needs a `role:` capture".into(),
                ));
            }
            let unless = match &r.unless {
                None => None,
                Some(p) => Some(syntax::parse(p, &mut ctx).map_err(|m| err(&r.id, m))?),
            };
            let place_object = described_object(&node);
            rules.push(PatternRule {
                head,
                node,
                unless,
                place_object,
            });
        }
        let mut index: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut always = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            match anchors(&r.node) {
                Some(words) => {
                    for w in words {
                        let list = index.entry(w).or_default();
                        if list.last() != Some(&(i as u32)) {
                            list.push(i as u32);
                        }
                    }
                }
                None => always.push(i as u32),
            }
        }
        Ok(PatternSet {
            rules,
            index,
            always,
        })
    }

    /// The ids of the rules that run on every sentence (they require no word).
    pub fn unanchored(&self) -> Vec<&str> {
        self.always
            .iter()
            .map(|&i| self.rules[i as usize].head.id.as_str())
            .collect()
    }

    /// Every match of every rule in a sentence, rule by rule in file order.
    pub fn find(&self, units: &[Unit]) -> Vec<PatternMatch> {
        let mut on = vec![false; self.rules.len()];
        for &i in &self.always {
            on[i as usize] = true;
        }
        for u in units {
            if let UnitKind::Word {
                lower,
                lemma,
                place,
                ..
            } = &u.kind
            {
                if place.is_some() {
                    if let Some(rules) = self.index.get(DEMONYM_KEY) {
                        for &r in rules {
                            on[r as usize] = true;
                        }
                    }
                }
                for key in [lower, lemma] {
                    if let Some(rules) = self.index.get(key.as_str()) {
                        for &r in rules {
                            on[r as usize] = true;
                        }
                    }
                }
            }
            if let UnitKind::Mention { tag, .. } = u.kind {
                if let Some(rules) = self.index.get(tag_key(tag)) {
                    for &r in rules {
                        on[r as usize] = true;
                    }
                }
            }
        }
        let mut out = Vec::new();
        for (ri, rule) in self.rules.iter().enumerate().filter(|(i, _)| on[*i]) {
            for (start, end, caps) in matcher::find_all(&rule.node, units, SLOTS.len()) {
                if let Some(unless) = &rule.unless {
                    let clause_end = (end..units.len())
                        .find(|&u| is_clause_break(&units[u]))
                        .unwrap_or(units.len());
                    if (start..clause_end).any(|s| {
                        matcher::match_at(unless, &units[..clause_end], s, SLOTS.len()).is_some()
                    }) {
                        continue;
                    }
                }
                let mentions = |slot: usize| -> Vec<usize> {
                    caps[slot].map_or(Vec::new(), |(a, b)| {
                        units[a..b]
                            .iter()
                            .filter_map(|u| match u.kind {
                                UnitKind::Mention {
                                    index, tag, place, ..
                                } if tag != "DATE"
                                    && !(slot == 1 && place.is_some() && rule.place_object) =>
                                {
                                    Some(index)
                                }
                                _ => None,
                            })
                            .collect()
                    })
                };
                let masked_span =
                    |(a, b): (usize, usize)| (units[a].masked.0, units[b.max(a + 1) - 1].masked.1);
                out.push(PatternMatch {
                    rule: ri,
                    span: masked_span((start, end)),
                    subjects: mentions(0),
                    objects: mentions(1),
                    object_place: caps[1].and_then(|(a, b)| {
                        units[a..b].iter().find_map(|u| match u.kind {
                            UnitKind::Word { place, .. } => place,
                            UnitKind::Mention { place, .. } if rule.place_object => place,
                            UnitKind::Mention { .. } => None,
                        })
                    }),
                    subject_place: caps[0].and_then(|(a, b)| {
                        units[a..b].iter().find_map(|u| match u.kind {
                            UnitKind::Mention { place, .. } => place,
                            UnitKind::Word { .. } => None,
                        })
                    }),
                    object_at: caps[1].filter(|(a, b)| b > a).map(masked_span),
                    money: mentions(2).first().copied(),
                    role: caps[3].filter(|(a, b)| b > a).map(masked_span),
                });
            }
        }
        out
    }
}

fn is_clause_break(u: &Unit) -> bool {
    matches!(&u.kind, UnitKind::Word { lower, .. } if [",", ";", ":", ".", "!", "?"].contains(&lower.as_str()))
}

/// Whether the object capture holds a `<…~place>` description.
fn described_object(node: &Node) -> bool {
    fn has_described(n: &Node) -> bool {
        match n {
            Node::Described(_) => true,
            Node::Capture { node, .. } | Node::Repeat { node, .. } => has_described(node),
            Node::Seq(v) | Node::Alt(v) => v.iter().any(has_described),
            _ => false,
        }
    }
    match node {
        Node::Capture { slot: 1, node } => has_described(node),
        Node::Capture { node, .. } | Node::Repeat { node, .. } => described_object(node),
        Node::Seq(v) | Node::Alt(v) => v.iter().any(described_object),
        _ => false,
    }
}

/// The capture slots a pattern fills.
fn captures(node: &Node) -> Vec<usize> {
    let mut out = Vec::new();
    fn walk(n: &Node, out: &mut Vec<usize>) {
        match n {
            Node::Capture { slot, node } => {
                out.push(*slot);
                walk(node, out);
            }
            Node::Seq(v) | Node::Alt(v) => v.iter().for_each(|c| walk(c, out)),
            Node::Repeat { node, .. } => walk(node, out),
            _ => {}
        }
    }
    walk(node, &mut out);
    out
}

/// Words of which every match holds one (form or lemma), or `None` where a
/// match may hold none of a known set. Of a sequence's required sets a set of
/// words is preferred to a set of mention types (most sentences hold a name),
/// and of those the smallest is kept. Mention types and demonyms are keys of
/// their own ([`tag_key`], [`DEMONYM_KEY`]).
fn anchors(node: &Node) -> Option<Vec<String>> {
    anchor_set(node).map(|(_, words)| words)
}

/// The required set and whether it holds mention types.
fn anchor_set(node: &Node) -> Option<(bool, Vec<String>)> {
    match node {
        Node::Word(tests) => tests.iter().find_map(|t| match t {
            WordTest::Text(v) | WordTest::Form(v) | WordTest::Lemma(v) => Some((false, v.clone())),
            WordTest::Demonym => Some((false, vec![DEMONYM_KEY.to_string()])),
            _ => None,
        }),
        Node::Mention(tags) | Node::Described(tags) | Node::Nominal(tags) | Node::Named(tags)
            if !tags.is_empty() =>
        {
            Some((true, tags.iter().map(|t| tag_key(t).to_string()).collect()))
        }
        Node::Mention(_) | Node::Described(_) | Node::Nominal(_) | Node::Named(_) | Node::Any => {
            None
        }
        Node::Seq(items) => items
            .iter()
            .filter_map(anchor_set)
            .min_by_key(|(tag, v)| (*tag, v.len())),
        Node::Alt(alts) => {
            let mut all = Vec::new();
            let mut any_tag = false;
            for a in alts {
                let (tag, words) = anchor_set(a)?;
                any_tag |= tag;
                all.extend(words);
            }
            Some((any_tag, all))
        }
        Node::Repeat { node, min, .. } if *min > 0 => anchor_set(node),
        Node::Repeat { .. } => None,
        Node::Capture { node, .. } => anchor_set(node),
    }
}

/// The index key of a mention type.
fn tag_key(tag: &str) -> &'static str {
    const KEYS: [&str; 10] = [
        "\u{0}tag:PER",
        "\u{0}tag:ORG",
        "\u{0}tag:PROD",
        "\u{0}tag:PLACE",
        "\u{0}tag:EVENT",
        "\u{0}tag:UNK",
        "\u{0}tag:ITEM",
        "\u{0}tag:MONEY",
        "\u{0}tag:DATE",
        "\u{0}tag:NUM",
    ];
    syntax::TAGS
        .iter()
        .position(|&t| t == tag)
        .map_or("\u{0}tag:?", |i| KEYS[i])
}

/// The units of a masked sentence: the token layer's words between the
/// mentions, each mention one unit (and a possessive's `'s` a word after it).
/// `words` is the sentence's word range in `analysis`; `heads` marks the chunk
/// heads of the document's words; `place` gives the place a demonym names.
pub fn units(
    masked: &Masked,
    text: &str,
    analysis: &Analysis,
    words: (usize, usize),
    heads: &[bool],
    place: &dyn Fn(&str, bool) -> Option<usize>,
    described: &dyn Fn(usize) -> bool,
) -> Vec<Unit> {
    let mut out = Vec::with_capacity(words.1 - words.0);
    let mut w = words.0;
    for ((ms, me), (ss, se), mention) in masked.parts() {
        if mention {
            let marker = &masked.text[ms..me];
            let close = marker
                .find('⟩')
                .map_or(marker.len(), |i| i + '⟩'.len_utf8());
            let index = Masked::indices(marker).first().copied();
            let tag = marker[..close]
                .split_once(':')
                .map(|(_, t)| t.trim_end_matches('⟩'))
                .and_then(|t| syntax::TAGS.iter().find(|&&x| x == t).copied());
            if let (Some(index), Some(tag)) = (index, tag) {
                // A description's place: a demonym among its words.
                let nominal = described(index);
                let place = if nominal {
                    (w..words.1)
                        .take_while(|&k| analysis.tokens[k].start < se)
                        .filter(|&k| analysis.tokens[k].start >= ss && analysis.tokens[k].end <= se)
                        .find_map(|k| place(analysis.tokens[k].form(text), true))
                } else {
                    None
                };
                // A pronoun: the mention is one word the tagger reads as one.
                let covered: Vec<usize> = (w..words.1)
                    .take_while(|&k| analysis.tokens[k].start < se)
                    .filter(|&k| analysis.tokens[k].start >= ss && analysis.tokens[k].end <= se)
                    .collect();
                let pronoun = covered.len() == 1 && analysis.upos[covered[0]] == Upos::Pron;
                out.push(Unit {
                    masked: (ms, ms + close),
                    kind: UnitKind::Mention {
                        index,
                        tag,
                        place,
                        nominal,
                        pronoun,
                    },
                });
                if close < marker.len() {
                    out.push(Unit::word((ms + close, me), "'s", "'s", Upos::Part));
                }
            }
            // A word running on past the mention ("US-Magazin") gives its rest below.
            while w < words.1 && analysis.tokens[w].start < se && analysis.tokens[w].end <= se {
                w += 1;
            }
            continue;
        }
        while w < words.1 && analysis.tokens[w].start < ss {
            // "Siemens-Chef": a word that begins inside a mention leaves its rest
            // ("Chef") as a word of its own.
            let t = &analysis.tokens[w];
            if t.end > ss && t.end <= se && t.norm.is_none() {
                let rest = text[ss..t.end].trim_start_matches('-');
                if !rest.is_empty() {
                    let from = t.end - rest.len();
                    out.push(Unit::word(
                        (ms + (from - ss), ms + (t.end - ss)),
                        rest,
                        rest,
                        analysis.upos[w],
                    ));
                }
            }
            w += 1;
        }
        while w < words.1 && analysis.tokens[w].end <= se {
            let t = &analysis.tokens[w];
            let form = t.form(text);
            let mut unit = Unit::word(
                (ms + (t.start - ss), ms + (t.end - ss)),
                form,
                analysis.lemma(w),
                analysis.upos[w],
            );
            if let UnitKind::Word { head, place: p, .. } = &mut unit.kind {
                *head = heads.get(w).copied().unwrap_or(false);
                *p = place(form, false);
            }
            out.push(unit);
            w += 1;
        }
    }
    out
}

/// Which words of a document head a chunk.
pub fn chunk_heads(analysis: &Analysis) -> Vec<bool> {
    let mut heads = vec![false; analysis.len()];
    for c in &analysis.chunks {
        if let Some(h) = heads.get_mut(c.head) {
            *h = true;
        }
    }
    heads
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(toml: &str) -> PatternSet {
        PatternSet::parse("test.toml", toml, vec!["ceo".into()]).unwrap()
    }

    fn word(form: &str, lemma: &str, upos: Upos) -> Unit {
        Unit::word((0, 0), form, lemma, upos)
    }

    fn mention(index: usize, tag: &'static str) -> Unit {
        Unit {
            masked: (0, 0),
            kind: UnitKind::Mention {
                index,
                tag,
                place: None,
                nominal: false,
                pronoun: false,
            },
        }
    }

    const STAKE: &str = r#"
        coordinators = ["and"]
        [lists]
        buy = ["buy", "take", "snap up"]
        [[rule]]
        id = "t.stake"
        relation = "investsIn"
        pattern = "s+:<ORG|PER> @buy (a | an) []{0,2} stake in o:<ORG>"
        unless = "not"
    "#;

    #[test]
    fn lemmas_cover_inflections_and_lists_coordinate() {
        let rules = set(STAKE);
        // "A and B bought a 5% stake in C"
        let units = vec![
            mention(1, "ORG"),
            word("and", "and", Upos::Cconj),
            mention(2, "UNK"),
            word("bought", "buy", Upos::Verb),
            word("a", "a", Upos::Det),
            word("5", "5", Upos::Num),
            word("%", "%", Upos::Sym),
            word("stake", "stake", Upos::Noun),
            word("in", "in", Upos::Adp),
            mention(3, "ORG"),
        ];
        let found = rules.find(&units);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].subjects, vec![1, 2]);
        assert_eq!(found[0].objects, vec![3]);
    }

    #[test]
    fn the_gap_is_bounded_and_unless_cancels() {
        let rules = set(STAKE);
        let long = vec![
            mention(1, "ORG"),
            word("took", "take", Upos::Verb),
            word("a", "a", Upos::Det),
            word("very", "very", Upos::Adv),
            word("large", "large", Upos::Adj),
            word("new", "new", Upos::Adj),
            word("stake", "stake", Upos::Noun),
            word("in", "in", Upos::Adp),
            mention(3, "ORG"),
        ];
        assert!(rules.find(&long).is_empty());
        let negated = vec![
            mention(1, "ORG"),
            word("snapped", "snap", Upos::Verb),
            word("up", "up", Upos::Adp),
            word("a", "a", Upos::Det),
            word("stake", "stake", Upos::Noun),
            word("in", "in", Upos::Adp),
            mention(3, "ORG"),
            word("not", "not", Upos::Part),
        ];
        assert!(rules.find(&negated).is_empty());
        let mut plain = negated.clone();
        plain.pop();
        assert_eq!(rules.find(&plain).len(), 1);
    }

    #[test]
    fn rules_without_a_required_word_are_named() {
        let rules = set(r#"
            [[rule]]
            id = "t.any"
            relation = "partnersWith"
            pattern = "s:<> [pos=VERB] o:<>"
            [[rule]]
            id = "t.word"
            relation = "partnersWith"
            pattern = "s:<ORG> (with | alongside) o:<ORG>"
        "#);
        assert_eq!(rules.unanchored(), vec!["t.any"]);
    }

    fn parse(file: &str, text: &str) -> Result<PatternSet, PatternError> {
        PatternSet::parse(file, text, Vec::new())
    }

    #[test]
    fn malformed_rules_say_what_is_wrong() {
        let e = parse(
            "x.toml",
            "[[rule]]\nid = \"a\"\nrelation = \"leads\"\npattern = \"s:<PER> heads\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("x.toml: rule a") && e.contains("object"), "{e}");
        let e = parse(
            "x.toml",
            "[[rule]]\nid = \"a\"\nrelation = \"bosses\"\npattern = \"s:<PER> o:<ORG>\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("bosses"), "{e}");
        let e = parse(
            "x.toml",
            "[[rule]]\nid = \"a\"\nrelation = \"leads\"\npattern = \"s:<PER> x:<ORG>\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("x:"), "{e}");
    }

    #[test]
    fn every_mention_type_has_its_own_index_key() {
        for tag in syntax::TAGS {
            assert_eq!(tag_key(tag), format!("\u{0}tag:{tag}"));
        }
    }

    #[test]
    fn builtin_rules_load() {
        for lang in [Language::English, Language::German] {
            let set = PatternSet::load(lang, vec!["CEO".into()]);
            assert!(!set.rules.is_empty());
            assert!(
                set.unanchored().is_empty(),
                "{lang}: rules that run on every sentence: {:?}",
                set.unanchored()
            );
        }
    }
}
