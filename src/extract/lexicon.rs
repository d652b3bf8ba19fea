//! The entity lexicon: general knowledge about named entities (places,
//! companies, news outlets, people, products), loaded from the TSV files under
//! `data/lexicon/` and from user files given with `--lexicon`.
//!
//! Every label and alias is compiled into one Aho-Corasick automaton; [`Lexicon::find`]
//! returns the non-overlapping, longest matches that sit on word boundaries,
//! recognizing English possessives ("Microsoft's") and German genitives and
//! compounds ("Microsofts", "Microsoft-CEO") as mentions of the bare name.

use crate::model::EntityType;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::FxHashMap;
use std::path::Path;

/// One row of a lexicon file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexEntry {
    pub label: String,
    pub entity_type: EntityType,
    /// Finer class: `country`, `city`, `company`, `outlet`, `person`, `product`, ...
    pub kind: String,
    pub aliases: Vec<String>,
    /// Maker of a product, parent of a subsidiary, country of a city.
    pub parent: Option<String>,
    /// Wikidata Q-id, e.g. `Q2283`.
    pub wikidata: Option<String>,
}

/// A lexicon hit in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexMatch {
    /// Byte range of the name itself.
    pub start: usize,
    pub end: usize,
    /// Byte offset after a possessive or genitive ending (`'s`, `’s`, German `s`), else `end`.
    pub suffix_end: usize,
    /// Index into [`Lexicon::entries`].
    pub entry: usize,
}

/// A problem in a lexicon file, with its line.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

const BUILTIN: &[(&str, &str)] = &[
    (
        "data/lexicon/places.tsv",
        include_str!("../../data/lexicon/places.tsv"),
    ),
    (
        "data/lexicon/organizations.tsv",
        include_str!("../../data/lexicon/organizations.tsv"),
    ),
    (
        "data/lexicon/outlets.tsv",
        include_str!("../../data/lexicon/outlets.tsv"),
    ),
    (
        "data/lexicon/people.tsv",
        include_str!("../../data/lexicon/people.tsv"),
    ),
    (
        "data/lexicon/products.tsv",
        include_str!("../../data/lexicon/products.tsv"),
    ),
];

const DEMONYMS: &str = include_str!("../../data/lexicon/demonyms.tsv");
const COMMON_WORDS: &str = include_str!("../../data/extract/common_words.txt");

/// The compiled lexicon.
pub struct Lexicon {
    entries: Vec<LexEntry>,
    by_label: FxHashMap<String, usize>,
    /// For every automaton pattern: the entry it names and the exact surface form.
    patterns: Vec<(usize, String)>,
    /// Surface form -> index into `patterns`.
    by_surface: FxHashMap<String, usize>,
    automaton: AhoCorasick,
    /// Demonym (lowercased) -> place entry.
    demonyms: FxHashMap<String, usize>,
    /// Lowercased words that must match with their exact case ("apple" is a fruit).
    common_words: rustc_hash::FxHashSet<String>,
}

impl Lexicon {
    /// The lexicon shipped with newsgraph.
    pub fn builtin() -> Lexicon {
        Lexicon::with_files(&[]).expect("the built-in lexicon files are valid")
    }

