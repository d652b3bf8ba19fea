//! In-document coreference: which mentions name the same entity.
//!
//! Names are clustered first: lexicon names by their lexicon entry, other names
//! by their spelling, a lone surname to the full name it shortens ("Altman" →
//! "Sam Altman"), a lone first word to the organization it starts ("Inflection"
//! → "Inflection AI"). Pronouns and definite noun phrases ("its", "er", "the AI
//! startup", "das Unternehmen") are resolved lazily, when a relation pattern
//! binds them, to a ranked list of earlier entities of the right type; the
//! pattern's other argument is excluded, so "Microsoft ... becoming its cloud
//! provider" resolves "its" to the other company in the sentence.
//!
//! A person pronoun with no antecedent in reach and no main person (named
//! twice) falls back to the document's first-named person, its subject.
//! "I" and "my" refer to the document's first-named person, "we" and "our" to
//! its first-named organization: the subject of a biography or a company
//! profile, wherever they stand.
//!
//! A relative pronoun refers to the head of the noun phrase before it, skipping
//! an appositive ([`relative_antecedents`]): "Acme, a unit of Beta, which ..."
//! is Acme. "who" after a copula's noun phrase is its subject, even when the
//! phrase ends in an organization: "Jane Doe is a biologist at Acme who ...".

use super::lexicon::Lexicon;
use super::mentions::{Gender, Mention, MentionKind};
use crate::model::EntityType;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

/// How a language marks relative clauses (from its cue file).
pub struct RelativeCues<'a> {
    pub pronouns: &'a [String],
    /// Pronouns that refer back without a comma before them.
    pub without_comma: &'a [String],
    /// Words that open an appositive noun phrase ("a", "the", "one of").
    pub appositive_starts: &'a [String],
    /// Copulas whose noun phrase describes the subject ("is", "was").
    pub copulas: &'a [String],
}

/// Relative pronouns that refer to people: after a copula's noun phrase they
/// refer to its subject even when the phrase names an organization ("Jane Doe
/// is an engineer at Acme who", "was a NASA astronaut who").
const PERSONAL_RELATIVES: &[&str] = &["who", "whom", "whose"];

/// Prepositions whose object a personal relative pronoun right after it does not
/// describe ("a professor at Harvard who").
const OBJECT_PREPOSITIONS: &[&str] = &["at", "of", "with", "for", "in", "from"];

/// The longest appositive between a name and a relative pronoun, in bytes.
const MAX_APPOSITIVE: usize = 160;

/// The longest appositive, in words, a relative pronoun that needs a comma may
/// follow without one ("Acme, a software company that", not "Jane Doe, the CEO
/// of Acme confirmed that").
const MAX_BARE_APPOSITIVE_WORDS: usize = 5;

