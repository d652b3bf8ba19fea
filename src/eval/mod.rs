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
mod report;
mod score;
mod tsv;

pub use aliases::{read_aliases, AliasTable};
pub use gold::{read_gold, GoldTriple};
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
