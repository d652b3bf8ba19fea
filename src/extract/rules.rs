//! Relation and typing rules, loaded from `data/rules/<lang>.toml`.
//!
//! A rule is a regular expression over a masked sentence (see
//! [`super::masked`]) written with macros for typed slots:
//!
//! | macro | expands to |
//! |---|---|
//! | `{S:ORG\|PER}` / `{O:ORG}` | the subject / object: one marker of those types (or an unknown name) |
//! | `{S:EVENT!}` | the same without unknown names: only a name already typed so |
//! | `{S+:ORG}` / `{O+:ORG}` | a coordinated list of such markers ("Nvidia, MGX und Microsoft") |
//! | `{M}` | (typing rules) the unknown name to type |
//! | `{MONEY}` `{NUM}` | the amount / count of the claim |
//! | `{DATE}` `{E}` `{E:PLACE}` | any date / entity marker, not captured |
//! | `{ROLE}` | a role title, or several joined by "and", each maybe "former" |
//! | `{@list}` | one of the words of a list from the `[lists]` table |
//! | `{GAP:n}` | up to n characters that are not part of a mention (dates and common-noun products may be) |
//! | `{CGAP:n}` | the same within one clause: no comma, semicolon or colon |
//! | `{UGAP:n}` | a clause gap that may also hold unknown names (titles, fields of study) |
//! | `{ANY:n}` | up to n characters or mentions |
//! | `{POSS}` | a possessive ending (`'s`) |
//!
//! Rules match case-insensitively. Each has an id that every claim it makes
//! records (`ng:rule`), so `eval` can show which rules cost precision.

use super::cues::Cues;
use super::lazy_regex::{group_names, LazyRegex};
use super::prefilter::Prefilter;
use crate::model::{EntityType, Language, Relation};
use regex::Regex;
use rustc_hash::FxHashMap;
use serde::Deserialize;

const EN: &str = include_str!("../../data/rules/en.toml");
const DE: &str = include_str!("../../data/rules/de.toml");

#[derive(Deserialize)]
struct RuleFile {
    #[serde(default)]
    lists: FxHashMap<String, Vec<String>>,
    #[serde(default)]
    coordinators: Vec<String>,
    /// Articles that may stand before a slot ("bei der Commerzbank").
    #[serde(default)]
    articles: Vec<String>,
    #[serde(default, rename = "type")]
    types: Vec<TypeRuleSpec>,
    #[serde(default, rename = "rule")]
    rules: Vec<RuleSpec>,
    #[serde(default, rename = "name_rule")]
    name_rules: Vec<NameRule>,
}

#[derive(Deserialize)]
struct TypeRuleSpec {
    id: String,
    #[serde(rename = "type")]
    entity_type: String,
    pattern: String,
}

/// One relation rule as both rule files write it (regexes in `en.toml`,
/// token patterns in `patterns.en.toml`): what it claims and its pattern.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RuleSpec {
    pub(super) id: String,
    relation: String,
    pub(super) pattern: String,
    #[serde(default = "default_confidence")]
    confidence: f64,
    /// Where the object comes from when the pattern has no `o`: `investee`,
    /// `sentence` or (token rules) `described` ([`ImplicitObject`]).
    #[serde(default)]
    object: Option<String>,
    /// The pattern speaks of a past role ("was CEO of"): leads/worksFor become formerlyWorkedFor.
    #[serde(default)]
    former: bool,
    /// Lexicon kinds the object may not have: a party in brackets after a
    /// politician's name is membership, not a job.
    #[serde(default)]
    not_object_kinds: Vec<String>,
    /// A pattern (same macros) that, found in the matched text or the rest of its
    /// clause, cancels the match: the passive "was acquired by" for an active-voice
    /// rule, the particle of "greift X an" for "greift auf X zurück".
    #[serde(default)]
    pub(super) unless: Option<String>,
    /// Invented sentences showing what the rule is for (documentation).
    #[serde(default)]
    #[allow(dead_code)]
    examples: Vec<String>,
}

impl RuleSpec {
    /// What the rule claims, checked.
    pub(super) fn head(&self) -> Result<RuleHead, String> {
        RuleHead::parse(
            self.id.clone(),
            &self.relation,
            self.object.as_deref(),
            self.confidence,
            self.former,
            self.not_object_kinds.clone(),
        )
    }
}

