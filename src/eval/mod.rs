//! Evaluation against a gold file: precision, recall and F1 of extracted
//! relations, with every miss and every false positive spelled out.
//!
//! ```text
//! gold.tsv     ─► read_gold    ─► [GoldTriple]  ─┐
//! entities.tsv ─► read_aliases ─► AliasTable    ─┤
//! extraction   ─────────────────► [Prediction]  ─┼─► score ─► Report ─► render_text / JSON (serde)
//! ingest       ─────────────────► [DocInfo]     ─┘
//! ```
//!
//! Names on both sides go through the [`AliasTable`], so "Microsoft Corp." in a
//! prediction matches "Microsoft" in the gold. Scoring is per document, over the
//! set of distinct entity triples (DESIGN.md, "Gold files and scoring"): an
//! optional gold triple is neither a miss nor a false positive, symmetric
//! relations match in either order, and literal facts (`ng:valuation`, ...) are
//! not scored.
//!
//! ```
//! use newsgraph::eval::{score, AliasTable, DocInfo, GoldTriple, Prediction};
//! use newsgraph::model::{Language, Relation};
//!
//! let gold = vec![GoldTriple {
//!     doc: "001".into(),
//!     subject: "Microsoft".into(),
//!     predicate: Relation::InvestsIn,
//!     object: "OpenAI".into(),
//!     required: true,
//!     line: 2,
//! }];
//! let predictions = vec![Prediction {
//!     doc: "001".into(),
//!     subject: "microsoft".into(),
//!     predicate: Relation::InvestsIn,
//!     object: "Open AI".into(),
//!     evidence: vec!["Microsoft invested $10B in Open AI.".into()],
//!     rules: vec!["en.invest.in".into()],
//! }];
//! let docs = vec![DocInfo {
//!     doc: "001".into(),
//!     language: Language::English,
//!     sentences: vec!["Microsoft invested $10B in Open AI.".into()],
//! }];
//! let report = score(&gold, &predictions, &AliasTable::empty(), &docs);
//! assert_eq!(report.overall.true_positives, 1);
//! assert_eq!(report.overall.f1, 1.0);
//! println!("{}", report.render_text(true));
//! ```

mod aliases;
mod gold;
mod predictions;
mod report;
mod score;
pub mod sets;
mod tsv;

pub use aliases::{read_aliases, AliasTable};
pub use gold::{read_gold, GoldTriple};
pub use predictions::{doc_info, from_extraction};
pub use report::{
    FalsePositive, LanguageScores, Miss, PredicateScores, Report, RuleCounts, Scores, Triple,
};
pub use score::{score, DocInfo, Prediction, NO_RULE};

use std::path::PathBuf;

/// A gold or alias file that cannot be read, naming the file and, for content
/// problems, the line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// The file could not be opened or read.
    #[error("{}: {source}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file holds no header line (it is empty, or only blank and comment lines).
    #[error("{}: no header line; expected the tab-separated columns {expected}", .path.display())]
    MissingHeader { path: PathBuf, expected: String },
    /// One line of the file does not fit the format.
    #[error("{}:{line}: {message}", .path.display())]
    Format {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Language, Relation};

    const GOLD: &str = "\
doc\tsubject\tpredicate\tobject\tstatus
# English: the Microsoft/OpenAI deal
en1\tMicrosoft\tinvestsIn\tOpenAI\trequired
en1\tMicrosoft\tpartnersWith\tOpenAI\trequired
en1\tSatya Nadella\tleads\tMicrosoft\toptional
en1\tOpenAI\tdevelops\tChatGPT\trequired

