//! One sense per article: a name the article has written as a name is a name
//! wherever it is written again ("die Globex Beteiligungs GmbH ... Anteile an
//! der Globex halten"), even where the sentence alone gives no evidence of one.
//!
//! [`repeat_names`] runs after every sentence's mentions are found. It collects
//! the organizations and people the rules typed (not the lexicon's names, which
//! are found everywhere already) with the shorter forms an article uses for
//! them: the first word of an organization's name, the surname of a person's.
//! One automaton then finds those strings in the content sentences; an
//! occurrence that no mention covers becomes a mention of the same type, and a
//! weak untyped one (a sentence-initial word) takes the type.
//! [`defined_acronyms`] runs before it: an acronym the article defines in
//! brackets ("the London Stock Exchange (LSE)") stands for that name wherever
//! it appears, not for what else the lexicon knows by it.
//!
//! A shorter form is repeated only where it is no ordinary word and no place:
//! it must be rare in lower case (the token layer's word frequencies); English
//! needs it never written in lower case in the article, German needs it to be
//! no known noun (German capitalizes every noun).

use super::mentions::{Mention, MentionKind, MentionResources};
use crate::ingest::Document;
use crate::model::{EntityType, Language};
use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::{FxHashMap, FxHashSet};

/// Words whose lower-case form is at least this frequent (a rounded negative
/// log probability) are ordinary words: "board", "talent", "neue", "lustig".
const COMMON_RARITY: u8 = 12;

/// Adds the article's repeated names to `out` (mentions in text order).
pub fn repeat_names(out: &mut Vec<Mention>, doc: &Document, res: &MentionResources) {
    let german = doc.language == Language::German;
    let cues = res.cues;
    let clusters = res.nlp.map(|p| &p.models(doc.language).lexical.clusters);
    let mut lower_words: Option<FxHashSet<&str>> = None;
    let mut is_word = |w: &str| -> bool {
        if res.lexicon.demonym(w).is_some() || res.lexicon.lookup(w).is_some() {
            return true;
        }
        let lower = w.to_lowercase();
        if german && cues.vocabulary.is_noun(w) {
            return true;
        }
        if clusters
            .and_then(|c| c.get(&lower))
            .is_some_and(|c| c.rarity <= COMMON_RARITY)
        {
            return true;
        }
        if german {
            // A capitalized adjective or adverb that is rare in lower case
            // ("Medial") is a name inside a sentence.
            return false;
        }
        let lower_words = lower_words.get_or_insert_with(|| {
            doc.text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| w.starts_with(char::is_lowercase))
                .collect()
        });
        lower_words.contains(lower.as_str())
    };
    let mut names: FxHashMap<String, EntityType> = FxHashMap::default();
    let mut ambiguous: FxHashSet<String> = FxHashSet::default();
    let mut add =
        |names: &mut FxHashMap<String, EntityType>, s: &str, t: EntityType| match names.get(s) {
            Some(&u) if u != t => {
                ambiguous.insert(s.to_string());
            }
            _ => {
                names.insert(s.to_string(), t);
            }
        };
    for m in out.iter() {
        let MentionKind::Name(t) = m.kind else {
            continue;
        };
        if m.weak
            || m.lexicon.is_some()
            || !matches!(t, EntityType::Organization | EntityType::Person)
        {
            continue;
        }
        let surface = m.surface.trim_end_matches('.');
        if surface.chars().count() >= 2
            && surface.starts_with(char::is_uppercase)
            && res.lexicon.lookup(surface).is_none()
            && res.lexicon.demonym(surface).is_none()
        {
            add(&mut names, surface, t);
        }
        let words: Vec<&str> = surface.split_whitespace().collect();
        if words.len() < 2 {
            continue;
        }
        let short = match t {
            EntityType::Organization => words[0],
            _ => words[words.len() - 1],
        };
        if short.chars().count() >= 3
            && short.starts_with(char::is_uppercase)
            && short.chars().all(char::is_alphabetic)
            && !cues.function_words.contains(short)
            && !is_word(short)
        {
            add(&mut names, short, t);
        }
    }
    for a in &ambiguous {
        names.remove(a);
    }
    if names.is_empty() {
        return;
    }
    let patterns: Vec<&String> = names.keys().collect();
    let Ok(finder) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
    else {
        return;
    };
    let mut added = Vec::new();
    let mut next = 0;
    for (si, sentence) in doc.sentences.iter().enumerate() {
        if !sentence.kind.is_content() {
            continue;
        }
        while next < out.len() && out[next].sentence < si {
            next += 1;
        }
        let here = next..out[next..]
            .iter()
            .position(|m| m.sentence != si)
            .map_or(out.len(), |k| next + k);
        let text = &doc.text[sentence.start..sentence.end];
        for hit in finder.find_iter(text) {
            let (start, end) = (sentence.start + hit.start(), sentence.start + hit.end());
            let before = doc.text[..start].chars().next_back();
            let after = doc.text[end..].chars().next();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '-')
                || after.is_some_and(|c| c.is_alphanumeric() || c == '-')
            {
                continue;
            }
            let t = names[patterns[hit.pattern().as_usize()]];
            let overlapping: Vec<usize> = here
                .clone()
                .filter(|&k| out[k].start < end && out[k].suffix_end > start)
                .collect();
            match overlapping[..] {
                [] => added.push(Mention {
                    start,
                    end,
                    suffix_end: end + possessive_len(&doc.text[end..]),
                    sentence: si,
                    kind: MentionKind::Name(t),
                    surface: doc.text[start..end].to_string(),
                    lexicon: None,
                    weak: false,
                    possessive: possessive_len(&doc.text[end..]) > 0,
                    model_type: None,
                }),
                [k] if out[k].kind == MentionKind::Unknown
                    && out[k].start == start
                    && out[k].end == end =>
                {
                    out[k].kind = MentionKind::Name(t);
                    out[k].weak = false;
                }
                _ => {}
            }
        }
    }
    if added.is_empty() {
        return;
    }
    out.extend(added);
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
}