fn default_confidence() -> f64 {
    0.8
}

/// A relation implied by how two names are built: a product named after its
/// maker ("Apple Intelligence"), a unit named after its company ("Microsoft AI").
#[derive(Debug, Clone, Deserialize)]
pub struct NameRule {
    pub id: String,
    pub relation: String,
    /// Type of the longer name.
    pub whole: String,
    /// Type of the name it starts with.
    pub part: String,
    /// Which of the two is the subject: `part` or `whole`.
    pub subject: String,
    /// A pattern the rest of the longer name (after the shorter one) must not
    /// match in full: "Capcom Co." is Capcom under its legal name, no unit of it.
    #[serde(default)]
    pub unless_rest: Option<String>,
    /// `unless_rest`, compiled, with its lists expanded.
    #[serde(skip)]
    pub unless_rest_regex: Option<Regex>,
}

/// Where a relation rule takes its relation from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleRelation {
    Fixed(Relation),
    /// From the role title the rule matched ("CEO" leads, "CTO" worksFor, "co-founder" founded).
    FromRole,
}

/// Where the object comes from when the sentence does not name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImplicitObject {
    /// The organization that most recently received an investment or raised money in the article.
    Investee,
    /// The only other entity of the sentence that the relation accepts ("X Becomes
    /// Most Valuable Company After Y's $13B Bet").
    Sentence,
    /// The place the subject's own description names: "the Swiss company"
    /// (token rules only; the subject is a `<…~place>` description).
    Described,
    /// The other members of the subject list, for a relation all of them hold
    /// with each other ("A, B and C have teamed up": each partners with each).
    EachOther,
}

/// What a relation rule claims, whatever form its pattern has.
#[derive(Debug, Clone)]
pub struct RuleHead {
    pub id: String,
    pub relation: RuleRelation,
    pub confidence: f64,
    pub implicit_object: Option<ImplicitObject>,
    /// A past role ("was CEO of"): leads and worksFor become formerlyWorkedFor.
    pub former: bool,
    /// Lexicon kinds (`party`, ...) an object may not have.
    pub not_object_kinds: Vec<String>,
}

impl RuleHead {
    /// Reads a rule's relation and object as the rule files write them.
    pub fn parse(
        id: String,
        relation: &str,
        object: Option<&str>,
        confidence: f64,
        former: bool,
        not_object_kinds: Vec<String>,
    ) -> Result<RuleHead, String> {
        let relation_word = relation;
        let relation = if relation == "role" {
            RuleRelation::FromRole
        } else {
            RuleRelation::Fixed(
                Relation::parse(relation)
                    .ok_or_else(|| format!("unknown relation `{relation}`"))?,
            )
        };
        let implicit_object = match object {
            None => None,
            Some("investee") => Some(ImplicitObject::Investee),
            Some("sentence") => Some(ImplicitObject::Sentence),
            Some("described") => Some(ImplicitObject::Described),
            Some("each_other") => Some(ImplicitObject::EachOther),
            Some(other) => {
                return Err(format!(
                "unknown object `{other}`; use `investee`, `sentence`, `described` or `each_other`"
            ))
            }
        };
        if implicit_object == Some(ImplicitObject::EachOther)
            && !matches!(relation, RuleRelation::Fixed(r) if r.is_symmetric())
        {
            return Err(format!(
                "object = \"each_other\" needs a symmetric relation (partnersWith, competesWith), not `{relation_word}`"
            ));
        }
        Ok(RuleHead {
            id,
            relation,
            confidence,
            implicit_object,
            former,
            not_object_kinds,
        })
    }
}

/// One relation rule as [`super::Extractor::rule_ids`] lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo {
    pub id: String,
    /// The relation as the rule file names it: `investsIn`, or `role` where
    /// the role title decides.
    pub relation: String,
    pub kind: RuleKind,
}

/// Which rule file a relation rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleKind {
    /// A regex over the masked sentence (`[[rule]]` in `<lang>.toml`).
    Regex,
    /// A pattern over the token layer's words (`patterns.<lang>.toml`).
    Tokens,
    /// A name that begins with another name (`[[name_rule]]` in `<lang>.toml`).
    Names,
}

