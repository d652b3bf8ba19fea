//! Document → entities and claims.
//!
//! ```text
//! Document ─► mentions (lexicon, name rules, values, pronouns, noun phrases)
//!          ─► coreference (names clustered into entities)
//!          ─► masked sentences ─► typing rules (unknown names get a type)
//!          ─► relation rules: regexes over masked sentences ([`rules`]) and
//!             token rules over words and mentions ([`patterns`])
//!          ─► claims (resolved arguments, qualifiers, modality, polarity,
//!             attribution) ─► Extraction
//! ```
//!
//! An [`Extractor`] holds the compiled lexicon, cues and rules of both
//! languages; it is built once and shared across threads.

pub mod claim;
pub mod clubs;
pub mod coref;
pub mod cues;
pub mod gazetteer;
pub mod institutions;
pub mod lazy_regex;
pub mod lexicon;
pub mod masked;
pub mod mentions;
pub mod model_names;
pub mod names;
pub mod patterns;
pub mod prefilter;
pub mod products;
pub mod repeated_names;
pub mod rules;
mod segments;
#[cfg(test)]
mod test_support;
pub mod vocabulary;

pub use claim::{Claim, ClaimObject, EntityMention, EntityRecord, Extraction, TypedMention};
pub use lexicon::{LexEntry, Lexicon, LexiconError};
pub use rules::{RuleInfo, RuleKind};

use crate::ingest::Document;
use crate::model::{EntityType, Language, Modality, Relation, RelationKind};
use coref::Coref;
use cues::Cues;
use masked::Masked;
pub use mentions::GivenMention;
use mentions::{find_mentions, Mention, MentionKind, MentionResources};
use patterns::PatternSet;
use rules::{ImplicitObject, RuleRelation, RuleSet};
use rustc_hash::{FxHashMap, FxHashSet};

const FIRST_NAMES: &str = include_str!("../../data/names/first_names.tsv");

/// The cues and rules of one language.
struct Pack {
    cues: Cues,
    rules: RuleSet,
    patterns: PatternSet,
}

impl Pack {
    fn load(language: Language) -> Pack {
        let cues = Cues::load(language);
        let rules = RuleSet::load(language, &cues);
        // Compound heads stay marked with their hyphen ("-chef"): `@roles` reads
        // them as word endings.
        let roles = cues
            .roles
            .iter()
            .map(|r| r.term.clone())
            .chain(cues.compound_roles.iter().map(|r| format!("-{}", r.term)))
            .collect();
        Pack {
            patterns: PatternSet::load(language, roles),
            cues,
            rules,
        }
    }
}

/// The compiled extraction resources of both languages. A language's cues
/// and rules are compiled when its first article comes (a build of English
/// articles never compiles the German rules).
pub struct Extractor {
    lexicon: Lexicon,
    first_names: FxHashMap<String, Option<mentions::Gender>>,
    english: std::sync::OnceLock<Pack>,
    german: std::sync::OnceLock<Pack>,
}

impl Extractor {
    /// An extractor with the built-in lexicon.
    pub fn builtin() -> Extractor {
        Extractor::with_lexicon(Lexicon::builtin())
    }

    pub fn with_lexicon(lexicon: Lexicon) -> Extractor {
        let first_names = FIRST_NAMES
            .lines()
            .skip(1)
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let name = cols.next()?.trim();
                let gender = mentions::Gender::parse(cols.next().unwrap_or(""));
                (!name.is_empty()).then(|| (name.to_string(), gender))
            })
            .collect();
        Extractor {
            lexicon,
            first_names,
            english: std::sync::OnceLock::new(),
            german: std::sync::OnceLock::new(),
        }
    }

    /// The cues and rules of a language (`None` for other languages), compiled
    /// on first use.
    fn pack(&self, language: Language) -> Option<&Pack> {
        match language {
            Language::English => Some(self.english.get_or_init(|| Pack::load(language))),
            Language::German => Some(self.german.get_or_init(|| Pack::load(language))),
            Language::Other => None,
        }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The lexicon and first names as the name tagger reads them.
    pub fn gazetteer(&self) -> gazetteer::LexiconGazetteer<'_> {
        gazetteer::LexiconGazetteer {
            lexicon: &self.lexicon,
            first_names: &self.first_names,
        }
    }

    /// Every relation rule of a language, in file order: the regex rules of
    /// `data/rules/<lang>.toml`, the token rules of `patterns.<lang>.toml`
    /// and the name rules; empty for [`Language::Other`]. A claim's
    /// [`Claim::rule`] is one of these ids (with `+agent` where the subject
    /// was lifted to an organization).
    pub fn rule_ids(&self, language: Language) -> Vec<RuleInfo> {
        let Some(pack) = self.pack(language) else {
            return Vec::new();
        };
        let head = |kind: RuleKind, h: &rules::RuleHead| RuleInfo {
            id: h.id.clone(),
            relation: match h.relation {
                RuleRelation::Fixed(r) => r.name().to_string(),
                RuleRelation::FromRole => "role".to_string(),
            },
            kind,
        };
        let regex = pack
            .rules
            .rules
            .iter()
            .map(|r| head(RuleKind::Regex, &r.head));
        let tokens = pack
            .patterns
            .rules
            .iter()
            .map(|r| head(RuleKind::Tokens, &r.head));
        let names = pack.rules.name_rules.iter().map(|r| RuleInfo {
            id: r.id.clone(),
            relation: r.relation.clone(),
            kind: RuleKind::Names,
        });
        regex.chain(tokens).chain(names).collect()
    }

    /// Identifies what this extractor would produce: the crate version, a digest
    /// of the code and built-in data that shape an article's graph (build.rs),
    /// and a hash of the lexicon's entries, which include the user's files. A
    /// stored article extracted by another version is extracted again.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(env!("NEWSGRAPH_CODE_DIGEST").as_bytes());
        for e in self.lexicon.entries() {
            h.update(format!("{e:?}").as_bytes());
        }
        let digest = h.finalize();
        let hex: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
        format!("newsgraph/{}+{hex}", env!("CARGO_PKG_VERSION"))
    }

    /// Extracts the entities and claims of one document. Documents in other
    /// languages give an empty extraction. A document over 200 kB is
    /// extracted in parts (segments.rs), so memory stays bounded.
    pub fn extract(&self, doc: &Document) -> Extraction {
        self.extract_in_parts(doc, segments::SEGMENT_BYTES)
    }

    fn extract_in_parts(&self, doc: &Document, part_bytes: usize) -> Extraction {
        match segments::split(doc, part_bytes) {
            None => self.run(doc).0,
            Some(parts) => segments::merge(
                parts
                    .into_iter()
                    .map(|part| {
                        let extraction = self.run(&part.doc).0;
                        (part, extraction)
                    })
                    .collect(),
            ),
        }
    }

    /// The language pack and the mentions of a document (`None` for other languages).
    /// `given` are names the caller knows already (a gold set's entity spans).
    fn mentions(&self, doc: &Document, given: &[GivenMention]) -> Option<(&Pack, Analysed)> {
        let pack = self.pack(doc.language)?;
        let res = MentionResources {
            nlp: crate::nlp::Pipeline::builtin().ok(),
            lexicon: &self.lexicon,
            cues: &pack.cues,
            first_names: &self.first_names,
            given,
        };
        let (mentions, analysis) = find_mentions(doc, &res);
        Some((pack, Analysed { mentions, analysis }))
    }

    /// Coreference, typing and relation rules over the mentions of a document.
    fn analyse<'a>(
        &'a self,
        doc: &'a Document,
        pack: &'a Pack,
        analysed: &'a Analysed,
    ) -> DocRun<'a> {
        let mentions = &analysed.mentions;
        let mut coref = Coref::cluster(mentions, &self.lexicon, &self.first_names);
        coref.quoted = coref::quoted_mentions(&doc.text, mentions);
        let mut run = DocRun::new(doc, mentions, coref, pack, &self.lexicon);
        run.analysis = analysed.analysis.as_ref();
        run.type_names();
        run.relations();
        run
    }

    /// Every name the document uses, with the type of the entity it was resolved
    /// to after coreference and relation rules (names left untyped are skipped).
    pub fn typed_mentions(&self, doc: &Document) -> Vec<TypedMention> {
        let Some((pack, analysed)) = self.mentions(doc, &[]) else {
            return Vec::new();
        };
        let run = self.analyse(doc, pack, &analysed);
        let mentions = &analysed.mentions;
        (0..mentions.len())
            .filter(|&m| mentions[m].is_name())
            .filter_map(|m| {
                let e = run.coref.mention_entity[m]?;
                let entity_type = run.coref.entities[e].entity_type?;
                // The whole word, with a genitive or possessive ending ("Toyotas").
                let (start, end) = run.mention_span(m);
                let end = end
                    + doc.text[mentions[m].end..mentions[m].suffix_end]
                        .chars()
                        .count();
                Some(TypedMention {
                    start,
                    end,
                    entity_type,
                    from_lexicon: mentions[m].lexicon.is_some(),
                })
            })
            .collect()
    }

    /// Extraction with every mention of its entities: (entity index, sentence
    /// index, code-point span) for names, and for pronouns and noun phrases the
    /// entity they were resolved to. For scoring against gold sets that mark
    /// every mention of a fact's arguments; `given` are entity spans the gold set
    /// provides (relation classification with given entities), or empty.
    pub fn extract_with_mentions(
        &self,
        doc: &Document,
        given: &[GivenMention],
    ) -> (Extraction, Vec<EntityMention>) {
        let Some((pack, analysed)) = self.mentions(doc, given) else {
            return (Extraction::default(), Vec::new());
        };
        let run = self.analyse(doc, pack, &analysed);
        let resolved = run.resolved_mentions();
        let (ex, index) = run.finish_indexed();
        let spans = resolved
            .into_iter()
            .filter_map(|(e, sentence, (start, end))| {
                Some(EntityMention {
                    entity: index[e]?,
                    sentence,
                    start,
                    end,
                })
            })
            .collect();
        (ex, spans)
    }

    /// Extraction with what it saw: every sentence as the relation rules see it
    /// (mentions masked), for `newsgraph explain`.
    pub fn explain(&self, doc: &Document) -> (Extraction, Vec<Option<String>>) {
        self.run(doc)
    }

    fn run(&self, doc: &Document) -> (Extraction, Vec<Option<String>>) {
        let Some((pack, analysed)) = self.mentions(doc, &[]) else {
            return (Extraction::default(), vec![None; doc.sentences.len()]);
        };
        let run = self.analyse(doc, pack, &analysed);
        let masked = run
            .masked
            .iter()
            .map(|m| m.as_ref().map(|m| m.text.clone()))
            .collect();
        (run.finish(), masked)
    }
}

