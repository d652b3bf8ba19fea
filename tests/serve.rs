//! `newsgraph serve` on the seed store: the real binary on a loopback port,
//! spoken to over plain HTTP/1.1, with exact expectations for each answer.

use crate::util::seed_graph;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running server, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(extra: &[&str]) -> Server {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .current_dir(seed_graph())
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("newsgraph serve starts");
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the server did not come up"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Server { child, port }
}

/// One request; returns (status, content type, body).
fn request(
    port: u16,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut req = format!("{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    stream.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let content_type = head
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("content-type:"))
        .map(|l| l[13..].trim().to_string())
        .unwrap_or_default();
    (status, content_type, body.to_string())
}

fn encode(q: &str) -> String {
    form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

/// A request (method, target, headers, body) and the status and message it must get.
type Case<'a> = (
    &'a str,
    String,
    &'a [(&'a str, &'a str)],
    &'a str,
    u16,
    &'a str,
);

const INVESTORS: &str = "SELECT DISTINCT ?s WHERE { ?s ng:investsIn nge:OpenAI } ORDER BY ?s";

#[test]
fn sparql_protocol_with_content_negotiation() {
    let s = start(&[]);
    let (status, ct, body) = request(
        s.port,
        "GET",
        &format!("/sparql?query={}", encode(INVESTORS)),
        &[],
        "",
    );
    assert_eq!(
        (status, ct.as_str()),
        (200, "application/sparql-results+json")
    );
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let names: Vec<&str> = json["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            b["s"]["value"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(names, ["MGX", "Microsoft", "Nvidia", "Thrive_Capital"]);
    let (status, ct, body) = request(
        s.port,
        "POST",
        "/sparql",
        &[
            ("Content-Type", "application/sparql-query"),
            ("Accept", "text/csv"),
        ],
        INVESTORS,
    );
    assert_eq!((status, ct.as_str()), (200, "text/csv"));
    assert_eq!(body.lines().count(), 5, "{body}");
    let form = format!(
        "query={}",
        encode("ASK { nge:Microsoft ng:investsIn nge:OpenAI }")
    );
    let (status, _, body) = request(
        s.port,
        "POST",
        "/sparql",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "application/sparql-results+xml"),
        ],
        &form,
    );
    assert_eq!(status, 200);
    assert!(body.contains("<boolean>true</boolean>"), "{body}");
    let construct = encode("CONSTRUCT { ?s ng:investsIn ?o } WHERE { ?s ng:investsIn ?o }");
    let (status, ct, body) = request(
        s.port,
        "GET",
        &format!("/sparql?query={construct}"),
        &[("Accept", "application/n-triples")],
        "",
    );
    assert_eq!((status, ct.as_str()), (200, "application/n-triples"));
    assert_eq!(body.lines().count(), 4, "{body}");
}

#[test]
fn graph_store_reads_one_article() {
    let s = start(&[]);
    let docs =
        encode("SELECT ?g WHERE { GRAPH ?g { ?d a schema:NewsArticle } } ORDER BY ?g LIMIT 1");
    let (_, _, body) = request(
        s.port,
        "GET",
        &format!("/sparql?query={docs}"),
        &[("Accept", "text/tab-separated-values")],
        "",
    );
    let graph = body
        .lines()
        .nth(1)
        .unwrap()
        .trim_matches(['<', '>'])
        .to_string();
    let (status, ct, body) = request(
        s.port,
        "GET",
        &format!("/store?graph={}", encode(&graph)),
        &[("Accept", "application/n-triples")],
        "",
    );
    assert_eq!((status, ct.as_str()), (200, "application/n-triples"));
    assert!(body.contains("<https://schema.org/NewsArticle>"), "{body}");
    let (status, _, _) = request(
        s.port,
        "GET",
        "/store?graph=http%3A%2F%2Fexample.org%2Fnothing",
        &[],
        "",
    );
    assert_eq!(status, 404);
    let (status, _, _) = request(
        s.port,
        "PUT",
        &format!("/store?graph={}", encode(&graph)),
        &[],
        "<a:b> <a:c> <a:d> .",
    );
    assert_eq!(status, 403);
}

#[test]
fn bad_requests_get_the_right_status_and_the_server_stays_up() {
    let s = start(&["--max-body", "100", "--max-results", "3"]);
    let all = encode("SELECT * WHERE { ?s ?p ?o }");
    let long = format!("SELECT * WHERE {{ ?s ?p ?o }} {}", "#".repeat(200));
    let update = [("Content-Type", "application/sparql-update")];
    let text = [("Content-Type", "text/plain")];
    let query = [("Content-Type", "application/sparql-query")];
    let cases: Vec<Case> = vec![
        (
            "GET",
            "/sparql?query=SELEC%20broken".into(),
            &[],
            "",
            400,
            "malformed SPARQL",
        ),
        (
            "POST",
            "/sparql".into(),
            &update,
            "INSERT DATA { <a:b> <a:c> <a:d> }",
            403,
            "read-only",
        ),
        (
            "POST",
            "/sparql".into(),
            &text,
            "SELECT * {}",
            415,
            "unsupported content type",
        ),
        (
            "POST",
            "/sparql".into(),
            &query,
            &long,
            413,
            "over the limit of 100 bytes",
        ),
        (
            "GET",
            format!("/sparql?query={all}"),
            &[],
            "",
            413,
            "more than 3 results",
        ),
        ("GET", "/nowhere".into(), &[], "", 404, "no such resource"),
    ];
    for (method, target, headers, body, status, message) in &cases {
        let (got, _, text) = request(s.port, method, target, headers, body);
        assert_eq!(got, *status, "{method} {target}: {text}");
        assert!(text.contains(message), "{method} {target}: {text}");
    }
    let (status, _, _) = request(
        s.port,
        "GET",
        &format!("/sparql?query={}", encode("ASK {}")),
        &[],
        "",
    );
    assert_eq!(status, 200, "still serving");
}

#[test]
fn writable_servers_accept_updates() {
    let dir = tempfile::tempdir().unwrap();
    // A copy of the seed store, so the shared one stays as built.
    let copy = dir.path().join("store");
    copy_dir(&seed_graph().join("output/store"), &copy);
    let s = start(&["--writable", "--store", copy.to_str().unwrap()]);
    let (status, _, body) = request(
        s.port,
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-update")],
        "INSERT DATA { GRAPH <http://example.org/g> { nge:Acme ng:investsIn nge:OpenAI } }",
    );
    assert_eq!(status, 204, "{body}");
    let ask = encode("ASK { nge:Acme ng:investsIn nge:OpenAI }");
    let (_, _, body) = request(s.port, "GET", &format!("/sparql?query={ask}"), &[], "");
    assert!(body.contains("true"), "{body}");
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}
