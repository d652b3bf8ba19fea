//! What the token layer's name tagger adds to the names the rules found in a
//! sentence: a type for a name no rule typed, and the whole of a person's or
//! an organization's name where the rules read only part of it.
//!
//! `find_mentions` calls [`add_model_types`] once per sentence, after the
//! rules' own names and before pronouns and noun phrases are added.

use super::cues::Cues;
use super::mentions::{is_acronym, Mention, MentionKind};
use crate::ingest::Document;
use crate::model::{EntityType, Language};

/// Where the name tagger reads a German compound as holding an
/// organization's name ("Globex-Chef": `ORGpart`): the byte offsets at which
/// those words start in sentence `si`.
pub fn name_parts(a: &crate::nlp::Analysis, si: usize) -> Vec<usize> {
    sentence_names(a, si)
        .filter(|e| e.label == "ORGpart")
        .map(|e| a.tokens[e.start].start)
        .collect()
}

/// The tagger's names in sentence `si`.
fn sentence_names(
    a: &crate::nlp::Analysis,
    si: usize,
) -> impl Iterator<Item = &crate::nlp::Entity> {
    let (first, last) = a.sentences[si];
    a.entities
        .iter()
        .filter(move |e| e.start >= first && e.end <= last)
}

/// The types the token layer's name tagger gives the names the rules found
/// in sentence `si`, where both read the same words: evidence that types a
/// name no rule typed (see `DocRun::type_by_model`). The tagger's other names
/// are not added: on every development set, names added where the rules saw
/// none cost more true facts than they gave (KnowledgeNet 0.548 -> 0.536,
/// DFKI 0.508 -> 0.410, news-dev English 0.257 -> 0.230 with them; German
/// sets within a fact either way), and they brought in false entities
/// ("Computing-Power" as a place). A person's or an organization's name the
/// rules read only in part is widened to the tagger's reading
/// (`widen_to_model_name`).
pub fn add_model_types(
    local: &mut Vec<Mention>,
    a: &crate::nlp::Analysis,
    si: usize,
    doc: &Document,
    cues: &Cues,
) {
    for e in sentence_names(a, si) {
        let t = match e.label.as_str() {
            "PER" => EntityType::Person,
            "ORG" => EntityType::Organization,
            "LOC" => EntityType::Place,
            _ => continue,
        };
        let mut start = a.tokens[e.start].start;
        let mut end = a.tokens[e.end - 1].end;
        // A German genitive: the lemma of the name's last word lacks the "s".
        let last_word = &doc.text[a.tokens[e.end - 1].start..end];
        let lemma = a.lemma(e.end - 1);
        if doc.language == Language::German
            && last_word.len() == lemma.len() + 1
            && last_word.ends_with('s')
            && last_word.starts_with(lemma)
        {
            end -= 1;
        }
        // A name starts with a capital or a digit: "hessischen Darmstadt" is
        // an adjective and a name.
        while start < end
            && !doc.text[start..].starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        {
            start += doc.text[start..].chars().next().map_or(1, char::len_utf8);
        }
        if let Some(m) = local.iter_mut().find(|m| m.start == start && m.end == end) {
            m.model_type = Some(t);
        } else if matches!(t, EntityType::Person | EntityType::Organization) {
            widen_to_model_name(local, &doc.text[..end], start, si, t, cues);
        }
    }
}