/// The relative pronouns of a sentence and what they refer to. `heads` are the
/// byte spans (start, end with any possessive ending) of the sentence's
/// mentions that stand for an entity, in text order. Returns, for every
/// relative pronoun that refers to one of them, its byte span and the index of
/// that head: the name right before it ("Acme, which", "Acme (where", and for
/// pronouns that need no comma "Acme where"), or the name before an appositive
/// ("Acme, a maker of tools, where", "Acme, a unit of Beta, which": Acme).
pub fn relative_antecedents(
    sentence: &str,
    heads: &[(usize, usize)],
    cues: &RelativeCues,
) -> Vec<((usize, usize), usize)> {
    let head_ending_at = |end: usize| heads.iter().rposition(|h| h.1 == end);
    // Whether the text from `at` to `upto` is a noun phrase that can describe a name.
    let described_by = |at: usize, upto: usize| -> bool {
        let phrase = &sentence[at..upto];
        let opens = cues.appositive_starts.iter().any(|w| {
            phrase
                .strip_prefix(w.as_str())
                .is_some_and(|r| r.starts_with(' '))
        });
        opens && upto - at <= MAX_APPOSITIVE
    };
    // The name an appositive starting at `at` (after ", ") describes.
    let described = |at: usize, upto: usize| -> Option<usize> {
        let before = sentence[..at].strip_suffix(", ")?;
        described_by(at, upto)
            .then(|| head_ending_at(before.len()))
            .flatten()
    };
    // "Jane Doe (born 1950) is an American economist who": the subject the noun
    // phrase after a copula describes.
    let predicated = |before: &str, bare: bool, personal: bool| -> Option<usize> {
        let (at, copula) = cues
            .copulas
            .iter()
            .filter_map(|c| before.rfind(&format!(" {c} ")).map(|i| (i, c)))
            .max_by_key(|&(i, _)| i)?;
        let phrase_at = at + copula.len() + 2;
        let phrase = &before[phrase_at..];
        // A name in the phrase could be the antecedent ("an engineer at Acme where").
        let names_inside = heads.iter().any(|h| h.0 >= phrase_at && h.0 < before.len());
        if (names_inside && !personal)
            || phrase.contains([',', '(', ')', ';'])
            || (bare && phrase.split_whitespace().count() > MAX_BARE_APPOSITIVE_WORDS)
        {
            return None;
        }
        let subject = before[..at].trim_end();
        // Skip one bracketed aside between the subject and its copula.
        let subject = match subject.strip_suffix(')') {
            Some(s) => s[..s.rfind('(')?].trim_end(),
            None => subject,
        };
        described_by(phrase_at, before.len()).then(|| head_ending_at(subject.len()))?
    };
    let mut out = Vec::new();
    for (p, word) in sentence
        .char_indices()
        .filter(|&(i, _)| i > 0)
        .filter_map(|(i, _)| {
            cues.pronouns
                .iter()
                .find(|r| sentence[i..].starts_with(r.as_str()))
                .map(|r| (i, r))
        })
    {
        let end = p + word.len();
        let bounded =
            sentence[..p].ends_with([' ', '(', ',']) && sentence[end..].starts_with([' ', ',']);
        if !bounded {
            continue;
        }
        let before = sentence[..p].trim_end();
        let (before, marked) = match before.strip_suffix([',', '(', '-', '–']) {
            Some(b) => (b.trim_end(), true),
            None => (before, false),
        };
        let direct = head_ending_at(before.len()).or_else(|| {
            before
                .strip_suffix('.')
                .and_then(|b| head_ending_at(b.len()))
        });
        // "Acme that" is more often a conjunction ("told Reuters that"); after a
        // short appositive it is a relative ("Acme, a company that makes tools").
        let bare = !marked && !cues.without_comma.contains(word);
        let personal = PERSONAL_RELATIVES.contains(&word.as_str());
        // "a biologist at Johns Hopkins University who won": "who" after the object
        // of a preposition, without a comma, describes the whole noun phrase, whose
        // subject the copula names.
        let after_preposition = direct.is_some_and(|h| {
            let lead = sentence[..heads[h].0].trim_end();
            let lead = lead.strip_suffix(" the").unwrap_or(lead);
            OBJECT_PREPOSITIONS.iter().any(|p| {
                lead.strip_suffix(p)
                    .is_some_and(|r| r.is_empty() || r.ends_with(' '))
            })
        });
        let antecedent = match direct {
            Some(_) if bare => None,
            Some(h) => {
                // "Acme, a unit of Beta, which": Beta is inside an appositive of Acme.
                let opening = sentence[..heads[h].0].rfind(", ").map(|c| c + 2);
                let appositive = opening
                    .filter(|&o| !sentence[o..before.len()].contains([',', '(', ')']))
                    .and_then(|o| described(o, heads[h].0));
                let subject = (personal && !marked && after_preposition)
                    .then(|| predicated(before, bare, personal))
                    .flatten();
                Some(appositive.or(subject).unwrap_or(h))
            }
            // "Acme, a maker of tools, where": the appositive holds no name at its end.
            None => before
                .rfind(", ")
                .filter(|&c| !sentence[c + 2..before.len()].contains(['(', ')']))
                .filter(|&c| {
                    !bare
                        || sentence[c + 2..before.len()].split_whitespace().count()
                            <= MAX_BARE_APPOSITIVE_WORDS
                })
                .and_then(|c| described(c + 2, before.len()))
                .or_else(|| predicated(before, bare, personal)),
        };
        if let Some(h) = antecedent {
            out.push(((p, end), h));
        }
    }
    out
}

