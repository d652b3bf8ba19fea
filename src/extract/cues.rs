//! Language cues for extraction, loaded from `data/extract/`: organization
//! suffixes, concept phrases, person titles, pronouns and definite noun phrases
//! for coreference, modality/negation/attribution cues, role titles, and the
//! clause reductions that simplify sentences.
//!
//! The data is parsed and compiled once per language into [`Cues`]; the other
//! extraction stages only read it.

use super::mentions::Gender;
use crate::model::{EntityType, Language, Relation};
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

const COMMON: &str = include_str!("../../data/extract/common.toml");
const EN: &str = include_str!("../../data/extract/en.toml");
const DE: &str = include_str!("../../data/extract/de.toml");
const ROLES: &str = include_str!("../../data/extract/roles.tsv");

#[derive(Deserialize)]
struct CommonFile {
    org_suffixes: Vec<String>,
    suffix_blockers: Vec<String>,
    acronyms: Vec<String>,
    concepts: Vec<String>,
    event_words: Vec<String>,
    product_cues: Vec<String>,
    #[serde(default)]
    club_prefixes: Vec<String>,
    #[serde(default)]
    place_org_suffixes: Vec<String>,
    #[serde(default)]
    legal_forms: Vec<String>,
}

#[derive(Deserialize)]
struct LanguageFile {
    person_titles: Vec<String>,
    function_words: Vec<String>,
    #[serde(default)]
    name_connectors: Vec<String>,
    #[serde(default)]
    coordinators: Vec<String>,
    #[serde(default)]
    clause_openers: Vec<String>,
    #[serde(default)]
    determiners: Vec<String>,
    #[serde(default)]
    relative_pronouns: Vec<String>,
    #[serde(default)]
    relative_without_comma: Vec<String>,
    #[serde(default)]
    appositive_starts: Vec<String>,
    #[serde(default)]
    copulas: Vec<String>,
    #[serde(default)]
    honorifics: Vec<String>,
    #[serde(default)]
    subject_verbs: Vec<String>,
    #[serde(default)]
    bodies: Vec<String>,
    #[serde(default)]
    title_words: Vec<String>,
    #[serde(default)]
    field_titles: Vec<String>,
    #[serde(default)]
    field_heads: Vec<String>,
    #[serde(default)]
    business_functions: Vec<String>,
    classifier_endings: Vec<String>,
    /// First parts of compound titles that name the whole organization.
    #[serde(default)]
    whole_organization_parts: Vec<String>,
    #[serde(default)]
    place_words: Vec<String>,
    #[serde(default)]
    place_contexts: Vec<String>,
    #[serde(default)]
    org_followers: Vec<String>,
    #[serde(default)]
    org_kinds: Vec<String>,
    pronouns: FxHashMap<String, String>,
    nominals: NominalsFile,
    modality: ModalityFile,
    attribution: Vec<String>,
    report_reference: Vec<String>,
    former: Vec<String>,
    reductions: Vec<String>,
}

#[derive(Deserialize)]
struct NominalsFile {
    org: Vec<String>,
    /// Words that make a phrase name another organization ("the parent company").
    #[serde(default)]
    relational: Vec<String>,
}

#[derive(Deserialize)]
struct ModalityFile {
    reported: Vec<String>,
    speculative: Vec<String>,
    negation: Vec<String>,
}

/// A role title and what it says about a person and an organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub term: String,
    pub relation: Relation,
    /// Normalized role name for `ng:role` ("CTO", "chairman").
    pub role: String,
}