    /// The built-in lexicon plus the user's files (same TSV columns), whose rows
    /// override built-in rows with the same label.
    pub fn with_files(user_files: &[&Path]) -> Result<Lexicon, LexiconError> {
        let mut rows: Vec<LexEntry> = Vec::new();
        for (name, text) in BUILTIN {
            rows.extend(parse_tsv(name, text)?);
        }
        for path in user_files {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| LexiconError {
                file: name.clone(),
                line: 0,
                message: format!("cannot read the lexicon file: {e}"),
            })?;
            rows.extend(parse_tsv(&name, &text)?);
        }
        Ok(Lexicon::from_entries(rows))
    }

    /// Builds a lexicon from entries; a later entry with the same label replaces an earlier one.
    pub fn from_entries(rows: Vec<LexEntry>) -> Lexicon {
        let mut entries: Vec<LexEntry> = Vec::new();
        let mut by_label: FxHashMap<String, usize> = FxHashMap::default();
        for row in rows {
            match by_label.get(&row.label) {
                Some(&i) => entries[i] = row,
                None => {
                    by_label.insert(row.label.clone(), entries.len());
                    entries.push(row);
                }
            }
        }
        // A surface claimed by two entries belongs to the one whose label it is,
        // else to the first that lists it.
        let mut owners: FxHashMap<String, (usize, bool)> = FxHashMap::default();
        for (i, e) in entries.iter().enumerate() {
            owners.insert(e.label.clone(), (i, true));
        }
        for (i, e) in entries.iter().enumerate() {
            for alias in &e.aliases {
                owners.entry(alias.clone()).or_insert((i, false));
            }
        }
        let mut patterns: Vec<(usize, String)> =
            owners.iter().map(|(s, &(i, _))| (i, s.clone())).collect();
        patterns.sort_by(|a, b| a.1.cmp(&b.1));
        let by_surface = patterns
            .iter()
            .enumerate()
            .map(|(k, (_, s))| (s.clone(), k))
            .collect();
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(patterns.iter().map(|(_, s)| s.as_str()))
            .expect("lexicon automaton builds");
        let mut demonyms = FxHashMap::default();
        for line in DEMONYMS.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() >= 2 {
                if let Some(&place) = by_label.get(cols[1]) {
                    demonyms.insert(cols[0].to_lowercase(), place);
                }
            }
        }
        let common_words = COMMON_WORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect();
        Lexicon {
            entries,
            by_label,
            patterns,
            by_surface,
            automaton,
            demonyms,
            common_words,
        }
    }

    pub fn entries(&self) -> &[LexEntry] {
        &self.entries
    }

    pub fn entry(&self, index: usize) -> &LexEntry {
        &self.entries[index]
    }

    /// The entry whose label is exactly `label`.
    pub fn by_label(&self, label: &str) -> Option<&LexEntry> {
        self.by_label.get(label).map(|&i| &self.entries[i])
    }

    /// The index of the entry whose label is exactly `label`.
    pub fn index_of(&self, label: &str) -> Option<usize> {
        self.by_label.get(label).copied()
    }

    /// The place a demonym refers to ("Swiss", "schweizerischen" -> Switzerland).
    pub fn demonym(&self, word: &str) -> Option<&LexEntry> {
        self.demonyms
            .get(&word.to_lowercase())
            .map(|&i| &self.entries[i])
    }

    /// The index of the place entry a demonym refers to.
    pub fn demonym_index(&self, word: &str) -> Option<usize> {
        self.demonyms.get(&word.to_lowercase()).copied()
    }

    /// The index of the place entry a surface form names ("UK" -> United Kingdom).
    pub fn place_index(&self, surface: &str) -> Option<usize> {
        let &k = self.by_surface.get(surface)?;
        let entry = self.patterns[k].0;
        (self.entries[entry].entity_type == EntityType::Place).then_some(entry)
    }

    /// The entry for a surface form, exactly as the lexicon spells it.
    pub fn lookup(&self, surface: &str) -> Option<&LexEntry> {
        self.by_surface
            .get(surface)
            .map(|&k| &self.entries[self.patterns[k].0])
    }

    /// Every lexicon mention in `text`: longest first, non-overlapping, on word boundaries.
    pub fn find(&self, text: &str, german: bool) -> Vec<LexMatch> {
        let mut hits: Vec<LexMatch> = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let (entry, pattern) = &self.patterns[m.pattern().as_usize()];
            let found = &text[m.start()..m.end()];
            if found != pattern && !self.case_variant_allowed(*entry, pattern, found) {
                continue;
            }
            if !starts_on_boundary(text, m.start()) {
                continue;
            }
            let Some(suffix_end) = ending(text, m.end(), pattern, german) else {
                continue;
            };
            hits.push(LexMatch {
                start: m.start(),
                end: m.end(),
                suffix_end,
                entry: *entry,
            });
        }
        hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut chosen: Vec<LexMatch> = Vec::new();
        for h in hits {
            if chosen.last().is_some_and(|last| h.start < last.suffix_end) {
                continue;
            }
            chosen.push(h);
        }
        chosen
    }

    /// A match whose case differs from the lexicon's spelling is accepted when the
    /// text is in capitals ("MICROSOFT"), or when it names a company or product
    /// whose lower-case form is not an ordinary word ("microsoft", not "apple").
    fn case_variant_allowed(&self, entry: usize, pattern: &str, found: &str) -> bool {
        let letters = || found.chars().filter(|c| c.is_alphabetic());
        if letters().count() >= 3 && letters().all(char::is_uppercase) {
            return true;
        }
        let e = &self.entries[entry];
        // "Deepmind" for "DeepMind", "Chatgpt" for "ChatGPT": camel-cased names are
        // distinctive enough in any case once they start with a capital.
        let camel = pattern.chars().skip(1).any(char::is_uppercase)
            && pattern.chars().any(char::is_lowercase);
        if camel
            && pattern.chars().count() >= 5
            && found.chars().next().is_some_and(char::is_uppercase)
        {
            return true;
        }
        let lower_ok = matches!(
            e.entity_type,
            EntityType::Organization | EntityType::Product
        ) && pattern.chars().count() >= 5
            && !self.common_words.contains(&pattern.to_lowercase());
        lower_ok && found.chars().all(|c| !c.is_uppercase())
    }
}