/// An entity of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocEntity {
    pub label: String,
    /// `None` until a rule gives an unknown name a type.
    pub entity_type: Option<EntityType>,
    pub lexicon: Option<usize>,
    /// Every spelling the document uses.
    pub surfaces: BTreeSet<String>,
    /// Name mentions (indices into the mention list).
    pub mentions: Vec<usize>,
    /// For people: the gender of the first name, where it is known.
    pub gender: Option<Gender>,
}

impl DocEntity {
    /// The name a German article gives an organization the lexicon knows by
    /// another (English) label: the longest spelling the article uses, when
    /// it never writes the label itself ("ÖGB", not "Austrian Trade Union
    /// Federation"). `None` where the label is the article's own name.
    pub fn german_article_label(&self) -> Option<String> {
        if self.lexicon.is_none()
            || self.entity_type != Some(EntityType::Organization)
            || self.surfaces.contains(&self.label)
        {
            return None;
        }
        self.surfaces
            .iter()
            .filter(|s| s.chars().next().is_some_and(|c| c.is_uppercase()))
            .max_by(|a, b| a.chars().count().cmp(&b.chars().count()).then(b.cmp(a)))
            .cloned()
    }
}

/// The entities of a document and the links from name mentions to them.
#[derive(Debug, Clone)]
pub struct Coref {
    pub entities: Vec<DocEntity>,
    /// For every mention: the entity it names, if it is a name that was kept.
    pub mention_entity: Vec<Option<usize>>,
    /// Product mention -> the entity of its maker, where the lexicon knows the maker.
    makers: FxHashMap<usize, usize>,
    /// For every mention: whether it stands inside quotation marks ([`quoted_mentions`]).
    pub quoted: Vec<bool>,
}

/// Which mentions stand inside quotation marks: there "I" and "we" are the
/// speaker and the speaker's organization, not the document's subject. Straight
/// quotes toggle; „ and « open, ” and » close, “ opens outside a quote and closes
/// inside one (German „…“). A line break ends any quote left open.
pub fn quoted_mentions(text: &str, mentions: &[Mention]) -> Vec<bool> {
    let mut inside = Vec::with_capacity(mentions.len());
    let mut open = false;
    let mut chars = text.char_indices().peekable();
    for m in mentions {
        while let Some(&(i, c)) = chars.peek() {
            if i >= m.start {
                break;
            }
            match c {
                '"' => open = !open,
                '„' | '«' => open = true,
                '”' | '»' | '\n' => open = false,
                '“' => open = !open,
                _ => {}
            }
            chars.next();
        }
        inside.push(open);
    }
    inside
}

/// Female pronouns that are as often "they" or the polite "you" (German "sie",
/// "Sie"): they refer only to a person known to be a woman.
const AMBIGUOUS_FEMALE: &[&str] = &["sie", "Sie"];

/// First-person pronouns: the writer, who in a biography or a company profile
/// is its subject, not the person or company named last ("I worked under John
/// Smith until I joined Acme", "we acquired Beta and moved our headquarters").
const FIRST_PERSON: &[&str] = &["I", "me", "Me", "my", "My", "we", "We", "our", "Our"];

/// How many sentences back pronouns and noun phrases look for an antecedent.
const WINDOW: usize = 5;

/// The mention an acronym right after it, in brackets, abbreviates: "Bundesamt
/// für Gesundheit (BAG)". The acronym has been given the name's type when the
/// brackets were seen; here it needs the same type and the same first letter.
fn short_form_of(mentions: &[Mention], i: usize) -> Option<usize> {
    let m = &mentions[i];
    let p = i.checked_sub(1)?;
    let prev = &mentions[p];
    let initial = |s: &str| s.chars().next().map(|c| c.to_lowercase().to_string());
    (super::mentions::is_acronym(&m.surface)
        && prev.is_name()
        && prev.kind == m.kind
        && prev.suffix_end + 2 == m.start
        && initial(&prev.surface) == initial(&m.surface))
    .then_some(p)
}

