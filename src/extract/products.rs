//! Product phrases: the common-noun phrases that name what a company makes, sells
//! or provides ("a leading manufacturer of compressed wood pellets", "Tripp Lite
//! offers cable managers, rack enclosures and patch panels", "We specialize in
//! heavy transport"), and model codes after a brand ("Canon 600D").
//!
//! Names are found by how they are written; a product named with ordinary words
//! is found only by where it stands, so that "cars" becomes a product after
//! "Toyota makes" and stays a word anywhere else:
//!
//! ```text
//! masked sentence (names are markers) ─► tokens
//!   ─► product positions: a product verb with an agent before it in its clause,
//!      "provider of", "pellet production", "Technavio's reports",
//!      "a new tool from Google", a model code right after an organization
//!   ─► lead-ins skipped ("a range of", "products such as", "its new")
//!   ─► noun phrase chunked: it ends at stop words (prepositions, verbs,
//!      pronouns), punctuation and markers other than unknown names
//!   ─► coordinations split ("A, B and C"; a comma list only when a
//!      conjunction closes it)
//!   ─► byte spans in the masked sentence
//! ```
//!
//! [`super::mentions`] maps the spans back to the text and adds them as product
//! mentions, which absorb the unknown names inside them ("switched PDUs");
//! relation rules (`data/rules/<lang>.toml`) then say whose products they are.
//! The word lists live in `data/extract/products.<lang>.toml` (English and
//! German; German separable verbs count only with their particle, "stellt
//! Sensoren her"); a language without such a file has no product phrases.
//! [`Products::brand_split`] also tells where a maker's name ends inside a
//! product name ("Volvo XC90"), and [`Products::is_headline_verb`] which
//! capitalized verbs end a name in a title-case headline.

use crate::model::Language;
use regex::Regex;
use rustc_hash::FxHashSet;
use serde::Deserialize;
use std::sync::LazyLock;

const EN: &str = include_str!("../../data/extract/products.en.toml");
const DE: &str = include_str!("../../data/extract/products.de.toml");

/// The data files of this module, for the extractor's fingerprint.
pub const DATA: &[&str] = &[EN, DE];

#[derive(Deserialize)]
struct ProductFile {
    verbs: Vec<String>,
    not_yet: Vec<String>,
    firsts: Vec<String>,
    #[serde(default)]
    not_before: Vec<String>,
    #[serde(default)]
    production_verbs: Vec<String>,
    agents: Vec<String>,
    of_nouns: Vec<String>,
    #[serde(default)]
    for_nouns: Vec<String>,
    #[serde(default)]
    by_verbs: Vec<String>,
    #[serde(default)]
    before_nouns: Vec<String>,
    lead_ins: Vec<String>,
    product_heads: Vec<String>,
    stop_words: Vec<String>,
    non_products: Vec<String>,
    #[serde(default)]
    not_brands: Vec<String>,
    #[serde(default)]
    headline_verbs: Vec<String>,
    #[serde(default = "english_of")]
    of_words: Vec<String>,
    #[serde(default = "english_conjunctions")]
    conjunctions: Vec<String>,
    #[serde(default = "english_clause_starts")]
    clause_starts: Vec<String>,
    #[serde(default = "english_to")]
    to_words: Vec<String>,
    #[serde(default)]
    particles: rustc_hash::FxHashMap<String, String>,
}

fn english_clause_starts() -> Vec<String> {
    ["a", "an", "the", "its", "their", "his", "her"]
        .map(String::from)
        .to_vec()
}

fn english_to() -> Vec<String> {
    vec!["to".into()]
}

fn english_of() -> Vec<String> {
    vec!["of".into()]
}

fn english_conjunctions() -> Vec<String> {
    vec!["and".into(), "or".into()]
}

