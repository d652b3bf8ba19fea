//! Mentions: every typed span of a document that extraction reasons about —
//! names (from the lexicon and from name rules), pronouns and definite noun
//! phrases that refer back to a name, money, dates and counted quantities.
//!
//! [`find_mentions`] walks the content sentences of a document and returns the
//! mentions in text order, without overlaps: per sentence the lexicon's names,
//! the name rules' names, the token layer's types and widened spans
//! ([`super::model_names`]), pronouns and descriptions; then, over the whole
//! article, names written again and acronyms it defines
//! ([`super::repeated_names`]). Coreference then links them to entities.

use super::cues::Cues;
use super::lexicon::Lexicon;
use super::masked::Masked;
use super::names::{find_names, NameContext};
use crate::ingest::{Document, SentenceKind};
use crate::model::{EntityType, Language, Money, PartialDate};
use crate::normalize;
use rustc_hash::FxHashMap;

/// What a mention is.
#[derive(Debug, Clone, PartialEq)]
pub enum MentionKind {
    /// A name of a known type.
    Name(EntityType),
    /// A capitalized name whose type is not known yet.
    Unknown,
    /// A product named with common nouns, found by where it stands ("a maker of
    /// wood pellets"). Patterns see it as `ITEM`: a product slot takes it, a gap
    /// reads across it as the words it is.
    Phrase,
    /// "he", "its", "er": refers to an earlier name of this type (and gender).
    Pronoun(EntityType, Option<Gender>),
    /// "the company", "das KI-Unternehmen", "the ChatGPT maker": refers to an earlier organization.
    /// `product` is the index of a product mention the phrase names ("ChatGPT").
    Nominal {
        product: Option<usize>,
    },
    Money(Money),
    Date(PartialDate),
    /// A counted quantity: "500 million weekly users".
    Quantity {
        value: u64,
        unit: String,
    },
}

/// The grammatical gender of a person's first name or a pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    /// `m` or `f`; anything else (`u`, empty) is unknown.
    pub fn parse(s: &str) -> Option<Gender> {
        match s.trim() {
            "m" => Some(Gender::Male),
            "f" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// One mention, with byte offsets into the document text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    /// End including a possessive or genitive ending ("Microsoft's", "Microsofts").
    pub suffix_end: usize,
    pub sentence: usize,
    pub kind: MentionKind,
    /// The text of the name, without the possessive ending.
    pub surface: String,
    /// The lexicon entry, for names the lexicon knows.
    pub lexicon: Option<usize>,
    /// Sentence-initial or heading words: kept only when they name an entity known from elsewhere.
    pub weak: bool,
    /// A possessive ("Microsoft's", "Microsofts", "its"): patterns see it as `'s`.
    pub possessive: bool,
    /// The type the token layer's name tagger gives the same words, if any:
    /// evidence for a name the rules leave untyped.
    pub model_type: Option<EntityType>,
}

impl Mention {
    /// The tag relation patterns see: `PER`, `ORG`, `PROD`, `PLACE`, `EVENT`,
    /// `UNK`, `ITEM`, `MONEY`, `DATE`, `NUM`.
    pub fn tag(&self) -> &'static str {
        match &self.kind {
            MentionKind::Name(t) | MentionKind::Pronoun(t, _) => t.tag(),
            MentionKind::Unknown => "UNK",
            MentionKind::Phrase => "ITEM",
            MentionKind::Nominal { .. } => "ORG",
            MentionKind::Money(_) => "MONEY",
            MentionKind::Date(_) => "DATE",
            MentionKind::Quantity { .. } => "NUM",
        }
    }

    /// Whether this mention names something itself (rather than referring back).
    pub fn is_name(&self) -> bool {
        matches!(
            self.kind,
            MentionKind::Name(_) | MentionKind::Unknown | MentionKind::Phrase
        )
    }
}

/// Shared, read-only resources for finding mentions.
pub struct MentionResources<'a> {
    /// The token layer's models (names from the tagger), if they loaded.
    pub nlp: Option<&'a crate::nlp::Pipeline>,
    pub lexicon: &'a Lexicon,
    pub cues: &'a Cues,
    /// First names and their gender (`None` where the name is used for both).
    pub first_names: &'a FxHashMap<String, Option<Gender>>,
    /// Names known before reading (a gold set's entities), sorted by start.
    pub given: &'a [GivenMention],
}

/// A name the caller knows is there: byte offsets into the document text and its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GivenMention {
    pub start: usize,
    pub end: usize,
    pub entity_type: EntityType,
}