/// Everything extraction knows about one language.
pub struct Cues {
    pub language: Language,
    pub org_suffixes: FxHashSet<String>,
    /// Organization suffixes that make a place name an organization's ("Utrecht University").
    pub place_org_suffixes: FxHashSet<String>,
    /// Legal forms ("Inc.", "GmbH"), longest first, so that a prefix test finds "Inc." before "Inc".
    pub legal_forms: Vec<String>,
    pub suffix_blockers: FxHashSet<String>,
    pub acronyms: FxHashSet<String>,
    pub concepts: FxHashSet<String>,
    pub event_words: FxHashSet<String>,
    pub product_cues: Vec<String>,
    pub person_titles: FxHashSet<String>,
    /// Capitalized function words ("The", "Despite", "Doch") that never start a name.
    pub function_words: FxHashSet<String>,
    /// Lower-case words that may stand inside an organization's name
    /// ("Institut für Höhere Studien", "Bank of Springfield").
    pub name_connectors: FxHashSet<String>,
    /// Words that join two coordinated phrases ("and", "und").
    pub coordinators: Vec<String>,
    /// Lower-case words that open a clause of their own ("after", "nachdem").
    pub clause_openers: FxHashSet<String>,
    /// Lower-case words that begin a noun phrase (articles, possessives, "im",
    /// "zum"): a capitalized word after one is a noun, not a lone first name.
    pub determiners: FxHashSet<String>,
    /// Relative pronouns that refer to the name right before them ("Acme, which").
    pub relative_pronouns: Vec<String>,
    /// Relative pronouns that refer back without a comma ("Acme where he worked").
    pub relative_without_comma: Vec<String>,
    /// Words that open an appositive noun phrase ("Acme, a unit of Beta, which"):
    /// a relative pronoun after one refers to the name before it.
    pub appositive_starts: Vec<String>,
    /// Copulas whose noun phrase describes the subject: a relative pronoun after
    /// that phrase refers to the subject ("Jane Doe is an economist who").
    pub copulas: Vec<String>,
    /// Forms of address before a surname ("Frau", "Mr.").
    pub honorifics: FxHashSet<String>,
    /// Lower-case words after which a lone capitalized first word of a sentence is
    /// its subject's name ("Mohan was", "Maddy joined").
    pub subject_verbs: FxHashSet<String>,
    /// Capitalized nouns that end a job title ("Engagement Manager").
    pub title_words: FxHashSet<String>,
    /// Titles whose "of" phrase names a field ("Professor of Latin").
    pub field_titles: FxHashSet<String>,
    /// Titles after a hyphen whose first part names a field more often than
    /// an organization ("Oldtimer-Experte", "Energie-Analyst").
    pub field_heads: FxHashSet<String>,
    /// Capitalized fields of a business a title may be "of" ("Director of
    /// Engineering", "Head of Sales"): no names.
    pub business_functions: FxHashSet<String>,
    /// Governing bodies of an organization, no part of its name ("Board of Directors").
    pub bodies: Vec<String>,
    /// Endings of capitalized classifier nouns ("Chiphersteller"), lower-cased.
    pub classifier_endings: Vec<String>,
    /// Last words that make a name a place's ("Harris County", "Palm Springs").
    pub place_words: FxHashSet<String>,
    /// Lower-case words right before a name that make it a place ("based in").
    pub place_contexts: Vec<String>,
    /// Lower-case words right after a name that make it an organization ("is headquartered").
    pub org_followers: Vec<String>,
    /// Lower-case nouns right before a name that make it an organization's ("the
    /// fashion house Yves Saint Laurent", "the band The Corrs").
    pub org_kinds: FxHashSet<String>,
    /// Pronoun -> the type and, for people, the gender it refers to.
    pub pronouns: FxHashMap<String, (EntityType, Option<Gender>)>,
    /// Definite noun phrases that refer to an organization, matched on the masked sentence.
    pub org_nominals: Vec<Regex>,
    /// Words that keep a phrase from referring back: "the parent company" is another one.
    pub nominal_relational: FxHashSet<String>,
    pub reported: Vec<Regex>,
    pub speculative: Vec<Regex>,
    pub negation: Vec<Regex>,
    pub attribution: Vec<Regex>,
    pub report_reference: Vec<Regex>,
    pub former: Vec<String>,
    pub reductions: Vec<Regex>,
    /// Role titles, longest first.
    pub roles: Vec<Role>,
    /// Heads of compound titles (`-chef` in roles.tsv, lower case, without the
    /// hyphen): a capitalized word ending in one ("Parteichef") holds that role.
    pub compound_roles: Vec<Role>,
    /// The same heads as held in part of an organization: a compound that leads
    /// ("-chef") leads the whole organization only where its first part names
    /// the whole ("Parteichef", "Bankchef"); "Fraktionschef" and
    /// "Personalratsvorsitzender" work for it.
    compound_roles_in_part: Vec<Role>,
    whole_organization_parts: Vec<String>,
    /// Head nouns of institution names ("Institut für …", "University of …").
    pub institutions: super::institutions::Institutions,
    /// Names of sports clubs ("SC Paderborn", "1. FC Köln").
    pub clubs: super::clubs::Clubs,
    /// Common nouns and ordinary words (German; empty for English).
    pub vocabulary: super::vocabulary::Vocabulary,
    /// Where common-noun product phrases stand ("a maker of wood pellets").
    pub products: super::products::Products,
}

