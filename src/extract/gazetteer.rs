//! The entity lexicon as the name tagger's gazetteer: lexicon names in a
//! text with their class, and the classes of single words (given names,
//! demonyms). The tagger reads them as features, so the lexicon informs the
//! model instead of deciding alone.

use super::lexicon::Lexicon;
use super::mentions::Gender;
use crate::model::EntityType;
use crate::nlp::{ner, Gazetteer};
use rustc_hash::FxHashMap;

/// The lexicon and the first names, seen by the name tagger.
pub struct LexiconGazetteer<'a> {
    pub lexicon: &'a Lexicon,
    pub first_names: &'a FxHashMap<String, Option<Gender>>,
}

impl Gazetteer for LexiconGazetteer<'_> {
    fn names(&self, text: &str, german: bool) -> Vec<(usize, usize, usize)> {
        self.lexicon
            .find(text, german)
            .into_iter()
            .map(|m| {
                let class = match self.lexicon.entry(m.entry).entity_type {
                    EntityType::Person => ner::SPAN_PER,
                    EntityType::Organization => ner::SPAN_ORG,
                    EntityType::Place => ner::SPAN_LOC,
                    EntityType::Product => ner::SPAN_PROD,
                    EntityType::Event => ner::SPAN_EVENT,
                };
                // A German genitive belongs to the word ("Microsofts"); an
                // English possessive is a word of its own ("Microsoft" "'s").
                let end = if german && text[m.end..m.suffix_end].starts_with('s') {
                    m.suffix_end
                } else {
                    m.end
                };
                (m.start, end, class)
            })
            .collect()
    }

    fn word_marks(&self, word: &str, _german: bool) -> u8 {
        let mut bits = 0;
        if word.chars().next().is_some_and(char::is_uppercase)
            && self.first_names.contains_key(word)
        {
            bits |= ner::GIVEN;
        }
        if self.lexicon.demonym(word).is_some() {
            bits |= ner::DEMONYM;
        }
        bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_names_and_word_classes_reach_the_tagger() {
        let ex = crate::extract::Extractor::builtin();
        let g = ex.gazetteer();
        let text = "Microsoft hired Angela Merkel in Berlin.";
        assert_eq!(
            g.names(text, false),
            [
                (0, 9, ner::SPAN_ORG),
                (16, 29, ner::SPAN_PER),
                (33, 39, ner::SPAN_LOC)
            ]
        );
        // A German genitive belongs to the name's word.
        assert_eq!(g.names("Microsofts Chef", true), [(0, 10, ner::SPAN_ORG)]);
        assert_eq!(g.word_marks("Angela", false), ner::GIVEN);
        assert_eq!(g.word_marks("deutschen", true), ner::DEMONYM);
        assert_eq!(g.word_marks("angela", false), 0);
    }
}