/// All mentions of a document in text order, and the token layer's analysis
/// of its content sentences (one word range per sentence; `None` without models).
pub fn find_mentions(
    doc: &Document,
    res: &MentionResources,
) -> (Vec<Mention>, Option<crate::nlp::Analysis>) {
    let german = doc.language == Language::German;
    let lex_hits = res.lexicon.find(&doc.text, german);
    let analysis = res.nlp.map(|nlp| {
        let spans: Vec<(usize, usize)> = doc
            .sentences
            .iter()
            .map(|s| {
                if s.kind.is_content() {
                    (s.start, s.end)
                } else {
                    (s.start, s.start)
                }
            })
            .collect();
        let gazetteer = super::gazetteer::LexiconGazetteer {
            lexicon: res.lexicon,
            first_names: res.first_names,
        };
        nlp.analyze(&doc.text, &spans, doc.language, &gazetteer)
    });
    let mut out: Vec<Mention> = Vec::new();
    let mut lex_iter = lex_hits.into_iter().peekable();
    for (si, sentence) in doc.sentences.iter().enumerate() {
        // Lexicon hits before this sentence belong to skipped text.
        while lex_iter.peek().is_some_and(|h| h.start < sentence.start) {
            lex_iter.next();
        }
        let mut local: Vec<Mention> = res
            .given
            .iter()
            .filter(|g| g.start >= sentence.start && g.end <= sentence.end)
            .filter(|_| sentence.kind.is_content())
            .map(|g| Mention {
                start: g.start,
                end: g.end,
                suffix_end: g.end,
                sentence: si,
                kind: MentionKind::Name(g.entity_type),
                surface: doc.text[g.start..g.end].to_string(),
                lexicon: None,
                weak: false,
                possessive: false,
                model_type: None,
            })
            .collect();
        let given_here = local.len();
        while let Some(h) = lex_iter.next_if(|h| h.start < sentence.end) {
            if h.end > sentence.end || !sentence.kind.is_content() {
                continue;
            }
            if local[..given_here]
                .iter()
                .any(|g| h.start < g.end && h.end > g.start)
            {
                continue;
            }
            let entry = res.lexicon.entry(h.entry);
            local.push(Mention {
                start: h.start,
                end: h.end,
                suffix_end: h.suffix_end.min(sentence.end),
                sentence: si,
                kind: MentionKind::Name(entry.entity_type),
                surface: doc.text[h.start..h.end].to_string(),
                lexicon: Some(h.entry),
                weak: false,
                possessive: h.suffix_end > h.end,
                model_type: None,
            });
        }
        if !sentence.kind.is_content() {
            continue;
        }
        let text = &doc.text[sentence.start..sentence.end];
        let base = sentence.start;
        people_named_like_things(&mut local, &doc.text, sentence.start, res.first_names);
        add_values(&mut local, text, base, si, doc);
        extend_versions(&mut local, &doc.text, sentence.end);
        extend_units(&mut local, &doc.text, sentence.end, res.cues);
        add_institutions(&mut local, text, base, si, res);
        add_clubs(&mut local, text, base, si, res);
        let mut covered: Vec<(usize, usize)> = local
            .iter()
            .map(|m| (m.start - base, m.suffix_end - base))
            .collect();
        covered.extend(demonyms(text, res.lexicon, res.first_names));
        let ctx = NameContext {
            cues: res.cues,
            first_names: res.first_names,
            german,
            // Headlines and title-case lines capitalize every word; a body sentence
            // that ends like one is prose full of names ("Mirko Tobias Schäfer is
            // Assistant Professor … at Utrecht University.").
            heading: (sentence.kind == SentenceKind::Heading
                || (!german && !text.trim_end().ends_with('.')))
                && is_title_case(text),
        };
        for h in find_names(text, &covered, &ctx) {
            let (start, end) = (base + h.start, base + h.end);
            // A lexicon organization followed by a capitalized word and a year is
            // an event named after it ("Microsoft Build 2024").
            let start = match (
                h.entity_type,
                local
                    .iter()
                    .position(|m| m.suffix_end + 1 == start && m.lexicon.is_some()),
            ) {
                (Some(EntityType::Event), Some(k)) => {
                    let s = local[k].start;
                    local.remove(k);
                    s
                }
                _ => start,
            };
            local.push(Mention {
                start,
                end,
                suffix_end: base + h.suffix_end,
                sentence: si,
                kind: match h.entity_type {
                    Some(t) => MentionKind::Name(t),
                    None => MentionKind::Unknown,
                },
                surface: doc.text[start..end].to_string(),
                lexicon: None,
                weak: h.weak,
                possessive: h.suffix_end > h.end,
                model_type: None,
            });
        }
        if german {
            let name_parts = analysis
                .as_ref()
                .map(|a| super::model_names::name_parts(a, si))
                .unwrap_or_default();
            add_compound_prefixes(&mut local, text, base, si, res.cues, &name_parts);
        }
        drop_counts_before_names(&mut local, &doc.text);
        if !german {
            drop_business_functions(&mut local, &doc.text, res.cues);
            join_place_prefixes(&mut local, &doc.text, res.lexicon);
            join_legal_forms(&mut local, &doc.text, sentence.end, res.cues);
            join_org_prefixes(&mut local, &doc.text, res.cues);
            retype_by_context(&mut local, &doc.text, sentence.start, res.cues);
        }
        if let Some(a) = &analysis {
            super::model_names::add_model_types(&mut local, a, si, doc, res.cues);
        }
        type_dateline_places(
            &mut local,
            &doc.text[sentence.start..sentence.end],
            sentence.start,
        );
        type_parenthesized_acronyms(&mut local, &doc.text);
        add_pronouns(&mut local, text, base, si, res.cues);
        local.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        add_nominals(&mut local, doc, si, res.cues);
        add_products(&mut local, doc, si, res.cues);
        local.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        out.extend(local);
    }
    super::repeated_names::defined_acronyms(&mut out, doc);
    super::repeated_names::repeat_names(&mut out, doc, res);
    if !german {
        strengthen_sentence_subjects(&mut out, doc, res.cues);
    }
    // A sentence-initial or headline word the name tagger also reads as a
    // name is one (KnowledgeNet 0.548 -> 0.549, DFKI train 0.181 -> 0.183).
    for m in out.iter_mut() {
        if m.weak && m.kind == MentionKind::Unknown && m.model_type.is_some() {
            m.weak = false;
        }
    }
    renumber_products(&mut out);
    (out, analysis)
}

/// "Mohan was the founder of BioImagene", "Maddy is currently a Senior Vice
/// President": a lone capitalized word at the start of a sentence is only weak
/// evidence of a name, but before a verb of the subject ("was", "joined") it is the
/// sentence's subject and a name, unless the article also writes it in lower case
/// (then it is a common noun: "Growth was slow ... the growth of").
fn strengthen_sentence_subjects(out: &mut [Mention], doc: &Document, cues: &Cues) {
    let mut lower: Option<rustc_hash::FxHashSet<&str>> = None;
    for m in out.iter_mut() {
        if !m.weak
            || m.kind != MentionKind::Unknown
            || !m.surface.chars().all(char::is_alphabetic)
            || m.surface.chars().count() < 2
        {
            continue;
        }
        let sentence = &doc.sentences[m.sentence];
        if sentence.kind == SentenceKind::Heading
            || !doc.text[sentence.start..m.start]
                .chars()
                .all(|c| !c.is_alphanumeric())
        {
            continue;
        }
        let next = doc.text[m.suffix_end..sentence.end]
            .strip_prefix(' ')
            .and_then(|rest| rest.split([' ', ',']).next());
        if !next.is_some_and(|w| cues.subject_verbs.contains(w)) {
            continue;
        }
        let lower = lower.get_or_insert_with(|| {
            doc.text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| w.starts_with(char::is_lowercase))
                .collect()
        });
        if lower.contains(m.surface.to_lowercase().as_str()) {
            continue;
        }
        m.weak = false;
    }
}

/// Capitalized demonyms that are not the start of a longer name ("an Italian
/// engineer", "the Swiss bank", but not "Swiss Re"): plain words, never names,
/// so that patterns read across them. Byte spans in `text`.
fn demonyms(
    text: &str,
    lexicon: &Lexicon,
    first_names: &FxHashMap<String, Option<Gender>>,
) -> Vec<(usize, usize)> {
    let words: Vec<(usize, &str)> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    words
        .iter()
        .enumerate()
        .filter(|(_, (_, w))| w.starts_with(char::is_uppercase) && lexicon.demonym(w).is_some())
        .filter(|(k, (start, w))| {
            // Followed by a capitalized word right after a space: maybe part of a name.
            let next = words.get(k + 1);
            !next.is_some_and(|(ns, nw)| {
                *ns == start + w.len() + 1 && nw.starts_with(char::is_uppercase)
            })
        })
        .filter(|(k, (start, _))| {
            // After a first name it is a surname: "Christiane Holländer".
            let before = k.checked_sub(1).and_then(|p| words.get(p));
            !before.is_some_and(|(ps, pw)| {
                ps + pw.len() + 1 == *start && first_names.contains_key(*pw)
            })
        })
        .map(|(_, (start, w))| (*start, start + w.len()))
        .collect()
}