/// The product-phrase word lists of one language, lower-cased.
#[derive(Default)]
pub struct Products {
    /// Word sequences ("specializes in" is two words).
    verbs: Vec<Vec<String>>,
    /// Words before a verb that make it no statement of fact ("to", "could").
    not_yet: FxHashSet<String>,
    /// Words that make "to" before a verb a fact after all ("the first platform to offer X").
    firsts: FxHashSet<String>,
    /// Words before a maker noun that are no product ("main", "one").
    not_before: FxHashSet<String>,
    /// Verbs before "X production" that make X a product ("begins pellet production").
    production_verbs: FxHashSet<String>,
    agents: FxHashSet<String>,
    of_nouns: FxHashSet<String>,
    /// Nouns naming a seller by what it sells, followed by "for" ("an online store for cameras").
    for_nouns: FxHashSet<String>,
    /// Participles before "by `<company>`" whose phrase before is a product ("solutions provided by").
    by_verbs: FxHashSet<String>,
    before_nouns: FxHashSet<String>,
    lead_ins: Vec<Vec<String>>,
    product_heads: FxHashSet<String>,
    stop_words: FxHashSet<String>,
    non_products: FxHashSet<String>,
    /// Capitalized words before a code that name no maker ("Flight MH17", "Room 4B").
    not_brands: FxHashSet<String>,
    /// Product verbs that a title-case headline capitalizes ("CamerasDirect Launches X").
    headline_verbs: FxHashSet<String>,
    /// The preposition after a maker noun ("maker of", "Hersteller von").
    of_words: FxHashSet<String>,
    /// Words that join the items of a list ("and", "or"; "und", "oder").
    conjunctions: FxHashSet<String>,
    /// Words right after a phrase that begin a new one: the phrase was a recipient
    /// ("offers customers a discount").
    clause_starts: FxHashSet<String>,
    /// The preposition before a customer ("supplies chips to Apple", "an Lufthansa").
    to_words: FxHashSet<String>,
    /// Separable verbs and the particle that must close their clause ("stellt … her").
    particles: rustc_hash::FxHashMap<String, String>,
}

/// Longest noun phrase, in words.
const MAX_WORDS: usize = 6;

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// A mention marker with its tag; `possessive` when `'s` follows it.
    Marker {
        tag: String,
        possessive: bool,
    },
    /// A word, lower-cased.
    Word(String),
    Punct(char),
}

#[derive(Debug, Clone)]
struct Token {
    start: usize,
    end: usize,
    kind: Kind,
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"⟨[0-9]+:[A-Z]+⟩(?:'s)?|[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’]s\b)?(?:[-/&+.][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*|\S",
    )
    .expect("token regex")
});

/// The tokens of a masked sentence. Found with `find_iter`, which needs no
/// capture groups and so runs far faster than `captures_iter`; a marker is told
/// by its shape ("⟨3:ORG⟩", maybe with "'s"), as only the marker alternative
/// matches more than one character from "⟨".
fn tokens(masked: &str) -> Vec<Token> {
    TOKEN
        .find_iter(masked)
        .map(|m| {
            let text = m.as_str();
            let marker = text
                .strip_prefix('⟨')
                .filter(|rest| !rest.is_empty())
                .and_then(|rest| {
                    let (inside, after) = rest.split_once('⟩')?;
                    let (_, tag) = inside.split_once(':')?;
                    Some(Kind::Marker {
                        tag: tag.to_string(),
                        possessive: after == "'s",
                    })
                });
            let kind = match marker {
                Some(kind) => kind,
                None if text.starts_with(|ch: char| ch.is_alphanumeric()) => {
                    Kind::Word(text.to_lowercase())
                }
                None => Kind::Punct(text.chars().next().unwrap_or(' ')),
            };
            Token {
                start: m.start(),
                end: m.end(),
                kind,
            }
        })
        .collect()
}

fn lower_set(words: Vec<String>) -> FxHashSet<String> {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

fn sequences(phrases: Vec<String>) -> Vec<Vec<String>> {
    phrases
        .into_iter()
        .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
        .collect()
}

/// How the next conjunct of a list is joined to the one before.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Join {
    First,
    Comma,
    Conjunction,
}

impl Products {
    /// The lists of `language`; empty for a language without a product file.
    pub fn load(language: Language) -> Products {
        match language {
            Language::English => Products::parse(EN, "data/extract/products.en.toml"),
            Language::German => Products::parse(DE, "data/extract/products.de.toml"),
            _ => Products::default(),
        }
    }

