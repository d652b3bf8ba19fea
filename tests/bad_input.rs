//! Bad input gets a clear message naming the file and the problem; the build
//! goes on where that is safe, and the previous store stays usable.

use crate::util::{newsgraph, ok, run, stderr, with_seeds};
use std::fs;
use std::io::Write;

#[test]
fn a_missing_path_is_named_and_the_other_inputs_are_built() {
    let dir = with_seeds();
    let out = run(newsgraph(dir.path()).args(["build", "seeds", "nowhere.txt"]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: nowhere.txt: no such file or folder"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("5 files: 5 extracted"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn nothing_to_build_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("empty")).unwrap();
    fs::write(dir.path().join("empty/notes.pdf"), b"%PDF").unwrap();
    let out = run(newsgraph(dir.path()).args(["build", "empty"]));
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("empty"), "{err}");
    assert!(err.contains("error: no articles to build"), "{err}");
    assert!(
        !dir.path().join("output/store").exists(),
        "no store is created for nothing"
    );
    let out = run(newsgraph(dir.path()).args(["build", "missing-folder"]));
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("missing-folder: no such file or folder"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn broken_files_are_skipped_with_a_warning_naming_them() {
    let dir = with_seeds();
    let seeds = dir.path().join("seeds");
    fs::write(
        seeds.join("latin1.txt"),
        b"Gr\xfc\xdfe aus M\xfcnchen. Siemens investierte in Aleph Alpha.\n",
    )
    .unwrap();
    fs::write(
        seeds.join("binary.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0],
    )
    .unwrap();
    fs::write(seeds.join("empty.md"), b"  \n\n").unwrap();
    let out = run(newsgraph(dir.path()).args(["build", "--json"]));
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("latin1.txt: not valid UTF-8 (first invalid byte at offset 2, line 1)"),
        "{err}"
    );
    assert!(err.contains("binary.txt:"), "{err}");
    assert!(err.contains("empty.md:"), "{err}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"], 8);
    assert_eq!(report["failed"], 3);
    assert_eq!(report["extracted"], 5);
    assert_eq!(report["articles"], 5);
}

#[test]
fn an_article_over_the_size_limit_is_skipped_and_named_with_the_option() {
    let dir = with_seeds();
    let long = "The lenders met the board again on Monday. ".repeat(30_000);
    fs::write(dir.path().join("seeds/dump.txt"), &long).unwrap();
    let out = run(newsgraph(dir.path()).args([
        "build",
        "--no-exports",
        "--json",
        "--max-article-bytes",
        "1MB",
    ]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!(
            "warning: {}: 1.3 MB is over the limit of 1.0 MB per article; skipped (raise it with --max-article-bytes)",
            std::path::Path::new("seeds").join("dump.txt").display()
        )),
        "{}",
        stderr(&out)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (report["failed"].clone(), report["extracted"].clone()),
        (1.into(), 5.into())
    );
    // Within a raised limit it is read.
    let out = run(newsgraph(dir.path()).args([
        "build",
        "--no-exports",
        "--json",
        "--max-article-bytes",
        "2MB",
    ]));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (report["failed"].clone(), report["extracted"].clone()),
        (0.into(), 1.into())
    );
    assert_eq!(
        run(newsgraph(dir.path()).args(["build", "--max-article-bytes", "lots"]))
            .status
            .code(),
        Some(2),
        "a size that is no size is a usage error"
    );
}

#[cfg(unix)]
#[test]
fn links_that_loop_or_lead_nowhere_are_named() {
    use std::os::unix::fs::symlink;
    let dir = with_seeds();
    let seeds = dir.path().join("seeds");
    symlink(seeds.join("ping.txt"), seeds.join("pong.txt")).unwrap();
    symlink(seeds.join("pong.txt"), seeds.join("ping.txt")).unwrap();
    symlink(&seeds, seeds.join("again")).unwrap();
    let out = run(newsgraph(dir.path()).args(["build", "--no-exports"]));
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    for name in ["ping.txt", "pong.txt"] {
        assert!(
            err.contains(&format!(
                "warning: seeds/{name}: a symbolic link that leads back to itself; skipped"
            )),
            "{err}"
        );
    }
    assert!(
        err.contains("warning: seeds/again: a link to the folder "),
        "{err}"
    );
    assert!(err.contains("5 files: 5 extracted"), "{err}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let dir = with_seeds();
    let locked = dir.path().join("seeds/locked.txt");
    fs::write(&locked, "Microsoft invested in OpenAI.").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&locked).is_ok() {
        eprintln!("skipped: this user can read a file with mode 000 (root)");
        return;
    }
    let out = run(newsgraph(dir.path()).args(["build"]));
    assert!(out.status.success());
    assert!(stderr(&out).contains("locked.txt"), "{}", stderr(&out));
}

#[test]
fn another_language_is_stored_without_relations() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("in")).unwrap();
    fs::write(
        dir.path().join("in/fr.txt"),
        "Microsoft a investi dix milliards de dollars dans OpenAI, selon le journal. La société américaine reste le premier actionnaire de la start-up.",
    )
    .unwrap();
    let out = run(newsgraph(dir.path()).args(["build", "in"]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("fr.txt: language `fr` is neither English nor German"),
        "{}",
        stderr(&out)
    );
    let rows = ok(newsgraph(dir.path()).args([
        "query",
        "--format",
        "tsv",
        "-e",
        "SELECT ?lang (COUNT(?c) AS ?claims) WHERE { ?d a schema:NewsArticle ; schema:inLanguage ?lang . OPTIONAL { ?c prov:wasDerivedFrom ?d } } GROUP BY ?lang",
    ]));
    assert_eq!(rows, "?lang\t?claims\n\"fr\"\t0\n");
}