/// "the London Stock Exchange (LSE)": an acronym the article defines in
/// brackets after a name stands for that name throughout the article, whatever
/// else the lexicon knows by it (another "LSE"), where the lexicon knows the
/// name too: the acronym takes the name's entry. (A name the lexicon does not
/// know may be its entry for the acronym under another language's name:
/// "Institut für Höhere Studien (IHS)".)
pub fn defined_acronyms(out: &mut [Mention], doc: &Document) {
    let mut defined: FxHashMap<String, (Option<usize>, MentionKind)> = FxHashMap::default();
    for k in 1..out.len() {
        let (name, short) = (&out[k - 1], &out[k]);
        // The acronym starts as the name does: "Yale University (USA)" names a
        // place in brackets, not a short form.
        let initial = |s: &str| s.chars().next().map(|c| c.to_lowercase().to_string());
        if !matches!(name.kind, MentionKind::Name(_))
            || name.lexicon.is_none()
            || initial(&name.surface) != initial(&short.surface)
            || !super::mentions::is_acronym(&short.surface)
            || doc.text.get(name.suffix_end..short.start) != Some(" (")
            || !doc.text[short.end..].starts_with(')')
        {
            continue;
        }
        defined
            .entry(short.surface.clone())
            .or_insert((name.lexicon, name.kind.clone()));
    }
    if defined.is_empty() {
        return;
    }
    for m in out.iter_mut() {
        let Some((lexicon, kind)) = defined.get(&m.surface) else {
            continue;
        };
        if m.lexicon.is_some() && m.lexicon != *lexicon {
            m.lexicon = *lexicon;
            m.kind = kind.clone();
        }
    }
}

/// The length of an English possessive ending at the start of `rest`.
fn possessive_len(rest: &str) -> usize {
    ["'s", "’s"]
        .iter()
        .find(|p| rest.starts_with(*p) && !rest[p.len()..].starts_with(char::is_alphanumeric))
        .map_or(0, |p| p.len())
}

#[cfg(test)]
mod tests {
    use crate::extract::test_support::{masked, typed};
    use crate::model::{EntityType, Language};

    fn count(found: &[(String, EntityType)], name: &str, t: EntityType) -> usize {
        found.iter().filter(|(n, u)| n == name && *u == t).count()
    }

    #[test]
    fn the_first_word_of_a_company_name_is_the_company_again() {
        // "akkurat" is a German adjective, rare enough to be a name when capitalized.
        let text = "Die Akkurat Beteiligungs GmbH hält 30 Prozent an der Marbach AG.\n\n\
                    Weitere Anteile an der Akkurat halten zwei Banken.";
        let found = typed(text, Language::German);
        assert_eq!(
            count(&found, "Akkurat", EntityType::Organization),
            1,
            "{found:?}"
        );
    }

    #[test]
    fn a_common_word_or_a_place_is_not_repeated() {
        // "Talent" is an ordinary English word, "Boston" a place the lexicon knows.
        let text = "Talent Partners Group hired two analysts. \
                    Talent Sourcing is what the Boston Analytics Inc. team does in Boston.";
        let found = typed(text, Language::English);
        assert_eq!(
            count(&found, "Talent", EntityType::Organization),
            0,
            "{found:?}"
        );
        assert_eq!(
            count(&found, "Boston", EntityType::Organization),
            0,
            "{found:?}"
        );
        // A German common noun is no name either.
        let text = "Die Energie Steiermark AG investiert. Energie ist teuer geworden.";
        let found = typed(text, Language::German);
        assert_eq!(
            count(&found, "Energie", EntityType::Organization),
            0,
            "{found:?}"
        );
    }

    #[test]
    fn a_name_typed_once_is_typed_wherever_it_is_written() {
        let text = "The chief executive of Quorvant Holdings, Mara Lindqvist, disagreed.\n\n\
                    Shares in Quorvant fell.\n\nLindqvist joined Quorvant in 2019.";
        assert_eq!(
            masked(text, Language::English),
            [
                "The chief executive of ⟨0:ORG⟩, ⟨1:PER⟩, disagreed.",
                "Shares in ⟨3:ORG⟩ fell.",
                "⟨4:PER⟩ joined ⟨5:ORG⟩ ⟨6:DATE⟩."
            ]
        );
    }
}