    fn parse(text: &str, file: &str) -> Products {
        let f: ProductFile =
            toml::from_str(text).unwrap_or_else(|e| panic!("{file} is not valid: {e}"));
        Products {
            verbs: sequences(f.verbs),
            not_yet: lower_set(f.not_yet),
            firsts: lower_set(f.firsts),
            not_before: lower_set(f.not_before),
            production_verbs: lower_set(f.production_verbs),
            agents: lower_set(f.agents),
            of_nouns: lower_set(f.of_nouns),
            for_nouns: lower_set(f.for_nouns),
            by_verbs: lower_set(f.by_verbs),
            before_nouns: lower_set(f.before_nouns),
            lead_ins: sequences(f.lead_ins),
            product_heads: lower_set(f.product_heads),
            stop_words: lower_set(f.stop_words),
            non_products: lower_set(f.non_products),
            not_brands: lower_set(f.not_brands),
            headline_verbs: lower_set(f.headline_verbs),
            of_words: lower_set(f.of_words),
            conjunctions: lower_set(f.conjunctions),
            clause_starts: lower_set(f.clause_starts),
            to_words: lower_set(f.to_words),
            particles: f
                .particles
                .into_iter()
                .map(|(v, p)| (v.to_lowercase(), p.to_lowercase()))
                .collect(),
        }
    }

    /// Whether the language has no product phrases.
    pub fn is_empty(&self) -> bool {
        self.verbs.is_empty()
    }

    /// Byte spans of product phrases in a masked sentence, in text order, without
    /// repeats. A phrase that is one unknown name alone is left to the name.
    pub fn find(&self, masked: &str) -> Vec<(usize, usize)> {
        if self.verbs.is_empty() {
            return Vec::new();
        }
        let toks = tokens(masked);
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for i in 0..toks.len() {
            if let Some(n) = self.verb_at(&toks, i) {
                if self.has_agent(&toks, i) && self.particle_closes(&toks, i) {
                    spans.extend(self.forward(&toks, self.after_verbs(&toks, i + n), false));
                }
            }
            match &toks[i].kind {
                Kind::Word(w)
                    if self.of_nouns.contains(w)
                        && toks.get(i + 1).is_some_and(
                            |t| matches!(&t.kind, Kind::Word(o) if self.of_words.contains(o)),
                        ) =>
                {
                    spans.extend(self.forward(&toks, i + 2, false));
                }
                Kind::Word(w) if self.for_nouns.contains(w) && word_is(&toks, i + 1, "for") => {
                    spans.extend(self.forward(&toks, i + 2, false));
                }
                Kind::Word(w)
                    if self.by_verbs.contains(w)
                        && word_is(&toks, i + 1, "by")
                        && (is_marker(&toks, i + 2, "ORG") || is_marker(&toks, i + 2, "UNK")) =>
                {
                    spans.extend(self.backward(&toks, i, true));
                }
                Kind::Word(w) if self.before_nouns.contains(w) => {
                    spans.extend(self.word_before(masked, &toks, i));
                }
                Kind::Word(w)
                    if w == "from"
                        && is_marker(&toks, i + 1, "ORG")
                        && !word_is(&toks, i + 2, "to") =>
                {
                    spans.extend(self.backward(&toks, i, false));
                }
                Kind::Marker { tag, possessive } if tag == "ORG" && !*possessive => {
                    spans.extend(model_code(&toks, i + 1));
                }
                _ => {}
            }
        }
        spans.sort_unstable();
        spans.dedup();
        // Overlapping finds: the first (longest at a start) wins.
        let mut out: Vec<(usize, usize)> = Vec::new();
        for s in spans {
            if out.last().is_none_or(|l| l.1 <= s.0) {
                out.push(s);
            }
        }
        out
    }

    /// Whether the particle a separable verb at `i` needs closes its clause
    /// ("stellt Sensoren her", not "stellt Mitarbeiter ein").
    fn particle_closes(&self, toks: &[Token], i: usize) -> bool {
        let Kind::Word(verb) = &toks[i].kind else {
            return true;
        };
        let Some(particle) = self.particles.get(verb) else {
            return true;
        };
        toks[i + 1..]
            .iter()
            .take_while(|t| !matches!(t.kind, Kind::Punct(_)))
            .any(|t| matches!(&t.kind, Kind::Word(w) if w == particle))
    }

    /// Whether token `i` is a conjunction ("and", "und").
    fn is_conjunction(&self, toks: &[Token], i: usize) -> bool {
        toks.get(i)
            .is_some_and(|t| matches!(&t.kind, Kind::Word(w) if self.conjunctions.contains(w)))
    }

    /// The number of tokens of a product verb starting at `i`.
    fn verb_at(&self, toks: &[Token], i: usize) -> Option<usize> {
        self.verbs
            .iter()
            .filter(|v| (0..v.len()).all(|k| word_is(toks, i + k, &v[k])))
            .map(Vec::len)
            .max()
    }