/// "Wien/Klosterneuburg/Neudorf – Der Konzern ...": the names of a dateline,
/// separated by slashes before the dash that opens a sentence, are the places
/// the report comes from. Unknown names there become places where one of them
/// is a known place, or the name tagger reads every one of them as a place.
fn type_dateline_places(local: &mut [Mention], sentence: &str, base: usize) {
    let Some(dash) = [" – ", " — ", " - "]
        .iter()
        .filter_map(|d| sentence.find(d))
        .min()
    else {
        return;
    };
    let head = &sentence[..dash];
    if head.is_empty()
        || head.chars().count() > 80
        || !head
            .split('/')
            .all(|part| part.trim().starts_with(char::is_uppercase) && part.split(' ').count() <= 3)
    {
        return;
    }
    let (start, end) = (base, base + dash);
    let inside: Vec<usize> = (0..local.len())
        .filter(|&k| local[k].start >= start && local[k].end <= end)
        .collect();
    let place = |m: &Mention| m.kind == MentionKind::Name(EntityType::Place);
    let unknown = |m: &Mention| m.kind == MentionKind::Unknown && m.lexicon.is_none();
    if inside.is_empty()
        || !inside
            .iter()
            .all(|&k| place(&local[k]) || unknown(&local[k]))
    {
        return;
    }
    let known = inside.iter().any(|&k| place(&local[k]));
    let tagged = inside
        .iter()
        .all(|&k| place(&local[k]) || local[k].model_type == Some(EntityType::Place));
    if known || tagged {
        for k in inside {
            if unknown(&local[k]) {
                local[k].kind = MentionKind::Name(EntityType::Place);
            }
        }
    }
}

/// "Director of Engineering", "Head of Sales and Marketing": the capitalized
/// field after a title and "of" is a business function, no name.
fn drop_business_functions(local: &mut Vec<Mention>, text: &str, cues: &Cues) {
    local.retain(|m| {
        if m.kind != MentionKind::Unknown || m.lexicon.is_some() {
            return true;
        }
        let all_functions = m
            .surface
            .split_whitespace()
            .all(|w| cues.business_functions.contains(w) || w == "and" || w == "&");
        let before = text[..m.start].trim_end();
        let after_title = before.strip_suffix(" of").is_some_and(|b| {
            let title = b.rsplit(' ').next().unwrap_or("");
            cues.role(title).is_some() || cues.title_words.contains(title)
        });
        // "Head of Sales and Marketing": the second function after "and".
        let after_function = before
            .strip_suffix(" and")
            .and_then(|b| b.rsplit(' ').next())
            .is_some_and(|w| cues.business_functions.contains(w));
        !(all_functions && (after_title || after_function))
    });
}

/// "America West Airlines", "Boston Red Sox", "European Academy of Sciences": a
/// place or demonym the lexicon knows, right before a name that is no person's
/// and no place's, is the first word of that name (English only: German
/// writes "Berliner Senat" but also "Berlin Mitte").
fn join_place_prefixes(local: &mut Vec<Mention>, text: &str, lexicon: &Lexicon) {
    local.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut k = 1;
    while k < local.len() {
        let (a, b) = (&local[k - 1], &local[k]);
        // A demonym is one whether or not the lexicon matched it as a name: before
        // an institution it may be a plain unknown word ("European Academy of Sciences").
        let place = ((a.lexicon.is_some() && a.kind == MentionKind::Name(EntityType::Place))
            || (lexicon.demonym(&a.surface).is_some() && !a.weak))
            && !a.surface.contains(char::is_whitespace);
        let joinable = matches!(
            b.kind,
            MentionKind::Unknown | MentionKind::Name(EntityType::Organization)
        ) && b.lexicon.is_none()
            && !b.weak;
        if place && joinable && !a.possessive && text.get(a.end..b.start) == Some(" ") {
            let mut start = a.start;
            local.remove(k - 1);
            // "Royal London Asset Management": an unknown word right before the
            // place begins the name too.
            if k >= 2 {
                let p = &local[k - 2];
                if p.kind == MentionKind::Unknown
                    && p.lexicon.is_none()
                    && !p.possessive
                    && !p.surface.contains(char::is_whitespace)
                    && text.get(p.end..start) == Some(" ")
                {
                    start = p.start;
                    local.remove(k - 2);
                    k -= 1;
                }
            }
            let m = &mut local[k - 1];
            m.start = start;
            m.surface = text[start..m.end].to_string();
            m.weak = false;
            continue;
        }
        k += 1;
    }
}

/// "Ericsson Mobile Communications AB", "AT&T Mobility LLC", "Sony Computer
/// Entertainment": a known organization right before a name that its suffix or
/// legal form makes an organization's is the first word of that name, the name of
/// a unit or subsidiary (English only).
fn join_org_prefixes(local: &mut Vec<Mention>, text: &str, cues: &Cues) {
    local.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut k = 1;
    while k < local.len() {
        let (a, b) = (&local[k - 1], &local[k]);
        let known_org =
            a.lexicon.is_some() && a.kind == MentionKind::Name(EntityType::Organization);
        let last = b.surface.rsplit(' ').next().unwrap_or("");
        let org_name = b.lexicon.is_none()
            && !b.weak
            && match b.kind {
                MentionKind::Name(EntityType::Organization) => true,
                MentionKind::Unknown | MentionKind::Name(EntityType::Place) => {
                    cues.org_suffixes.contains(last)
                }
                _ => false,
            };
        if known_org && org_name && !a.possessive && text.get(a.end..b.start) == Some(" ") {
            let start = a.start;
            local.remove(k - 1);
            let m = &mut local[k - 1];
            m.start = start;
            m.surface = text[start..m.end].to_string();
            m.kind = MentionKind::Name(EntityType::Organization);
            continue;
        }
        k += 1;
    }
}

/// "Bethesda Game Studios Dallas LLC", "Southwest Airlines Co.": a legal form after
/// a name belongs to it and makes it an organization's, and so does a place or a
/// name between the two ("Studios" + "Dallas" + "LLC" is one company).
fn join_legal_forms(local: &mut Vec<Mention>, text: &str, sentence_end: usize, cues: &Cues) {
    local.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut k = 0;
    while k < local.len() {
        let m = &local[k];
        let joinable = matches!(
            m.kind,
            MentionKind::Unknown | MentionKind::Name(EntityType::Organization | EntityType::Place)
        ) && !m.possessive;
        let next_start = local.get(k + 1).map_or(sentence_end, |n| n.start);
        let mut end = m.end;
        // One legal form or two ("Co. Ltd", "Co., Ltd."), not yet part of a mention.
        for _ in 0..2 {
            let rest = &text[end..next_start.max(end)];
            let Some(after) = rest.strip_prefix(' ').or_else(|| rest.strip_prefix(", ")) else {
                break;
            };
            let Some(form) = cues.legal_forms.iter().find(|f| {
                after.starts_with(f.as_str())
                    && after[f.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric() && c != '.' && c != '&')
            }) else {
                break;
            };
            // ", Inc." stays outside the name (patterns read it); a space joins.
            if rest.starts_with(',') && end == m.end {
                break;
            }
            end += rest.len() - after.len() + form.len();
        }
        if !joinable || end == m.end {
            k += 1;
            continue;
        }
        let mut start = m.start;
        // A name right before it ("Bethesda Game Studios" before "Dallas LLC").
        if k > 0 {
            let p = &local[k - 1];
            let name_before = matches!(
                p.kind,
                MentionKind::Unknown | MentionKind::Name(EntityType::Organization)
            ) && !p.possessive
                && text.get(p.end..m.start) == Some(" ")
                && !cues.function_words.contains(p.surface.as_str());
            if name_before {
                start = p.start;
                local.remove(k - 1);
                k -= 1;
            }
        }
        let m = &mut local[k];
        m.start = start;
        m.end = end;
        m.suffix_end = end;
        m.kind = MentionKind::Name(EntityType::Organization);
        m.surface = text[start..end].to_string();
        m.lexicon = None;
        m.weak = false;
        k += 1;
    }
}

