//! The alias table: which names denote the same entity, so that a prediction
//! saying "Microsoft Corp." matches a gold triple saying "Microsoft".
//!
//! `entities.tsv` has the header `canonical type aliases`, aliases separated by
//! `|`. Every name is reduced to a matching key: lowercase, without diacritics,
//! punctuation or whitespace ("Microsoft Corp." → `microsoftcorp`,
//! "Nestlé S.A." → `nestlesa`, "Chat GPT" → `chatgpt`). Names with the same key
//! are the same entity; a name the table does not know is an entity of its own,
//! still compared by key.
//!
//! Diacritics are dropped because news spells the same company both ways
//! ("Nestlé"/"Nestle") while real names differing only by an accent are
//! vanishingly rare. `+` and `&` are kept as the words "plus" and "and": they
//! are part of names ("Disney+" is not "Disney", "AT&T" is not "ATT").

use super::tsv::{read_records, Column};
use super::EvalError;
use crate::model::EntityType;
use std::collections::HashMap;
use std::path::Path;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Names that denote the same entity, looked up by matching key.
#[derive(Debug, Clone, Default)]
pub struct AliasTable {
    entities: Vec<Entity>,
    /// Matching key of every canonical name and alias → index into `entities`.
    by_key: HashMap<String, usize>,
}

#[derive(Debug, Clone)]
struct Entity {
    canonical: String,
    entity_type: EntityType,
    /// The canonical name first, then the aliases in file order.
    names: Vec<String>,
}

const COLUMNS: [Column; 3] = [
    Column {
        name: "canonical",
        required: true,
    },
    Column {
        name: "type",
        required: true,
    },
    Column {
        name: "aliases",
        required: false,
    },
];

/// Reads an alias table (`entities.tsv`).
///
/// Fails, naming the file and line, on an unknown type, an empty canonical
/// name, a name without letters or digits, and a name that already belongs to
/// another entity (an ambiguous alias would make scores depend on row order).
pub fn read_aliases(path: &Path) -> Result<AliasTable, EvalError> {
    let mut table = AliasTable::empty();
    // The line each key was first seen on, for conflict messages.
    let mut key_lines: HashMap<String, usize> = HashMap::new();
    for record in read_records(path, &COLUMNS)? {
        let error = |message: String| EvalError::Format {
            path: path.to_owned(),
            line: record.line,
            message,
        };
        let [canonical, entity_type, aliases] = &record.fields[..] else {
            unreachable!("read_records returns one field per requested column");
        };
        if canonical.is_empty() {
            return Err(error("empty canonical name".to_owned()));
        }
        let entity_type = EntityType::parse(entity_type).ok_or_else(|| {
            error(format!(
                "unknown type \"{entity_type}\"; expected one of {}",
                EntityType::ALL.map(EntityType::name).join(", ")
            ))
        })?;
        let index = table.entities.len();
        let mut names = vec![canonical.clone()];
        names.extend(
            aliases
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_owned),
        );
        for name in &names {
            let key = match_key(name);
            if key.is_empty() {
                return Err(error(format!("name \"{name}\" has no letters or digits")));
            }
            match table.by_key.get(&key) {
                Some(&other) if other != index => {
                    return Err(error(format!(
                        "\"{name}\" already names \"{}\" (line {}); names are compared \
                         ignoring case, punctuation, whitespace and accents",
                        table.entities[other].canonical, key_lines[&key]
                    )));
                }
                Some(_) => {}
                None => {
                    table.by_key.insert(key.clone(), index);
                    key_lines.insert(key, record.line);
                }
            }
        }
        table.entities.push(Entity {
            canonical: canonical.clone(),
            entity_type,
            names,
        });
    }
    Ok(table)
}

impl AliasTable {
    /// A table that knows no aliases: names still match ignoring case,
    /// punctuation, whitespace and accents.
    pub fn empty() -> Self {
        AliasTable::default()
    }

    /// The identity a name is scored as: the canonical name for a known name or
    /// alias (`"Microsoft Corp."` → `"Microsoft"`), otherwise the name's own
    /// matching key (`"Foo-Bar Ltd."` → `"foobarltd"`).
    pub fn canonical(&self, name: &str) -> String {
        let key = match_key(name);
        match self.by_key.get(&key) {
            Some(&i) => self.entities[i].canonical.clone(),
            None => key,
        }
    }