impl Coref {
    /// Clusters the name mentions of a document.
    pub fn cluster(
        mentions: &[Mention],
        lexicon: &Lexicon,
        first_names: &FxHashMap<String, Option<Gender>>,
    ) -> Coref {
        let mut c = Coref {
            entities: Vec::new(),
            mention_entity: vec![None; mentions.len()],
            makers: FxHashMap::default(),
            quoted: Vec::new(),
        };
        let mut by_label: FxHashMap<String, usize> = FxHashMap::default();
        // Lexicon names, then multi-word names, then single words, then weak words:
        // the longer forms must exist before the short ones attach to them.
        let is_single = |m: &Mention| !m.surface.contains(char::is_whitespace);
        let passes: [&dyn Fn(&Mention) -> bool; 4] = [
            &|m| m.lexicon.is_some(),
            &|m| m.lexicon.is_none() && !m.weak && !is_single(m),
            &|m| m.lexicon.is_none() && !m.weak && is_single(m),
            &|m| m.lexicon.is_none() && m.weak,
        ];
        for pass in passes {
            for (i, m) in mentions.iter().enumerate() {
                if !m.is_name() || !pass(m) {
                    continue;
                }
                let entity = match m.lexicon {
                    Some(e) => {
                        let entry = lexicon.entry(e);
                        Some(c.entity_for(
                            &mut by_label,
                            &entry.label,
                            Some(entry.entity_type),
                            Some(e),
                        ))
                    }
                    None => {
                        let surface = m.surface.trim_end_matches('.').to_string();
                        let short_form =
                            short_form_of(mentions, i).and_then(|p| c.mention_entity[p]);
                        match short_form.or_else(|| c.attach(&by_label, &surface, m)) {
                            Some(e) => Some(e),
                            None if m.weak => None,
                            None => {
                                let t = match m.kind {
                                    MentionKind::Name(t) => Some(t),
                                    MentionKind::Phrase => Some(EntityType::Product),
                                    _ => None,
                                };
                                Some(c.entity_for(&mut by_label, &surface, t, None))
                            }
                        }
                    }
                };
                if let Some(e) = entity {
                    c.entities[e].surfaces.insert(m.surface.clone());
                    c.entities[e].mentions.push(i);
                    c.mention_entity[i] = Some(e);
                }
            }
        }
        for e in &mut c.entities {
            if e.entity_type == Some(EntityType::Person) {
                e.gender = e
                    .label
                    .split_whitespace()
                    .next()
                    .and_then(|first| first_names.get(first).copied().flatten());
            }
        }
        // The maker of a product named in a noun phrase ("das ChatGPT-Unternehmen")
        // is a candidate referent even when the article never names it.
        for m in mentions {
            if let MentionKind::Nominal { product: Some(p) } = m.kind {
                let maker = mentions[p]
                    .lexicon
                    .and_then(|e| lexicon.entry(e).parent.as_deref())
                    .and_then(|label| lexicon.index_of(label));
                if let Some(lex) = maker {
                    let entry = lexicon.entry(lex);
                    let e = c.entity_for(
                        &mut by_label,
                        &entry.label,
                        Some(entry.entity_type),
                        Some(lex),
                    );
                    c.makers.insert(p, e);
                }
            }
        }
        c
    }

    fn entity_for(
        &mut self,
        by_label: &mut FxHashMap<String, usize>,
        label: &str,
        entity_type: Option<EntityType>,
        lexicon: Option<usize>,
    ) -> usize {
        if let Some(&e) = by_label.get(label) {
            if self.entities[e].entity_type.is_none() {
                self.entities[e].entity_type = entity_type;
            }
            return e;
        }
        self.entities.push(DocEntity {
            label: label.to_string(),
            entity_type,
            lexicon,
            surfaces: BTreeSet::new(),
            mentions: Vec::new(),
            gender: None,
        });
        by_label.insert(label.to_string(), self.entities.len() - 1);
        self.entities.len() - 1
    }