/// Names that read as a person's by their first word but stand where a place or
/// a company does: "headquartered in Irving, Texas", "based in Santa Monica",
/// "Harris County", "Cole Carbide is headquartered in".
fn retype_by_context(local: &mut [Mention], text: &str, sentence_start: usize, cues: &Cues) {
    local.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    // The words after a name are only tested for how they begin: the longest
    // follower ("which ") is all that needs lower-casing, not the rest of the document.
    let window = cues
        .org_followers
        .iter()
        .map(|f| f.chars().count())
        .max()
        .unwrap_or(0)
        .max("which ".len());
    for k in 0..local.len() {
        let m = &local[k];
        if m.lexicon.is_some()
            || !matches!(
                m.kind,
                MentionKind::Name(EntityType::Person) | MentionKind::Unknown
            )
        {
            continue;
        }
        let before = text[sentence_start..m.start].trim_end().to_lowercase();
        let after = text[m.suffix_end..]
            .trim_start_matches(',')
            .trim_start()
            .chars()
            .take(window)
            .collect::<String>()
            .to_lowercase();
        let last_word = m.surface.rsplit(' ').next().unwrap_or("");
        let multiword = m.surface.contains(' ');
        let place_context = cues.place_contexts.iter().any(|c| {
            before.ends_with(c.as_str()) && {
                let b = before.len() - c.len();
                b == 0 || !before[..b].ends_with(char::is_alphanumeric)
            }
        });
        // "in Alton, IL": a preposition before, a known place after a comma.
        let region_after = local.get(k + 1).is_some_and(|n| {
            n.kind == MentionKind::Name(EntityType::Place) && text.get(m.end..n.start) == Some(", ")
        }) && [" in", " at", " near", " of"]
            .iter()
            .any(|p| format!(" {before}").ends_with(p));
        let is_place = (multiword && cues.place_words.contains(last_word))
            || (m.kind == MentionKind::Name(EntityType::Person) && (place_context || region_after));
        // "the fashion house Yves Saint Laurent, which": a kind of organization before
        // the name, and the name's phrase ends with it.
        let kind_before = before
            .rsplit(' ')
            .next()
            .is_some_and(|w| cues.org_kinds.contains(w))
            && (after.is_empty()
                || after.starts_with(['.', ',', ';', '(', ')'])
                || ["which ", "in ", "and "]
                    .iter()
                    .any(|w| after.starts_with(w)));
        let is_org = m.kind == MentionKind::Name(EntityType::Person)
            && multiword
            && (kind_before
                || cues
                    .org_followers
                    .iter()
                    .any(|f| after.starts_with(f.as_str())));
        let m = &mut local[k];
        if is_place {
            m.kind = MentionKind::Name(EntityType::Place);
        } else if is_org {
            m.kind = MentionKind::Name(EntityType::Organization);
        }
        if is_place || is_org {
            m.weak = false;
        }
    }
}

/// Whether a word reads as an acronym: two to eight capitals, digits or `&`,
/// starting with a capital ("SWK", "BAKOM", "A&P").
pub fn is_acronym(word: &str) -> bool {
    let n = word.chars().count();
    (2..=8).contains(&n)
        && word.starts_with(|c: char| c.is_uppercase())
        && word
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&')
}

/// "Bundesamt für Gesundheit (BAG)", "Stanley Black & Decker (SWK)": an unknown
/// acronym in brackets right after a typed name is that name's short form and
/// takes its type (coreference then joins the two).
fn type_parenthesized_acronyms(local: &mut [Mention], text: &str) {
    local.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    for k in 1..local.len() {
        let (before, after) = local.split_at_mut(k);
        let (prev, m) = (&before[k - 1], &mut after[0]);
        let MentionKind::Name(t) = prev.kind else {
            continue;
        };
        if m.kind != MentionKind::Unknown
            || !is_acronym(&m.surface)
            || text.get(prev.suffix_end..m.start) != Some(" (")
            || !text[m.end..].starts_with(')')
        {
            continue;
        }
        m.kind = MentionKind::Name(t);
        m.weak = false;
    }
}

/// Institution names ("Institut für Molekulare Biotechnologie", "Universität
/// Innsbruck"): organizations that swallow the places named inside them.
fn add_institutions(
    local: &mut Vec<Mention>,
    text: &str,
    base: usize,
    si: usize,
    res: &MentionResources,
) {
    let cues = res.cues;
    let blocked: Vec<(usize, usize)> = local
        .iter()
        .map(|m| (m.start - base, m.suffix_end - base))
        .collect();
    for (s, e) in cues
        .institutions
        .find(text, &blocked, &cues.function_words, res.first_names)
    {
        let (start, end) = (base + s, base + e);
        let inside = |m: &Mention| m.start >= start && m.suffix_end <= end;
        if local
            .iter()
            .any(|m| inside(m) && m.kind != MentionKind::Name(EntityType::Place))
        {
            continue;
        }
        local.retain(|m| !inside(m));
        local.push(organization(start, end, si, &text[s..e]));
    }
}

/// "the two carmakers Globex and Initech", "drei deutsche Autobauer A, B und C": a
/// count right before a name describes the names that follow; its words stay
/// words, for the relation rules to read ("deutsche Autobauer").
fn drop_counts_before_names(local: &mut Vec<Mention>, text: &str) {
    let names: Vec<usize> = local
        .iter()
        .filter(|m| matches!(m.kind, MentionKind::Name(_) | MentionKind::Unknown))
        .map(|m| m.start)
        .collect();
    local.retain(|m| {
        !matches!(m.kind, MentionKind::Quantity { .. })
            || !names
                .iter()
                .any(|&start| start > m.end && text[m.end..start].chars().all(char::is_whitespace))
    });
}