impl RuleKind {
    pub fn name(self) -> &'static str {
        match self {
            RuleKind::Regex => "regex",
            RuleKind::Tokens => "tokens",
            RuleKind::Names => "names",
        }
    }
}

/// A compiled relation rule.
#[derive(Debug)]
pub struct Rule {
    pub head: RuleHead,
    pub regex: LazyRegex,
    /// Cancels a match whose text it finds.
    pub unless: Option<LazyRegex>,
}

/// A compiled typing rule: gives the unknown name in `{M}` a type.
#[derive(Debug)]
pub struct TypeRule {
    pub id: String,
    pub entity_type: EntityType,
    pub regex: LazyRegex,
}

/// The rules of one language.
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub type_rules: Vec<TypeRule>,
    pub name_rules: Vec<NameRule>,
    /// Which relation rules (by index) can match a sentence.
    pub prefilter: Prefilter,
    /// Which typing rules (by index) can match a sentence.
    pub type_prefilter: Prefilter,
    /// Matches a coordinated list of mentions ("A, B und C").
    pub coordination: Regex,
}

/// A malformed rule, with its id.
#[derive(Debug, thiserror::Error)]
#[error("{file}: rule {id}: {message}")]
pub struct RuleError {
    pub file: String,
    pub id: String,
    pub message: String,
}

const MARKER: &str = r"⟨[0-9]+:[A-Z]+⟩";

impl RuleSet {
    /// The built-in rules of a language (English for anything but German).
    pub fn load(language: Language, cues: &Cues) -> RuleSet {
        let (file, text) = match language {
            Language::German => ("data/rules/de.toml", DE),
            _ => ("data/rules/en.toml", EN),
        };
        RuleSet::parse(file, text, cues).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Parses and compiles a rule file.
    pub fn parse(file: &str, text: &str, cues: &Cues) -> Result<RuleSet, RuleError> {
        let mut spec: RuleFile = toml::from_str(text).map_err(|e| RuleError {
            file: file.into(),
            id: "-".into(),
            message: e.to_string(),
        })?;
        let err = |id: &str, message: String| RuleError {
            file: file.into(),
            id: id.into(),
            message,
        };
        let coord = if spec.coordinators.is_empty() {
            ",".to_string()
        } else {
            let words: Vec<String> = spec.coordinators.iter().map(|w| regex::escape(w)).collect();
            format!(r"(?:,? (?:{}) |, )", words.join("|"))
        };
        let article = if spec.articles.is_empty() {
            String::new()
        } else {
            let words: Vec<String> = spec.articles.iter().map(|w| regex::escape(w)).collect();
            format!("(?:(?:{}) )?", words.join("|"))
        };
        let expander = Expander {
            lists: &spec.lists,
            coord: &coord,
            article,
            cues,
            money_groups: std::cell::Cell::new(0),
        };
        let mut seen = rustc_hash::FxHashSet::default();
        let mut rules = Vec::new();
        let mut hirs = Vec::new();
        for r in spec.rules {
            if !seen.insert(r.id.clone()) {
                return Err(err(&r.id, "duplicate id".into()));
            }
            let head = r.head().map_err(|m| err(&r.id, m))?;
            let (relation, implicit_object) = (head.relation, head.implicit_object);
            if implicit_object == Some(ImplicitObject::Described) {
                return Err(err(
                    &r.id,
                    "object = \"described\" needs a token rule (a `<…~place>` subject)".into(),
                ));
            }
            let source = expander.expand(&r.pattern).map_err(|m| err(&r.id, m))?;
            let (regex, hir) =
                LazyRegex::parse(source).map_err(|e| err(&r.id, format!("bad pattern: {e}")))?;
            let names = group_names(&hir);
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            hirs.push(hir);
            if !names.contains(&"s") || !(names.contains(&"o") || implicit_object.is_some()) {
                return Err(err(
                    &r.id,
                    "a rule needs a subject {S:..} and an object {O:..}, or object = \"investee\""
                        .into(),
                ));
            }
            if relation == RuleRelation::FromRole && !names.contains(&"role") {
                return Err(err(
                    &r.id,
                    "relation = \"role\" needs a {ROLE} in the pattern".into(),
                ));
            }
            let unless = match &r.unless {
                None => None,
                Some(p) => {
                    let source = expander.expand(p).map_err(|m| err(&r.id, m))?;
                    let (regex, _) = LazyRegex::parse(source)
                        .map_err(|e| err(&r.id, format!("bad `unless` pattern: {e}")))?;
                    Some(regex)
                }
            };
            rules.push(Rule {
                head,
                regex,
                unless,
            });
        }
        let mut type_rules = Vec::new();
        let mut type_hirs = Vec::new();
        for t in spec.types {
            if !seen.insert(t.id.clone()) {
                return Err(err(&t.id, "duplicate id".into()));
            }
            let entity_type = EntityType::parse(&t.entity_type)
                .ok_or_else(|| err(&t.id, format!("unknown type `{}`", t.entity_type)))?;
            let source = expander.expand(&t.pattern).map_err(|m| err(&t.id, m))?;
            let (regex, hir) =
                LazyRegex::parse(source).map_err(|e| err(&t.id, format!("bad pattern: {e}")))?;
            let has_m = group_names(&hir).iter().any(|n| n == "m");
            type_hirs.push(hir);
            if !has_m {
                return Err(err(&t.id, "a typing rule needs {M}".into()));
            }
            type_rules.push(TypeRule {
                id: t.id,
                entity_type,
                regex,
            });
        }
        for n in &mut spec.name_rules {
            if let Some(p) = &n.unless_rest {
                let source = expander.expand(p).map_err(|m| err(&n.id, m))?;
                let regex = Regex::new(&format!("^(?:{source})$"))
                    .map_err(|e| err(&n.id, format!("bad `unless_rest` pattern: {e}")))?;
                n.unless_rest_regex = Some(regex);
            }
            Relation::parse(&n.relation)
                .ok_or_else(|| err(&n.id, format!("unknown relation `{}`", n.relation)))?;
            for t in [&n.whole, &n.part] {
                EntityType::parse(t).ok_or_else(|| err(&n.id, format!("unknown type `{t}`")))?;
            }
            if n.subject != "part" && n.subject != "whole" {
                return Err(err(&n.id, "subject must be `part` or `whole`".into()));
            }
        }
        let coordination = Regex::new(&format!("(?i){MARKER}(?:{coord}{MARKER})+"))
            .map_err(|e| err("coordinators", e.to_string()))?;
        Ok(RuleSet {
            rules,
            type_rules,
            name_rules: spec.name_rules,
            prefilter: Prefilter::from_hirs(&hirs),
            type_prefilter: Prefilter::from_hirs(&type_hirs),
            coordination,
        })
    }
}

struct Expander<'a> {
    lists: &'a FxHashMap<String, Vec<String>>,
    coord: &'a str,
    /// Optional article before a single slot, e.g. `(?:(?:der|die|das) )?`.
    article: String,
    cues: &'a Cues,
    /// Alternatives of a pattern may each name the amount: later ones get numbered groups.
    money_groups: std::cell::Cell<usize>,
}

