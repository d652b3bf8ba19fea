//! Names the lexicon lacks, found by rules about how names are written:
//! capitalized word sequences typed by an organization suffix ("Thrive
//! Capital"), a first name ("Kevin Scott"), a title before them ("CEO Satya
//! Nadella"), a version number ("Phi-3.5", "Copilot 365"), a year ("Build
//! 2024"), or a product noun after them ("the Orion models"); German
//! compounds are split into the name and the cue ("Acme-Chef").
//!
//! Candidates without such evidence become `Unknown`: relation and typing
//! rules may give them a type later, or they are dropped. In German, where
//! every noun is capitalized, only camel-case words, acronyms and names with
//! evidence become candidates.

use super::cues::Cues;
use super::mentions::Gender;
use crate::model::EntityType;
use regex::Regex;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// A name found by rules, as byte offsets into the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameHit {
    pub start: usize,
    pub end: usize,
    /// End after a possessive ending (`'s`), else `end`.
    pub suffix_end: usize,
    /// `None` when the name's type is not yet known.
    pub entity_type: Option<EntityType>,
    /// Sentence-initial single words and words of title-case headings: kept only
    /// when they turn out to name an entity known from elsewhere.
    pub weak: bool,
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:[-.&][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*\.?|[^\s]")
        .expect("token regex")
});

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:19|20)\d\d$").expect("year regex"));

/// Heads of German compounds whose first part is a name: "Acme-Chef", "Acme-Software".
const ORG_COMPOUND_HEADS: &[&str] = &[
    "CEO",
    "Chef",
    "Chefin",
    "Gründer",
    "Gründerin",
    "Mitarbeiter",
    "Mitarbeiterin",
    "Mitarbeitende",
    "Ingenieure",
    "Konzern",
    "Unternehmen",
    "Aktie",
    "Aktien",
    "Sprecher",
    "Sprecherin",
    "Manager",
    "Deal",
    "Partnerschaft",
    "Team",
    "Übernahme",
    "Vorstand",
    "Chefs",
    "Software",
    "Lösungen",
    "Technologie",
    "Technologien",
    "Investment",
    "Investor",
    "Produkte",
    "Dienste",
    "Plattform",
    "Modell",
    "Modelle",
];

/// Context the finder needs besides the sentence.
pub struct NameContext<'a> {
    pub cues: &'a Cues,
    pub first_names: &'a FxHashMap<String, Option<Gender>>,
    pub german: bool,
    /// Title-case lines: every capitalized word there is weak evidence.
    pub heading: bool,
}

fn is_cap(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase)
}

/// Camel case: a capital right after a small letter ("OpenAI", "iPhone"), not
/// after a hyphen ("Tech-Investment").
fn has_inner_cap(t: &str) -> bool {
    t.chars()
        .zip(t.chars().skip(1))
        .any(|(a, b)| a.is_lowercase() && b.is_uppercase())
}

/// German gender-inclusive forms with a capital I: "BibliothekarInnen", "StudentIn".
fn is_gender_form(t: &str) -> bool {
    ["In", "Innen"].iter().any(|e| {
        t.strip_suffix(e)
            .is_some_and(|stem| stem.chars().next_back().is_some_and(char::is_lowercase))
    })
}

/// An initial: one capital letter and a dot ("H.").
fn is_initial(t: &str) -> bool {
    t.strip_suffix('.')
        .is_some_and(|l| l.chars().count() == 1 && l.chars().all(char::is_uppercase))
}

/// Articles and contracted prepositions before a German noun phrase.
const GERMAN_ARTICLES: &[&str] = &[
    "der", "die", "das", "des", "dem", "den", "beim", "vom", "zum", "zur", "im",
];