/// "Volvo-Chef", "Ex-Meinl-Manager", "GPA-djp-Sprecherin", "Globex-Konzern": a
/// German compound whose last part is a title or a kind of company and whose
/// first part is a name, not a word, names the organization the title is held
/// at, or that company. The first part becomes an
/// organization where no other mention covers it; a common noun ("Konzern-Chef")
/// or an ordinary word is no name.
fn add_compound_prefixes(
    local: &mut Vec<Mention>,
    text: &str,
    base: usize,
    si: usize,
    cues: &Cues,
    name_parts: &[usize],
) {
    let mut found = Vec::new();
    for raw in text.split(char::is_whitespace) {
        let start_of_raw = raw.as_ptr() as usize - text.as_ptr() as usize;
        let word = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
        let lead = raw.len() - word.len();
        let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        let Some((first, title)) = word.rsplit_once('-') else {
            continue;
        };
        // A title ("Volvo-Chef") or a kind of company ("Globex-Konzern") after the
        // name; before a kind of company only a single word ("Tech-Investment-
        // Unternehmen" describes).
        let titled = cues.role(title).is_some();
        if !title.starts_with(char::is_uppercase)
            || !(titled || (cues.is_classifier(title) && !first.contains('-')))
        {
            continue;
        }
        // "Ex-Meinl-Manager": the former-title prefix is no part of the name.
        let (skip, name) = match first.split_once('-') {
            Some((ex, rest)) if cues.is_former(&format!("{ex}-")) => (ex.len() + 1, rest),
            _ => (0, first),
        };
        // The name tagger's reading of the compound as holding an organization's
        // name outweighs a common noun of the same spelling ("Radiohead"),
        // except before a title that follows fields ("Oldtimer-Experte").
        let tagged =
            name_parts.contains(&(base + start_of_raw + lead)) && !cues.field_heads.contains(title);
        let name_like = name.starts_with(char::is_uppercase)
            && name.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && (tagged
                || name.chars().filter(|c| c.is_uppercase()).count() >= 2
                || !(cues.vocabulary.is_noun(name) || cues.vocabulary.is_word(name)));
        if !name_like || cues.role(name).is_some() {
            continue;
        }
        let s = start_of_raw + lead + skip;
        // "das ChatGPT-Unternehmen": a product's maker, which descriptions resolve;
        // "das KI-Unternehmen", "IT-Konzern": a field, not a name.
        if !titled && !tagged && name.chars().count() <= 2 {
            continue;
        }
        if !titled
            && local.iter().any(|m| {
                m.start < base + s + name.len()
                    && m.end > base + s
                    && m.kind != MentionKind::Name(EntityType::Organization)
            })
        {
            continue;
        }
        let word_end = base + start_of_raw + lead + word.len();
        // "Eurogruppen-Chef": the "n" that joins a noun to the rest of a compound
        // is no part of the name.
        let linking =
            usize::from(name.ends_with("en") && cues.vocabulary.is_noun(&name[..name.len() - 1]));
        found.push((base + s, base + s + name.len(), word_end, linking));
    }
    for (start, end, word_end, linking) in found {
        // A name rule's reading of the whole compound ("Zorbix-Chef") gives way.
        let whole = |m: &Mention| {
            m.lexicon.is_none() && m.start >= start && m.end <= word_end && m.end > end
        };
        local.retain(|m| !whole(m));
        // A name rule found the name but could not type it.
        if let Some(m) = local
            .iter_mut()
            .find(|m| m.start == start && m.end == end && m.kind == MentionKind::Unknown)
        {
            m.kind = MentionKind::Name(EntityType::Organization);
            m.weak = false;
            m.end -= linking;
            m.surface.truncate(m.surface.len() - linking);
            continue;
        }
        if local.iter().any(|m| m.start < end && m.suffix_end > start) {
            continue;
        }
        let mut m = organization(
            start,
            end - linking,
            si,
            &text[start - base..end - linking - base],
        );
        m.suffix_end = end;
        local.push(m);
    }
}

/// A name found as an organization by its form, not by the lexicon.
fn organization(start: usize, end: usize, sentence: usize, surface: &str) -> Mention {
    Mention {
        start,
        end,
        suffix_end: end,
        sentence,
        kind: MentionKind::Name(EntityType::Organization),
        surface: surface.to_string(),
        lexicon: None,
        weak: false,
        possessive: false,
        model_type: None,
    }
}

/// Sports clubs ("SC Paderborn", "SV Wehen-Wiesbaden"): organizations that
/// swallow the places and names inside them.
fn add_clubs(local: &mut Vec<Mention>, text: &str, base: usize, si: usize, res: &MentionResources) {
    let cues = res.cues;
    for (s, e) in cues.clubs.find(text, |w| cues.vocabulary.is_noun(w)) {
        let (start, end) = (base + s, base + e);
        let overlaps = |m: &Mention| m.start < end && m.suffix_end > start;
        let inside = |m: &Mention| m.start >= start && m.suffix_end <= end;
        // A longer name found already ("Institut für Sport …") wins.
        if local.iter().any(|m| overlaps(m) && !inside(m)) {
            continue;
        }
        local.retain(|m| !inside(m));
        local.push(organization(start, end, si, &text[s..e]));
    }
}

/// "Tom Ford", "Paris Hilton": a first name right before a one-word lexicon name
/// of a company or place makes the pair a person.
fn people_named_like_things(
    local: &mut [Mention],
    text: &str,
    sentence_start: usize,
    first_names: &FxHashMap<String, Option<Gender>>,
) {
    for m in local.iter_mut() {
        if m.kind == MentionKind::Name(EntityType::Person)
            || m.surface.contains(char::is_whitespace)
        {
            continue;
        }
        let Some(before) = text[sentence_start..m.start].strip_suffix(' ') else {
            continue;
        };
        let word_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(before.len(), |(i, _)| i);
        let word = &before[word_start..];
        if word.starts_with(char::is_uppercase) && first_names.contains_key(word) {
            m.start = sentence_start + word_start;
            m.kind = MentionKind::Name(EntityType::Person);
            m.surface = text[m.start..m.end].to_string();
            m.lexicon = None;
        }
    }
}

/// Money, dates and quantities, unless they overlap a name already found.
fn add_values(local: &mut Vec<Mention>, text: &str, base: usize, si: usize, doc: &Document) {
    let overlaps = |local: &[Mention], s: usize, e: usize| {
        local.iter().any(|m| s < m.suffix_end && e > m.start)
    };
    let mut values: Vec<Mention> = Vec::new();
    let value = |s: usize, e: usize, kind: MentionKind| Mention {
        start: base + s,
        end: base + e,
        suffix_end: base + e,
        sentence: si,
        kind,
        surface: text[s..e].to_string(),
        lexicon: None,
        weak: false,
        possessive: false,
        model_type: None,
    };
    let found = normalize::find_values(text, doc.language, doc.date_published);
    for f in found.money {
        values.push(value(f.start, f.end, MentionKind::Money(f.value)));
    }
    for f in found.dates {
        values.push(value(f.start, f.end, MentionKind::Date(f.value)));
    }
    for f in found.quantities {
        values.push(value(
            f.start,
            f.end,
            MentionKind::Quantity {
                value: f.value.value,
                unit: f.value.unit,
            },
        ));
    }
    values.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    // Where a value and a name overlap, the longer span wins: "13 Milliarden
    // US-Dollar" is money (not the United States), "Theresa May" is a person.
    for v in values {
        let clash: Vec<usize> = (0..local.len())
            .filter(|&i| v.start < local[i].suffix_end && v.end > local[i].start)
            .collect();
        if clash
            .iter()
            .all(|&i| local[i].suffix_end - local[i].start < v.end - v.start)
        {
            for i in clash.into_iter().rev() {
                local.remove(i);
            }
            if !overlaps(local, v.start, v.end) {
                local.push(v);
            }
        }
    }
}

