//! Gold files: the triples a reader expects newsgraph to find in each article.
//!
//! A gold file is TSV with the header `doc subject predicate object status`,
//! where `doc` is the article file's stem, `predicate` the local name of an
//! entity relation (`investsIn`) and `status` is `required` or `optional`.
//! Names are kept as written; the alias table maps them when scoring.

use super::tsv::{read_records, Column};
use super::EvalError;
use crate::model::{Relation, RelationKind};
use std::path::Path;

/// One line of a gold file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTriple {
    /// The article's file stem.
    pub doc: String,
    pub subject: String,
    pub predicate: Relation,
    pub object: String,
    /// `false` for an optional triple: finding it is not rewarded, missing it
    /// is not penalized.
    pub required: bool,
    /// The 1-based line in the gold file, so reports can point back to it.
    pub line: usize,
}

const COLUMNS: [Column; 5] = [
    Column {
        name: "doc",
        required: true,
    },
    Column {
        name: "subject",
        required: true,
    },
    Column {
        name: "predicate",
        required: true,
    },
    Column {
        name: "object",
        required: true,
    },
    Column {
        name: "status",
        required: true,
    },
];

/// Reads a gold file. Blank lines and lines starting with `#` are ignored.
///
/// Fails on the first line that does not fit, naming the file and the line:
/// a missing column, an empty name, an unknown status, or a predicate that is
/// not one of the thirteen entity relations.
pub fn read_gold(path: &Path) -> Result<Vec<GoldTriple>, EvalError> {
    let records = read_records(path, &COLUMNS)?;
    let mut triples = Vec::with_capacity(records.len());
    for record in records {
        let error = |message: String| EvalError::Format {
            path: path.to_owned(),
            line: record.line,
            message,
        };
        let [doc, subject, predicate, object, status] = &record.fields[..] else {
            unreachable!("read_records returns one field per requested column");
        };
        for (name, value) in [("doc", doc), ("subject", subject), ("object", object)] {
            if value.is_empty() {
                return Err(error(format!("empty {name}")));
            }
        }
        let predicate = parse_predicate(predicate).map_err(error)?;
        let required = match status.to_ascii_lowercase().as_str() {
            "required" => true,
            "optional" => false,
            _ => {
                return Err(error(format!(
                    "unknown status \"{status}\"; expected required or optional"
                )))
            }
        };
        triples.push(GoldTriple {
            doc: doc.clone(),
            subject: subject.clone(),
            predicate,
            object: object.clone(),
            required,
            line: record.line,
        });
    }
    Ok(triples)
}

fn parse_predicate(name: &str) -> Result<Relation, String> {
    let expected = || {
        Relation::ALL
            .into_iter()
            .filter(|r| r.kind() == RelationKind::Entity)
            .map(Relation::name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match Relation::parse(name) {
        Some(r) if r.kind() == RelationKind::Entity => Ok(r),
        // Literal facts have amounts as objects, which this scoring does not
        // compare; accepting them would only produce misses nobody can fix.
        Some(r) => Err(format!(
            "predicate \"{}\" has a literal object and is not scored; expected one of {}",
            r.name(),
            expected()
        )),
        None => Err(format!(
            "unknown predicate \"{name}\"; expected one of {}",
            expected()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "doc\tsubject\tpredicate\tobject\tstatus\n";
    const ENTITY_RELATIONS: &str = "investsIn, acquired, partnersWith, competesWith, leads, \
        worksFor, formerlyWorkedFor, founded, develops, uses, suppliesTo, partOf, locatedIn";

    /// Writes `text` to a gold file in a fresh directory and reads it back;
    /// errors come back as their message with the directory cut off.
    fn read(text: &str) -> Result<Vec<GoldTriple>, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gold.tsv");
        std::fs::write(&path, text).unwrap();
        read_gold(&path).map_err(|e| {
            e.to_string()
                .replace(&format!("{}", dir.path().display()), "")
                .trim_start_matches(std::path::MAIN_SEPARATOR)
                .to_owned()
        })
    }

    #[test]
    fn reads_triples_with_status_and_line_numbers() {
        let text = format!(
            "{HEADER}# Microsoft's funding\n001\tMicrosoft\tinvestsIn\tOpenAI\trequired\n\n\
             001\tSam Altman\tng:leads\tOpenAI\tOptional\n"
        );
        assert_eq!(
            read(&text).unwrap(),
            vec![
                GoldTriple {
                    doc: "001".into(),
                    subject: "Microsoft".into(),
                    predicate: Relation::InvestsIn,
                    object: "OpenAI".into(),
                    required: true,
                    line: 3,
                },
                GoldTriple {
                    doc: "001".into(),
                    subject: "Sam Altman".into(),
                    predicate: Relation::Leads,
                    object: "OpenAI".into(),
                    required: false,
                    line: 5,
                },
            ]
        );
    }

    #[test]
    fn rejects_unknown_predicate_naming_the_vocabulary() {
        let text = format!("{HEADER}001\tMicrosoft\tinvests\tOpenAI\trequired\n");
        assert_eq!(
            read(&text).unwrap_err(),
            format!(
                "gold.tsv:2: unknown predicate \"invests\"; expected one of {ENTITY_RELATIONS}"
            )
        );
    }

    #[test]
    fn rejects_literal_predicates() {
        let text = format!("{HEADER}\n\n001\tOpenAI\tvaluation\t157000000000\trequired\n");
        assert_eq!(
            read(&text).unwrap_err(),
            format!(
                "gold.tsv:4: predicate \"valuation\" has a literal object and is not scored; \
                 expected one of {ENTITY_RELATIONS}"
            )
        );
    }

    #[test]
    fn rejects_bad_status() {
        let text = format!(
            "{HEADER}001\tMicrosoft\tinvestsIn\tOpenAI\trequired\n\
             001\tMicrosoft\tpartnersWith\tOpenAI\tmaybe\n"
        );
        assert_eq!(
            read(&text).unwrap_err(),
            "gold.tsv:3: unknown status \"maybe\"; expected required or optional"
        );
    }

    #[test]
    fn rejects_missing_column() {
        let text = format!("{HEADER}001\tMicrosoft\tinvestsIn\tOpenAI\n");
        assert_eq!(
            read(&text).unwrap_err(),
            "gold.tsv:2: missing column \"status\" (the line has 4 tab-separated fields, the header 5)"
        );
    }

    #[test]
    fn rejects_empty_names() {
        let text = format!("{HEADER}001\t \tinvestsIn\tOpenAI\trequired\n");
        assert_eq!(read(&text).unwrap_err(), "gold.tsv:2: empty subject");
    }

    #[test]
    fn rejects_a_header_missing_status() {
        assert_eq!(
            read("doc\tsubject\tpredicate\tobject\n").unwrap_err(),
            "gold.tsv:1: the header has no column \"status\"; expected the columns \
             doc, subject, predicate, object, status, found doc, subject, predicate, object"
        );
    }

    #[test]
    fn reports_a_missing_file() {
        let message = read_gold(Path::new("/nonexistent/gold.tsv"))
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with("/nonexistent/gold.tsv: "),
            "unexpected message {message:?}"
        );
    }
}