    /// The token after a coordination of product verbs that starts at `i`
    /// ("designs, manufactures, and markets X"), else `i`.
    fn after_verbs(&self, toks: &[Token], i: usize) -> usize {
        let mut j = i;
        loop {
            let mut k = j;
            while toks.get(k).is_some_and(|t| {
                t.kind == Kind::Punct(',')
                    || matches!(&t.kind, Kind::Word(w) if self.conjunctions.contains(w))
            }) {
                k += 1;
            }
            match (k > j).then(|| self.verb_at(toks, k)).flatten() {
                Some(n) => j = k + n,
                None => return j,
            }
        }
    }

    /// Whether the clause before token `i` has a name or an agent word, and the
    /// verb states a fact.
    fn has_agent(&self, toks: &[Token], i: usize) -> bool {
        // "plans to develop X", "can develop X": an intention, not a product.
        // But "the first platform of its kind to offer X" states that it does.
        let first = || {
            toks[..i]
                .iter()
                .rev()
                .take_while(|t| !matches!(t.kind, Kind::Punct(_)))
                .any(|t| matches!(&t.kind, Kind::Word(w) if self.firsts.contains(w)))
        };
        if i > 0
            && matches!(&toks[i - 1].kind, Kind::Word(w) if self.not_yet.contains(w)
                && !(w == "to" && first()))
        {
            return false;
        }
        for t in toks[..i].iter().rev() {
            match &t.kind {
                Kind::Marker { tag, .. } if matches!(tag.as_str(), "ORG" | "UNK" | "PER") => {
                    return true
                }
                Kind::Word(w) if self.agents.contains(w) => return true,
                Kind::Punct(_) => return false,
                _ => {}
            }
        }
        false
    }

    /// Skips lead-ins ("a range of", "its new") from token `i`.
    fn skip_lead_ins(&self, toks: &[Token], mut i: usize) -> usize {
        loop {
            let step = self
                .lead_ins
                .iter()
                .filter(|l| (0..l.len()).all(|k| word_is(toks, i + k, &l[k])))
                .map(Vec::len)
                .max();
            match step {
                Some(n) => i += n,
                None => return i,
            }
        }
    }

    /// One conjunct from token `i`: its first and last token and the index after it.
    fn conjunct(&self, toks: &[Token], i: usize) -> Option<(usize, usize, usize)> {
        let mut first = None;
        let mut last = None;
        let mut words = 0;
        let mut k = i;
        while let Some(t) = toks.get(k) {
            match &t.kind {
                Kind::Word(w) => {
                    if self.stop_words.contains(w) || self.conjunctions.contains(w) {
                        break;
                    }
                    if w.len() > 4 && w.ends_with("ly") {
                        if first.is_some() {
                            break;
                        }
                        // An adverb before the phrase: "sustainably sourced pellets".
                        k += 1;
                        continue;
                    }
                }
                Kind::Marker { tag, possessive } if tag == "UNK" && !possessive => {}
                _ => break,
            }
            words += 1;
            if words > MAX_WORDS {
                return None;
            }
            first.get_or_insert(k);
            last = Some(k);
            k += 1;
        }
        let first = first?;
        let mut last = last?;
        // An -ing word after the first and before the last begins a reduced clause:
        // "snacks containing Hoodia extract" (but "power monitoring" ends with it).
        if let Some(cut) = (first + 1..last)
            .find(|&k| matches!(&toks[k].kind, Kind::Word(w) if w.len() > 4 && w.ends_with("ing")))
        {
            last = cut - 1;
        }
        // A participle at the end begins a reduced clause: "cameras aimed at".
        while last >= first && matches!(&toks[last].kind, Kind::Word(w) if w.ends_with("ed")) {
            if last == first {
                return None;
            }
            last -= 1;
        }
        if toks[first..=last]
            .iter()
            .all(|t| matches!(&t.kind, Kind::Word(w) if w.chars().all(|c| !c.is_alphabetic())))
        {
            return None;
        }
        Some((first, last, k))
    }

    /// Whether a conjunct's head names no product.
    fn bad_head(&self, toks: &[Token], last: usize, need_head: bool) -> bool {
        match &toks[last].kind {
            Kind::Word(w) => {
                self.non_products.contains(w)
                    || (need_head
                        && !self.product_heads.contains(w)
                        && !toks[..last].last().is_some_and(|p| match &p.kind {
                            Kind::Word(q) => self.product_heads.contains(&format!("{q} {w}")),
                            _ => false,
                        }))
            }
            _ => need_head,
        }
    }