/// "Copilot 365", "GPT-4 Turbo"? No: only a version number after a product name
/// makes a new, versioned product name.
fn extend_versions(local: &mut [Mention], text: &str, sentence_end: usize) {
    for m in local.iter_mut() {
        if m.kind != MentionKind::Name(EntityType::Product) || m.possessive {
            continue;
        }
        let rest = &text[m.end..sentence_end];
        let Some(after) = rest.strip_prefix(' ').or_else(|| rest.strip_prefix('-')) else {
            continue;
        };
        let digits: usize = after
            .char_indices()
            .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
            .map(|(i, c)| i + c.len_utf8())
            .last()
            .unwrap_or(0);
        let digits = after[..digits].trim_end_matches('.').len();
        if digits == 0
            || after[digits..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let year = digits == 4 && (after.starts_with("19") || after.starts_with("20"));
        if year {
            continue;
        }
        m.end += 1 + digits;
        m.suffix_end = m.end;
        m.surface = text[m.start..m.end].to_string();
        m.lexicon = None;
    }
}

/// A known organization followed by an organization word names a unit of it
/// ("Microsoft AI", "Google Research") unless a lower-case noun follows, which
/// makes the pair a noun phrase ("Microsoft AI chief"). A known place followed by
/// an institution word names an organization ("Utrecht University", "Boston
/// College"), not by any ("a Private U.S. Company").
fn extend_units(local: &mut [Mention], text: &str, sentence_end: usize, cues: &Cues) {
    const CONNECTORS: &[&str] = &[
        "and", "und", "or", "oder", "in", "im", "at", "of", "von", "bei", "für", "for", "with",
        "mit", "is", "ist", "was", "war", "has", "hat", "to", "zu", "as", "als", "from", "aus",
    ];
    for m in local.iter_mut() {
        if !matches!(
            m.kind,
            MentionKind::Name(EntityType::Organization | EntityType::Place)
        ) || m.possessive
            || m.lexicon.is_none()
        {
            continue;
        }
        let rest = &text[m.end..sentence_end];
        let Some(after) = rest.strip_prefix(' ') else {
            continue;
        };
        let word: &str = after
            .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '&'))
            .next()
            .unwrap_or("");
        let word = word.trim_end_matches('.');
        let place = m.kind == MentionKind::Name(EntityType::Place);
        if word.is_empty()
            || !cues.org_suffixes.contains(word)
            || !word.starts_with(char::is_uppercase)
            || (place && !cues.place_org_suffixes.contains(word))
        {
            continue;
        }
        let tail = after[word.len()..].trim_start_matches(['\'', '’', 's']);
        let next = tail
            .trim_start()
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let noun_follows = tail.starts_with(' ')
            && next.starts_with(char::is_lowercase)
            && !CONNECTORS.contains(&next);
        if noun_follows {
            continue;
        }
        m.kind = MentionKind::Name(EntityType::Organization);
        m.end += 1 + word.len();
        // An abbreviation keeps its dot ("Southwest Airlines Co.").
        let dotted = format!("{word}.");
        // Not a sentence's last dot, nor one before a new sentence-like capital.
        let after_dot = text[m.end..sentence_end]
            .strip_prefix('.')
            .map(str::trim_start);
        if after_dot
            .is_some_and(|r| r.starts_with(['(', ',', ';']) || r.starts_with(char::is_lowercase))
            && cues.org_suffixes.contains(&dotted)
        {
            m.end += 1;
        }
        let possessive = ["'s", "’s"]
            .iter()
            .find(|p| text[m.end..sentence_end].starts_with(**p));
        m.suffix_end = m.end + possessive.map_or(0, |p| p.len());
        m.possessive = possessive.is_some();
        m.surface = text[m.start..m.end].to_string();
        m.lexicon = None;
    }
}

fn is_title_case(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() > 3).collect();
    long.len() >= 2
        && long
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count()
            * 4
            >= long.len() * 3
}

fn add_pronouns(local: &mut Vec<Mention>, text: &str, base: usize, si: usize, cues: &Cues) {
    for word in text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
        // The word's own offset: separators may be several bytes long ("–", "„").
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        let bare = word.trim_end_matches(['\'', '’']);
        let Some(&(t, gender)) = cues.pronouns.get(bare) else {
            continue;
        };
        let (s, e) = (base + start, base + start + bare.len());
        if local.iter().any(|m| s < m.suffix_end && e > m.start) {
            continue;
        }
        local.push(Mention {
            start: s,
            end: e,
            suffix_end: e,
            sentence: si,
            kind: MentionKind::Pronoun(t, gender),
            surface: bare.to_string(),
            lexicon: None,
            weak: false,
            // Possessive determiners refer like a possessive name: "its" = "X's".
            possessive: matches!(bare, "its" | "Its" | "his" | "His"),
            model_type: None,
        });
    }
}

/// Definite noun phrases referring to an organization, found on the masked sentence
/// so that patterns can name a product inside them ("das ⟨PROD⟩-Unternehmen").
fn add_nominals(local: &mut Vec<Mention>, doc: &Document, si: usize, cues: &Cues) {
    let sentence = &doc.sentences[si];
    // Weak candidates ("The" at a sentence start) are plain text to noun phrases.
    let strong: Vec<usize> = (0..local.len()).filter(|&i| !local[i].weak).collect();
    let visible: Vec<Mention> = strong.iter().map(|&i| local[i].clone()).collect();
    let masked = Masked::build(&doc.text, sentence.start, sentence.end, &visible, |i| i);
    let mut found = Vec::new();
    for re in &cues.org_nominals {
        for caps in re.captures_iter(&masked.text) {
            let whole = caps.get(0).expect("match");
            // "das ChatGPT-Unternehmen": the phrase after the product refers; otherwise
            // the whole phrase ("das KI-Unternehmen") does.
            let head = match (caps.name("prod"), caps.name("head")) {
                (Some(_), Some(head)) => head,
                _ => whole,
            };
            // Remember the product by its offset: indices change when mentions are sorted.
            let product = caps
                .name("prod")
                .and_then(|p| Masked::indices(p.as_str()).first().copied())
                .map(|k| visible[k].start);
            if whole
                .as_str()
                .split(' ')
                .any(|w| cues.nominal_relational.contains(&w.to_lowercase()))
            {
                continue;
            }
            let (s, e) = (masked.to_source(head.start()), masked.to_source(head.end()));
            found.push((s, e, product));
        }
    }
    for (s, e, product) in found {
        // A place inside the phrase is part of the description: "the UK firm".
        let inner_place = |m: &Mention| {
            m.kind == MentionKind::Name(EntityType::Place) && m.start > s && m.suffix_end < e
        };
        if local
            .iter()
            .any(|m| !m.weak && s < m.suffix_end && e > m.start && !inner_place(m))
        {
            continue;
        }
        // "das Startup Aleph Alpha", "the AI startup OpenAI": a descriptor of the
        // name that follows, not a phrase referring back; so is the first of two
        // coordinated descriptors ("der Entwickler und Publisher Initech").
        let name_at = |at: usize| {
            local
                .iter()
                .any(|m| !m.weak && m.is_name() && m.start == at)
        };
        if doc.text[e..].starts_with(' ') && name_at(e + 1) {
            continue;
        }
        if let Some(after) = cues
            .coordinators
            .iter()
            .find_map(|c| doc.text[e..sentence.end].strip_prefix(&format!(" {c} ")))
        {
            let word = after.split(' ').next().unwrap_or("");
            let at = sentence.end - after.len() + word.len() + 1;
            if !word.is_empty() && at < sentence.end && name_at(at) {
                continue;
            }
        }
        local.retain(|m| !((m.weak || inner_place(m)) && s < m.suffix_end && e > m.start));
        let rest = &doc.text[e..sentence.end];
        let suffix = ["'s", "’s"]
            .iter()
            .find(|p| rest.starts_with(**p))
            .map_or(0, |p| p.len());
        local.push(Mention {
            start: s,
            end: e,
            suffix_end: e + suffix,
            sentence: si,
            kind: MentionKind::Nominal { product },
            surface: doc.text[s..e].to_string(),
            lexicon: None,
            weak: false,
            possessive: suffix > 0,
            model_type: None,
        });
    }
}