fn is_acronym(t: &str) -> bool {
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && t.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

fn has_digit(t: &str) -> bool {
    t.chars().any(|c| c.is_ascii_digit())
}

fn is_version(t: &str) -> bool {
    // "Phi-3.5", "GPT-4", "GPT-4o", "Llama3" but not "2024" or "3.5".
    t.chars().next().is_some_and(char::is_alphabetic) && has_digit(t)
}

fn is_number(t: &str) -> bool {
    t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Words inside multi-word names ("Bank of America", "Allen & Co."). German has
/// only "&": "Team von Inflection AI" is a noun phrase, not a name.
const CONNECTORS: &[&str] = &[
    "&", "of", "de", "van", "del", "du", "la", "le", "bin", "al", "y",
];
const GERMAN_CONNECTORS: &[&str] = &["&"];
/// Particles that only follow another ("von der Leyen", "van den Berg").
const SECOND_PARTICLES: &[&str] = &["der", "den"];
/// Particles inside personal names ("Franz von Papen", "Giacomo della Porta",
/// "Rafael van der Vaart"): joined only in a name that starts with a first name.
const NAME_PARTICLES: &[&str] = &[
    "von", "van", "de", "der", "den", "della", "di", "da", "du", "dos", "del", "zu", "la", "le",
    "ten", "ter", "bin", "al", "el",
];

/// Finds rule-based names in `sentence`, skipping the byte ranges in `covered`
/// (names found already, money, dates).
pub fn find_names(sentence: &str, covered: &[(usize, usize)], ctx: &NameContext) -> Vec<NameHit> {
    let tokens: Vec<Token> = TOKEN
        .find_iter(sentence)
        .map(|m| Token {
            text: m.as_str(),
            start: m.start(),
            end: m.end(),
        })
        .collect();
    let is_covered = |t: &Token| covered.iter().any(|&(s, e)| t.start < e && t.end > s);
    let first_word = tokens
        .iter()
        .position(|t| t.text.chars().next().is_some_and(char::is_alphanumeric))
        .unwrap_or(0);
    let mut hits = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        if is_covered(&t)
            || !starts_name(t.text)
            || ctx
                .cues
                .function_words
                .contains(t.text.trim_end_matches('.'))
            || ctx.cues.pronouns.contains_key(t.text.trim_end_matches('.'))
        {
            i += 1;
            continue;
        }
        // A German compound whose head is a cue: the name is the part before the hyphen.
        if let Some(hit) = compound_prefix(&t, ctx) {
            hits.push(hit);
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < tokens.len() && !is_covered(&tokens[j]) {
            let n = tokens[j].text;
            // "Franz von Papen", also after a title: "Botschafter Franz von Papen".
            let personal = ctx.first_names.contains_key(tokens[j - 1].text);
            if continues_name(n, ctx) {
                j += 1;
            } else if personal && NAME_PARTICLES.contains(&n) && !SECOND_PARTICLES.contains(&n) {
                // "von Papen", "van der Vaart": particles, then a capitalized surname.
                let mut p = j;
                while p < tokens.len() && NAME_PARTICLES.contains(&tokens[p].text) && p - j < 3 {
                    p += 1;
                }
                if p < tokens.len() && !is_covered(&tokens[p]) && is_cap(tokens[p].text) {
                    j = p + 1;
                } else {
                    break;
                }
            } else if (if ctx.german {
                GERMAN_CONNECTORS
            } else {
                CONNECTORS
            })
            .contains(&n)
                && j + 1 < tokens.len()
                && !is_covered(&tokens[j + 1])
                && is_cap(tokens[j + 1].text)
                && tokens[j + 1].start == tokens[j].end + 1
            {
                j += 2;
            } else {
                break;
            }
        }
        // Titles and role acronyms precede names but are not part of them ("VP of ...").
        let mut k = i;
        while k < j
            && (ctx.cues.acronyms.contains(tokens[k].text)
                || ctx.cues.person_titles.contains(tokens[k].text)
                // "Chairman of Stanley Black & Decker": a role title is not part of the name.
                || ctx.cues.role(tokens[k].text).is_some()
                || CONNECTORS.contains(&tokens[k].text)
                // A classifier before the name, also before one already found
                // ("der Publisher Initech" with Initech from the lexicon).
                || ((k + 1 < j
                    || (ctx.german
                        && j < tokens.len()
                        && is_covered(&tokens[j])
                        && tokens[j].start == tokens[k].end + 1))
                    && ctx.cues.is_classifier(tokens[k].text)))
        {
            k += 1;
        }
        if k == j {
            i = j;
            continue;
        }
        // "Board of Trustees of Wellesley College": a governing body is no part of
        // the name of the organization it belongs to.
        if !ctx.german && k < j {
            let rest = sentence[tokens[k].start..tokens[j - 1].end].trim_end_matches('.');
            if let Some(body) = ctx.cues.bodies.iter().find(|b| {
                rest.strip_prefix(b.as_str())
                    .is_some_and(|r| r.is_empty() || r.starts_with(" of "))
            }) {
                let after = tokens[k].start + body.len() + " of ".len();
                match (k..j).find(|&t| tokens[t].start >= after) {
                    Some(t) => k = t,
                    None => {
                        i = j;
                        continue;
                    }
                }
            }
        }
        // English titles end in a role word ("Deputy CEO", "Executive Vice President")
        // or name the organization after it ("Deputy Chairman of Acme Corp").
        if !ctx.german {
            let is_role = |t: &Token| {
                let w = t.text.trim_end_matches('.');
                (ctx.cues.role(w).is_some() || ctx.cues.title_words.contains(w))
                    && !ctx.cues.org_suffixes.contains(w)
            };
            // "Investment Counsel Inc.": a legal form or suffix at the end makes a name.
            let org_end = ctx.cues.org_suffixes.contains(tokens[j - 1].text)
                || ctx
                    .cues
                    .org_suffixes
                    .contains(tokens[j - 1].text.trim_end_matches('.'));
            if let Some(r) = (k..j)
                .rev()
                .find(|&r| is_role(&tokens[r]))
                .filter(|&r| !org_end || (r + 2 < j && tokens[r + 1].text == "of"))
            {
                if r + 1 == j {
                    i = j;
                    continue;
                }
                if tokens[r + 1].text == "of" && r + 2 < j {
                    // "Professor of Operations Research": a field, no name.
                    if (k..=r).any(|t| ctx.cues.field_titles.contains(tokens[t].text)) {
                        i = j;
                        continue;
                    }
                    k = r + 2;
                } else if tokens[r + 1].text != "of"
                    && (ctx.first_names.contains_key(tokens[r + 1].text)
                        || is_initial(tokens[r + 1].text)
                        || (2..=3).contains(&(j - r - 1)))
                {
                    // "Zilker Media CEO Rusty Shelton", "Artistic Director Wynton
                    // Marsalis": a person's name after the title, and before it the
                    // organization's if its suffix makes it one.
                    if r > k {
                        let before = &tokens[k..r];
                        if let Some(hit) =
                            classify(sentence, &tokens, k, before, k == first_word, ctx)
                                .filter(|h| h.entity_type == Some(EntityType::Organization))
                        {
                            hits.push(hit);
                        }
                    }
                    k = r + 1;
                }
            }
        }
        let seq = &tokens[k..j];
        // "der Softwareanbieter Altair", "den Versicherer Tua Assicurazioni": a German
        // classifier noun names the kind of organization that the name after it is.
        let after_classifier = ctx.german && k > 0 && ctx.cues.is_classifier(tokens[k - 1].text);
        if after_classifier && seq.len() <= 3 && !ctx.heading {
            let end = token_end(&seq[seq.len() - 1]);
            hits.push(NameHit {
                start: seq[0].start,
                end,
                suffix_end: possessive(sentence, end),
                entity_type: Some(EntityType::Organization),
                weak: false,
            });
        } else if let Some(hit) = classify(sentence, &tokens, k, seq, k == first_word, ctx) {
            hits.push(hit);
        }
        i = j;
    }
    if !ctx.german {
        extend_over_ordinals(&mut hits, sentence, &tokens);
    }
    hits
}

/// Capitalized function words that also begin company names ("First Apex
/// Holdings", "Two Sigma Investments LLC").
const NAME_ORDINALS: &[&str] = &[
    "First", "Second", "Third", "One", "Two", "Three", "Key", "Next",
];

/// "First Apex Holdings": before an organization name that its legal form or suffix
/// makes one, an ordinal is the name's first word, not a function word.
fn extend_over_ordinals(hits: &mut [NameHit], sentence: &str, tokens: &[Token]) {
    for h in hits.iter_mut() {
        if h.entity_type != Some(EntityType::Organization) {
            continue;
        }
        let before = tokens
            .iter()
            .find(|t| t.end + 1 == h.start && NAME_ORDINALS.contains(&t.text));
        if let Some(t) = before {
            if &sentence[t.end..h.start] == " " {
                h.start = t.start;
            }
        }
    }
}

/// Where a personal name that starts with the first name at `k` ends: after its
/// first names, then any particles and one surname ("Franz Josef Jung",
/// "Franz von Papen"; "Matthew Williams" in "Matthew Williams Liebeskummer").
fn person_extent(words: &[&str], k: usize, ctx: &NameContext) -> usize {
    let mut i = k;
    // First names and initials ("Robert R. Livingston": words lose their dots).
    while i < words.len()
        && (ctx.first_names.contains_key(words[i])
            || (i > k && words[i].chars().count() == 1 && i + 1 < words.len()))
    {
        i += 1;
    }
    let vocabulary = &ctx.cues.vocabulary;
    let common = |w: &str| vocabulary.is_noun(w) || vocabulary.is_word(w);
    // "Matthew Williams Liebeskummer": with two first names the second is the
    // surname, and a common noun after them is not.
    if i - k >= 2 && i < words.len() && common(words[i]) {
        return i;
    }
    loop {
        while i < words.len() && NAME_PARTICLES.contains(&words[i]) {
            i += 1;
        }
        i = (i + 1).min(words.len());
        // "Heinrich Gottlob von Miltitz": more particles, another surname.
        if !(i < words.len() && NAME_PARTICLES.contains(&words[i])) {
            break;
        }
    }
    // "Giovanni Giacomo Dotti": a second given name the list lacks, then the surname.
    if !vocabulary.is_empty() && i < words.len() && i - k < 3 && !common(words[i]) {
        i += 1;
    }
    i
}

/// The end of a token without a sentence-final dot; an initial keeps its dot ("Nico G.").
fn token_end(t: &Token) -> usize {
    let word = t.text.trim_end_matches('.');
    if t.text.ends_with('.') && word.chars().count() > 1 {
        t.end - 1
    } else {
        t.end
    }
}

/// A name starts with a capital or is camel-cased ("iPhone", "eBay").
fn starts_name(t: &str) -> bool {
    is_cap(t) || (has_inner_cap(t) && t.chars().next().is_some_and(char::is_alphabetic))
}

fn continues_name(t: &str, ctx: &NameContext) -> bool {
    is_cap(t) || is_number(t) || ctx.cues.org_suffixes.contains(t) || has_inner_cap(t)
}

fn compound_prefix(t: &Token, ctx: &NameContext) -> Option<NameHit> {
    let (prefix, head) = t.text.rsplit_once('-')?;
    // "FFG-Geschäftsführern", "Siemens-Vorstandschef": a role title as the head, maybe inflected.
    let role_head = [
        head,
        head.trim_end_matches('n'),
        head.trim_end_matches("en"),
    ]
    .iter()
    .any(|h| ctx.cues.role(h).is_some());
    if !(ORG_COMPOUND_HEADS.contains(&head) || role_head) || prefix.is_empty() || !is_cap(prefix) {
        return None;
    }
    let distinctive =
        has_inner_cap(prefix) || (is_acronym(prefix) && !ctx.cues.acronyms.contains(prefix));
    if !distinctive && (ctx.cues.acronyms.contains(prefix) || prefix.contains('-')) {
        return None;
    }
    Some(NameHit {
        start: t.start,
        end: t.start + prefix.len(),
        suffix_end: t.start + prefix.len(),
        entity_type: None,
        weak: !distinctive,
    })
}

fn classify(
    sentence: &str,
    all: &[Token],
    first: usize,
    seq: &[Token],
    sentence_initial: bool,
    ctx: &NameContext,
) -> Option<NameHit> {
    let mut seq = seq;
    let start = seq[0].start;
    let text = |s: &[Token]| &sentence[s[0].start..s[s.len() - 1].end];
    // Trailing abbreviation dots belong to the suffix ("Co.") but not to a plain word at a sentence end.
    let mut end = seq[seq.len() - 1].end;
    let last = seq[seq.len() - 1].text;
    // An initial keeps its dot too ("Susanne R.").
    let keeps_dot = ctx.cues.org_suffixes.contains(last)
        || ctx.cues.person_titles.contains(last)
        || (seq.len() > 1 && is_initial(last));
    if last.ends_with('.') && !keeps_dot {
        end -= 1;
    }
    let words: Vec<&str> = seq.iter().map(|t| t.text.trim_end_matches('.')).collect();
    let full = &sentence[start..end];
    if ctx.cues.concepts.contains(full) || words.iter().all(|w| ctx.cues.acronyms.contains(*w)) {
        return None;
    }
    let hit = |entity_type: Option<EntityType>, weak: bool, start: usize, end: usize| {
        Some(NameHit {
            start,
            end,
            suffix_end: possessive(sentence, end),
            entity_type,
            weak,
        })
    };
    let n = words.len();
    let last_word = words[n - 1];
    // "Generative AI", "Digital Media": blockers before the suffix make a concept, but
    // a name before them makes a name ("Dion Global Solutions").
    let suffix_blocked = n >= 2
        && words[..n - 1]
            .iter()
            .all(|w| ctx.cues.suffix_blockers.contains(*w));
    // "ASRock, Inc.", "Acme, LLC": a legal form after a comma makes the name a company's.
    if n <= 4 && !ctx.heading && followed_by_legal_form(sentence, end, ctx) {
        return hit(Some(EntityType::Organization), false, start, end);
    }
    // German nouns and a number are no name: "im Jahre 1774", "Kapitel 3".
    let vocabulary = &ctx.cues.vocabulary;
    if words.iter().any(|w| is_number(w))
        && words
            .iter()
            .all(|w| is_number(w) || vocabulary.is_noun(w) || vocabulary.is_word(w))
    {
        return None;
    }

    // "Build 2024", "CES 2025", "Euro 2024": a capitalized phrase and a year.
    if n >= 2 && YEAR.is_match(last_word) && !ctx.heading {
        return hit(Some(EntityType::Event), false, start, end);
    }
    // "Copilot 365", "Windows 11", "Phi-3.5", "GPT-4o".
    let versioned = (n >= 2 && is_number(last_word) && !YEAR.is_match(last_word))
        || words.iter().any(|w| is_version(w));
    if versioned
        && !words
            .iter()
            .all(|w| ctx.cues.acronyms.contains(*w) || is_number(w))
    {
        return hit(Some(EntityType::Product), false, start, end);
    }
    if n >= 2 && ctx.cues.org_suffixes.contains(last_word) && !suffix_blocked {
        return hit(Some(EntityType::Organization), false, start, end);
    }
    if n >= 2 && ctx.cues.org_suffixes.contains(seq[n - 1].text) && !suffix_blocked {
        return hit(Some(EntityType::Organization), false, start, seq[n - 1].end);
    }
    let alphabetic = words.iter().all(|w| {
        w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    });
    // "Beverly Hills High School", "Irish Dairy Board", "Bill Lowe Gallery": an English
    // name that ends in the head noun of an institution names one, whatever its first word.
    if !ctx.german && n >= 2 && !ctx.heading && ctx.cues.institutions.is_head(last_word) {
        return hit(Some(EntityType::Organization), false, start, end);
    }
    // "Calvin CRC": a person's name never ends in a short acronym (but "Laurent KRATZ").
    let acronym_end = !ctx.german
        && is_acronym(last_word)
        && last_word.chars().count() <= 3
        && !last_word.chars().all(|c| "IVX".contains(c));
    if (2..=4).contains(&n)
        && alphabetic
        && ctx.first_names.contains_key(words[0])
        && !ctx.heading
        && !acronym_end
    {
        if ctx.german {
            // German nouns are capitalized: the name ends after one surname.
            let e = person_extent(&words, 0, ctx);
            let stop = if e == n { end } else { token_end(&seq[e - 1]) };
            return hit(Some(EntityType::Person), false, start, stop);
        }
        return hit(Some(EntityType::Person), false, start, end);
    }
    // "Finanzminister Hans Eichel", "Stürmer Nelson Valdez": German writes the role
    // or title, a capitalized noun, right before the name, which starts at the first name.
    if ctx.german && !ctx.heading {
        if let Some(k) = (1..n).find(|&k| ctx.first_names.contains_key(words[k])) {
            let e = person_extent(&words, k, ctx);
            if e - k >= 2
                && words[k..e].iter().all(|w| {
                    w.chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                })
            {
                let stop = if e == n { end } else { token_end(&seq[e - 1]) };
                return hit(Some(EntityType::Person), false, seq[k].start, stop);
            }
        }
    }
    // A first name standing alone, not at the start of the sentence: "mit Leo", "Justin,
    // Alex und Max"; in English also at the start, before a lower-case word ("Jim then
    // resigned").
    let after_determiner = first > 0
        && ctx
            .cues
            .determiners
            .contains(&all[first - 1].text.to_lowercase());
    let before_lowercase = sentence[end..]
        .strip_prefix(' ')
        .is_some_and(|rest| rest.starts_with(char::is_lowercase));
    if n == 1
        && (!sentence_initial || (!ctx.german && before_lowercase))
        && !after_determiner
        && !ctx.heading
        && alphabetic
        && matches!(ctx.first_names.get(words[0]), Some(Some(_)))
    {
        return hit(Some(EntityType::Person), false, start, end);
    }
    // "Frau Merkel", "Mr. Reyna": an honorific before one word makes it a surname.
    if n == 1 && alphabetic && !ctx.heading && preceded_by_honorific(sentence, all, first, ctx) {
        return hit(Some(EntityType::Person), false, start, end);
    }
    if (2..=3).contains(&n) && alphabetic && preceded_by_title(sentence, all, first, ctx) {
        return hit(Some(EntityType::Person), false, start, end);
    }
    if followed_by_product_cue(sentence, end, ctx) {
        return hit(Some(EntityType::Product), false, start, end);
    }
    let distinctive = words.iter().any(|w| {
        (has_inner_cap(w) && !is_gender_form(w))
            || (is_acronym(w) && !ctx.cues.acronyms.contains(*w))
    });
    if ctx.german {
        // "die FSF", "der USPD": an acronym after an article is an organization.
        let after_article =
            first > 0 && GERMAN_ARTICLES.contains(&all[first - 1].text.to_lowercase().as_str());
        if n == 1 && is_acronym(words[0]) && distinctive && after_article && !ctx.heading {
            return hit(Some(EntityType::Organization), false, start, end);
        }
        // German capitalizes every noun: without evidence only distinctive words
        // and words that are not common nouns are names.
        // Common nouns before a distinctive word are no part of it ("Einsatz Drohne AirRobot").
        let from = words
            .iter()
            .position(|w| !(vocabulary.is_noun(w) || vocabulary.is_word(w)))
            .unwrap_or(0);
        if distinctive && n - from <= 3 {
            return hit(None, ctx.heading, seq[from].start, end);
        }
        let (mut s, e) = german_unknown(seq, ctx)?;
        let end = if e == n { end } else { token_end(&seq[e - 1]) };
        // "H. Dietz", "A. Korsakow": initials before a name make it a person's.
        // Other names are typed by the name tagger and by their context.
        let initials = s > 0 && is_initial(seq[s - 1].text);
        while s > 0 && is_initial(seq[s - 1].text) {
            s -= 1;
        }
        let entity_type = initials.then_some(EntityType::Person);
        return hit(
            entity_type.filter(|_| !ctx.heading),
            ctx.heading,
            seq[s].start,
            end,
        );
    }
    if ctx.heading {
        return hit(None, true, start, end);
    }
    // Long capitalized runs without evidence are titles or slogans, not names.
    // But a run of up to seven words with an organization word inside names one:
    // "Coldwell Banker Trinity Realty Brokerage".
    let long = words.iter().filter(|w| !CONNECTORS.contains(w)).count();
    if long > 4 {
        let org_word = words[1..n - 1]
            .iter()
            .any(|w| ctx.cues.org_suffixes.contains(*w) || ctx.cues.institutions.is_head(w));
        if long > 7 || ctx.german || !org_word {
            return None;
        }
    }
    if sentence_initial {
        // The first word of a sentence is capitalized anyway: drop it from a sequence
        // of two, keep a lone word only as weak evidence. Three words or more are one
        // name ("Champions Soccer Radio Network").
        if n == 1 {
            return hit(None, !distinctive, start, end);
        }
        // A pair before a lower-case word is the sentence's subject: "Dimitri
        // Ivanov was …" ("Yesterday Microsoft said" starts with a function word).
        // So is a pair before a bracket or a comma: "Bharat Masrani (born 1956) is …".
        let before_aside = [" (", ", "].iter().any(|p| sentence[end..].starts_with(p));
        if n >= 3 || before_lowercase || before_aside {
            return hit(None, false, start, end);
        }
        seq = &seq[1..];
        let start = seq[0].start;
        let rest = text(seq);
        if ctx.cues.concepts.contains(rest) {
            return None;
        }
        return hit(None, false, start, end);
    }
    hit(None, false, start, end)
}

/// The last run of up to three words in a German capitalized sequence that are
/// neither common nouns nor ordinary words: "Röttgen", "Handelsminister Gref",
/// "Cerro Amarillo". Common nouns before the run are what it is ("Stadt",
/// "Verein"), left for typing rules to read. Token indices into `seq`.
fn german_unknown(seq: &[Token], ctx: &NameContext) -> Option<(usize, usize)> {
    let vocabulary = &ctx.cues.vocabulary;
    if vocabulary.is_empty() {
        return None;
    }
    let name_like = |t: &Token| {
        let w = t.text.trim_end_matches('.');
        w.chars().count() >= 2
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
            && w.chars().next().is_some_and(char::is_uppercase)
            && !ctx.cues.function_words.contains(w)
            && !ctx.cues.acronyms.contains(w)
            && !ctx.cues.person_titles.contains(w)
            && !is_gender_form(w)
            && !vocabulary.is_noun(w)
            && !vocabulary.is_word(w)
    };
    let end = seq.iter().rposition(name_like)? + 1;
    let mut start = end - 1;
    while start > 0 && name_like(&seq[start - 1]) {
        start -= 1;
    }
    (end - start <= 3).then_some((start, end))
}

/// Whether ", Inc.", ", Ltd" or another legal form (an organization suffix that is
/// an abbreviation) follows.
fn followed_by_legal_form(sentence: &str, end: usize, ctx: &NameContext) -> bool {
    let Some(rest) = sentence[end..].strip_prefix(", ") else {
        return false;
    };
    let word: &str = rest
        .split(|c: char| c.is_whitespace() || c == ',' || c == ')')
        .next()
        .unwrap_or("");
    let bare = word.trim_end_matches('.');
    ctx.cues.legal_forms.iter().any(|f| f == bare)
        && (ctx.cues.org_suffixes.contains(word) || ctx.cues.org_suffixes.contains(bare))
}

fn possessive(sentence: &str, end: usize) -> usize {
    let rest = &sentence[end..];
    for p in ["'s", "’s"] {
        if let Some(after) = rest.strip_prefix(p) {
            if after.chars().next().is_none_or(|c| !c.is_alphanumeric()) {
                return end + p.len();
            }
        }
    }
    end
}

fn preceded_by_title(sentence: &str, all: &[Token], first: usize, ctx: &NameContext) -> bool {
    if first == 0 {
        return false;
    }
    let before = sentence[..all[first].start].trim_end();
    ctx.cues.person_titles.iter().any(|title| {
        before.ends_with(title.as_str())
            && before[..before.len() - title.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric() || c == '-')
    })
}

fn preceded_by_honorific(sentence: &str, all: &[Token], first: usize, ctx: &NameContext) -> bool {
    if first == 0 {
        return false;
    }
    let before = sentence[..all[first].start].trim_end();
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    ctx.cues.honorifics.contains(word)
}

fn followed_by_product_cue(sentence: &str, end: usize, ctx: &NameContext) -> bool {
    let rest = possessive_stripped(&sentence[end..]);
    let rest = rest.strip_prefix(' ').unwrap_or("");
    ctx.cues.product_cues.iter().any(|cue| {
        rest.starts_with(cue.as_str())
            && rest[cue.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

fn possessive_stripped(s: &str) -> &str {
    s.strip_prefix("'s")
        .or_else(|| s.strip_prefix("’s"))
        .unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

    fn run(sentence: &str, german: bool, heading: bool) -> Vec<(String, Option<EntityType>, bool)> {
        let cues = Cues::load(if german {
            Language::German
        } else {
            Language::English
        });
        let first_names: FxHashMap<String, Option<Gender>> = ["Kevin", "Mustafa", "Sam", "Anna"]
            .iter()
            .map(|s| (s.to_string(), None))
            .collect();
        let ctx = NameContext {
            cues: &cues,
            first_names: &first_names,
            german,
            heading,
        };
        find_names(sentence, &[], &ctx)
            .into_iter()
            .map(|h| (sentence[h.start..h.end].to_string(), h.entity_type, h.weak))
            .collect()
    }

    #[test]
    fn english_titles_and_institution_heads() {
        let org = Some(EntityType::Organization);
        assert_eq!(
            run(
                "She is an Engagement Manager at Kevin Global Solutions.",
                false,
                false
            ),
            vec![("Kevin Global Solutions".into(), org, false)]
        );
        assert_eq!(
            run("He taught at Kevin Hills High School.", false, false),
            vec![("Kevin Hills High School".into(), org, false)]
        );
        assert_eq!(
            run("It hired Zilker Media CEO Anna Smith.", false, false),
            vec![
                ("Zilker Media".into(), org, false),
                ("Anna Smith".into(), Some(EntityType::Person), false)
            ]
        );
        assert!(run(
            "He is Professor of Operations Research there.",
            false,
            false
        )
        .is_empty());
        assert_eq!(
            run(
                "She joined Coldwell Banker Trinity Realty Brokerage.",
                false,
                false
            ),
            vec![(
                "Coldwell Banker Trinity Realty Brokerage".into(),
                None,
                false
            )]
        );
    }

    #[test]
    fn organization_suffixes() {
        assert_eq!(
            run(
                "It was led by Thrive Capital and Allen & Co. last year.",
                false,
                false
            ),
            vec![
                (
                    "Thrive Capital".into(),
                    Some(EntityType::Organization),
                    false
                ),
                ("Allen & Co.".into(), Some(EntityType::Organization), false)
            ]
        );
        // "Generative AI" is a concept, not a company named "Generative".
        assert!(run("They bet on Generative AI tools.", false, false).is_empty());
        assert_eq!(
            run("Das Team von Inflection AI wechselt.", true, false),
            vec![(
                "Inflection AI".into(),
                Some(EntityType::Organization),
                false
            )]
        );
    }

    #[test]
    fn people_products_events() {
        assert_eq!(
            run(
                "Seitens Microsoft äußerte sich CTO Kevin Scott.",
                true,
                false
            ),
            vec![
                ("Microsoft".into(), None, false),
                ("Kevin Scott".into(), Some(EntityType::Person), false)
            ]
        );
        assert_eq!(
            run("said chief executive Jane Doerr on Monday", false, false),
            vec![("Jane Doerr".into(), Some(EntityType::Person), false)]
        );
        assert_eq!(
            run(
                "its Phi-3.5 models and the Copilot 365 product",
                false,
                false
            ),
            vec![
                ("Phi-3.5".into(), Some(EntityType::Product), false),
                ("Copilot 365".into(), Some(EntityType::Product), false)
            ]
        );
        assert_eq!(
            run("During Build 2024, the company spoke.", false, false),
            vec![("Build 2024".into(), Some(EntityType::Event), false)]
        );
    }

    #[test]
    fn titles_ending_in_a_role_are_no_names() {
        let names = |s: &str| -> Vec<String> {
            run(s, false, false)
                .into_iter()
                .map(|(n, _, _)| n)
                .collect()
        };
        assert_eq!(
            names("She is the Deputy CEO at KCL Capital Market Brokers."),
            ["KCL Capital Market Brokers"]
        );
        assert_eq!(
            names("He became Deputy Chairman of Acme Corp last year."),
            ["Acme Corp"]
        );
    }

    #[test]
    fn sentence_initial_words() {
        // A lone capitalized first word is weak evidence; function words are nothing.
        assert_eq!(
            run("Nadella said so.", false, false),
            vec![("Nadella".into(), None, true)]
        );
        assert!(run("Despite this, it grew.", false, false).is_empty());
    }

    #[test]
    fn unknown_candidates_by_language() {
        // English: a capitalized phrase mid-sentence is a candidate.
        assert_eq!(
            run("The conference in Sun Valley was busy.", false, false),
            vec![("Sun Valley".into(), None, false)]
        );
        // German: nouns are capitalized too; words that are not common nouns are
        // candidates, the nouns before them are not ("Handelsminister").
        assert_eq!(
            run(
                "Die Investoren sind Nvidia und MGX aus Abu Dhabi.",
                true,
                false
            ),
            vec![
                ("Nvidia".into(), None, false),
                ("MGX".into(), None, false),
                ("Abu Dhabi".into(), None, false)
            ]
        );
        assert_eq!(
            run("Gleich danach sagte Handelsminister Gref ab.", true, false),
            vec![("Gref".into(), None, false)]
        );
        // Acronyms of concepts are never names.
        assert!(run("Die KI und die AGI kommen.", true, false).is_empty());
    }

    #[test]
    fn german_classifier_nouns_are_not_part_of_the_name() {
        assert_eq!(
            run(
                "Bosch kaufte den Chiphersteller TSI Semiconductors.",
                true,
                false
            ),
            vec![
                ("Bosch".into(), None, false),
                (
                    "TSI Semiconductors".into(),
                    Some(EntityType::Organization),
                    false
                )
            ]
        );
    }

    #[test]
    fn german_compounds_split_off_the_name() {
        assert_eq!(
            run("Das sagte der Acme-Chef am Montag.", true, false),
            vec![("Acme".into(), None, true)]
        );
        assert_eq!(
            run("Die ZEFIX-Software läuft.", true, false),
            vec![("ZEFIX".into(), None, false)]
        );
    }
}