    /// The noun phrases from token `i` on, a list split at its conjunctions.
    /// `need_head`: each conjunct's head must be a product noun (after a possessive).
    fn forward(&self, toks: &[Token], i: usize, need_head: bool) -> Vec<(usize, usize)> {
        let mut items: Vec<(usize, usize, Join)> = Vec::new();
        let mut join = Join::First;
        let mut i = i;
        loop {
            let start = self.skip_lead_ins(toks, i);
            let Some((first, last, next)) = self.conjunct(toks, start) else {
                break;
            };
            if self.bad_head(toks, last, need_head) {
                break;
            }
            let follower = toks.get(next);
            let clause_follows = follower.is_some_and(|t| match &t.kind {
                Kind::Word(w) => self.clause_starts.contains(w),
                Kind::Marker { tag, .. } => tag != "UNK",
                Kind::Punct(_) => false,
            });
            if clause_follows {
                // "offers customers a discount", "sells cars and employs ⟨NUM⟩".
                if join == Join::First {
                    return Vec::new();
                }
                break;
            }
            if join == Join::First && word_is(toks, next, "with") {
                // "provides companies with X": the first phrase is a recipient.
                return Vec::new();
            }
            items.push((first, last, join));
            // What joins the next conjunct.
            if self.is_conjunction(toks, next) || word_is(toks, next, "&") {
                join = Join::Conjunction;
                i = next + 1;
            } else if ["as", "well", "as"]
                .iter()
                .enumerate()
                .all(|(k, w)| word_is(toks, next + k, w))
            {
                join = Join::Conjunction;
                i = next + 3;
            } else if toks.get(next).is_some_and(|t| t.kind == Kind::Punct(',')) {
                if self.is_conjunction(toks, next + 1) {
                    join = Join::Conjunction;
                    i = next + 2;
                } else {
                    join = Join::Comma;
                    i = next + 1;
                }
            } else {
                break;
            }
        }
        // "supplies chips to Apple": what is supplied to a named customer is the
        // supplier relation's, not a product line.
        if let Some(&(_, l, _)) = items.last() {
            let to = toks
                .get(l + 1)
                .is_some_and(|t| matches!(&t.kind, Kind::Word(w) if self.to_words.contains(w)));
            if to && is_marker(toks, l + 2, "ORG") {
                return Vec::new();
            }
        }
        // A comma list counts only as far as a conjunction closes it.
        let closed = items
            .iter()
            .rposition(|&(_, _, j)| j == Join::Conjunction)
            .unwrap_or(0);
        items
            .into_iter()
            .take(closed + 1)
            .filter(|&(f, l, _)| !(f == l && matches!(toks[f].kind, Kind::Marker { .. })))
            .map(|(f, l, _)| (toks[f].start, toks[l].end))
            .collect()
    }

    /// The one word right before a maker noun or "production" ("pellet production",
    /// "power supplier"), unless it is a stop word, a lead-in or an adjective.
    fn word_before(&self, masked: &str, toks: &[Token], i: usize) -> Option<(usize, usize)> {
        let p = i.checked_sub(1)?;
        let Kind::Word(w) = &toks[p].kind else {
            return None;
        };
        // "begins pellet production", but not "its main production arm" (the cue
        // is a modifier) or "BP put production at" (a verb before it).
        if matches!(&toks[i].kind, Kind::Word(c) if c == "production") {
            let modifier = toks.get(i + 1).is_some_and(|t| match &t.kind {
                Kind::Word(n) => !self.stop_words.contains(n) && !self.conjunctions.contains(n),
                Kind::Marker { .. } => true,
                Kind::Punct(_) => false,
            });
            let started = p > 0
                && matches!(&toks[p - 1].kind, Kind::Word(v) if self.production_verbs.contains(v));
            if modifier || !started {
                return None;
            }
        }
        // Lower case only: "Japanese manufacturer Sharp" names a country.
        if !masked[toks[p].start..].starts_with(char::is_lowercase) || self.not_before.contains(w) {
            return None;
        }
        let lead_in = self.lead_ins.iter().any(|l| l.len() == 1 && &l[0] == w);
        let adjective = ["est", "ing", "al", "ly", "ed", "ive", "ous", "ful"]
            .iter()
            .any(|e| w.ends_with(e));
        // Hyphenated words before a maker noun are adjectives ("a pure-play vendor").
        let letters = w.chars().all(char::is_alphabetic);
        (!self.stop_words.contains(w)
            && !self.conjunctions.contains(w)
            && !lead_in
            && !adjective
            && letters
            && !self.non_products.contains(w)
            && !w.ends_with("'s")
            && !w.ends_with("’s"))
        .then(|| (toks[p].start, toks[p].end))
    }