    /// An existing entity a name refers to: same spelling, a surname or first
    /// word of a longer name, or a German genitive of one ("Suleymans").
    fn attach(
        &self,
        by_label: &FxHashMap<String, usize>,
        surface: &str,
        m: &Mention,
    ) -> Option<usize> {
        if let Some(&e) = by_label.get(surface) {
            return Some(e);
        }
        if let Some(e) = self
            .entities
            .iter()
            .position(|e| e.surfaces.contains(surface))
        {
            return Some(e);
        }
        if surface.contains(char::is_whitespace) {
            return None;
        }
        let compatible = |e: &DocEntity, t: EntityType| {
            e.entity_type == Some(t)
                && match m.kind {
                    MentionKind::Name(k) => k == t,
                    MentionKind::Phrase => t == EntityType::Product,
                    _ => true,
                }
        };
        for candidate in [surface, surface.strip_suffix('s').unwrap_or("")] {
            if candidate.is_empty() {
                continue;
            }
            // "Altman" -> "Sam Altman" (surname), "Sam" alone is too ambiguous.
            if let Some(e) = self.entities.iter().position(|e| {
                compatible(e, EntityType::Person)
                    && e.label.split_whitespace().count() >= 2
                    && e.label.split_whitespace().last() == Some(candidate)
            }) {
                return Some(e);
            }
            // "Inflection" -> "Inflection AI".
            if let Some(e) = self.entities.iter().position(|e| {
                compatible(e, EntityType::Organization)
                    && e.lexicon.is_none()
                    && e.label.split_whitespace().count() >= 2
                    && e.label.split_whitespace().next() == Some(candidate)
            }) {
                return Some(e);
            }
        }
        None
    }

    /// The entity a mention stands for: the name's own entity, or for a pronoun
    /// or noun phrase the best earlier entity of its type that is not in `exclude`.
    pub fn resolve(&self, mentions: &[Mention], m: usize, exclude: &[usize]) -> Option<usize> {
        let mention = &mentions[m];
        let wanted = match mention.kind {
            MentionKind::Pronoun(t, _) => t,
            MentionKind::Nominal { .. } => EntityType::Organization,
            _ => return self.mention_entity[m],
        };
        let pronoun_gender = match mention.kind {
            MentionKind::Pronoun(_, g) => g,
            _ => None,
        };
        // "sie" needs a woman: a person of unknown gender will not do, since it
        // is just as often "they". "she" prefers a woman and otherwise takes a
        // person of unknown gender (a first name the name list does not know).
        let ambiguous = AMBIGUOUS_FEMALE.contains(&mention.surface.as_str());
        let gender_ok = |e: usize, relaxed: bool| match (pronoun_gender, self.entities[e].gender) {
            (None, _) => true,
            (Some(Gender::Female), None) => relaxed && !ambiguous,
            (Some(Gender::Female), g) => g == Some(Gender::Female),
            (Some(p), g) => g.is_none_or(|g| g == p),
        };
        let ok_with = |e: usize, relaxed: bool| {
            !exclude.contains(&e)
                && self.entities[e].entity_type == Some(wanted)
                && gender_ok(e, relaxed)
        };
        let ok = |e: usize| ok_with(e, false);
        if FIRST_PERSON.contains(&mention.surface.as_str()) {
            // In a quote, the speaker, whom no rule here tells.
            if self.quoted.get(m).copied().unwrap_or(false) {
                return None;
            }
            // The document's first person or organization: the subject its title or byline names.
            return self.first_named(|e| ok_with(e, true));
        }
        if let MentionKind::Nominal { product: Some(p) } = mention.kind {
            // "the ChatGPT maker": the product's maker, when the lexicon knows it.
            if let Some(maker) = self.maker_of(mentions, p) {
                if ok(maker) {
                    return Some(maker);
                }
            }
        }
        let sentence = mention.sentence;
        let earlier_in_sentence: Vec<usize> = (0..m)
            .rev()
            .take_while(|&i| mentions[i].sentence == sentence)
            .collect();
        // Pronouns prefer the clause subject (text order), noun phrases the most recent name.
        let same: Vec<usize> = if matches!(mention.kind, MentionKind::Pronoun(..)) {
            earlier_in_sentence.into_iter().rev().collect()
        } else {
            earlier_in_sentence
        };
        let mut candidates = same;
        let mut seen_sentences = 0;
        let mut i = m;
        let mut current = sentence;
        let mut block: Vec<usize> = Vec::new();
        while i > 0 && seen_sentences <= WINDOW {
            i -= 1;
            if mentions[i].sentence == sentence {
                continue;
            }
            if mentions[i].sentence != current {
                candidates.extend(block.drain(..).rev());
                current = mentions[i].sentence;
                seen_sentences += 1;
            }
            block.push(i);
        }
        candidates.extend(block.drain(..).rev());
        for relaxed in [false, true] {
            for &c in &candidates {
                // "He studied under Fritz Pregl, but returned to Copenhagen, where he
                // was appointed": an earlier "he" of the same sentence is the same
                // person, so the later one takes its antecedent, not the name between.
                // A possessive is no such subject: in "His brother Tom ... until he
                // retired", "he" is Tom. ("its" is as often another company's.)
                let e = match mentions[c].kind {
                    MentionKind::Pronoun(t, g)
                        if mentions[c].sentence == sentence
                            && t == wanted
                            && t == EntityType::Person
                            && g == pronoun_gender
                            && (mention.possessive || !mentions[c].possessive) =>
                    {
                        self.resolve(mentions, c, exclude)
                    }
                    _ => self.mention_entity[c],
                };
                if let Some(e) = e {
                    if ok_with(e, relaxed) {
                        return Some(e);
                    }
                }
            }
        }
        // The article's main entity of that type.
        self.entities
            .iter()
            .enumerate()
            .filter(|(e, ent)| ok(*e) && ent.mentions.len() >= 2)
            .max_by_key(|(e, ent)| (ent.mentions.len(), std::cmp::Reverse(*e)))
            .map(|(e, _)| e)
            // Else a person pronoun is the document's first-named person, its subject.
            .or_else(|| {
                (wanted == EntityType::Person)
                    .then(|| self.first_named(|e| ok_with(e, true)))
                    .flatten()
            })
    }