impl Cues {
    /// The cues for `language` (German for German, English otherwise).
    pub fn load(language: Language) -> Cues {
        let common: CommonFile = toml::from_str(COMMON).expect("data/extract/common.toml is valid");
        let (text, file, code) = match language {
            Language::German => (DE, "data/extract/de.toml", "de"),
            _ => (EN, "data/extract/en.toml", "en"),
        };
        let lang: LanguageFile =
            toml::from_str(text).unwrap_or_else(|e| panic!("{file} is not valid: {e}"));
        let compile = |list: &[String]| -> Vec<Regex> {
            list.iter()
                .map(|p| Regex::new(p).unwrap_or_else(|e| panic!("{file}: bad regex {p}: {e}")))
                .collect()
        };
        let set = |v: Vec<String>| v.into_iter().collect::<FxHashSet<_>>();
        let mut roles: Vec<Role> = ROLES
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let cols: Vec<&str> = l.split('\t').collect();
                let [term, lang_col, relation, role] = cols[..] else {
                    panic!("data/extract/roles.tsv: expected 4 columns in `{l}`");
                };
                (lang_col == "*" || lang_col == code).then(|| Role {
                    term: term.to_string(),
                    relation: Relation::parse(relation).unwrap_or_else(|| {
                        panic!("data/extract/roles.tsv: unknown relation {relation}")
                    }),
                    role: role.to_string(),
                })
            })
            .collect();
        roles.sort_by(|a, b| b.term.len().cmp(&a.term.len()).then(a.term.cmp(&b.term)));
        let (compound_roles, roles): (Vec<Role>, Vec<Role>) =
            roles.into_iter().partition(|r| r.term.starts_with('-'));
        let compound_roles = compound_roles
            .into_iter()
            .map(|r| Role {
                term: r.term[1..].to_lowercase(),
                ..r
            })
            .collect::<Vec<Role>>();
        let compound_roles_in_part = compound_roles
            .iter()
            .map(|r| Role {
                relation: match r.relation {
                    Relation::Leads => Relation::WorksFor,
                    other => other,
                },
                ..r.clone()
            })
            .collect();
        let mut legal_forms = common.legal_forms;
        legal_forms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        Cues {
            language,
            org_suffixes: set(common.org_suffixes),
            place_org_suffixes: set(common.place_org_suffixes),
            legal_forms,
            suffix_blockers: set(common.suffix_blockers),
            acronyms: set(common.acronyms),
            concepts: set(common.concepts),
            event_words: set(common.event_words),
            product_cues: common.product_cues,
            person_titles: set(lang.person_titles),
            function_words: set(lang.function_words),
            name_connectors: set(lang.name_connectors),
            coordinators: lang.coordinators,
            clause_openers: set(lang.clause_openers),
            determiners: set(lang.determiners),
            relative_pronouns: lang.relative_pronouns,
            relative_without_comma: lang.relative_without_comma,
            appositive_starts: lang.appositive_starts,
            copulas: lang.copulas,
            honorifics: set(lang.honorifics),
            subject_verbs: set(lang.subject_verbs),
            title_words: set(lang.title_words),
            field_titles: set(lang.field_titles),
            field_heads: set(lang.field_heads),
            business_functions: set(lang.business_functions),
            bodies: lang.bodies,
            classifier_endings: lang.classifier_endings,
            place_words: set(lang.place_words),
            place_contexts: lang.place_contexts,
            org_followers: lang.org_followers,
            org_kinds: set(lang.org_kinds),
            pronouns: lang
                .pronouns
                .into_iter()
                .map(|(w, spec)| {
                    let (t, g) = spec.split_once(':').unwrap_or((spec.as_str(), ""));
                    let t = EntityType::parse(t)
                        .unwrap_or_else(|| panic!("{file}: unknown pronoun type {t}"));
                    (w, (t, Gender::parse(g)))
                })
                .collect(),
            org_nominals: compile(&lang.nominals.org),
            nominal_relational: lang.nominals.relational.iter().cloned().collect(),
            reported: compile(&lang.modality.reported),
            speculative: compile(&lang.modality.speculative),
            negation: compile(&lang.modality.negation),
            attribution: compile(&lang.attribution),
            report_reference: compile(&lang.report_reference),
            former: lang.former,
            reductions: compile(&lang.reductions),
            roles,
            compound_roles,
            compound_roles_in_part,
            whole_organization_parts: lang.whole_organization_parts,
            institutions: super::institutions::Institutions::load(language),
            clubs: super::clubs::Clubs::new(&common.club_prefixes),
            vocabulary: match language {
                Language::German => super::vocabulary::Vocabulary::german(),
                _ => super::vocabulary::Vocabulary::empty(),
            },
            products: super::products::Products::load(language),
        }
    }

    /// The role a title names, matched case-insensitively on the whole phrase.
    /// Inflected and plural forms ("Geschäftsführern", "CEOs") find their title.
    pub fn role(&self, phrase: &str) -> Option<&Role> {
        let phrase = phrase.trim();
        // Acronym titles in capitals or in lower case ("COO", "cto", "CEOs"), never
        // written like a name: "Coon" is a surname, not "COO" with a plural ending.
        let acronym = |t: &str| t.chars().all(|c| c.is_ascii_uppercase());
        let name_like = |p: &str| {
            p.starts_with(|c: char| c.is_uppercase()) && p.chars().skip(1).any(char::is_lowercase)
        };
        let find = |p: &str| {
            self.roles
                .iter()
                .find(|r| r.term.eq_ignore_ascii_case(p) && !(acronym(&r.term) && name_like(p)))
        };
        find(phrase)
            .or_else(|| {
                ["n", "en", "s", "es"]
                    .iter()
                    .filter_map(|e| phrase.strip_suffix(e))
                    .find_map(find)
            })
            .or_else(|| self.compound_role(phrase))
    }

    /// The role of a compound title by its head: "Parteichef", "Aufsichtsratschefin"
    /// and "Konzernsprechers" end in a head of roles.tsv (`-chef`, `-chefin`,
    /// `-sprecher`) after two letters at least.
    pub fn compound_role(&self, word: &str) -> Option<&Role> {
        if !word.starts_with(char::is_uppercase) || word.contains(char::is_whitespace) {
            return None;
        }
        let lower = word.to_lowercase();
        let forms: Vec<&str> = std::iter::once(lower.as_str())
            .chain(
                ["n", "en", "s", "es"]
                    .iter()
                    .filter_map(|e| lower.strip_suffix(e)),
            )
            .collect();
        let (k, first) = self.compound_roles.iter().enumerate().find_map(|(k, r)| {
            forms.iter().find_map(|f| {
                f.strip_suffix(r.term.as_str())
                    .filter(|first| first.chars().filter(|c| c.is_alphabetic()).count() >= 2)
                    .map(|first| (k, first))
            })
        })?;
        // "Oppositions-führer": a linking s or hyphen joins the parts.
        let first = first.trim_end_matches('-');
        let whole = self.whole_organization_parts.iter().any(|p| {
            first.ends_with(p.as_str())
                || first
                    .strip_suffix('s')
                    .is_some_and(|f| f.ends_with(p.as_str()))
        });
        Some(if whole {
            &self.compound_roles[k]
        } else {
            &self.compound_roles_in_part[k]
        })
    }

    /// Whether a capitalized word is a classifier noun ("Chiphersteller", "Autobauer").
    pub fn is_classifier(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.classifier_endings
            .iter()
            .any(|e| lower.ends_with(e.as_str()))
    }

    /// Whether a phrase starts with a marker of a past role ("former", "ehemalige", "Ex-").
    pub fn is_former(&self, phrase: &str) -> bool {
        let lower = phrase.trim_start().to_lowercase();
        self.former.iter().any(|f| {
            let f = f.to_lowercase();
            lower.starts_with(&f)
                && (f.ends_with('-')
                    || lower[f.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_load() {
        for lang in [Language::English, Language::German] {
            let c = Cues::load(lang);
            assert!(c.org_suffixes.contains("GmbH"));
            assert!(!c.roles.is_empty());
            assert!(!c.negation.is_empty());
        }
    }

    #[test]
    fn roles_by_language() {
        let de = Cues::load(Language::German);
        assert_eq!(de.role("Mitbegründer").unwrap().relation, Relation::Founded);
        assert_eq!(de.role("CEO").unwrap().relation, Relation::Leads);
        assert!(de.role("chief executive").is_none());
        let en = Cues::load(Language::English);
        assert_eq!(en.role("AI chief").unwrap().relation, Relation::WorksFor);
        assert_eq!(en.role("chief").unwrap().relation, Relation::Leads);
        assert_eq!(en.role("cto").unwrap().role, "CTO");
    }

    #[test]
    fn compound_titles_by_their_head() {
        let de = Cues::load(Language::German);
        let relation = |w: &str| de.role(w).map(|r| r.relation);
        // The first part names the whole organization: its head leads it.
        assert_eq!(relation("Parteichef"), Some(Relation::Leads));
        assert_eq!(relation("Gewerkschaftsvorsitzende"), Some(Relation::Leads));
        assert_eq!(relation("Oppositionsführer"), Some(Relation::Leads));
        // A part of it, or a function: works for it.
        assert_eq!(relation("Fraktionschefin"), Some(Relation::WorksFor));
        assert_eq!(
            relation("Betriebsratsvorsitzender"),
            Some(Relation::WorksFor)
        );
        assert_eq!(relation("Unternehmenssprechers"), Some(Relation::WorksFor));
        // Exact titles win; a head alone or with one letter before it is no compound.
        assert_eq!(relation("Finanzchef"), Some(Relation::WorksFor));
        assert_eq!(relation("Chef"), Some(Relation::Leads));
        assert!(de.compound_role("Xchef").is_none());
        assert!(de.compound_role("parteichef").is_none());
        let en = Cues::load(Language::English);
        assert!(en.role("Partychief").is_none());
    }

    #[test]
    fn former_markers() {
        let en = Cues::load(Language::English);
        assert!(en.is_former("former CEO"));
        assert!(en.is_former("ex-CEO"));
        assert!(!en.is_former("formerlyish"));
        assert!(!en.is_former("CEO"));
        let de = Cues::load(Language::German);
        assert!(de.is_former("ehemalige CEO"));
        assert!(de.is_former("Ex-Chef"));
    }
}