    /// The phrase ending right before token `i` ("a new tool" before "from
    /// Google"), when its head is a product noun.
    /// `named_before_fails`: a name right before the phrase is the product itself.
    fn backward(
        &self,
        toks: &[Token],
        i: usize,
        named_before_fails: bool,
    ) -> Option<(usize, usize)> {
        let last = i.checked_sub(1)?;
        let Kind::Word(head) = &toks[last].kind else {
            return None;
        };
        if !self.product_heads.contains(head) {
            return None;
        }
        let mut first = last;
        while first > 0 && last - first < 2 {
            let Kind::Word(w) = &toks[first - 1].kind else {
                break;
            };
            let lead_in = self.lead_ins.iter().any(|l| l.len() == 1 && &l[0] == w);
            if self.stop_words.contains(w) || lead_in || self.conjunctions.contains(w) {
                break;
            }
            first -= 1;
        }
        // "the Pixel phones made by Google": the name is the product.
        if named_before_fails
            && first > 0
            && matches!(
                toks[first - 1].kind,
                Kind::Marker {
                    possessive: false,
                    ..
                }
            )
        {
            return None;
        }
        Some((toks[first].start, toks[last].end))
    }
}

impl Products {
    /// Whether the words after a name describe it as a maker ("is a recognised
    /// supplier of …", "is one of the leading providers of …"): the name is then
    /// an organization, even as the first word of a sentence ("Otera is …").
    pub fn describes_maker(&self, after: &str) -> bool {
        if self.not_brands.is_empty() {
            return false;
        }
        let lower = after.to_lowercase();
        let Some(rest) = [" is a ", " is an ", " is the ", " is one of the "]
            .iter()
            .find_map(|p| lower.strip_prefix(p))
        else {
            return false;
        };
        let words: Vec<&str> = rest
            .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '’' && c != '\'')
            .filter(|w| !w.is_empty())
            .take(6)
            .collect();
        words
            .windows(2)
            .any(|p| self.of_nouns.contains(p[0]) && self.of_words.contains(p[1]))
    }

    /// Whether a capitalized word is a product verb of a title-case headline ("Launches").
    pub fn is_headline_verb(&self, word: &str) -> bool {
        self.headline_verbs.contains(&word.to_lowercase())
    }

    /// Whether a capitalized word after a name names no product of it ("IPO", "GDP").
    pub fn not_product(&self, word: &str) -> bool {
        let w = word.to_lowercase();
        self.non_products.contains(&w) || self.not_brands.contains(&w)
    }

    /// Where the product begins in a name that starts with its maker's name
    /// ("Volvo XC90", "Eaton ePDU G3", "Mercury CyberPix S-555V", "Eaton PDU",
    /// "Iodine API"): the byte offset of the second word, when the first is a
    /// plain capitalized word and a model code follows it (letters and digits
    /// within its first two words, not a word with a digit in it such as
    /// "Freedom2surf"), or one product acronym of three or more capitals (a plural
    /// too) after a word in lower case ("Cayenne SUV" reads the same way, so the
    /// caller skips names after "its"). `blocked` says which words name no
    /// product or no maker ("PLC", "CEO").
    /// A language without `not_brands` splits no names ("das Galaxy S24").
    pub fn brand_split(&self, surface: &str, blocked: impl Fn(&str) -> bool) -> Option<usize> {
        if self.not_brands.is_empty() {
            return None;
        }
        let (brand, rest) = surface.split_once(' ')?;
        let letters = brand.chars().count() >= 2 && brand.chars().all(char::is_alphabetic);
        if !letters
            || !brand.starts_with(char::is_uppercase)
            || is_model_name(brand)
            || blocked(brand)
            || self.not_brands.contains(&brand.to_lowercase())
        {
            return None;
        }
        let words: Vec<&str> = rest.split(' ').collect();
        let acronym = |w: &str| {
            let stem = w.strip_suffix('s').unwrap_or(w);
            stem.chars().count() >= 3
                && stem.chars().all(|c| c.is_ascii_uppercase())
                && !blocked(w)
                && !blocked(stem)
        };
        let mixed_case = brand.chars().any(char::is_lowercase);
        let product = words.iter().take(2).any(|w| is_model_code(w))
            || (words.len() == 1 && mixed_case && acronym(words[0]));
        product.then_some(brand.len() + 1)
    }
}

