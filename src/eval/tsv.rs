//! The tab-separated format shared by gold and alias files: a header naming
//! the columns, then one record per line. Blank lines and lines starting with
//! `#` are skipped. Columns are found by their header name, so a file may
//! reorder them; a column the caller does not ask for is ignored.

use super::EvalError;
use std::path::Path;

/// A column the caller reads. An optional column may be absent from a line
/// (editors drop trailing tabs), and then reads as "".
pub(crate) struct Column {
    pub name: &'static str,
    pub required: bool,
}

/// One data line: its 1-based line number and its fields, trimmed, in the order
/// of the columns the caller asked for.
#[derive(Debug)]
pub(crate) struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Reads `path` and returns its records.
pub(crate) fn read_records(path: &Path, columns: &[Column]) -> Result<Vec<Record>, EvalError> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Read {
        path: path.to_owned(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        EvalError::Format {
            path: path.to_owned(),
            line: valid.iter().filter(|&&b| b == b'\n').count() + 1,
            message: "not valid UTF-8".to_owned(),
        }
    })?;
    parse_records(path, &text, columns)
}

fn parse_records(path: &Path, text: &str, columns: &[Column]) -> Result<Vec<Record>, EvalError> {
    let error = |line: usize, message: String| EvalError::Format {
        path: path.to_owned(),
        line,
        message,
    };
    let expected = columns
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(", ");
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));

    let Some((header_line, header)) = lines.next() else {
        return Err(EvalError::MissingHeader {
            path: path.to_owned(),
            expected,
        });
    };
    let names: Vec<&str> = header.split('\t').map(str::trim).collect();
    let mut positions = Vec::with_capacity(columns.len());
    for column in columns {
        let position = names
            .iter()
            .position(|n| n.eq_ignore_ascii_case(column.name));
        match position {
            Some(p) => positions.push(p),
            None => {
                return Err(error(
                    header_line,
                    format!(
                    "the header has no column \"{}\"; expected the columns {expected}, found {}",
                    column.name,
                    names.join(", ")
                ),
                ))
            }
        }
    }

    let mut records = Vec::new();
    for (line, content) in lines {
        let mut fields: Vec<&str> = content.split('\t').map(str::trim).collect();
        // Trailing tabs are invisible in most editors; only real content beyond
        // the header's columns means the line is misaligned.
        while fields.len() > names.len() && fields.last() == Some(&"") {
            fields.pop();
        }
        if fields.len() > names.len() {
            return Err(error(
                line,
                format!(
                    "{} tab-separated fields, but the header has {} ({})",
                    fields.len(),
                    names.len(),
                    names.join(", ")
                ),
            ));
        }
        let mut values = Vec::with_capacity(columns.len());
        for (column, &position) in columns.iter().zip(&positions) {
            match fields.get(position) {
                Some(value) => values.push((*value).to_owned()),
                None if !column.required => values.push(String::new()),
                None => {
                    return Err(error(
                        line,
                        format!(
                            "missing column \"{}\" (the line has {} tab-separated fields, the header {})",
                            column.name,
                            fields.len(),
                            names.len()
                        ),
                    ))
                }
            }
        }
        records.push(Record {
            line,
            fields: values,
        });
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: [Column; 3] = [
        Column {
            name: "a",
            required: true,
        },
        Column {
            name: "b",
            required: true,
        },
        Column {
            name: "c",
            required: false,
        },
    ];

    fn parse(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
        parse_records(Path::new("t.tsv"), text, &COLUMNS)
            .map(|records| records.into_iter().map(|r| (r.line, r.fields)).collect())
            .map_err(|e| e.to_string())
    }

    fn row(line: usize, fields: &[&str]) -> (usize, Vec<String>) {
        (line, fields.iter().map(|f| f.to_string()).collect())
    }

    #[test]
    fn skips_comments_and_blank_lines_and_keeps_line_numbers() {
        let text = "# comment\n\na\tb\tc\n1\t2\t3\n   \n# another\n4\t5\t6\r\n";
        assert_eq!(
            parse(text).unwrap(),
            vec![row(4, &["1", "2", "3"]), row(7, &["4", "5", "6"])]
        );
    }

    #[test]
    fn finds_columns_by_header_name_and_ignores_others() {
        let text = "\u{feff}C\tnote\tA\tB\nz\tignored\tx\ty\n";
        assert_eq!(parse(text).unwrap(), vec![row(2, &["x", "y", "z"])]);
    }

    #[test]
    fn optional_trailing_column_may_be_absent_and_trailing_tabs_are_dropped() {
        let text = "a\tb\tc\n1\t2\n3\t4\t5\t\t\n";
        assert_eq!(
            parse(text).unwrap(),
            vec![row(2, &["1", "2", ""]), row(3, &["3", "4", "5"])]
        );
    }

    #[test]
    fn reports_missing_required_column_with_its_line() {
        assert_eq!(
            parse("a\tb\tc\n1\t2\t3\n1\n").unwrap_err(),
            "t.tsv:3: missing column \"b\" (the line has 1 tab-separated fields, the header 3)"
        );
    }

    #[test]
    fn reports_extra_fields() {
        assert_eq!(
            parse("a\tb\tc\n1\t2\t3\t4\n").unwrap_err(),
            "t.tsv:2: 4 tab-separated fields, but the header has 3 (a, b, c)"
        );
    }

    #[test]
    fn reports_a_header_without_a_needed_column() {
        assert_eq!(
            parse("# x\na\tc\n").unwrap_err(),
            "t.tsv:2: the header has no column \"b\"; expected the columns a, b, c, found a, c"
        );
    }

    #[test]
    fn reports_a_file_without_header() {
        assert_eq!(
            parse("# only a comment\n\n").unwrap_err(),
            "t.tsv: no header line; expected the tab-separated columns a, b, c"
        );
    }

    #[test]
    fn reports_invalid_utf8_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.tsv");
        std::fs::write(&path, b"a\tb\n1\t2\n\xff\t3\n").unwrap();
        let message = read_records(&path, &COLUMNS).unwrap_err().to_string();
        assert_eq!(message, format!("{}:3: not valid UTF-8", path.display()));
    }
}