# German
de1\tMicrosoft\tinvestsIn\tOpenAI\trequired
de1\tOpenAI\tpartnersWith\tOracle\trequired
";

    const ENTITIES: &str = "\
canonical\ttype\taliases
Microsoft\tOrganization\tMicrosoft Corp.|Microsofts
OpenAI\tOrganization\tOpen AI
Satya Nadella\tPerson\tNadella
Oracle\tOrganization\tOracle Corp.
";

    fn prediction(
        doc: &str,
        subject: &str,
        predicate: Relation,
        object: &str,
        evidence: &str,
        rule: &str,
    ) -> Prediction {
        Prediction {
            doc: doc.into(),
            subject: subject.into(),
            predicate,
            object: object.into(),
            evidence: vec![evidence.into()],
            rules: vec![rule.into()],
        }
    }

    fn fixture() -> (Vec<GoldTriple>, AliasTable, Vec<Prediction>, Vec<DocInfo>) {
        let dir = tempfile::tempdir().unwrap();
        let gold_path = dir.path().join("gold.tsv");
        let entities_path = dir.path().join("entities.tsv");
        std::fs::write(&gold_path, GOLD).unwrap();
        std::fs::write(&entities_path, ENTITIES).unwrap();
        let gold = read_gold(&gold_path).unwrap();
        let aliases = read_aliases(&entities_path).unwrap();

        let en = [
            "Microsoft Corp. invested $13 billion in OpenAI.",
            "CEO Satya Nadella praised the partnership with Open AI.",
            "OpenAI makes ChatGPT.",
        ];
        let de = [
            "Microsoft hat 13 Milliarden Dollar in OpenAI investiert.",
            "OpenAI arbeitet mit Oracle zusammen.",
        ];
        let predictions = vec![
            prediction(
                "en1",
                "Microsoft Corp.",
                Relation::InvestsIn,
                "OpenAI",
                en[0],
                "en.invest",
            ),
            prediction(
                "en1",
                "Open AI",
                Relation::PartnersWith,
                "Microsoft",
                en[1],
                "en.partner",
            ),
            prediction(
                "en1",
                "Nadella",
                Relation::Leads,
                "Microsoft",
                en[1],
                "en.ceo",
            ),
            prediction(
                "en1",
                "Satya Nadella",
                Relation::Leads,
                "OpenAI",
                en[1],
                "en.ceo",
            ),
            prediction(
                "de1",
                "Microsofts",
                Relation::InvestsIn,
                "OpenAI",
                de[0],
                "de.invest",
            ),
            prediction(
                "de1",
                "Oracle",
                Relation::SuppliesTo,
                "OpenAI",
                de[1],
                "de.supply",
            ),
            prediction(
                "de1",
                "OpenAI",
                Relation::Valuation,
                "157000000000",
                de[1],
                "de.value",
            ),
            prediction(
                "other",
                "Apple",
                Relation::Uses,
                "ChatGPT",
                "Apple uses ChatGPT.",
                "en.uses",
            ),
        ];
        let docs = vec![
            DocInfo {
                doc: "en1".into(),
                language: Language::English,
                sentences: en.map(String::from).to_vec(),
            },
            DocInfo {
                doc: "de1".into(),
                language: Language::German,
                sentences: de.map(String::from).to_vec(),
            },
        ];
        (gold, aliases, predictions, docs)
    }

    #[test]
    fn end_to_end_scores_and_lists() {
        let (gold, aliases, predictions, docs) = fixture();
        let report = score(&gold, &predictions, &aliases, &docs);

        assert_eq!(report.docs_scored, 2);
        assert_eq!(report.unscored_docs, vec!["other".to_owned()]);
        assert!(report.docs_without_text.is_empty());
        // TP: en1 investsIn, en1 partnersWith, de1 investsIn. FP: en1 leads
        // OpenAI, de1 suppliesTo. Optional: en1 leads Microsoft. FN: en1
        // develops, de1 partnersWith.
        assert_eq!(report.overall, Scores::new(3, 2, 2, 1));
        assert_eq!(report.overall.precision, 0.6);
        assert_eq!(report.overall.recall, 0.6);
        assert!((report.overall.f1 - 0.6).abs() < 1e-12);
        let misses: Vec<String> = report
            .misses
            .iter()
            .map(|m| format!("{} {} | {}", m.doc, m.triple, m.hints.join(" | ")))
            .collect();
        assert_eq!(
            misses,
            vec![
                "de1 OpenAI partnersWith Oracle | OpenAI arbeitet mit Oracle zusammen.",
                "en1 OpenAI develops ChatGPT | OpenAI makes ChatGPT.",
            ]
        );
        let false_positives: Vec<String> = report
            .false_positives
            .iter()
            .map(|f| format!("{} {} | {}", f.doc, f.triple, f.rules.join(",")))
            .collect();
        assert_eq!(
            false_positives,
            vec![
                "de1 Oracle suppliesTo OpenAI | de.supply",
                "en1 Satya Nadella leads OpenAI | en.ceo",
            ]
        );
    }

    #[test]
    fn end_to_end_text_report() {
        let (gold, aliases, predictions, docs) = fixture();
        let report = score(&gold, &predictions, &aliases, &docs);
        let summary = "\
Scored 2 documents against the gold.
Ignored the predictions for 1 document without gold: other

┌───────────┬─────────────────┬────┬────┬────┬──────────┬───────┬───────┬───────┐
│           ┆                 ┆ TP ┆ FP ┆ FN ┆ optional ┆     P ┆     R ┆    F1 │
╞═══════════╪═════════════════╪════╪════╪════╪══════════╪═══════╪═══════╪═══════╡
│ overall   ┆                 ┆  3 ┆  2 ┆  2 ┆        1 ┆ 0.600 ┆ 0.600 ┆ 0.600 │
│ predicate ┆ investsIn       ┆  2 ┆  0 ┆  0 ┆        0 ┆ 1.000 ┆ 1.000 ┆ 1.000 │
│ predicate ┆ partnersWith    ┆  1 ┆  0 ┆  1 ┆        0 ┆ 1.000 ┆ 0.500 ┆ 0.667 │
│ predicate ┆ leads           ┆  0 ┆  1 ┆  0 ┆        1 ┆ 0.000 ┆ 0.000 ┆ 0.000 │
│ predicate ┆ develops        ┆  0 ┆  0 ┆  1 ┆        0 ┆ 0.000 ┆ 0.000 ┆ 0.000 │
│ predicate ┆ suppliesTo      ┆  0 ┆  1 ┆  0 ┆        0 ┆ 0.000 ┆ 0.000 ┆ 0.000 │
│ language  ┆ English (1 doc) ┆  2 ┆  1 ┆  1 ┆        1 ┆ 0.667 ┆ 0.667 ┆ 0.667 │
│ language  ┆ German (1 doc)  ┆  1 ┆  1 ┆  1 ┆        0 ┆ 0.500 ┆ 0.500 ┆ 0.500 │
└───────────┴─────────────────┴────┴────┴────┴──────────┴───────┴───────┴───────┘

┌────────────┬────┬────┬──────────┬───────┐
│ rule       ┆ TP ┆ FP ┆ optional ┆     P │
╞════════════╪════╪════╪══════════╪═══════╡
│ de.supply  ┆  0 ┆  1 ┆        0 ┆ 0.000 │
│ en.ceo     ┆  0 ┆  1 ┆        1 ┆ 0.000 │
│ de.invest  ┆  1 ┆  0 ┆        0 ┆ 1.000 │
│ en.invest  ┆  1 ┆  0 ┆        0 ┆ 1.000 │
│ en.partner ┆  1 ┆  0 ┆        0 ┆ 1.000 │
└────────────┴────┴────┴──────────┴───────┘
";
        let details = "
Misses (2):
  de1 (gold line 10): OpenAI partnersWith Oracle
      hint: OpenAI arbeitet mit Oracle zusammen.
  en1 (gold line 6): OpenAI develops ChatGPT
      hint: OpenAI makes ChatGPT.

False positives (2):
  de1: Oracle suppliesTo OpenAI  [de.supply]
      evidence: OpenAI arbeitet mit Oracle zusammen.
  en1: Satya Nadella leads OpenAI  [en.ceo]
      evidence: CEO Satya Nadella praised the partnership with Open AI.
";
        assert_eq!(report.render_text(true), format!("{summary}{details}"));
        assert_eq!(
            report.render_text(false),
            format!("{summary}\n2 misses and 2 false positives not listed.\n")
        );
    }
}