/// Common-noun product phrases in product positions ("a maker of wood pellets"),
/// found on the masked sentence by [`super::products`]. A phrase absorbs the
/// unknown and weak names inside it ("switched PDUs") and yields to any other.
fn add_products(local: &mut Vec<Mention>, doc: &Document, si: usize, cues: &Cues) {
    let sentence = &doc.sentences[si];
    if cues.products.is_empty() {
        return;
    }
    split_headline_verbs(local, &doc.text, cues);
    // "Otera is a recognised supplier of …": a sentence-initial word described as
    // a maker is an organization, not a weak word.
    for m in local.iter_mut() {
        if m.weak
            && m.kind == MentionKind::Unknown
            && m.start == sentence.start
            && cues
                .products
                .describes_maker(&doc.text[m.end..sentence.end])
        {
            m.weak = false;
            m.kind = MentionKind::Name(EntityType::Organization);
        }
    }
    split_brands(local, &doc.text, cues);
    // "Toyota LandCruisers", "Canon PowerShot": an unknown name right after a
    // brand, written like a model name, is a product.
    for k in 1..local.len() {
        let brand = &local[k - 1];
        let after_brand = brand.kind == MentionKind::Name(EntityType::Organization)
            && !brand.possessive
            && brand.end + 1 == local[k].start
            && doc.text[brand.end..].starts_with(' ');
        if after_brand
            && local[k].kind == MentionKind::Unknown
            && super::products::is_model_name(&local[k].surface)
        {
            local[k].kind = MentionKind::Name(EntityType::Product);
            local[k].weak = false;
        }
    }
    let strong: Vec<usize> = (0..local.len()).filter(|&i| !local[i].weak).collect();
    let visible: Vec<Mention> = strong.iter().map(|&i| local[i].clone()).collect();
    let masked = Masked::build(&doc.text, sentence.start, sentence.end, &visible, |i| i);
    for (ms, me) in cues.products.find(&masked.text) {
        let (s, e) = (masked.to_source(ms), masked.to_source(me));
        let overlapping = |m: &Mention| s < m.suffix_end && e > m.start;
        let absorbed = |m: &Mention| m.weak || m.kind == MentionKind::Unknown;
        if local
            .iter()
            .any(|m| overlapping(m) && !(absorbed(m) && m.start >= s && m.end <= e))
        {
            continue;
        }
        local.retain(|m| !overlapping(m));
        let rest = &doc.text[e..sentence.end];
        let suffix = ["'s", "’s"]
            .iter()
            .find(|p| rest.starts_with(**p))
            .map_or(0, |p| p.len());
        local.push(Mention {
            start: s,
            end: e,
            suffix_end: e + suffix,
            sentence: si,
            kind: MentionKind::Phrase,
            surface: doc.text[s..e].to_string(),
            lexicon: None,
            weak: false,
            possessive: suffix > 0,
            model_type: None,
        });
    }
}

/// "CamerasDirect Launches Canon 600D", "myDevices Launches Cayenne": a title-case
/// headline capitalizes its verb, so that one name seems to run across it. A
/// product verb inside a name ends the maker's name, and what follows is a name
/// of its own; both are names, not the weak words of a headline.
fn split_headline_verbs(local: &mut Vec<Mention>, text: &str, cues: &Cues) {
    let mut k = 0;
    while k < local.len() {
        let m = &local[k];
        let verb = (m.lexicon.is_none() && m.kind == MentionKind::Unknown)
            .then(|| {
                let mut offset = 0;
                m.surface.split(' ').enumerate().find_map(|(i, w)| {
                    let at = offset;
                    offset += w.len() + 1;
                    (i > 0
                        && w.starts_with(char::is_uppercase)
                        && cues.products.is_headline_verb(w))
                    .then_some((at, at + w.len()))
                })
            })
            .flatten();
        let Some((vs, ve)) = verb else {
            k += 1;
            continue;
        };
        let (start, end) = (m.start, m.end);
        let maker = Mention {
            end: start + vs - 1,
            suffix_end: start + vs - 1,
            surface: text[start..start + vs - 1].to_string(),
            possessive: false,
            model_type: None,
            weak: false,
            ..m.clone()
        };
        let product = (start + ve < end).then(|| Mention {
            start: start + ve + 1,
            surface: text[start + ve + 1..end].to_string(),
            weak: false,
            ..m.clone()
        });
        local[k] = maker;
        k += 1;
        if let Some(p) = product {
            local.insert(k, p);
        }
    }
}

/// Possessive determiners that name a product's maker before the product.
const POSSESSIVES: &[&str] = &[
    "its", "their", "his", "her", "our", "Its", "Their", "His", "Her", "Our",
];

/// "Volvo XC90", "Eaton PDU": a name that no lexicon knows and that begins with
/// its maker's name, written as one name, becomes two names: the maker (an
/// organization) and the product, as "BMW X5" is when the lexicon knows BMW.
/// A name right after an organization is already the product of that brand.
/// After "its" or "Porsche's" the maker is named already ("its Cayenne SUV").
fn split_brands(local: &mut Vec<Mention>, text: &str, cues: &Cues) {
    let blocked = |w: &str| {
        cues.org_suffixes.contains(w) || cues.role(w).is_some() || cues.products.not_product(w)
    };
    let mut k = 0;
    while k < local.len() {
        let m = &local[k];
        let after_org = k > 0
            && (local[k - 1].kind == MentionKind::Name(EntityType::Organization)
                || local[k - 1].possessive)
            && local[k - 1].suffix_end + 1 >= m.start;
        let before = text[..m.start].trim_end();
        let after_possessive = before
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .is_some_and(|w| POSSESSIVES.contains(&w));
        let splittable = m.lexicon.is_none()
            && matches!(
                m.kind,
                MentionKind::Unknown | MentionKind::Name(EntityType::Product)
            )
            && !after_org
            && !after_possessive;
        let Some(at) = splittable
            .then(|| cues.products.brand_split(&m.surface, blocked))
            .flatten()
        else {
            k += 1;
            continue;
        };
        let mut product = m.clone();
        product.start = m.start + at;
        product.surface = m.surface[at..].to_string();
        product.kind = MentionKind::Name(EntityType::Product);
        let brand_end = m.start + at - 1;
        let brand = Mention {
            end: brand_end,
            suffix_end: brand_end,
            kind: MentionKind::Name(EntityType::Organization),
            surface: m.surface[..at - 1].to_string(),
            possessive: false,
            model_type: None,
            ..m.clone()
        };
        local[k] = brand;
        local.insert(k + 1, product);
        k += 2;
    }
}