/// A document's mentions and the token layer's reading of it.
struct Analysed {
    mentions: Vec<Mention>,
    analysis: Option<crate::nlp::Analysis>,
}

/// A claim before its entities are numbered for output.
#[derive(Debug, Clone)]
struct Pending {
    claim: Claim,
    /// Coreference entity of the subject and object (for `ClaimObject::Entity`).
    subject: usize,
    object: Option<usize>,
}

/// The state of extracting one document.
struct DocRun<'a> {
    doc: &'a Document,
    mentions: &'a [Mention],
    coref: Coref,
    pack: &'a Pack,
    lexicon: &'a Lexicon,
    /// Mention index range of every sentence.
    ranges: Vec<(usize, usize)>,
    masked: Vec<Option<Masked>>,
    /// Code-point offsets of every sentence.
    char_spans: Vec<(usize, usize)>,
    pending: Vec<Pending>,
    /// The token layer's words of the document (for the token rules).
    analysis: Option<&'a crate::nlp::Analysis>,
    /// Which of those words head a chunk (filled on first use).
    heads: Vec<bool>,
}

impl<'a> DocRun<'a> {
    fn new(
        doc: &'a Document,
        mentions: &'a [Mention],
        coref: Coref,
        pack: &'a Pack,
        lexicon: &'a Lexicon,
    ) -> Self {
        let mut ranges = vec![(0, 0); doc.sentences.len()];
        let mut k = 0;
        for (si, r) in ranges.iter_mut().enumerate() {
            while k < mentions.len() && mentions[k].sentence < si {
                k += 1;
            }
            let lo = k;
            while k < mentions.len() && mentions[k].sentence == si {
                k += 1;
            }
            *r = (lo, k);
        }
        let masked = doc
            .sentences
            .iter()
            .zip(&ranges)
            .map(|(s, &(lo, hi))| {
                // Weak candidates that name nothing known stay plain words ("Bet" in a headline).
                let shown: Vec<usize> = (lo..hi)
                    .filter(|&m| !mentions[m].weak || coref.mention_entity[m].is_some())
                    .collect();
                let subset: Vec<Mention> = shown.iter().map(|&m| mentions[m].clone()).collect();
                s.kind
                    .is_content()
                    .then(|| Masked::build(&doc.text, s.start, s.end, &subset, |i| shown[i]))
            })
            .collect();
        DocRun {
            doc,
            mentions,
            coref,
            pack,
            lexicon,
            ranges,
            masked,
            char_spans: char_spans(doc),
            pending: Vec::new(),
            analysis: None,
            heads: Vec::new(),
        }
    }