    /// The entity the document names first among those `ok` accepts.
    fn first_named(&self, ok: impl Fn(usize) -> bool) -> Option<usize> {
        self.entities
            .iter()
            .enumerate()
            .filter(|&(e, ent)| ok(e) && !ent.mentions.is_empty())
            .min_by_key(|(_, ent)| ent.mentions.iter().min().copied())
            .map(|(e, _)| e)
    }

    fn maker_of(&self, _mentions: &[Mention], product: usize) -> Option<usize> {
        self.makers.get(&product).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::{relative_antecedents, DocEntity, RelativeCues};
    use crate::model::EntityType;

    #[test]
    fn a_lexicon_organization_keeps_the_name_the_article_gives_it() {
        let entity = |label: &str, surfaces: &[&str], lexicon: Option<usize>| DocEntity {
            label: label.into(),
            entity_type: Some(EntityType::Organization),
            lexicon,
            surfaces: surfaces.iter().map(|s| s.to_string()).collect(),
            mentions: vec![0],
            gender: None,
        };
        let e = entity("Union Federation", &["UF", "Union-Bund"], Some(3));
        assert_eq!(e.german_article_label().as_deref(), Some("Union-Bund"));
        // The article writes the label, or the name is not the lexicon's.
        let e = entity("Union Federation", &["UF", "Union Federation"], Some(3));
        assert_eq!(e.german_article_label(), None);
        let e = entity("Union Federation", &["UF"], None);
        assert_eq!(e.german_article_label(), None);
    }

    fn words(w: &[&str]) -> Vec<String> {
        w.iter().map(|s| s.to_string()).collect()
    }

    /// The antecedent of every relative pronoun, as (pronoun, name), for the
    /// names listed in `names` (each found at its first occurrence).
    fn resolve(sentence: &str, names: &[&str]) -> Vec<(String, String)> {
        let pronouns = words(&["which", "who", "whose", "whom", "that", "where"]);
        let without_comma = words(&["which", "who", "whose", "whom", "where"]);
        let appositive_starts = words(&["a", "an", "the", "one of", "its"]);
        let copulas = words(&["is", "was"]);
        let cues = RelativeCues {
            copulas: &copulas,
            pronouns: &pronouns,
            without_comma: &without_comma,
            appositive_starts: &appositive_starts,
        };
        let heads: Vec<(usize, usize)> = names
            .iter()
            .map(|n| {
                let at = sentence.find(n).expect("name in sentence");
                (at, at + n.len())
            })
            .collect();
        relative_antecedents(sentence, &heads, &cues)
            .into_iter()
            .map(|((s, e), h)| (sentence[s..e].to_string(), names[h].to_string()))
            .collect()
    }

    fn pair(p: &str, n: &str) -> (String, String) {
        (p.to_string(), n.to_string())
    }

    #[test]
    fn a_relative_pronoun_refers_to_the_name_before_it() {
        assert_eq!(
            resolve("She taught at Sorbonne, where she met him.", &["Sorbonne"]),
            [pair("where", "Sorbonne")]
        );
        assert_eq!(
            resolve(
                "I later joined Pickles Auctions where I stayed.",
                &["I", "Pickles Auctions"]
            ),
            [pair("where", "Pickles Auctions")]
        );
        assert_eq!(
            resolve(
                "the Foundation on Fitness (where he serves)",
                &["Foundation on Fitness"]
            ),
            [pair("where", "Foundation on Fitness")]
        );
        assert_eq!(
            resolve(
                "He ran Hackensack Trust Co., which was renamed.",
                &["Hackensack Trust Co"]
            ),
            [pair("which", "Hackensack Trust Co")]
        );
    }

    #[test]
    fn an_appositive_is_skipped() {
        assert_eq!(
            resolve(
                "Acme, a unit of Beta, which is based in Ohio.",
                &["Acme", "Beta", "Ohio"]
            ),
            [pair("which", "Acme")]
        );
        assert_eq!(
            resolve(
                "He joined Acme Corp, a maker of tools, where he led sales.",
                &["Acme Corp"]
            ),
            [pair("where", "Acme Corp")]
        );
        assert_eq!(
            resolve(
                "He founded Altiscale, a company that provides Hadoop.",
                &["Altiscale"]
            ),
            [pair("that", "Altiscale")]
        );
    }

    #[test]
    fn that_as_a_conjunction_refers_to_nothing() {
        assert!(resolve(
            "Smith told Reuters that he would go.",
            &["Smith", "Reuters"]
        )
        .is_empty());
        assert!(resolve(
            "John Borghetti, the current CEO of Virgin Australia confirmed that he will leave.",
            &["John Borghetti", "Virgin Australia"]
        )
        .is_empty());
        assert_eq!(
            resolve(
                "James Tobin (1918 - 2002) was an American economist who served.",
                &["James Tobin"]
            ),
            [pair("who", "James Tobin")]
        );
        assert!(resolve(
            "Kroloff was an engineer at McKinsey & Co. where he ran R&D.",
            &["Kroloff", "McKinsey"]
        )
        .is_empty());
        // A clause that is no appositive: "which" refers to nothing named.
        assert!(resolve("Acme, he said, which is odd.", &["Acme"]).is_empty());
    }

    #[test]
    fn who_after_a_predicate_naming_an_organization_is_the_subject() {
        assert_eq!(
            resolve(
                "Jane Doe is a biologist at Johns Hopkins University who won the prize.",
                &["Jane Doe", "Johns Hopkins University"]
            ),
            [pair("who", "Jane Doe")]
        );
        assert_eq!(
            resolve(
                "Judith Resnik was an engineer and a NASA astronaut who died in 1986.",
                &["Judith Resnik", "NASA"]
            ),
            [pair("who", "Judith Resnik")]
        );
        // With a comma, "who" is the name's: "the founder of Acme, who" is not predicated.
        assert_eq!(
            resolve(
                "She met Tom Ross at Acme, where he worked.",
                &["Tom Ross", "Acme"]
            ),
            [pair("where", "Acme")]
        );
    }
}