fn starts_on_boundary(text: &str, start: usize) -> bool {
    text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric() && c != '_')
}

/// Where a match may end: at a word boundary, before a compound hyphen
/// ("Microsoft-CEO"), or after a possessive/genitive ending, which is returned.
fn ending(text: &str, end: usize, pattern: &str, german: bool) -> Option<usize> {
    let rest = &text[end..];
    let mut chars = rest.chars();
    match chars.next() {
        None => Some(end),
        Some(c) if c.is_alphanumeric() || c == '_' => {
            // German genitive: "Microsofts", "OpenAIs" (not for names ending in s/x/z).
            let last = pattern.chars().last().unwrap_or(' ');
            if german
                && c == 's'
                && last.is_alphanumeric()
                && !matches!(last, 's' | 'x' | 'z' | 'S' | 'X' | 'Z')
                && chars.next().is_none_or(|n| !n.is_alphanumeric())
            {
                Some(end + 1)
            } else {
                None
            }
        }
        Some('\'') | Some('’') => {
            let after = &rest[c_len(rest)..];
            if after.starts_with('s')
                && after[1..]
                    .chars()
                    .next()
                    .is_none_or(|n| !n.is_alphanumeric())
            {
                Some(end + c_len(rest) + 1)
            } else if pattern.ends_with('s') {
                Some(end + c_len(rest))
            } else {
                Some(end)
            }
        }
        Some(_) => Some(end),
    }
}

fn c_len(s: &str) -> usize {
    s.chars().next().map_or(0, char::len_utf8)
}