    /// Typing rules and coordination give unknown names a type.
    ///
    /// Each rule match is a vote for the entity the name belongs to (a name gets
    /// one vote per sentence: the first rule that types it), and the type with the
    /// most votes in the document wins, the earlier one on a tie: "der
    /// Werbekonzern WPP" in one sentence and "WPP machte zuletzt …" in another make
    /// one vote for an organization and one for a person. An acronym is never
    /// typed a person. Then coordination gives the unknown names of a list the
    /// type the others share ("Nvidia, Apple und MGX").
    fn type_names(&mut self) {
        let mut votes: FxHashMap<usize, Vec<EntityType>> = FxHashMap::default();
        for si in 0..self.masked.len() {
            let Some(masked) = &self.masked[si] else {
                continue;
            };
            let mut voted: FxHashSet<usize> = FxHashSet::default();
            let on = self.pack.rules.type_prefilter.candidates(&masked.text);
            for (rule, _) in self
                .pack
                .rules
                .type_rules
                .iter()
                .zip(on)
                .filter(|(_, on)| *on)
            {
                for caps in rule.regex.get().captures_iter(&masked.text) {
                    let Some(m) = caps
                        .name("m")
                        .and_then(|m| Masked::indices(m.as_str()).first().copied())
                    else {
                        continue;
                    };
                    if rule.entity_type == EntityType::Person
                        && mentions::is_acronym(&self.mentions[m].surface)
                    {
                        continue;
                    }
                    let Some(e) = self.coref.mention_entity[m] else {
                        continue;
                    };
                    if self.coref.entities[e].entity_type.is_none() && voted.insert(m) {
                        votes.entry(e).or_default().push(rule.entity_type);
                    }
                }
            }
        }
        for (e, types) in votes {
            let count = |t: EntityType| types.iter().filter(|&&x| x == t).count();
            // The most votes; of equals, the first voted (max_by_key keeps the last).
            let winner = types.iter().rev().max_by_key(|&&t| count(t)).copied();
            self.coref.entities[e].entity_type = winner;
        }

        for si in 0..self.masked.len() {
            let Some(masked) = &self.masked[si] else {
                continue;
            };
            let mut typed: Vec<(usize, EntityType)> = Vec::new();
            for list in self.pack.rules.coordination.find_iter(&masked.text) {
                let members = Masked::indices(list.as_str());
                let types: FxHashSet<EntityType> = members
                    .iter()
                    .filter_map(|&m| {
                        self.coref.mention_entity[m]
                            .and_then(|e| self.coref.entities[e].entity_type)
                    })
                    .collect();
                if types.len() == 1 {
                    let t = *types.iter().next().expect("one type");
                    typed.extend(members.iter().map(|&m| (m, t)));
                }
            }
            for (m, t) in typed {
                if let Some(e) = self.coref.mention_entity[m] {
                    if self.coref.entities[e].entity_type.is_none() {
                        self.coref.entities[e].entity_type = Some(t);
                    }
                }
            }
        }
    }

    /// Names no rule typed take the type the name tagger gave most of their
    /// mentions: after the relation rules, which type a name by the slot it
    /// fills ("the start-up X" is an organization's slot) and did better than
    /// the tagger's types on every development set when they came second.
    fn type_by_model(&mut self) {
        let mut votes: FxHashMap<usize, Vec<EntityType>> = FxHashMap::default();
        for (m, mention) in self.mentions.iter().enumerate() {
            if let (Some(t), Some(e)) = (mention.model_type, self.coref.mention_entity[m]) {
                if self.coref.entities[e].entity_type.is_none() {
                    votes.entry(e).or_default().push(t);
                }
            }
        }
        for (e, types) in votes {
            let count = |t: EntityType| types.iter().filter(|&&x| x == t).count();
            let winner = types.iter().rev().max_by_key(|&&t| count(t)).copied();
            self.coref.entities[e].entity_type = winner;
        }
    }

    /// Code-point offsets in the document text of a mention (without a possessive ending).
    fn mention_span(&self, m: usize) -> (usize, usize) {
        let mention = &self.mentions[m];
        let sentence = &self.doc.sentences[mention.sentence];
        let (cs, _) = self.char_spans[mention.sentence];
        let text = &self.doc.text;
        let start = cs + text[sentence.start..mention.start].chars().count();
        (
            start,
            start + text[mention.start..mention.end].chars().count(),
        )
    }

    /// The first name mention of entity `e` in sentence `si`.
    fn entity_mention_in(&self, e: usize, si: usize) -> Option<usize> {
        let (lo, hi) = self.ranges[si];
        (lo..hi).find(|&m| self.mentions[m].is_name() && self.coref.mention_entity[m] == Some(e))
    }