/// Nominal mentions name their product by its byte offset while sentences are
/// assembled; point them at the product's index in the final list.
fn renumber_products(mentions: &mut [Mention]) {
    for i in 0..mentions.len() {
        if let MentionKind::Nominal {
            product: Some(offset),
        } = mentions[i].kind
        {
            let index = mentions
                .iter()
                .position(|m| m.start == offset && m.sentence == mentions[i].sentence);
            mentions[i].kind = MentionKind::Nominal { product: index };
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::Extractor;
    use crate::ingest::parse_in;
    use crate::model::Language;

    fn names(text: &str) -> Vec<String> {
        typed(text).into_iter().map(|(name, _)| name).collect()
    }

    #[test]
    fn a_business_function_after_a_title_is_no_name() {
        let found = names("Jane Doe is the Director of Engineering at Globex Holdings.");
        assert!(!found.contains(&"Engineering".to_string()), "{found:?}");
        let found = names("John Roe was Head of Sales and Marketing at Initech Corp until May.");
        assert!(
            !found
                .iter()
                .any(|n| n.contains("Sales") || n.contains("Marketing")),
            "{found:?}"
        );
        // A company after a title and "of" stays a name.
        let found = names("Jane Doe is the Director of Globex Holdings.");
        assert!(found.contains(&"Globex Holdings".to_string()), "{found:?}");
    }

    #[test]
    fn a_lone_first_word_before_a_verb_of_the_subject_is_a_name() {
        let found = names("Mohan was the founder of BioImagene. It grew fast.");
        assert!(found.contains(&"Mohan".to_string()), "{found:?}");
        // Written in lower case elsewhere in the article, the word is a common noun.
        let found = names("Growth was slow at Acme Corp. The growth of Acme Corp stalled.");
        assert!(!found.contains(&"Growth".to_string()), "{found:?}");
        // Before any other word, a lone first word stays weak.
        let found = names("Mohan said so.");
        assert!(!found.contains(&"Mohan".to_string()), "{found:?}");
    }

    fn typed(text: &str) -> Vec<(String, crate::model::EntityType)> {
        crate::extract::test_support::typed(text, Language::English)
    }

    #[test]
    fn a_legal_form_joins_the_names_before_it() {
        use crate::model::EntityType::Organization;
        let found = typed("Redwood Game Studios Austin LLC is a video game developer.");
        assert!(
            found.contains(&("Redwood Game Studios Austin LLC".to_string(), Organization)),
            "{found:?}"
        );
        let found = typed("Southwest Airlines Co. (NYSE: LUV) flies to Denver.");
        assert!(
            found.contains(&("Southwest Airlines Co.".to_string(), Organization)),
            "{found:?}"
        );
    }

    #[test]
    fn a_name_where_a_place_or_company_stands_takes_that_type() {
        use crate::model::EntityType::{Organization, Place};
        let found = typed("Brightwell Tools is headquartered in Irving, Texas.");
        assert!(found.contains(&("Irving".to_string(), Place)), "{found:?}");
        assert!(
            found.contains(&("Brightwell Tools".to_string(), Organization)),
            "{found:?}"
        );
        let found = typed("The plant stands in unincorporated Harris County, Texas.");
        assert!(
            found.contains(&("Harris County".to_string(), Place)),
            "{found:?}"
        );
        // A person stays one where no place stands.
        let found = typed("Irving Kahn founded the firm.");
        assert!(!found.iter().any(|(_, t)| *t == Place), "{found:?}");
    }

    #[test]
    fn a_governing_body_is_no_part_of_a_name() {
        let found = names("Jane Doe serves on the Board of Trustees of Wellesley College.");
        assert!(
            found.contains(&"Wellesley College".to_string()),
            "{found:?}"
        );
        let found = names("Jane Doe is a member of the Board of Directors of Acme Holdings.");
        assert!(found.contains(&"Acme Holdings".to_string()), "{found:?}");
        assert!(!found.iter().any(|n| n.contains("Board")), "{found:?}");
        let found = names("Jane Doe is Chairman of the Board.");
        assert!(!found.iter().any(|n| n.contains("Board")), "{found:?}");
    }

    #[test]
    fn an_ordinal_before_a_company_name_is_its_first_word() {
        let found = names("First Apex Holdings is based in Dallas.");
        assert!(
            found.contains(&"First Apex Holdings".to_string()),
            "{found:?}"
        );
        let found = names("First, Apex Holdings moved to Dallas.");
        assert!(found.contains(&"Apex Holdings".to_string()), "{found:?}");
    }

    #[test]
    fn a_known_place_starts_the_name_after_it() {
        let found = names("Kevin Moore played for the Boston Red Sox. America West Airlines grew.");
        assert!(found.contains(&"Boston Red Sox".to_string()), "{found:?}");
        assert!(
            found.contains(&"America West Airlines".to_string()),
            "{found:?}"
        );
        // A place and a person stay apart.
        let found = names("She is a member of the European Academy of Sciences and Arts.");
        assert!(
            found.contains(&"European Academy of Sciences and Arts".to_string()),
            "{found:?}"
        );
        let found = names("In Boston Kevin Moore spoke.");
        assert!(found.contains(&"Kevin Moore".to_string()), "{found:?}");
    }

    #[test]
    fn a_maker_name_splits_from_its_product() {
        let found = names("It is not as sumptuous as a Volvo XC90 for the money.");
        assert!(found.contains(&"Volvo".to_string()), "{found:?}");
        assert!(found.contains(&"XC90".to_string()), "{found:?}");
        // After "its" the maker is named already: "Cayenne SUV" stays one name.
        let found = names("Porsche may hybridise its Cayenne SUV next year.");
        assert!(!found.contains(&"Cayenne".to_string()), "{found:?}");
    }

    #[test]
    fn a_headline_verb_ends_the_name_before_it() {
        let found = names("myDevices Launches Cayenne, the World's First IoT Builder");
        assert!(found.contains(&"myDevices".to_string()), "{found:?}");
        assert!(found.contains(&"Cayenne".to_string()), "{found:?}");
    }

    #[test]
    fn pronouns_after_multibyte_punctuation_keep_their_offsets() {
        let doc = parse_in(
            "t",
            "Die „Große Wurmtrocknis“ wurde so genannt – sie vernichtete den Wald. Anna Berg kam – sie blieb.",
            Language::German,
        );
        let mentions = Extractor::builtin().typed_mentions(&doc);
        let texts: Vec<String> = mentions
            .iter()
            .map(|m| {
                doc.text
                    .chars()
                    .skip(m.start)
                    .take(m.end - m.start)
                    .collect()
            })
            .collect();
        assert!(texts.contains(&"Anna Berg".to_string()), "{texts:?}");
    }

    #[test]
    fn the_name_before_a_compound_title_is_an_organization() {
        use crate::model::EntityType::{Organization, Person};
        let typed = crate::extract::test_support::typed(
            "Der Zorbix-Chef Karl Brunner kam. Auch Ex-Quandor-Managerin Eva Lind und der Konzern-Chef kamen.",
            Language::German,
        );
        for (name, t) in [
            ("Zorbix", Organization),
            ("Quandor", Organization),
            ("Karl Brunner", Person),
        ] {
            assert!(
                typed.contains(&(name.to_string(), t)),
                "{name} {t:?}: {typed:?}"
            );
        }
        assert!(!typed.iter().any(|(t, _)| t == "Konzern"), "{typed:?}");
    }
}
