//! `newsgraph push` into a real Oxigraph server (the PyPI package `oxigraph`'s
//! binary, started on loopback by the test); skipped with a message where the
//! server is not installed (`.ci/run` installs it).

use crate::util::{newsgraph, ok, run, seed_graph, stderr};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn oxigraph_server() -> Option<PathBuf> {
    let venv = std::env::var_os("HOME")
        .map(PathBuf::from)
        .map(|h| h.join(".cache/newsgraph/oxigraph-venv/bin/oxigraph"));
    [
        std::env::var_os("NEWSGRAPH_OXIGRAPH_SERVER").map(PathBuf::from),
        venv,
    ]
    .into_iter()
    .flatten()
    .find(|p| p.exists())
}

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Counts (graphs, triples) in the server, through its SPARQL endpoint.
fn count(port: u16) -> (u64, u64) {
    let q = "SELECT (COUNT(DISTINCT ?g) AS ?g) (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    let body = ureq::post(&format!("http://127.0.0.1:{port}/query"))
        .set("Content-Type", "application/sparql-query")
        .set("Accept", "text/csv")
        .send_string(q)
        .unwrap()
        .into_string()
        .unwrap();
    let row = body.lines().nth(1).unwrap().to_string();
    let (g, n) = row.trim().split_once(',').unwrap();
    (g.parse().unwrap(), n.parse().unwrap())
}

#[test]
fn push_loads_every_graph_into_a_real_triple_store_and_replaces_on_repeat() {
    let Some(server) = oxigraph_server() else {
        eprintln!("skipped: no Oxigraph server (python3 -m venv ~/.cache/newsgraph/oxigraph-venv && ~/.cache/newsgraph/oxigraph-venv/bin/pip install oxigraph==0.5.13, or set NEWSGRAPH_OXIGRAPH_SERVER)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let _server = Running(
        Command::new(server)
            .args(["serve", "--location"])
            .arg(dir.path().join("db"))
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the Oxigraph server starts"),
    );
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the Oxigraph server did not come up"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let endpoint = format!("http://127.0.0.1:{port}/store");
    let dry = ok(newsgraph(seed_graph()).args(["push", "--dry-run", "--endpoint", &endpoint]));
    assert!(dry.contains("6 graphs, 1812 triples would go to"), "{dry}");
    assert_eq!(count(port), (0, 0), "a dry run sends nothing");
    let out = ok(newsgraph(seed_graph()).args(["push", "--endpoint", &endpoint]));
    assert!(out.contains("6 graphs, 1812 triples sent to"), "{out}");
    assert_eq!(count(port), (6, 1812), "five articles and the entity graph");
    ok(newsgraph(seed_graph()).args(["push", "--endpoint", &endpoint]));
    assert_eq!(
        count(port),
        (6, 1812),
        "a second push replaces, it does not add"
    );
}

#[test]
fn push_to_nowhere_fails_naming_the_graphs() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = run(newsgraph(seed_graph()).args([
        "push",
        "--attempts",
        "1",
        "--endpoint",
        &format!("http://127.0.0.1:{port}/store"),
    ]));
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("6 of 6 graphs could not be sent"),
        "{}",
        stderr(&out)
    );
}