/// "der Sänger Thom Müller", "die Flughafen Graz AG": where the rules read
/// only part of a person's or an organization's name (an unknown first name, a
/// surname that is also a German noun, a place inside a company's name) and
/// the tagger reads the whole as one name of that type, the tagger's span is
/// the name. It is taken only where every word of it is capitalized (an
/// organization's may hold short lower-case words: "Institut für Höhere
/// Studien", but then no organization of its own: "Board of Trustees of
/// Globex College") and every mention inside it is an untyped name or one of
/// the same type the lexicon does not know, or a place inside an
/// organization's name.
fn widen_to_model_name(
    local: &mut Vec<Mention>,
    text: &str,
    mut start: usize,
    si: usize,
    t: EntityType,
    cues: &Cues,
) {
    let end = text.len();
    // A title before the name is no part of it: "Dr. Max Mustermann".
    while let Some((first, _)) = text[start..].split_once(' ') {
        if !first.ends_with('.') || first.chars().count() <= 2 {
            break;
        }
        start += first.len() + 1;
    }
    let span = &text[start..];
    let words: Vec<&str> = span.split(' ').collect();
    let capitalized = |w: &str| {
        w.starts_with(char::is_uppercase)
            && (w.chars().any(char::is_lowercase) || is_acronym(w.trim_end_matches('.')))
    };
    // A short word after a truncated compound joins its two halves: "Bundes-
    // und Landesbank" is one name.
    let name_word = |i: usize| {
        let w = words[i];
        capitalized(w)
            || (i > 0
                && words[i - 1].ends_with('-')
                && w.chars().count() <= 4
                && w.chars().all(char::is_lowercase))
    };
    // An organization's name may hold a few lower-case words inside:
    // "Institut für Höhere Studien", "Bank of Springfield" (not "and", which
    // joins two names).
    let inner_word =
        |i: usize| t == EntityType::Organization && cues.name_connectors.contains(words[i]);
    if span.contains([',', ';', ':', '(', ')', '"']) {
        return;
    }
    let last = words.len() - 1;
    if last == 0
        || !capitalized(words[0])
        || !capitalized(words[last])
        || !(0..=last).all(|i| name_word(i) || inner_word(i))
    {
        return;
    }
    let inside: Vec<usize> = (0..local.len())
        .filter(|&k| local[k].start < end && local[k].suffix_end > start)
        .collect();
    // A known company and a place make a regional unit ("Globex Europe"); a
    // known company and other words are as often its product ("Globex Phone").
    let has_place = inside
        .iter()
        .any(|&k| local[k].kind == MentionKind::Name(EntityType::Place));
    let lower_inside = !(0..=last).all(name_word);
    let fits = |m: &Mention| {
        m.start >= start
            && m.end <= end
            && match m.kind {
                MentionKind::Unknown => m.lexicon.is_none(),
                MentionKind::Name(EntityType::Organization) if lower_inside => false,
                MentionKind::Name(u) if u == t => m.lexicon.is_none() || has_place,
                MentionKind::Name(EntityType::Place) => t == EntityType::Organization,
                _ => false,
            }
    };
    if inside.is_empty() || !inside.iter().all(|&k| fits(&local[k])) {
        return;
    }
    // "des Wiener Versicherers Initech", "Konzernchef Max Mustermann": a
    // German noun for a kind of company or a title right before a name
    // describes it; it is no part of it.
    if cues.language == Language::German {
        let describes = |w: &str| {
            // "US-Raumfahrtbehörde", "Globex-Tochter": a compound's last part.
            let w = w.rsplit('-').next().unwrap_or(w);
            let stem = w.strip_suffix('s').unwrap_or(w);
            // `role` also reads compound titles ("Konzernchef").
            cues.is_classifier(w) || cues.is_classifier(stem) || cues.role(w).is_some()
        };
        let mut at = start;
        for w in &words {
            let next = at + w.len() + 1;
            if describes(w)
                && inside.iter().any(|&k| {
                    local[k].start == next && local[k].kind != MentionKind::Name(EntityType::Place)
                })
            {
                return;
            }
            at = next;
        }
    }
    let possessive = inside.last().is_some_and(|&k| local[k].possessive);
    let suffix_end = inside.last().map_or(end, |&k| local[k].suffix_end.max(end));
    for k in inside.into_iter().rev() {
        local.remove(k);
    }
    local.push(Mention {
        start,
        end,
        suffix_end,
        sentence: si,
        kind: MentionKind::Name(t),
        surface: span.to_string(),
        lexicon: None,
        weak: false,
        possessive,
        model_type: Some(t),
    });
}

#[cfg(test)]
mod tests {
    use crate::extract::test_support::masked;
    use crate::model::Language;

    #[test]
    fn the_tagger_widens_a_name_the_rules_read_in_part() {
        // "Thom" is no first name the rules know and "Müller" is also a German
        // noun: the rules see only "Thom", the tagger the whole name.
        assert_eq!(
            masked(
                "Der Sänger Thom Müller hat sich beschwert.",
                Language::German
            ),
            ["Der Sänger ⟨0:PER⟩ hat sich beschwert."]
        );
        // The rules read a place inside a company's name.
        assert_eq!(
            masked(
                "Die Mitarbeiter der Flughafen Graz AG streiken.",
                Language::German
            ),
            ["Die Mitarbeiter der ⟨0:ORG⟩ streiken."]
        );
    }
}