impl Expander<'_> {
    fn expand(&self, pattern: &str) -> Result<String, String> {
        self.money_groups.set(0);
        let mut out = String::with_capacity(pattern.len() * 2);
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            // Regex repetitions like {0,3} pass through.
            if after.starts_with(|c: char| c.is_ascii_digit() || c == ',') {
                out.push('{');
                rest = after;
                continue;
            }
            let close = after
                .find('}')
                .ok_or_else(|| format!("unclosed macro in `{pattern}`"))?;
            out.push_str(&self.macro_(&after[..close])?);
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn macro_(&self, m: &str) -> Result<String, String> {
        let (name, arg) = match m.split_once(':') {
            Some((n, a)) => (n, Some(a)),
            None => (m, None),
        };
        let types = |arg: Option<&str>| -> Result<String, String> {
            let Some(arg) = arg else {
                return Ok("[A-Z]+".into());
            };
            // A trailing `!` admits only names of those types, not unknown names.
            let (arg, strict) = match arg.strip_suffix('!') {
                Some(a) => (a, true),
                None => (arg, false),
            };
            let mut tags = Vec::new();
            for t in arg.split('|') {
                let t = t.trim();
                if ![
                    "PER", "ORG", "PROD", "PLACE", "EVENT", "UNK", "MONEY", "DATE", "NUM",
                ]
                .contains(&t)
                {
                    return Err(format!("unknown type `{t}` in {{{m}}}"));
                }
                tags.push(t.to_string());
            }
            if !strict
                && tags
                    .iter()
                    .any(|t| ["PER", "ORG", "PROD", "PLACE", "EVENT"].contains(&t.as_str()))
            {
                tags.push("UNK".into());
            }
            // A product slot also takes a product named with common nouns.
            if tags.iter().any(|t| t == "PROD") {
                tags.push("ITEM".into());
            }
            Ok(format!("(?:{})", tags.join("|")))
        };
        // A single slot skips a possessive modifier before it: in "from Google's
        // DeepMind" the argument is DeepMind. Patterns that want the possessive
        // itself write it after the slot: `{S:ORG}'s`.
        let slot = |group: &str, list: bool| -> Result<String, String> {
            let one = format!(r"⟨[0-9]+:{}⟩", types(arg)?);
            Ok(if list {
                format!("(?P<{group}>{one}(?:{}{one})*)", self.coord)
            } else {
                format!("{}(?:{MARKER}'s )?(?P<{group}>{one})", self.article)
            })
        };
        match name {
            "S" => slot("s", false),
            "S+" => slot("s", true),
            "O" => slot("o", false),
            "O+" => slot("o", true),
            "M" => Ok(r"(?P<m>⟨[0-9]+:UNK⟩)".into()),
            "MONEY" => {
                let n = self.money_groups.get();
                self.money_groups.set(n + 1);
                Ok(if n == 0 {
                    r"(?P<money>⟨[0-9]+:MONEY⟩)".into()
                } else {
                    format!(r"(?P<money{n}>⟨[0-9]+:MONEY⟩)")
                })
            }
            "NUM" => Ok(r"(?P<num>⟨[0-9]+:NUM⟩)".into()),
            "DATE" => Ok(r"⟨[0-9]+:DATE⟩".into()),
            "E" => Ok(format!(r"⟨[0-9]+:{}⟩(?:'s)?", types(arg)?)),
            "POSS" => Ok("(?:'s|')".into()),
            // A gap never starts with an apostrophe: "X's model development using Y"
            // must not read as "X ... using Y".
            "GAP" => Ok(format!(
                r"(?:(?:[^⟨⟩'’]|⟨[0-9]+:(?:DATE|ITEM)⟩)(?:[^⟨⟩]|⟨[0-9]+:(?:DATE|ITEM)⟩){{0,{}}}?)??",
                number(arg, m)?
            )),
            "CGAP" => Ok(format!(
                r"(?:(?:[^⟨⟩,;:'’]|⟨[0-9]+:(?:DATE|ITEM)⟩)(?:[^⟨⟩,;:]|⟨[0-9]+:(?:DATE|ITEM)⟩){{0,{}}}?)??",
                number(arg, m)?
            )),
            // A clause gap that may also hold unknown names and dates: titles and
            // fields between a person and the organization ("a Professor of
            // Theoretical Physics at").
            "UGAP" => Ok(format!(
                r"(?:(?:[^⟨⟩,;:'’]|⟨[0-9]+:(?:DATE|UNK)⟩)(?:[^⟨⟩,;:]|⟨[0-9]+:(?:DATE|UNK)⟩){{0,{}}}?)??",
                number(arg, m)?
            )),
            "ANY" => Ok(format!("(?:[^⟨⟩]|{MARKER}){{0,{}}}?", number(arg, m)?)),
            "ROLE" => {
                let mut terms: Vec<&str> =
                    self.cues.roles.iter().map(|r| r.term.as_str()).collect();
                terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
                let mut roles = terms
                    .iter()
                    .map(|t| regex::escape(t))
                    .collect::<Vec<_>>()
                    .join("|");
                // Compound titles by their head ("Parteichef"): see `Cues::compound_role`.
                if !self.cues.compound_roles.is_empty() {
                    let heads = self
                        .cues
                        .compound_roles
                        .iter()
                        .map(|r| regex::escape(&r.term))
                        .collect::<Vec<_>>()
                        .join("|");
                    roles = format!(r"\p{{Lu}}\p{{Ll}}{{2,}}(?:{heads})|{roles}");
                }
                let former = self
                    .cues
                    .former
                    .iter()
                    .map(|f| {
                        if f.ends_with('-') {
                            regex::escape(f)
                        } else {
                            format!("{} ", regex::escape(f))
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("|");
                // Inflected and plural forms: "Geschäftsführern", "Direktors", "CEOs".
                // "founding CEO", "founding member": the role and the founding.
                let one = format!(r"(?:(?:{former}))?(?:founding )?(?:{roles})(?:n|en|s|es)?\b");
                Ok(format!(
                    "(?P<role>{one}(?:(?:,? (?:and|und|&|sowie) |, ){one})*)"
                ))
            }
            _ if name.starts_with('@') => {
                let words = self
                    .lists
                    .get(&name[1..])
                    .ok_or_else(|| format!("unknown list `{name}`"))?;
                let mut words: Vec<&String> = words.iter().collect();
                words.sort_by_key(|w| std::cmp::Reverse(w.len()));
                Ok(format!(
                    "(?:{})",
                    words
                        .iter()
                        .map(|w| regex::escape(w))
                        .collect::<Vec<_>>()
                        .join("|")
                ))
            }
            _ => Err(format!("unknown macro {{{m}}}")),
        }
    }
}

fn number(arg: Option<&str>, m: &str) -> Result<usize, String> {
    arg.and_then(|a| a.parse().ok())
        .ok_or_else(|| format!("{{{m}}} needs a length, e.g. {{GAP:30}}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str) -> Result<RuleSet, RuleError> {
        RuleSet::parse("test.toml", text, &Cues::load(Language::English))
    }

    #[test]
    fn builtin_rules_compile() {
        for lang in [Language::English, Language::German] {
            let cues = Cues::load(lang);
            let rules = RuleSet::load(lang, &cues);
            assert!(
                rules.rules.len() >= 13,
                "{lang}: {} rules",
                rules.rules.len()
            );
            // Patterns compile on first use; every built-in one must compile.
            for r in &rules.rules {
                r.regex.get();
                if let Some(u) = &r.unless {
                    u.get();
                }
            }
            for t in &rules.type_rules {
                t.regex.get();
            }
        }
    }

    /// The prefilter only pays when most rules need a word: rules that run on
    /// every sentence are named here so that a new one is a choice, not an accident.
    #[test]
    fn most_builtin_rules_need_a_word() {
        for lang in [Language::English, Language::German] {
            let cues = Cues::load(lang);
            let rules = RuleSet::load(lang, &cues);
            let always: Vec<&str> = (0..rules.rules.len())
                .filter(|&i| rules.prefilter.candidates("")[i])
                .map(|i| rules.rules[i].head.id.as_str())
                .collect();
            eprintln!(
                "{lang}: {} of {} always run: {always:?}",
                always.len(),
                rules.rules.len()
            );
            assert!(always.len() * 10 <= rules.rules.len(), "{lang}: {always:?}");
        }
    }

    #[test]
    fn macros_expand_to_typed_slots() {
        let r = set(r#"
            coordinators = ["and"]
            [lists]
            verbs = ["invested", "put"]
            [[rule]]
            id = "t.1"
            relation = "investsIn"
            pattern = "{S+:ORG} {@verbs} {MONEY} in {O:ORG}"
        "#)
        .unwrap();
        let re = r.rules[0].regex.get();
        let c = re
            .captures("⟨1:ORG⟩, ⟨2:UNK⟩ and ⟨3:ORG⟩ invested ⟨4:MONEY⟩ in ⟨5:ORG⟩.")
            .unwrap();
        assert_eq!(&c["s"], "⟨1:ORG⟩, ⟨2:UNK⟩ and ⟨3:ORG⟩");
        assert_eq!(&c["o"], "⟨5:ORG⟩");
        assert_eq!(&c["money"], "⟨4:MONEY⟩");
        // The object after a possessive modifier is the head: "in Google's DeepMind".
        let c = re
            .captures("⟨1:ORG⟩ put ⟨4:MONEY⟩ in ⟨5:ORG⟩'s ⟨6:ORG⟩")
            .unwrap();
        assert_eq!(&c["o"], "⟨6:ORG⟩");
        assert!(!re.is_match("⟨1:PER⟩ put ⟨4:MONEY⟩ in ⟨5:PLACE⟩"));
    }

    #[test]
    fn a_strict_slot_takes_no_unknown_name() {
        let r = set(r#"
            [[rule]]
            id = "t.strict"
            relation = "locatedIn"
            pattern = "{S:EVENT!} in {O:PLACE}"
        "#)
        .unwrap();
        let re = r.rules[0].regex.get();
        assert!(re.is_match("⟨1:EVENT⟩ in ⟨2:PLACE⟩"));
        // The object slot still takes an unknown name; the strict subject does not.
        assert!(re.is_match("⟨1:EVENT⟩ in ⟨2:UNK⟩"));
        assert!(!re.is_match("⟨1:UNK⟩ in ⟨2:PLACE⟩"));
    }

    #[test]
    fn role_macro_takes_lists_of_roles() {
        let r = set(r#"
            [[rule]]
            id = "t.role"
            relation = "role"
            pattern = "{S:PER}, the {ROLE} of {O:ORG}"
        "#)
        .unwrap();
        let c = r.rules[0]
            .regex
            .get()
            .captures("⟨0:PER⟩, the co-founder and former CEO of ⟨1:ORG⟩")
            .unwrap();
        assert_eq!(&c["role"], "co-founder and former CEO");
    }

    #[test]
    fn malformed_rules_are_named() {
        let e =
            set("[[rule]]\nid = \"x.1\"\nrelation = \"owns\"\npattern = \"{S:ORG} owns {O:ORG}\"")
                .err()
                .unwrap();
        assert_eq!(
            e.to_string(),
            "test.toml: rule x.1: unknown relation `owns`"
        );
        let e = set(
            "[[rule]]\nid = \"x.2\"\nrelation = \"uses\"\npattern = \"{S:ORG} uses {O:THING}\"",
        )
        .err()
        .unwrap();
        assert_eq!(
            e.to_string(),
            "test.toml: rule x.2: unknown type `THING` in {O:THING}"
        );
        let e = set("[[rule]]\nid = \"x.3\"\nrelation = \"uses\"\npattern = \"{S:ORG} uses it\"")
            .err()
            .unwrap();
        assert!(e.to_string().contains("needs a subject"));
    }
}

#[cfg(test)]
mod each_other {
    use super::{ImplicitObject, RuleHead};

    #[test]
    fn only_symmetric_relations_hold_among_a_list() {
        let head = |relation: &str| {
            RuleHead::parse("t".into(), relation, Some("each_other"), 0.7, false, vec![])
        };
        assert_eq!(
            head("partnersWith").unwrap().implicit_object,
            Some(ImplicitObject::EachOther)
        );
        let err = head("investsIn").unwrap_err();
        assert!(
            err.contains("symmetric") && err.contains("investsIn"),
            "{err}"
        );
        assert!(head("role").is_err());
    }
}

#[cfg(test)]
mod automaton_size {
    use super::RuleSet;
    use crate::extract::cues::Cues;
    use crate::model::Language;

    /// The forward automata of every regex rule of a language, in bytes.
    fn nfa_bytes(language: Language) -> usize {
        let cues = Cues::load(language);
        let set = RuleSet::load(language, &cues);
        let sources = set
            .rules
            .iter()
            .flat_map(|r| std::iter::once(&r.regex).chain(r.unless.as_ref()))
            .chain(set.type_rules.iter().map(|t| &t.regex));
        sources
            .map(|r| {
                regex_automata::nfa::thompson::NFA::compiler()
                    .syntax(regex_automata::util::syntax::Config::new().case_insensitive(true))
                    .build(r.as_str())
                    .expect("the rules compile")
                    .memory_usage()
            })
            .sum()
    }

    /// The compiled rules are a large part of a build's memory (each regex
    /// keeps a forward and a reverse automaton, and per-thread caches sized by
    /// them). A Unicode class repeated in a gap multiplies a rule's size:
    /// `\d` inside `{0,150}` was 40 % of them, where mention numbers are ASCII
    /// (`⟨[0-9]+:ORG⟩`). Measured 24 MB (English) and 12 MB (German).
    #[test]
    fn rule_automata_stay_small() {
        for (language, limit) in [
            (Language::English, 30_000_000),
            (Language::German, 16_000_000),
        ] {
            let bytes = nfa_bytes(language);
            assert!(
                bytes < limit,
                "{language:?} rule automata take {bytes} bytes (limit {limit}): look for Unicode classes (\\d, \\w) repeated in a gap"
            );
        }
    }
}
