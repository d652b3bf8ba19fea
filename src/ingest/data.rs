//! Reading the data files under `data/ingest/`: word lists, one entry a line,
//! with `#` comments, blank lines, and `[section]` headers where a file holds
//! more than one list. The files are compiled in with `include_str!`; each
//! module parses the ones it needs once, in a `LazyLock`.

/// The entries of a list file: trimmed lines that are neither blank nor comments.
pub(crate) fn entries(file: &str) -> impl Iterator<Item = &str> {
    file.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// The entries under `[name]` in a file with sections.
///
/// # Panics
/// When the file has no such section: the files are compiled in, so that is a
/// mistake in the program, found by the first test that loads the file.
pub(crate) fn section<'a>(file: &'a str, name: &str) -> Vec<&'a str> {
    let header = format!("[{name}]");
    let mut found = false;
    let mut inside = false;
    let mut out = Vec::new();
    for entry in entries(file) {
        if entry.starts_with('[') && entry.ends_with(']') {
            inside = entry == header;
            found |= inside;
        } else if inside {
            out.push(entry);
        }
    }
    assert!(found, "data file has no section {header}");
    out
}

/// The tab-separated fields of each entry of a table file.
pub(crate) fn rows(file: &str) -> impl Iterator<Item = Vec<&str>> {
    file.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| line.split('\t').map(str::trim).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# a comment\n[one]\nalpha\n\n  beta  \n[two]\n# another\ngamma\n";

    #[test]
    fn sections_hold_their_entries() {
        assert_eq!(section(FILE, "one"), ["alpha", "beta"]);
        assert_eq!(section(FILE, "two"), ["gamma"]);
    }

    #[test]
    #[should_panic(expected = "no section [three]")]
    fn a_missing_section_is_a_program_error() {
        section(FILE, "three");
    }

    #[test]
    fn rows_split_on_tabs() {
        let table: Vec<_> = rows("# key\tfield\ndate\tdate\npublished on\tdate\n").collect();
        assert_eq!(table, [vec!["date", "date"], vec!["published on", "date"]]);
    }
}