    /// The entity type the table gives a name, if it knows the name.
    pub fn entity_type(&self, name: &str) -> Option<EntityType> {
        self.entity(name).map(|e| e.entity_type)
    }

    fn entity(&self, name: &str) -> Option<&Entity> {
        self.by_key
            .get(&match_key(name))
            .map(|&i| &self.entities[i])
    }

    /// The key two names must share to be the same entity.
    pub(crate) fn key(&self, name: &str) -> String {
        match self.entity(name) {
            Some(e) => match_key(&e.canonical),
            None => match_key(name),
        }
    }

    /// How reports write a name: the canonical name if known, else the name as
    /// given with its whitespace tidied (readable, unlike its key).
    pub(crate) fn display(&self, name: &str) -> String {
        match self.entity(name) {
            Some(e) => e.canonical.clone(),
            None => name.split_whitespace().collect::<Vec<_>>().join(" "),
        }
    }

    /// The matching keys of every name of the entity `name` denotes, to find
    /// the entity in sentences.
    pub(crate) fn name_keys(&self, name: &str) -> Vec<String> {
        let mut keys = vec![match_key(name)];
        if let Some(e) = self.entity(name) {
            keys.extend(e.names.iter().map(|n| match_key(n)));
        }
        keys.retain(|k| !k.is_empty());
        keys.sort();
        keys.dedup();
        keys
    }
}