#[test]
fn a_store_in_use_by_another_process_is_refused_clearly() {
    let dir = with_seeds();
    ok(newsgraph(dir.path()).args(["build", "--quiet"]));
    // A reader keeps working while another process holds the store for writing.
    let holder =
        newsgraph::store::GraphStore::open(&dir.path().join("output/store"), Default::default())
            .unwrap();
    let out = run(newsgraph(dir.path()).args(["build"]));
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("the store output/store is in use by another newsgraph process"),
        "{}",
        stderr(&out)
    );
    let rows = ok(newsgraph(dir.path()).args([
        "query",
        "--format",
        "tsv",
        "-e",
        "SELECT (COUNT(?d) AS ?n) WHERE { ?d a schema:NewsArticle }",
    ]));
    assert!(rows.ends_with("5\n"), "{rows}");
    drop(holder);
}

#[test]
fn an_interrupted_build_leaves_the_previous_store_and_exports_usable() {
    let dir = with_seeds();
    ok(newsgraph(dir.path()).args(["build", "--quiet"]));
    let ttl = fs::read(dir.path().join("output/graph.ttl")).unwrap();
    // Many more articles, so that the build is still running when it is killed.
    let big = dir.path().join("big");
    fs::create_dir(&big).unwrap();
    let articles: Vec<(String, String)> = fs::read_dir(dir.path().join("seeds"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    for i in 0..400 {
        let (stem, text) = &articles[i % articles.len()];
        let mut f = fs::File::create(big.join(format!("{stem}_{i:04}.txt"))).unwrap();
        write!(f, "{text}\nCopy {i}.").unwrap();
    }
    let mut child = newsgraph(dir.path())
        .args(["build", "big", "seeds", "--quiet"])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    let _ = child.kill();
    let _ = child.wait();
    // The store opens, every article in it is whole, the exports are the old ones or new whole ones.
    let rows = ok(newsgraph(dir.path()).args([
        "query",
        "--format",
        "tsv",
        "-e",
        "SELECT (COUNT(?d) AS ?n) WHERE { ?d a schema:NewsArticle FILTER NOT EXISTS { ?d ng:text ?t ; ng:contentHash ?h } }",
    ]));
    assert_eq!(rows, "?n\n0\n", "no article is half-written");
    let seeds = ok(newsgraph(dir.path()).args([
        "query",
        "--format",
        "tsv",
        "-e",
        "SELECT (COUNT(?d) AS ?n) WHERE { ?d a schema:NewsArticle ; schema:isBasedOn ?f FILTER(STRLEN(?f) = 24) }",
    ]));
    assert_eq!(
        seeds, "?n\n5\n",
        "the articles of the previous build are still there"
    );
    let now = fs::read(dir.path().join("output/graph.ttl")).unwrap();
    assert!(
        now == ttl || now.len() > ttl.len(),
        "graph.ttl is either the old file or a complete new one"
    );
    assert!(!fs::read_dir(dir.path().join("output")).unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .ends_with(".tmp")));
    // The next build finishes the work and leaves no unfinished bulk-load files behind.
    ok(newsgraph(dir.path()).args(["build", "big", "seeds", "--quiet"]));
    let leftovers: Vec<String> = fs::read_dir(dir.path().join("output/store"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("bulk-"))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new());
    let articles = ok(newsgraph(dir.path()).args([
        "query",
        "--format",
        "tsv",
        "-e",
        "SELECT (COUNT(?d) AS ?n) WHERE { ?d a schema:NewsArticle }",
    ]));
    assert_eq!(articles, "?n\n405\n");
}

#[test]
fn a_query_piped_into_head_exits_quietly() {
    let dir = crate::util::seed_graph();
    let out = std::process::Command::new("sh")
        .current_dir(dir)
        .arg("-c")
        .arg(format!(
            "{} query -e 'SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }}' --format tsv | head -n 1",
            env!("CARGO_BIN_EXE_newsgraph")
        ))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "?s\t?p\t?o\n");
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}

#[test]
fn malformed_sparql_names_the_problem() {
    let dir = crate::util::seed_graph();
    let out = run(newsgraph(dir).args(["query", "-e", "SELEC ?x WHERE { ?x ?y ?z }"]));
    assert!(!out.status.success());
    assert!(
        stderr(&out).starts_with("error: SPARQL syntax error"),
        "{}",
        stderr(&out)
    );
    let out = run(newsgraph(tempfile::tempdir().unwrap().path()).args(["query", "-e", "ASK {}"]));
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no graph at output/store: run `newsgraph build` first"),
        "{}",
        stderr(&out)
    );
}
