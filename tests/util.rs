//! Helpers shared by the end-to-end tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `newsgraph` binary, run in `dir`, with the built-in SVG layout so that
/// results do not depend on whether Graphviz is installed.
pub fn newsgraph(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    c.current_dir(dir).env("NEWSGRAPH_DOT", "none");
    c
}

/// Runs a command and returns its output, whatever the exit status.
pub fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("newsgraph runs")
}

/// Runs a command that must succeed; returns stdout.
pub fn ok(cmd: &mut Command) -> String {
    let out = run(cmd);
    assert!(
        out.status.success(),
        "{:?} failed: {}\n{}",
        cmd,
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A temporary folder with a copy of the seed articles in `seeds/`.
pub fn with_seeds() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let seeds = dir.path().join("seeds");
    std::fs::create_dir(&seeds).unwrap();
    for entry in std::fs::read_dir(repo().join("seeds")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, seeds.join(p.file_name().unwrap())).unwrap();
    }
    dir
}

/// The seed articles built once into a store shared by read-only tests.
pub fn seed_graph() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = with_seeds();
        ok(newsgraph(dir.path()).args(["build", "--quiet"]));
        dir
    })
    .path()
}

/// The store folder of [`seed_graph`].
pub fn seed_store() -> String {
    seed_graph().join("output/store").display().to_string()
}

/// The canned queries of `queries/`, sorted by file name.
pub fn canned_queries() -> Vec<PathBuf> {
    let mut queries: Vec<PathBuf> = std::fs::read_dir(repo().join("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    queries.sort();
    queries
}

/// The TriG export a build wrote into `dir/output`.
pub fn exported_trig(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("output/graph.trig")).unwrap()
}