/// Splits text into matching tokens: runs of letters and digits, lowercased,
/// without diacritics (`ß` → `ss`); `+` and `&` become the tokens "plus" and
/// "and"; everything else separates tokens.
pub(crate) fn tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    // Lowercasing before decomposing lets the decomposition strip the dot that
    // lowercasing "İ" adds.
    for c in text.to_lowercase().nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if c == 'ß' {
                current.push_str("ss");
            } else {
                current.push(c);
            }
            continue;
        }
        if !current.is_empty() {
            tokens.push(std::mem::take(&mut current));
        }
        match c {
            '+' => tokens.push("plus".to_owned()),
            '&' => tokens.push("and".to_owned()),
            _ => {}
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

/// The key of a name: its tokens joined without separators, so that
/// "GPT-4"/"GPT4" and "Open AI"/"OpenAI" meet.
pub(crate) fn match_key(name: &str) -> String {
    tokens(name).concat()
}

/// Whether a run of consecutive `tokens` spells `key`, so a name is found in a
/// sentence only on token boundaries ("US" is not found in "business").
pub(crate) fn mentions(tokens: &[String], key: &str) -> bool {
    (0..tokens.len()).any(|start| {
        let mut joined = String::new();
        for token in &tokens[start..] {
            joined.push_str(token);
            if joined.len() >= key.len() || !key.starts_with(joined.as_str()) {
                return joined == key;
            }
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "canonical\ttype\taliases\n\
        Microsoft\tOrganization\tMicrosoft Corp.|Microsoft Corporation|MSFT|Microsofts\n\
        OpenAI\tOrganization\tOpen AI|OpenAI Inc.\n\
        Microsoft AI\tOrganization\t\n\
        Kevin Scott\tPerson\n\
        United States\tPlace\tU.S.|US|USA\n";

    fn table(text: &str) -> Result<AliasTable, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("entities.tsv");
        std::fs::write(&path, text).unwrap();
        read_aliases(&path).map_err(|e| {
            e.to_string()
                .strip_prefix(&format!("{}/", dir.path().display()))
                .unwrap()
                .to_owned()
        })
    }

    #[test]
    fn keys_ignore_case_punctuation_whitespace_and_accents() {
        assert_eq!(match_key("Microsoft Corp."), "microsoftcorp");
        assert_eq!(match_key("  Sam\u{a0} Altman "), "samaltman");
        assert_eq!(match_key("Nestlé S.A."), "nestlesa");
        assert_eq!(match_key("Straße"), "strasse");
        assert_eq!(match_key("GPT-4"), match_key("GPT4"));
        assert_eq!(match_key("Phi-3.5"), match_key("Phi 3.5"));
        assert_eq!(match_key("Disney+"), "disneyplus");
        assert_eq!(match_key("AT&T"), "atandt");
        assert_eq!(match_key("İstanbul"), "istanbul");
        assert_eq!(match_key("—"), "");
    }

    #[test]
    fn canonical_maps_aliases_by_key() {
        let t = table(TABLE).unwrap();
        assert_eq!(t.canonical("Microsoft Corp."), "Microsoft");
        assert_eq!(t.canonical("microsoft corp"), "Microsoft");
        assert_eq!(t.canonical("MICROSOFT"), "Microsoft");
        assert_eq!(t.canonical("msft"), "Microsoft");
        assert_eq!(t.canonical("OpenAI, Inc."), "OpenAI");
        assert_eq!(t.canonical("Open-AI"), "OpenAI");
        assert_eq!(t.canonical("u.s"), "United States");
        assert_eq!(t.canonical("Kevin  Scott"), "Kevin Scott");
        // Microsoft AI is its own entity, not an alias of Microsoft.
        assert_eq!(t.canonical("Microsoft AI"), "Microsoft AI");
        assert_eq!(t.canonical("Foo-Bar Ltd."), "foobarltd");
        assert_eq!(t.entity_type("MSFT"), Some(EntityType::Organization));
        assert_eq!(t.entity_type("Kevin Scott"), Some(EntityType::Person));
        assert_eq!(t.entity_type("Foo"), None);
    }

    #[test]
    fn empty_table_still_matches_by_key() {
        let t = AliasTable::empty();
        assert_eq!(t.canonical("Microsoft Corp."), "microsoftcorp");
        assert_eq!(t.key("Open AI"), t.key("OpenAI"));
        assert_eq!(t.display("  Open   AI "), "Open AI");
    }

    #[test]
    fn key_and_display_follow_the_canonical_name() {
        let t = table(TABLE).unwrap();
        assert_eq!(t.key("MSFT"), "microsoft");
        assert_eq!(t.display("MSFT"), "Microsoft");
        assert_eq!(t.key("Foo Bar"), "foobar");
        assert_eq!(t.display("Foo  Bar"), "Foo Bar");
        assert_eq!(
            t.name_keys("Microsoft Corporation"),
            vec![
                "microsoft",
                "microsoftcorp",
                "microsoftcorporation",
                "microsofts",
                "msft"
            ]
        );
        assert_eq!(t.name_keys("Foo Bar"), vec!["foobar"]);
    }

    #[test]
    fn mentions_respect_token_boundaries() {
        let sentence = tokens("The U.S. business of Microsoft's GPT-4 rival, Open AI.");
        assert!(mentions(&sentence, "us"));
        assert!(mentions(&sentence, "microsoft"));
        assert!(mentions(&sentence, "gpt4"));
        assert!(mentions(&sentence, "openai"));
        assert!(!mentions(&sentence, "sines"));
        assert!(!mentions(&sentence, "micro"));
        assert!(!mentions(&[], "us"));
    }

    #[test]
    fn rejects_an_alias_of_two_entities() {
        let text = "canonical\ttype\taliases\n\
            The New York Times\tOrganization\tNYT|Times\n\
            Financial Times\tOrganization\tFT|times\n";
        assert_eq!(
            table(text).unwrap_err(),
            "entities.tsv:3: \"times\" already names \"The New York Times\" (line 2); \
             names are compared ignoring case, punctuation, whitespace and accents"
        );
    }

    #[test]
    fn allows_an_alias_repeating_its_own_canonical_name() {
        let t = table("canonical\ttype\taliases\nApple\tOrganization\tAPPLE|Apple Inc.\n").unwrap();
        assert_eq!(t.canonical("apple inc"), "Apple");
    }

    #[test]
    fn rejects_unknown_type_and_nameless_aliases() {
        assert_eq!(
            table("canonical\ttype\taliases\nApple\tFruit\t\n").unwrap_err(),
            "entities.tsv:2: unknown type \"Fruit\"; expected one of \
             Person, Organization, Product, Place, Event"
        );
        assert_eq!(
            table("canonical\ttype\taliases\nApple\tOrganization\t...\n").unwrap_err(),
            "entities.tsv:2: name \"...\" has no letters or digits"
        );
    }
}