    /// Runs the relation rules over every content sentence, in order.
    fn relations(&mut self) {
        let mut investee: Option<usize> = None;
        let mut last_source: Option<usize> = None;
        for si in 0..self.masked.len() {
            let Some(masked) = self.masked[si].clone() else {
                continue;
            };
            let source = self.attribution(&masked.text).or_else(|| {
                self.pack
                    .cues
                    .report_reference
                    .iter()
                    .any(|r| r.is_match(&masked.text))
                    .then_some(last_source)
                    .flatten()
            });
            if source.is_some() {
                last_source = source;
            }
            let mut variants = vec![masked.text.clone()];
            for r in &self.pack.cues.reductions {
                let reduced = r.replace_all(&masked.text, "").into_owned();
                if reduced != masked.text && !variants.contains(&reduced) {
                    variants.push(reduced);
                }
            }
            let before = self.pending.len();
            let mut explicit: FxHashSet<(usize, Relation)> = FxHashSet::default();
            let mut implicit: Vec<Pending> = Vec::new();
            let pack = self.pack;
            for variant in &variants {
                let on = pack.rules.prefilter.candidates(variant);
                for (rule, _) in pack.rules.rules.iter().zip(on).filter(|(_, on)| *on) {
                    for caps in rule.regex.get().captures_iter(variant) {
                        let whole = caps.get(0).expect("match");
                        // `unless` reads the match and the rest of its clause ("greift X an").
                        let clause_end = variant[whole.end()..]
                            .find([',', ';', ':', '.', '!', '?'])
                            .map_or(variant.len(), |i| whole.end() + i);
                        if rule
                            .unless
                            .as_ref()
                            .is_some_and(|u| u.get().is_match(&variant[whole.start()..clause_end]))
                        {
                            continue;
                        }
                        let ctx = MatchContext {
                            sentence: si,
                            variant,
                            span: (whole.start(), whole.end()),
                            object_at: caps.name("o").map(|o| o.start()),
                            role: caps.name("role").map(|r| r.as_str().to_string()),
                            money: caps
                                .name("money")
                                .and_then(|m| Masked::indices(m.as_str()).first().copied()),
                            attributed: source,
                        };
                        let subjects = Masked::indices(caps.name("s").map_or("", |s| s.as_str()));
                        match rule.head.implicit_object {
                            Some(ImplicitObject::Investee) => {
                                let Some(object) = investee else { continue };
                                for &s in &subjects {
                                    implicit.extend(self.claims_for(
                                        &rule.head,
                                        &ctx,
                                        s,
                                        Target::Entity(object),
                                    ));
                                }
                            }
                            // Regex rules cannot name it (rules.rs rejects them).
                            Some(ImplicitObject::Described) => {}
                            Some(ImplicitObject::EachOther) => {
                                self.each_other(&rule.head, &ctx, &subjects, &mut explicit);
                            }
                            Some(ImplicitObject::Sentence) => {
                                for &s in &subjects {
                                    let Some(object) = self.other_in_sentence(si, s, &rule.head)
                                    else {
                                        continue;
                                    };
                                    implicit.extend(self.claims_for(
                                        &rule.head,
                                        &ctx,
                                        s,
                                        Target::Entity(object),
                                    ));
                                }
                            }
                            None => {
                                let mut objects =
                                    Masked::indices(caps.name("o").map_or("", |o| o.as_str()));
                                // "CEO of Fab and Hem", "at Clark University and at Harvard University".
                                if let Some(o) = caps.name("o") {
                                    objects.extend(coordinated_after(variant, o.end()));
                                }
                                for &s in &subjects {
                                    for &o in &objects {
                                        for p in
                                            self.claims_for(&rule.head, &ctx, s, Target::Mention(o))
                                        {
                                            explicit.insert((p.subject, p.claim.relation));
                                            self.pending.push(p);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            self.token_rules(si, &masked, source, investee, &mut explicit, &mut implicit);
            // "Nvidia has invested too" refers to the round just described, unless the
            // sentence names what the subject invested in.
            for p in implicit {
                if !explicit.contains(&(p.subject, p.claim.relation)) {
                    self.pending.push(p);
                }
            }
            for p in &self.pending[before..] {
                match (p.claim.relation, p.object) {
                    (Relation::InvestsIn, Some(o)) if p.claim.polarity => investee = Some(o),
                    (Relation::FundingRaised, _) => investee = Some(p.subject),
                    _ => {}
                }
            }
        }
        self.name_rules();
    }

    /// Runs the token rules over sentence `si`: their claims join the regex
    /// rules' (explicit objects) or wait in `implicit` (objects found elsewhere).
    fn token_rules(
        &mut self,
        si: usize,
        masked: &Masked,
        source: Option<usize>,
        investee: Option<usize>,
        explicit: &mut FxHashSet<(usize, Relation)>,
        implicit: &mut Vec<Pending>,
    ) {
        let Some(analysis) = self.analysis else {
            return;
        };
        let Some(&words) = analysis.sentences.get(si) else {
            return;
        };
        if self.heads.is_empty() {
            self.heads = patterns::chunk_heads(analysis);
        }
        let lexicon = self.lexicon;
        let german = self.doc.language == Language::German;
        // English demonyms are capitalized: "swiss cheese" names no country.
        // Inside a description a place's name also says where: "the UK firm".
        let place = |w: &str, described: bool| -> Option<usize> {
            (german || w.starts_with(char::is_uppercase))
                .then(|| lexicon.demonym_index(w))
                .flatten()
                .or_else(|| described.then(|| lexicon.place_index(w)).flatten())
        };
        let mentions = self.mentions;
        let described = |m: usize| matches!(mentions[m].kind, MentionKind::Nominal { .. });
        let units = patterns::units(
            masked,
            &self.doc.text,
            analysis,
            words,
            &self.heads,
            &place,
            &described,
        );
        let pack = self.pack;
        for m in pack.patterns.find(&units) {
            let head = &pack.patterns.rules[m.rule].head;
            let ctx = MatchContext {
                sentence: si,
                variant: &masked.text,
                span: m.span,
                object_at: m.object_at.map(|(a, _)| a),
                role: m.role.map(|(a, b)| masked.text[a..b].to_string()),
                money: m.money,
                attributed: source,
            };
            match head.implicit_object {
                Some(ImplicitObject::Investee) => {
                    let Some(object) = investee else { continue };
                    for &s in &m.subjects {
                        implicit.extend(self.claims_for(head, &ctx, s, Target::Entity(object)));
                    }
                }
                Some(ImplicitObject::Sentence) => {
                    for &s in &m.subjects {
                        let Some(object) = self.other_in_sentence(si, s, head) else {
                            continue;
                        };
                        implicit.extend(self.claims_for(head, &ctx, s, Target::Entity(object)));
                    }
                }
                Some(ImplicitObject::EachOther) => {
                    self.each_other(head, &ctx, &m.subjects, explicit);
                }
                Some(ImplicitObject::Described) => {
                    // "The Swiss company blamed the weather": what the description
                    // refers to is in the place it names.
                    let Some(place) = m.subject_place else {
                        continue;
                    };
                    let object = self.place_entity(place);
                    for &s in &m.subjects {
                        if !self.one_company_before(s) {
                            continue;
                        }
                        implicit.extend(self.claims_for(head, &ctx, s, Target::Entity(object)));
                    }
                }
                None if m.objects.is_empty() => {
                    // "the Swiss drugmaker X": the place the demonym names.
                    let Some(place) = m.object_place else {
                        continue;
                    };
                    let object = self.place_entity(place);
                    for &s in &m.subjects {
                        for p in self.claims_for(head, &ctx, s, Target::Entity(object)) {
                            explicit.insert((p.subject, p.claim.relation));
                            self.pending.push(p);
                        }
                    }
                }
                None => {
                    let mut objects = m.objects.clone();
                    if let Some((_, end)) = m.object_at {
                        objects.extend(coordinated_after(&masked.text, end));
                    }
                    objects.dedup();
                    for &s in &m.subjects {
                        for &o in &objects {
                            for p in self.claims_for(head, &ctx, s, Target::Mention(o)) {
                                explicit.insert((p.subject, p.claim.relation));
                                self.pending.push(p);
                            }
                        }
                    }
                }
            }
        }
    }

    /// Claims between every two members of a subject list ("A, B and C have
    /// teamed up"), once per pair: the relation is symmetric.
    fn each_other(
        &mut self,
        head: &rules::RuleHead,
        ctx: &MatchContext,
        subjects: &[usize],
        explicit: &mut FxHashSet<(usize, Relation)>,
    ) {
        for (i, &s) in subjects.iter().enumerate() {
            for &o in &subjects[i + 1..] {
                for p in self.claims_for(head, ctx, s, Target::Mention(o)) {
                    explicit.insert((p.subject, p.claim.relation));
                    self.pending.push(p);
                }
            }
        }
    }

    /// Whether the organizations named in the description `m`'s sentence before
    /// it, or else in the sentence before that, are one entity: only then is
    /// it clear which one "the Italian firm" describes ("GM agreed to buy the
    /// Italian firm" does not describe GM).
    fn one_company_before(&self, m: usize) -> bool {
        let mentions = self.mentions;
        let sentence = mentions[m].sentence;
        let companies = |si: usize, before: usize| -> Vec<(usize, usize)> {
            (0..before)
                .filter(|&i| mentions[i].sentence == si && mentions[i].is_name())
                .filter_map(|i| self.coref.mention_entity[i].map(|e| (i, e)))
                .filter(|&(_, e)| {
                    self.coref.entities[e].entity_type == Some(EntityType::Organization)
                })
                .collect()
        };
        let here = companies(sentence, m);
        // An untyped name before it may be the company described.
        if (0..m).any(|i| {
            mentions[i].sentence == sentence
                && !mentions[i].weak
                && mentions[i].kind == MentionKind::Unknown
        }) {
            return false;
        }
        let found = match (here.is_empty(), sentence.checked_sub(1)) {
            (true, Some(previous)) => companies(previous, m),
            _ => here,
        };
        let Some(&(last, entity)) = found.last() else {
            return false;
        };
        // In the same clause the two are different companies: "Globex sued the
        // Finnish firm". A comma or a word that opens a clause lies between.
        let cues = &self.pack.cues;
        let separated = mentions[last].sentence != sentence
            || self.doc.text[mentions[last].suffix_end..mentions[m].start]
                .split(|c: char| c.is_whitespace())
                .any(|w| {
                    w.contains([',', ';', ':']) || cues.clause_openers.contains(&w.to_lowercase())
                });
        separated
            && found.iter().all(|&(_, e)| e == entity)
            && self.coref.resolve(mentions, m, &[]) == Some(entity)
    }

    /// The document's entity for a lexicon place, added if no name of the
    /// document refers to it (a place named only by a demonym).
    fn place_entity(&mut self, entry: usize) -> usize {
        if let Some(e) = self
            .coref
            .entities
            .iter()
            .position(|e| e.lexicon == Some(entry))
        {
            return e;
        }
        let label = self.lexicon.entry(entry).label.clone();
        self.coref.entities.push(coref::DocEntity {
            label: label.clone(),
            entity_type: Some(EntityType::Place),
            lexicon: Some(entry),
            surfaces: std::iter::once(label).collect(),
            mentions: Vec::new(),
            gender: None,
        });
        self.coref.entities.len() - 1
    }

    /// The only entity of the sentence, other than the subject's, that the rule's
    /// relation accepts as object.
    fn other_in_sentence(
        &self,
        si: usize,
        subject: usize,
        rule: &rules::RuleHead,
    ) -> Option<usize> {
        let RuleRelation::Fixed(relation) = rule.relation else {
            return None;
        };
        let subject_entity = self.coref.resolve(self.mentions, subject, &[])?;
        let (lo, hi) = self.ranges[si];
        let mut found: Vec<usize> = (lo..hi)
            .filter(|&m| self.mentions[m].is_name())
            .filter_map(|m| self.coref.mention_entity[m])
            .filter(|&e| e != subject_entity)
            .filter(|&e| {
                self.coref.entities[e]
                    .entity_type
                    .is_some_and(|t| relation.range().contains(&t))
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        (found.len() == 1).then(|| found[0])
    }

    fn attribution(&self, masked: &str) -> Option<usize> {
        self.pack.cues.attribution.iter().find_map(|re| {
            let caps = re.captures(masked)?;
            let m = Masked::indices(caps.name("src")?.as_str())
                .first()
                .copied()?;
            self.coref.resolve(self.mentions, m, &[])
        })
    }

    /// The claims one rule match makes for one subject mention.
    fn claims_for(
        &mut self,
        rule: &rules::RuleHead,
        ctx: &MatchContext,
        s: usize,
        target: Target,
    ) -> Vec<Pending> {
        let relations: Vec<(Relation, Option<String>)> = match rule.relation {
            RuleRelation::Fixed(r) => vec![(r, None)],
            RuleRelation::FromRole => self.roles(ctx.role.as_deref().unwrap_or("")),
        };
        let mut out = Vec::new();
        for (relation, role) in relations {
            let relation = match relation {
                Relation::Leads | Relation::WorksFor if rule.former => Relation::FormerlyWorkedFor,
                r => r,
            };
            let Some(p) = self.claim(rule, ctx, relation, role, s, target) else {
                continue;
            };
            out.push(p);
        }
        out
    }

    /// Splits a role phrase ("Mitbegründer und ehemalige CEO") into relations.
    fn roles(&self, phrase: &str) -> Vec<(Relation, Option<String>)> {
        let cues = &self.pack.cues;
        let mut out = Vec::new();
        for part in phrase
            .split([',', '&'])
            .flat_map(|p| p.split(" and "))
            .flat_map(|p| p.split(" und "))
            .flat_map(|p| p.split(" sowie "))
        {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            // "founding CEO", "founding member": a founder who also holds the role.
            let part = match part
                .get(..9)
                .filter(|p| p.eq_ignore_ascii_case("founding "))
            {
                Some(_) => {
                    out.push((Relation::Founded, Some("founder".to_string())));
                    part[9..].trim_start()
                }
                None => part,
            };
            let former = cues.is_former(part);
            // Only a former title loses its cue: "executive" begins with "ex".
            let bare = cues
                .former
                .iter()
                .filter(|f| former && part.to_lowercase().starts_with(&f.to_lowercase()))
                .map(|f| part[f.len()..].trim_start())
                .next()
                .unwrap_or(part);
            // "Exchef", "Expräsidentin": a former title written as one word.
            let joined_former = (!former)
                .then(|| bare.strip_prefix("Ex"))
                .flatten()
                .filter(|rest| rest.starts_with(char::is_lowercase))
                .map(|rest| {
                    let mut c = rest.chars();
                    c.next()
                        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
                })
                .filter(|rest| cues.role(rest).is_some());
            let former = former || joined_former.is_some();
            let bare = joined_former.as_deref().unwrap_or(bare);
            let Some(role) = cues.role(bare) else {
                continue;
            };
            let relation = match role.relation {
                Relation::Founded => Relation::Founded,
                _ if former => Relation::FormerlyWorkedFor,
                r => r,
            };
            out.push((relation, Some(role.role.clone())));
        }
        out
    }

    fn claim(
        &mut self,
        rule: &rules::RuleHead,
        ctx: &MatchContext,
        relation: Relation,
        role: Option<String>,
        s: usize,
        target: Target,
    ) -> Option<Pending> {
        let mentions = self.mentions;
        let object_mention = match target {
            Target::Mention(o) => Some(o),
            Target::Entity(_) => None,
        };
        // Resolve names first, so that a pronoun can exclude the other argument.
        let name_entity = |m: usize| {
            mentions[m]
                .is_name()
                .then(|| self.coref.mention_entity[m])
                .flatten()
        };
        let (subject, object): (usize, ClaimTarget) = match relation.kind() {
            RelationKind::Entity => {
                let (subject, object) = match target {
                    Target::Entity(o) => (self.coref.resolve(mentions, s, &[o])?, o),
                    Target::Mention(o) => {
                        if let Some(se) = name_entity(s) {
                            let oe = self.coref.resolve(mentions, o, &[se])?;
                            (se, oe)
                        } else {
                            let oe = name_entity(o);
                            let se = self.coref.resolve(mentions, s, oe.as_slice())?;
                            let oe = match oe {
                                Some(oe) => oe,
                                None => self.coref.resolve(mentions, o, &[se])?,
                            };
                            (se, oe)
                        }
                    }
                };
                (subject, ClaimTarget::Entity(object))
            }
            RelationKind::Money => {
                let o = object_mention?;
                let MentionKind::Money(money) = &mentions[o].kind else {
                    return None;
                };
                (
                    self.coref.resolve(mentions, s, &[])?,
                    ClaimTarget::Value(ClaimObject::Money(money.clone())),
                )
            }
            RelationKind::Number => {
                let o = object_mention?;
                let MentionKind::Quantity { value, .. } = &mentions[o].kind else {
                    return None;
                };
                (
                    self.coref.resolve(mentions, s, &[])?,
                    ClaimTarget::Value(ClaimObject::Number(*value)),
                )
            }
        };
        if let ClaimTarget::Entity(o) = object {
            if o == subject {
                return None;
            }
            let kind = self.coref.entities[o]
                .lexicon
                .map(|l| self.lexicon.entry(l).kind.as_str());
            if kind.is_some_and(|k| rule.not_object_kinds.iter().any(|x| x == k)) {
                return None;
            }
        }
        let mut confidence = rule.confidence;
        if !mentions[s].is_name() || object_mention.is_some_and(|o| !mentions[o].is_name()) {
            confidence *= 0.85;
        }
        // Unknown names take the first type the relation allows.
        let st = self.settle_type(subject, relation.domain(), &mut confidence)?;
        // A person acting for an organization ("Nadella ... acquiring X") is lifted to
        // the organization in `finish`, so a person may stand where one is expected.
        let st = match st {
            EntityType::Person if relation.domain().contains(&EntityType::Organization) => {
                EntityType::Organization
            }
            t => t,
        };
        if let ClaimTarget::Entity(o) = object {
            let ot = self.settle_type(o, relation.range(), &mut confidence)?;
            if !relation.accepts(st, ot) {
                return None;
            }
        } else if !relation.domain().contains(&st) {
            return None;
        }
        let (start, end) = ctx.span;
        let masked = ctx.variant;
        let polarity = !self.negated(masked, ctx);
        // A claim the sentence attributes to a source is at least reported.
        let modality = match self.modality(&masked[..end]) {
            Modality::Stated if ctx.attributed.is_some() => Modality::Reported,
            m => m,
        };
        confidence *= match modality {
            Modality::Stated => 1.0,
            Modality::Reported => 0.9,
            Modality::Speculative => 0.6,
        };
        let money = ctx
            .money
            .or_else(|| self.money_in(&masked[start..end], relation))
            .and_then(|m| match &mentions[m].kind {
                MentionKind::Money(v) => Some(v.clone()),
                _ => None,
            });
        let date = self.date_near(ctx.sentence, &masked[start..end]);
        let sentence = &self.doc.sentences[ctx.sentence];
        let (cs, ce) = self.char_spans[ctx.sentence];
        let object_claim = match &object {
            ClaimTarget::Entity(o) => ClaimObject::Entity(*o),
            ClaimTarget::Value(v) => v.clone(),
        };
        let object_span = match (target, &object) {
            (Target::Mention(o), _) => Some(self.mention_span(o)),
            (Target::Entity(_), ClaimTarget::Entity(e)) => self
                .entity_mention_in(*e, ctx.sentence)
                .map(|m| self.mention_span(m)),
            _ => None,
        };
        Some(Pending {
            subject,
            object: match object {
                ClaimTarget::Entity(o) => Some(o),
                ClaimTarget::Value(_) => None,
            },
            claim: Claim {
                subject,
                relation,
                object: object_claim,
                money: if relation.kind() == RelationKind::Entity {
                    money
                } else {
                    None
                },
                date,
                role,
                modality,
                polarity,
                attributed_to: ctx.attributed.filter(|&a| a != subject),
                confidence: (confidence * 100.0).round() / 100.0,
                rule: rule.id.clone(),
                sentence: ctx.sentence,
                start: cs,
                end: ce,
                evidence: self.doc.sentence_text(sentence).to_string(),
                subject_span: Some(self.mention_span(s)),
                object_span,
            },
        })
    }

    /// The entity's type, or for an unknown name the first of `allowed`, which it keeps.
    fn settle_type(
        &mut self,
        e: usize,
        allowed: &[EntityType],
        confidence: &mut f64,
    ) -> Option<EntityType> {
        match self.coref.entities[e].entity_type {
            Some(t) => Some(t),
            None => {
                let t = *allowed.first()?;
                self.coref.entities[e].entity_type = Some(t);
                *confidence *= 0.8;
                Some(t)
            }
        }
    }

    /// Negation in the clause of the match that holds the object (or, without an
    /// object, the last clause): "Apple investierte nicht direkt, arbeitet aber mit
    /// OpenAI zusammen" negates the investment, not the partnership.
    fn negated(&self, masked: &str, ctx: &MatchContext) -> bool {
        let (start, end) = ctx.span;
        let text = masked[start..end].trim_end_matches([',', ';', '.', ' ', '!', '?']);
        let anchor = ctx
            .object_at
            .map_or(text.len(), |o| o.saturating_sub(start).min(text.len()));
        let clause_start = text[..anchor].rfind([',', ';']).map_or(0, |i| i + 1);
        let clause_end = text[anchor..]
            .find([',', ';'])
            .map_or(text.len(), |i| anchor + i);
        let clause = &text[clause_start..clause_end];
        // Without an object the whole last clause up to the match end counts.
        let clause = if ctx.object_at.is_none() {
            &text[text[..text.len()].rfind([',', ';']).map_or(0, |i| i + 1)..]
        } else {
            clause
        };
        self.pack.cues.negation.iter().any(|re| re.is_match(clause))
    }

    fn modality(&self, upto: &str) -> Modality {
        let cues = &self.pack.cues;
        if cues.speculative.iter().any(|re| re.is_match(upto)) {
            Modality::Speculative
        } else if cues.reported.iter().any(|re| re.is_match(upto)) {
            Modality::Reported
        } else {
            Modality::Stated
        }
    }

    /// The amount of a deal when the match holds exactly one.
    fn money_in(&self, matched: &str, relation: Relation) -> Option<usize> {
        if !matches!(
            relation,
            Relation::InvestsIn
                | Relation::Acquired
                | Relation::PartnersWith
                | Relation::SuppliesTo
        ) {
            return None;
        }
        let amounts: Vec<usize> = Masked::indices(matched)
            .into_iter()
            .filter(|&m| matches!(self.mentions[m].kind, MentionKind::Money(_)))
            .collect();
        (amounts.len() == 1).then(|| amounts[0])
    }

    /// The date in the match, else the only date of the sentence.
    fn date_near(&self, si: usize, matched: &str) -> Option<crate::model::PartialDate> {
        let date_of = |m: usize| match self.mentions[m].kind {
            MentionKind::Date(d) => Some(d),
            _ => None,
        };
        if let Some(d) = Masked::indices(matched).into_iter().find_map(date_of) {
            return Some(d);
        }
        let (lo, hi) = self.ranges[si];
        let dates: Vec<_> = (lo..hi).filter_map(date_of).collect();
        (dates.len() == 1).then(|| dates[0])
    }

    /// Claims implied by how names are built ("Apple Intelligence" is Apple's product).
    fn name_rules(&mut self) {
        let entities = self.coref.entities.clone();
        let pack = self.pack;
        for rule in &pack.rules.name_rules {
            let relation = Relation::parse(&rule.relation).expect("checked when loaded");
            let whole_t = EntityType::parse(&rule.whole).expect("checked when loaded");
            let part_t = EntityType::parse(&rule.part).expect("checked when loaded");
            for (w, whole) in entities.iter().enumerate() {
                if whole.entity_type != Some(whole_t) || whole.mentions.is_empty() {
                    continue;
                }
                for (p, part) in entities.iter().enumerate() {
                    if p == w || part.entity_type != Some(part_t) {
                        continue;
                    }
                    let Some(rest) = whole.label.strip_prefix(part.label.as_str()) else {
                        continue;
                    };
                    if !rest.starts_with(' ')
                        || rest.trim().is_empty()
                        || rule
                            .unless_rest_regex
                            .as_ref()
                            .is_some_and(|u| u.is_match(rest.trim()))
                    {
                        continue;
                    }
                    let (subject, object) = if rule.subject == "part" {
                        (p, w)
                    } else {
                        (w, p)
                    };
                    let first = whole.mentions[0];
                    let si = self.mentions[first].sentence;
                    let (cs, ce) = self.char_spans[si];
                    // The part is the beginning of the whole name.
                    let whole_span = self.mention_span(first);
                    let part_span = (whole_span.0, whole_span.0 + part.label.chars().count());
                    let (subject_span, object_span) = if rule.subject == "part" {
                        (part_span, whole_span)
                    } else {
                        (whole_span, part_span)
                    };
                    self.pending.push(Pending {
                        subject,
                        object: Some(object),
                        claim: Claim {
                            subject,
                            relation,
                            object: ClaimObject::Entity(object),
                            money: None,
                            date: None,
                            role: None,
                            modality: Modality::Stated,
                            polarity: true,
                            attributed_to: None,
                            confidence: 0.7,
                            rule: rule.id.clone(),
                            sentence: si,
                            start: cs,
                            end: ce,
                            evidence: self.doc.sentence_text(&self.doc.sentences[si]).to_string(),
                            subject_span: Some(subject_span),
                            object_span: Some(object_span),
                        },
                    });
                }
            }
        }
    }

    /// Lifts person subjects of organization-only relations to the organization the
    /// person leads, numbers the entities, and removes duplicate claims.
    fn finish(self) -> Extraction {
        self.finish_indexed().0
    }

    /// [`DocRun::finish`], with the output index of every coreference entity.
    fn finish_indexed(mut self) -> (Extraction, Vec<Option<usize>>) {
        self.type_by_model();
        let leads: FxHashMap<usize, usize> = self
            .pending
            .iter()
            .filter(|p| p.claim.relation == Relation::Leads && p.claim.polarity)
            .filter_map(|p| p.object.map(|o| (p.subject, o)))
            .collect();
        let lexicon_leads = |e: usize, coref: &Coref| -> Option<usize> {
            let lex = coref.entities[e].lexicon?;
            let parent = self.lexicon.entry(lex).parent.as_deref()?;
            coref.entities.iter().position(|x| x.label == parent)
        };
        let mut pending = std::mem::take(&mut self.pending);
        pending.retain_mut(|p| {
            let st = self.coref.entities[p.subject].entity_type;
            if st == Some(EntityType::Person)
                && !p.claim.relation.domain().contains(&EntityType::Person)
            {
                let Some(org) = leads
                    .get(&p.subject)
                    .copied()
                    .or_else(|| lexicon_leads(p.subject, &self.coref))
                else {
                    return false;
                };
                if Some(org) == p.object {
                    return false;
                }
                p.subject = org;
                p.claim.subject = org;
                // The words of the claim name the person, not the organization.
                p.claim.subject_span = None;
                p.claim.rule.push_str("+agent");
                p.claim.confidence = (p.claim.confidence * 0.8 * 100.0).round() / 100.0;
            }
            true
        });
        // "X leads Microsoft AI" and "X leads Microsoft": the organization named in
        // full is the one meant; the broader one is the same statement, less precisely.
        let led: Vec<(usize, usize)> = pending
            .iter()
            .filter(|p| p.claim.relation == Relation::Leads && p.claim.polarity)
            .filter_map(|p| p.object.map(|o| (p.subject, o)))
            .collect();
        let entities = &self.coref.entities;
        pending.retain(|p| {
            let Some(o) = p.object else { return true };
            p.claim.relation != Relation::Leads
                || !led.iter().any(|&(s, narrower)| {
                    s == p.subject
                        && narrower != o
                        && entities[narrower]
                            .label
                            .strip_prefix(entities[o].label.as_str())
                            .is_some_and(|rest| rest.starts_with(' '))
                })
        });
        // "X is an engineer and the chief executive of Y", "X was removed from his post
        // at Y": a sentence that says X leads Y, or no longer works there, matches a
        // works-for wording as well; the narrower claim is the statement it makes.
        let led_in: FxHashSet<(usize, usize, usize)> = pending
            .iter()
            .filter(|p| {
                matches!(
                    p.claim.relation,
                    Relation::Leads | Relation::FormerlyWorkedFor
                ) && p.claim.polarity
            })
            .filter_map(|p| p.object.map(|o| (p.claim.sentence, p.subject, o)))
            .collect();
        pending.retain(|p| {
            p.claim.relation != Relation::WorksFor
                || !p.claim.polarity
                || p.object
                    .is_none_or(|o| !led_in.contains(&(p.claim.sentence, p.subject, o)))
        });
        // Symmetric relations are stored once per pair, in label order.
        for p in &mut pending {
            if p.claim.relation.is_symmetric() {
                if let Some(o) = p.object {
                    if self.coref.entities[o].label < self.coref.entities[p.subject].label {
                        p.object = Some(p.subject);
                        p.subject = o;
                        p.claim.subject = o;
                        p.claim.object = ClaimObject::Entity(p.object.expect("set"));
                        std::mem::swap(&mut p.claim.subject_span, &mut p.claim.object_span);
                    }
                }
            }
        }
        // Number the entities that are named or take part in a claim. A product
        // named only with common nouns ("cars") counts only in a claim.
        let mentions = self.mentions;
        let mut used: Vec<bool> = self
            .coref
            .entities
            .iter()
            .map(|e| {
                !e.mentions.is_empty()
                    && e.entity_type.is_some()
                    && !e
                        .mentions
                        .iter()
                        .all(|&m| mentions[m].kind == MentionKind::Phrase)
            })
            .collect();
        for p in &pending {
            used[p.subject] = true;
            if let Some(o) = p.object {
                used[o] = true;
            }
            if let Some(a) = p.claim.attributed_to {
                used[a] = true;
            }
        }
        let mut index: Vec<Option<usize>> = vec![None; used.len()];
        let mut entities = Vec::new();
        for (i, e) in self.coref.entities.iter().enumerate() {
            let Some(t) = e.entity_type.filter(|_| used[i]) else {
                continue;
            };
            index[i] = Some(entities.len());
            let lex = e.lexicon.map(|l| self.lexicon.entry(l));
            entities.push(EntityRecord {
                label: e.label.clone(),
                entity_type: t,
                aliases: e
                    .surfaces
                    .iter()
                    .filter(|s| **s != e.label)
                    .cloned()
                    .collect(),
                wikidata: lex.and_then(|l| l.wikidata.clone()),
                mentions: e.mentions.len(),
                from_lexicon: e.lexicon.is_some(),
                article_label: if self.doc.language == Language::German {
                    e.german_article_label()
                } else {
                    None
                },
            });
        }
        let mut claims: Vec<Claim> = Vec::new();
        let mut best: FxHashMap<(usize, Relation, ClaimObject, bool, usize), usize> =
            FxHashMap::default();
        for p in pending {
            let mut c = p.claim;
            let Some(s) = index[c.subject] else { continue };
            c.subject = s;
            if let ClaimObject::Entity(o) = c.object {
                let Some(o) = index[o] else { continue };
                // Two entities of one name are one: nothing relates to itself.
                if o == s || entities[o].label == entities[s].label {
                    continue;
                }
                c.object = ClaimObject::Entity(o);
            }
            c.attributed_to = c.attributed_to.and_then(|a| index[a]);
            let key = (
                c.subject,
                c.relation,
                c.object.clone(),
                c.polarity,
                c.sentence,
            );
            match best.get(&key) {
                Some(&k) if claims[k].confidence >= c.confidence => {
                    // Keep the best-supported version, but fill in qualifiers it lacks.
                    if claims[k].money.is_none() {
                        claims[k].money = c.money;
                    }
                    if claims[k].date.is_none() {
                        claims[k].date = c.date;
                    }
                }
                Some(&k) => {
                    let old = std::mem::replace(&mut claims[k], c);
                    if claims[k].money.is_none() {
                        claims[k].money = old.money;
                    }
                    if claims[k].date.is_none() {
                        claims[k].date = old.date;
                    }
                }
                None => {
                    best.insert(key, claims.len());
                    claims.push(c);
                }
            }
        }
        claims.sort_by(|a, b| {
            (a.sentence, a.subject, a.relation, &a.object, !a.polarity).cmp(&(
                b.sentence,
                b.subject,
                b.relation,
                &b.object,
                !b.polarity,
            ))
        });
        (Extraction { entities, claims }, index)
    }

    /// Every mention of a name, pronoun or noun phrase with the coreference
    /// entity it stands for and its code-point span. A relative pronoun refers
    /// to the name before it, or before that name's appositive ("Acme, which is
    /// based in Ohio", "Jane Doe, who founded it", "Acme, a unit of Beta, where
    /// he worked", "der Konzern, der ...").
    fn resolved_mentions(&self) -> Vec<(usize, usize, (usize, usize))> {
        let mut out: Vec<(usize, usize, (usize, usize))> = Vec::new();
        let cues = &self.pack.cues;
        let relative = coref::RelativeCues {
            pronouns: &cues.relative_pronouns,
            without_comma: &cues.relative_without_comma,
            appositive_starts: &cues.appositive_starts,
            copulas: &cues.copulas,
        };
        for (si, &(lo, hi)) in self.ranges.iter().enumerate() {
            let sentence = &self.doc.sentences[si];
            let mut heads: Vec<(usize, usize)> = Vec::new();
            let mut head_entities: Vec<usize> = Vec::new();
            for m in lo..hi {
                let mention = &self.mentions[m];
                let e = match mention.kind {
                    MentionKind::Pronoun(..) | MentionKind::Nominal { .. } => {
                        self.coref.resolve(self.mentions, m, &[])
                    }
                    _ if mention.is_name() => self.coref.mention_entity[m],
                    _ => None,
                };
                let Some(e) = e else { continue };
                out.push((e, si, self.mention_span(m)));
                heads.push((
                    mention.start - sentence.start,
                    mention.suffix_end - sentence.start,
                ));
                head_entities.push(e);
            }
            if heads.is_empty() {
                continue;
            }
            let text = &self.doc.text[sentence.start..sentence.end];
            let (cs, _) = self.char_spans[si];
            for ((ps, pe), h) in coref::relative_antecedents(text, &heads, &relative) {
                let start = cs + text[..ps].chars().count();
                let end = start + text[ps..pe].chars().count();
                out.push((head_entities[h], si, (start, end)));
            }
        }
        out
    }
}

#[derive(Debug, Clone, Copy)]
enum Target {
    Mention(usize),
    Entity(usize),
}

enum ClaimTarget {
    Entity(usize),
    Value(ClaimObject),
}

struct MatchContext<'v> {
    sentence: usize,
    variant: &'v str,
    span: (usize, usize),
    object_at: Option<usize>,
    role: Option<String>,
    money: Option<usize>,
    attributed: Option<usize>,
}

/// Organizations coordinated with the object that ends at `end` of a masked
/// sentence: "⟨Fab⟩ and ⟨Hem⟩", "⟨A⟩, ⟨B⟩ and at the ⟨C⟩". Items joined by a
/// comma alone count only when a list with "and" closes them ("CEO of ⟨A⟩,
/// ⟨B⟩ said" names no second employer). Mention indices, in text order.
fn coordinated_after(masked: &str, end: usize) -> Vec<usize> {
    static ITEM: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^(,? (?:and|or|&|as well as|und|sowie) |, )(?:(?:at|of|for|with|in|bei|von) )?(?:the |der |die |das |den |dem )?⟨(\d+):(?:ORG|UNK)⟩",
        )
        .expect("coordination regex")
    });
    let marker_end = |s: &str| masked[..end].ends_with(s);
    if !(marker_end(":ORG⟩") || marker_end(":UNK⟩")) {
        return Vec::new();
    }
    let mut items: Vec<(bool, usize)> = Vec::new();
    let mut at = end;
    while let Some(c) = ITEM.captures(&masked[at..]) {
        let whole = c.get(0).expect("match");
        // "and ⟨X⟩'s …" starts another phrase.
        if masked[at + whole.end()..].starts_with(['\'', '’']) {
            break;
        }
        let joined = c[1].trim() != ",";
        let Ok(m) = c[2].parse() else { break };
        items.push((joined, m));
        at += whole.end();
    }
    let Some(last) = items.iter().rposition(|(joined, _)| *joined) else {
        return Vec::new();
    };
    items[..=last].iter().map(|&(_, m)| m).collect()
}

/// Code-point start and end of every sentence, in one pass over the text.
fn char_spans(doc: &Document) -> Vec<(usize, usize)> {
    let mut bounds: Vec<usize> = doc
        .sentences
        .iter()
        .flat_map(|s| [s.start, s.end])
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut at: FxHashMap<usize, usize> =
        FxHashMap::with_capacity_and_hasher(bounds.len(), Default::default());
    let mut next = 0;
    for (chars, (byte, _)) in doc
        .text
        .char_indices()
        .chain(std::iter::once((doc.text.len(), ' ')))
        .enumerate()
    {
        while next < bounds.len() && bounds[next] == byte {
            at.insert(byte, chars);
            next += 1;
        }
    }
    doc.sentences
        .iter()
        .map(|s| (at[&s.start], at[&s.end]))
        .collect()
}

#[cfg(test)]
mod coordination_tests {
    use super::coordinated_after;

    #[test]
    fn organizations_coordinated_with_the_object() {
        let m = "⟨0:PER⟩ is CEO of ⟨1:ORG⟩ and ⟨2:UNK⟩.";
        let end = m.find("⟨1:ORG⟩").unwrap() + "⟨1:ORG⟩".len();
        assert_eq!(coordinated_after(m, end), [2]);
        let m = "at ⟨1:ORG⟩, ⟨2:ORG⟩ and at the ⟨3:ORG⟩";
        let end = m.find("⟨1:ORG⟩").unwrap() + "⟨1:ORG⟩".len();
        assert_eq!(coordinated_after(m, end), [2, 3]);
        // A comma alone is no list; a possessive starts another phrase; a person is no employer.
        for m in [
            "of ⟨1:ORG⟩, ⟨2:ORG⟩ said",
            "of ⟨1:ORG⟩ and ⟨2:ORG⟩'s unit",
            "of ⟨1:ORG⟩ and ⟨2:PER⟩",
        ] {
            let end = m.find("⟨1:ORG⟩").unwrap() + "⟨1:ORG⟩".len();
            assert!(coordinated_after(m, end).is_empty(), "{m}");
        }
    }
}