/// Parses one lexicon TSV (`label type kind aliases parent wikidata source`).
pub fn parse_tsv(file: &str, text: &str) -> Result<Vec<LexEntry>, LexiconError> {
    let err = |line: usize, message: String| LexiconError {
        file: file.to_string(),
        line,
        message,
    };
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate();
    let header = lines
        .next()
        .ok_or_else(|| err(1, "empty file; expected a header row".into()))?
        .1;
    if !header.starts_with("label\ttype") {
        return Err(err(
            1,
            "expected the header `label\ttype\tkind\taliases\tparent\twikidata\tsource`".into(),
        ));
    }
    for (i, line) in lines {
        let n = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 {
            return Err(err(
                n,
                format!("expected tab-separated columns, got `{line}`"),
            ));
        }
        let label = cols[0].trim();
        if label.is_empty() {
            return Err(err(n, "empty label".into()));
        }
        let entity_type = EntityType::parse(cols[1]).ok_or_else(|| {
            err(
                n,
                format!(
                    "unknown type `{}`; use PER, ORG, PROD, PLACE or EVENT",
                    cols[1]
                ),
            )
        })?;
        let col = |k: usize| cols.get(k).map(|s| s.trim()).filter(|s| !s.is_empty());
        out.push(LexEntry {
            label: label.to_string(),
            entity_type,
            kind: col(2).unwrap_or("").to_string(),
            aliases: col(3)
                .map(|a| {
                    a.split('|')
                        .map(str::trim)
                        .filter(|s| !s.is_empty() && *s != label)
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default(),
            parent: col(4).map(String::from),
            wikidata: col(5).map(String::from),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        let rows = parse_tsv(
            "test.tsv",
            "label\ttype\tkind\taliases\tparent\twikidata\tsource\n\
             Microsoft\tORG\tcompany\tMicrosoft Corp.\t\tQ2283\tt\n\
             Microsoft Azure\tPROD\tproduct\tAzure\tMicrosoft\t\tt\n\
             Apple\tORG\tcompany\t\t\t\tt\n\
             United States\tPLACE\tcountry\tUS|U.S.\t\tQ30\tt\n\
             Paris\tPLACE\tcity\t\t\t\tt\n",
        )
        .unwrap();
        Lexicon::from_entries(rows)
    }

    fn names(l: &Lexicon, text: &str, german: bool) -> Vec<String> {
        l.find(text, german)
            .into_iter()
            .map(|m| {
                format!(
                    "{}={}",
                    &text[m.start..m.suffix_end],
                    l.entry(m.entry).label
                )
            })
            .collect()
    }

    #[test]
    fn finds_longest_names_on_word_boundaries() {
        let l = lex();
        assert_eq!(
            names(
                &l,
                "Microsoft Azure grew; Microsoft Corp. said. Microsofty no.",
                false
            ),
            vec![
                "Microsoft Azure=Microsoft Azure",
                "Microsoft Corp.=Microsoft"
            ]
        );
        assert_eq!(
            names(&l, "the U.S. and US firms", false),
            vec!["U.S.=United States", "US=United States"]
        );
    }

    #[test]
    fn possessives_genitives_and_compounds() {
        let l = lex();
        assert_eq!(
            names(&l, "Microsoft's and Microsoft’s team", false),
            vec!["Microsoft's=Microsoft", "Microsoft’s=Microsoft"]
        );
        assert_eq!(
            names(&l, "Microsofts Plan und der Microsoft-CEO", true),
            vec!["Microsofts=Microsoft", "Microsoft=Microsoft"]
        );
        // No German genitive in English text.
        assert!(names(&l, "Microsofts plan", false).is_empty());
    }

    #[test]
    fn case_variants_only_where_safe() {
        let l = lex();
        assert_eq!(
            names(&l, "between openai and microsoft", false),
            vec!["microsoft=Microsoft"]
        );
        assert!(names(&l, "an apple a day", false).is_empty());
        assert_eq!(names(&l, "APPLE SHARES", false), vec!["APPLE=Apple"]);
        assert!(names(&l, "paris", false).is_empty());
        assert_eq!(
            names(&l, "formerly Microsoft azure", false),
            vec!["Microsoft azure=Microsoft Azure"]
        );
    }

    #[test]
    fn bad_rows_name_file_and_line() {
        let e = parse_tsv("x.tsv", "label\ttype\nFoo\tTHING\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.tsv:2: unknown type `THING`; use PER, ORG, PROD, PLACE or EVENT"
        );
        let e = parse_tsv("x.tsv", "name\tkind\n").unwrap_err();
        assert!(e.to_string().starts_with("x.tsv:1: expected the header"));
    }

    #[test]
    fn builtin_lexicon_loads() {
        let l = Lexicon::builtin();
        assert!(l.by_label("Germany").is_some());
        assert_eq!(
            l.demonym("Swiss").map(|e| e.label.as_str()),
            Some("Switzerland")
        );
    }
}