/// A model code: letters and digits, without a run of four lower-case letters
/// ("XC90", "S-555V", "G3", "CS3", but not "Freedom2surf" or "2.0").
fn is_model_code(word: &str) -> bool {
    let mut run = 0;
    let mut longest = 0;
    for c in word.chars() {
        run = if c.is_lowercase() { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    word.chars().any(char::is_alphabetic) && word.chars().any(|c| c.is_ascii_digit()) && longest < 4
}

/// Whether an unknown name right after a brand reads as a model name: it has a
/// digit or a capital inside a word ("LandCruiser 200 Series VX", "PowerShot"),
/// as "Global Markets" or "Plaza" have not.
pub fn is_model_name(surface: &str) -> bool {
    surface.split_whitespace().any(|w| {
        let chars: Vec<char> = w.chars().collect();
        chars.iter().any(char::is_ascii_digit)
            || chars
                .windows(2)
                .any(|p| p[0].is_lowercase() && p[1].is_uppercase())
    })
}

/// A model code right after a brand ("Canon 600D", "Nikon D800 HS"): a word
/// with letters and digits, and the codes that follow it.
fn model_code(toks: &[Token], i: usize) -> Option<(usize, usize)> {
    let code = |k: usize| {
        toks.get(k).is_some_and(|t| match &t.kind {
            Kind::Word(w) => {
                w.chars().any(|c| c.is_ascii_digit()) && w.chars().any(|c| c.is_alphabetic())
            }
            _ => false,
        })
    };
    // Right after the marker, one space apart.
    if !code(i) || toks[i].start != toks[i - 1].end + 1 {
        return None;
    }
    let mut last = i;
    while code(last + 1) && toks[last + 1].start == toks[last].end + 1 {
        last += 1;
    }
    Some((toks[i].start, toks[last].end))
}

fn word_is(toks: &[Token], i: usize, word: &str) -> bool {
    toks.get(i)
        .is_some_and(|t| matches!(&t.kind, Kind::Word(w) if w == word))
}

fn is_marker(toks: &[Token], i: usize, wanted: &str) -> bool {
    toks.get(i)
        .is_some_and(|t| matches!(&t.kind, Kind::Marker { tag, .. } if tag == wanted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_tell_markers_words_and_punctuation() {
        let t = tokens("⟨3:ORG⟩'s wood-pellet plant, ⟨4:PROD⟩ ⟨x");
        let kinds: Vec<String> = t
            .iter()
            .map(|t| match &t.kind {
                Kind::Marker { tag, possessive } => format!("M:{tag}:{possessive}"),
                Kind::Word(w) => format!("W:{w}"),
                Kind::Punct(c) => format!("P:{c}"),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "M:ORG:true",
                "W:wood-pellet",
                "W:plant",
                "P:,",
                "M:PROD:false",
                "P:⟨",
                "W:x"
            ]
        );
        assert_eq!((t[0].start, t[0].end), (0, "⟨3:ORG⟩'s".len()));
    }

    /// The phrases found in a masked sentence, as text.
    fn found(masked: &str) -> Vec<String> {
        Products::load(Language::English)
            .find(masked)
            .into_iter()
            .map(|(s, e)| masked[s..e].to_string())
            .collect()
    }

    #[test]
    fn lists_after_a_verb_with_an_agent() {
        assert_eq!(
            found("⟨0:ORG⟩ offers products such as cable managers, rack enclosures, and patch panels."),
            ["cable managers", "rack enclosures", "patch panels"]
        );
        assert_eq!(
            found("They design and manufacture power management solutions and systems."),
            ["power management solutions", "systems"]
        );
        // No agent in the clause: a noun, not a verb.
        assert!(found("Emerging markets grew fast.").is_empty());
    }

    #[test]
    fn maker_nouns_before_and_after() {
        assert_eq!(
            found("⟨0:ORG⟩, a leading manufacturer of sustainably sourced wood pellets, grew."),
            ["sourced wood pellets"]
        );
        assert_eq!(found("⟨0:ORG⟩ begins pellet production."), ["pellet"]);
        assert!(found("⟨0:ORG⟩ sold its main production unit.").is_empty());
        assert!(found("⟨0:ORG⟩ put production at 4 billion barrels.").is_empty());
        assert!(found("the deal with Japanese manufacturer ⟨0:ORG⟩").is_empty());
    }

    #[test]
    fn open_lists_clauses_and_non_products_end_the_phrase() {
        assert_eq!(found("⟨0:ORG⟩ sells cars, the company said."), ["cars"]);
        assert!(found("⟨0:ORG⟩ sold its stake in ⟨1:ORG⟩.").is_empty());
        assert!(found("⟨0:ORG⟩ plans to develop new chips.").is_empty());
        assert_eq!(
            found(
                "⟨0:UNK⟩ is the first platform of its kind to offer a back-end solution for you."
            ),
            ["back-end solution"]
        );
        assert!(found("⟨0:ORG⟩ provides hospitals with scanners.").is_empty());
        assert!(found("⟨0:ORG⟩ supplies chips to ⟨1:ORG⟩.").is_empty());
        assert_eq!(
            found("⟨0:ORG⟩ sells snacks containing fruit extract."),
            ["snacks"]
        );
    }

    #[test]
    fn model_names_by_form() {
        assert!(is_model_name("LandCruiser 200 Series VX"));
        assert!(is_model_name("PowerShot"));
        assert!(!is_model_name("Global Markets"));
        assert!(!is_model_name("Plaza"));
        assert!(!is_model_name("IBM"));
        assert!(!is_model_name("Under-Secretary John Taylor"));
    }

    #[test]
    fn german_verbs_particles_and_maker_nouns() {
        let de = |masked: &str| -> Vec<String> {
            Products::load(Language::German)
                .find(masked)
                .into_iter()
                .map(|(s, e)| masked[s..e].to_string())
                .collect()
        };
        assert_eq!(
            de("⟨0:ORG⟩ stellt Sensoren und Steuergeräte her."),
            ["Sensoren", "Steuergeräte"]
        );
        assert!(de("⟨0:ORG⟩ stellt neue Züge ein.").is_empty());
        assert_eq!(
            de("⟨0:ORG⟩ ist ein Hersteller von Windkraftanlagen."),
            ["Windkraftanlagen"]
        );
        assert!(de("⟨0:ORG⟩ verkauft Flugzeuge an ⟨1:ORG⟩.").is_empty());
        assert!(de("⟨0:ORG⟩ will neue Elektroautos bauen.").is_empty());
    }

    #[test]
    fn brands_at_the_start_of_product_names() {
        let p = Products::load(Language::English);
        let split = |s: &'static str| -> Option<&'static str> {
            Some(&s[p.brand_split(s, |w| w == "PLC")?..])
        };
        assert_eq!(split("Volvo XC90"), Some("XC90"));
        assert!(p.describes_maker(" is a recognised supplier of electricity services."));
        assert!(!p.describes_maker(" is a supplier's dream."));
        assert!(!p.describes_maker(" said the supplier of parts."));
        assert_eq!(split("Eaton ePDU G3"), Some("ePDU G3"));
        assert_eq!(split("Mercury Cyberpix S-555V"), Some("Cyberpix S-555V"));
        assert_eq!(split("Eaton PDUs"), Some("PDUs"));
        assert_eq!(split("SRX SUVs"), None);
        assert_eq!(split("ISP Freedom2surf"), None);
        assert_eq!(split("Rob McIvor"), None);
        assert_eq!(split("Iodine API"), Some("API"));
        assert_eq!(split("Acme PLC"), None);
        assert_eq!(split("Flight MH17"), None);
        assert_eq!(split("Large 2.0 Mercury CyberPix"), None);
        assert_eq!(split("Bank of America"), None);
        assert_eq!(split("Goldman Sachs"), None);
        assert_eq!(split("Windows 10"), None);
        assert_eq!(split("iPhone X2"), None);
    }

    #[test]
    fn model_codes_and_products_from_a_company() {
        assert_eq!(found("The ⟨0:ORG⟩ 600D is small."), ["600D"]);
        assert!(found("The ⟨0:ORG⟩ 2005 results").is_empty());
        assert_eq!(found("a new tool from ⟨0:ORG⟩ could help"), ["tool"]);
        assert!(found("switch computers from ⟨0:ORG⟩ to ⟨1:ORG⟩").is_empty());
        assert_eq!(
            found("Power solutions provided by ⟨0:UNK⟩ save energy."),
            ["Power solutions"]
        );
        assert!(found("The talks were hosted by ⟨0:ORG⟩.").is_empty());
        assert_eq!(
            found("⟨0:UNK⟩, the online store for cameras and camera accessories, grew."),
            ["cameras", "camera accessories"]
        );
    }
}
