//! `newsgraph serve` on the seed store: the real binary on a loopback port,
//! spoken to over plain HTTP/1.1, with exact expectations for each answer.

use crate::util::{ok, seed_graph};
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
    let (_dir, s) = writable_copy();
    // Asked before the update, the same query must not be answered from a cache after it.
    let ask = encode("ASK { nge:Acme ng:investsIn nge:OpenAI }");
    let (_, _, body) = request(s.port, "GET", &format!("/sparql?query={ask}"), &[], "");
    assert!(body.contains("false"), "{body}");
    let (status, _, body) = request(
        s.port,
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-update")],
        "INSERT DATA { GRAPH <http://example.org/g> { nge:Acme ng:investsIn nge:OpenAI } }",
    );
    assert_eq!(status, 204, "{body}");
    let (_, _, body) = request(s.port, "GET", &format!("/sparql?query={ask}"), &[], "");
    assert!(body.contains("true"), "{body}");
}

/// `POST /articles` on a writable server: the article is extracted and stored
/// as `build` would store it, and the next query sees its facts.
#[test]
fn writable_servers_add_articles_sent_to_them() {
    let (_dir, s) = writable_copy();
    let ask = encode("ASK { GRAPH ?g { nge:Siemens ng:acquired nge:Initech } }");
    let (_, _, body) = request(s.port, "GET", &format!("/sparql?query={ask}"), &[], "");
    assert!(body.contains("false"), "{body}");
    let article = "Siemens acquired the Dutch software maker Initech for $2bn on Monday.\n";
    let plain = [("Content-Type", "text/plain; charset=utf-8")];
    let (status, content_type, body) =
        request(s.port, "POST", "/articles?id=feed-1", &plain, article);
    assert_eq!(
        (status, content_type.as_str()),
        (200, "application/json"),
        "{body}"
    );
    let report: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(report["id"], "feed-1");
    assert_eq!(report["extracted"], 1);
    assert_eq!(report["articles"], 6, "five seed articles and this one");
    let (_, _, body) = request(s.port, "GET", &format!("/sparql?query={ask}"), &[], "");
    assert!(body.contains("true"), "{body}");
    // The same article again is left as it is.
    let (status, _, body) = request(s.port, "POST", "/articles?id=feed-1", &plain, article);
    assert_eq!(status, 200, "{body}");
    let report: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (report["extracted"].as_u64(), report["unchanged"].as_u64()),
        (Some(0), Some(1))
    );
    // What is refused, and why.
    for (target, headers, body, status, says) in [
        ("/articles", &plain[..], article, 400, "name the article"),
        (
            "/articles?id=../x",
            &plain[..],
            article,
            400,
            "must not start with '.'",
        ),
        (
            "/articles?id=a%2Fb",
            &plain[..],
            article,
            400,
            "only letters, digits",
        ),
        (
            "/articles?id=x",
            &[("Content-Type", "image/png")][..],
            article,
            415,
            "text/plain",
        ),
        ("/articles?id=x", &plain[..], " \n", 400, "empty"),
    ] {
        let (got, _, answer) = request(s.port, "POST", target, headers, body);
        assert_eq!(got, status, "{target}: {answer}");
        assert!(answer.contains(says), "{target}: {answer}");
    }
    let (status, _, _) = request(s.port, "GET", "/articles", &[], "");
    assert_eq!(status, 405);
}

/// Articles added one by one to a writable server — new ones, one replaced,
/// with a SPARQL update between — leave the entity graph a fresh build of the
/// same articles writes, although the server keeps entity totals between them.
#[test]
fn articles_added_one_by_one_give_the_entity_graph_of_a_fresh_build() {
    let (dir, s) = writable_copy();
    let plain = [("Content-Type", "text/plain")];
    let a1 = "Siemens acquired the Dutch software maker Initech for $2bn on Monday.\n";
    let b = "Siemens and Bosch have formed a joint venture. Microsoft invested in OpenAI.\n";
    let a2 = "Siemens and Initech have teamed up. Bosch bought Initech in May.\n";
    for (id, text) in [("feed-a", a1), ("feed-b", b), ("feed-a", a2)] {
        let (status, _, body) =
            request(s.port, "POST", &format!("/articles?id={id}"), &plain, text);
        assert_eq!(status, 200, "{body}");
    }
    // An update in between makes the server read the totals from the store again.
    let (status, _, _) = request(
        s.port,
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-update")],
        "INSERT DATA { GRAPH <http://example.org/g> { nge:Acme ng:investsIn nge:OpenAI } }",
    );
    assert_eq!(status, 204);
    let c = "OpenAI and Microsoft will work together. Siemens hired Jane Doe.\n";
    let (status, _, body) = request(s.port, "POST", "/articles?id=feed-c", &plain, c);
    assert_eq!(status, 200, "{body}");
    // Counted once after the update, then kept: the count must still be right.
    let d = "Nokia and Ericsson are rivals. Jane Doe left Siemens for Nokia.\n";
    let (status, _, body) = request(s.port, "POST", "/articles?id=feed-d", &plain, d);
    assert_eq!(status, 200, "{body}");
    let report: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(report["articles"], 9, "five seed articles and four added");
    let q = encode("SELECT ?e ?p ?o WHERE { GRAPH ngd:entities { ?e ?p ?o } } ORDER BY ?e ?p ?o");
    let target = format!("/sparql?query={q}");
    let csv = [("Accept", "text/csv")];
    let (_, _, added) = request(s.port, "GET", &target, &csv, "");
    drop(s);

    // The same articles in one fresh build.
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    for (id, text) in [("feed-a", a2), ("feed-b", b), ("feed-c", c), ("feed-d", d)] {
        std::fs::write(articles.join(format!("{id}.txt")), text).unwrap();
    }
    let fresh = dir.path().join("fresh");
    ok(Command::new(env!("CARGO_BIN_EXE_newsgraph")).args([
        "build",
        "--quiet",
        "--no-exports",
        "--store",
        fresh.to_str().unwrap(),
        seed_graph().join("seeds").to_str().unwrap(),
        articles.to_str().unwrap(),
    ]));
    let s = start(&["--store", fresh.to_str().unwrap()]);
    let (_, _, built) = request(s.port, "GET", &target, &csv, "");
    assert!(added.lines().count() > 100, "{added}");
    assert_eq!(added, built);
    let count = encode(
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ngd:entities { ?e rdfs:label ?l } }",
    );
    let (_, _, n) = request(s.port, "GET", &format!("/sparql?query={count}"), &csv, "");
    assert_eq!(
        n.lines().nth(1).map(str::trim),
        Some(report["entities"].to_string().as_str())
    );
}

#[test]
fn read_only_servers_refuse_articles() {
    let s = start(&[]);
    let (status, _, body) = request(
        s.port,
        "POST",
        "/articles?id=feed-1",
        &[("Content-Type", "text/plain")],
        "Siemens acquired Initech.",
    );
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("--writable"), "{body}");
}

/// A read-only endpoint keeps its answers: the same query with the same
/// Accept header gets the same bytes, with another Accept another format.
#[test]
fn read_only_answers_are_the_same_when_asked_again() {
    let s = start(&[]);
    let q = encode(
        "SELECT ?e ?label WHERE { GRAPH ngd:entities { ?e rdfs:label ?label } } ORDER BY ?e",
    );
    let target = format!("/sparql?query={q}");
    let csv = [("Accept", "text/csv")];
    let first = request(s.port, "GET", &target, &csv, "");
    let again = request(s.port, "GET", &target, &csv, "");
    assert_eq!(first.0, 200);
    assert_eq!(first, again);
    let json = request(
        s.port,
        "GET",
        &target,
        &[("Accept", "application/sparql-results+json")],
        "",
    );
    assert_eq!(json.1, "application/sparql-results+json");
    assert_eq!(
        first.2.lines().count(),
        34,
        "a header and the 33 seed entities"
    );
}

/// A writable server on a copy of the seed store (the shared one stays as
/// built), in a temporary folder the caller may use too.
fn writable_copy() -> (tempfile::TempDir, Server) {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("store");
    copy_dir(&seed_graph().join("output/store"), &copy);
    let s = start(&["--writable", "--store", copy.to_str().unwrap()]);
    (dir, s)
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

/// Sends a request head (and maybe the first bytes of its body), leaving the connection open.
fn open(port: u16, head: &str) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    stream
}

/// A POST head announcing a SPARQL query body of `length` bytes.
fn post_head(length: u64) -> String {
    format!("POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\nContent-Length: {length}\r\n\r\n")
}

/// Reads one answer: its status and body (by Content-Length, else to the end of the connection).
fn answer(stream: &mut TcpStream) -> (u16, String) {
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&raw).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head.lines().find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().parse::<usize>().unwrap())
            });
            if length.is_some_and(|n| body.len() >= n) {
                break;
            }
        }
        match stream.read(&mut buf) {
            // A reset right after the answer ends it as well.
            Ok(0) | Err(_) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .expect("an answer")
        .parse()
        .unwrap();
    (status, body.to_string())
}

fn still_answers(port: u16) {
    let (status, _, body) = request(
        port,
        "GET",
        &format!("/sparql?query={}", encode("ASK {}")),
        &[("Accept", "text/tab-separated-values")],
        "",
    );
    assert_eq!((status, body.as_str()), (200, "true"), "still serving");
}

#[test]
fn bad_input_gets_the_exact_status_and_message() {
    let s = start(&["--max-body", "2000"]);
    let query = [("Content-Type", "application/sparql-query")];
    let text = [("Content-Type", "text/plain")];
    let big = format!("SELECT * WHERE {{ ?s ?p ?o }} LIMIT 1 {}", "#".repeat(3000));
    let cases: Vec<Case> = vec![
        (
            "GET",
            "/sparql?query=SELEC%20%3Fs%20WHERE%20%7B%7D".into(),
            &[],
            "",
            400,
            "malformed SPARQL: error at 1:10: expected CONSTRUCT\n",
        ),
        (
            "GET",
            "/store?graph=http%3A%2F%2Fexample.org%2Fnothing".into(),
            &[],
            "",
            404,
            "no graph named <http://example.org/nothing>\n",
        ),
        (
            "POST",
            "/sparql".into(),
            &query,
            &big,
            413,
            "request body over the limit of 2000 bytes\n",
        ),
        (
            "POST",
            "/sparql".into(),
            &text,
            "SELECT * {}",
            415,
            "unsupported content type `text/plain`; use application/sparql-query or application/x-www-form-urlencoded\n",
        ),
    ];
    for (method, target, headers, body, status, message) in &cases {
        let (got, ct, text) = request(s.port, method, target, headers, body);
        assert_eq!(
            (got, ct.as_str(), text.as_str()),
            (*status, "text/plain; charset=utf-8", *message),
            "{method} {target}"
        );
    }
    // A body announced far beyond memory, never sent: refused at once, and the
    // server must not try to read (or make room for) it.
    let mut huge = open(s.port, &post_head(100_000_000_000_000));
    assert_eq!(
        answer(&mut huge),
        (
            413,
            "request body over the limit of 2000 bytes\n".to_string()
        )
    );
    still_answers(s.port);
}

#[test]
fn slow_clients_get_408_and_hold_no_worker() {
    // Three workers, and four clients that announce a body and then stall.
    let s = start(&["--read-timeout", "2", "--threads", "3"]);
    let mut silent = open(s.port, &format!("{}SELECT", post_head(5000)));
    let mut chunked = open(
        s.port,
        "POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nSELECT",
    );
    let mut trickling = open(s.port, &post_head(5000));
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let trickler = {
        let (mut w, stop) = (trickling.try_clone().unwrap(), stop.clone());
        std::thread::spawn(move || {
            // One byte a tenth of a second: the whole body would take 500 s.
            while !stop.load(std::sync::atomic::Ordering::Relaxed) && w.write_all(b" ").is_ok() {
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    };
    let mut small = open(s.port, &post_head(100));
    // Served while they wait: a stalled body holds no worker.
    still_answers(s.port);
    let late = (
        408,
        "the request body did not arrive within the read timeout of 2 s\n".to_string(),
    );
    assert_eq!(answer(&mut silent), late);
    assert_eq!(answer(&mut trickling), late);
    assert_eq!(answer(&mut chunked), late);
    assert_eq!(answer(&mut small), late);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    trickler.join().unwrap();
    still_answers(s.port);
}

#[test]
fn a_client_stalling_in_its_request_head_gets_408_while_others_are_served() {
    let s = start(&["--read-timeout", "2", "--threads", "1"]);
    let started = Instant::now();
    // Half a request line, then nothing; and a head without its blank line.
    let mut half = open(s.port, "GET /spa");
    let mut headless = open(
        s.port,
        "GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\nHost: localhost\r\n",
    );
    still_answers(s.port);
    let late = (
        408,
        "the request head did not arrive within the read timeout of 2 s\n".to_string(),
    );
    assert_eq!(answer(&mut half), late);
    assert_eq!(answer(&mut headless), late);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "answered at the deadline"
    );
    // A connection that sends nothing at all is closed at the deadline, without an answer.
    let mut idle = open(s.port, "");
    let mut rest = Vec::new();
    assert_eq!(
        idle.read_to_end(&mut rest).map(|_| rest.len()).unwrap_or(0),
        0
    );
    still_answers(s.port);
}

#[test]
fn queries_over_the_time_limit_get_503_and_the_server_answers_on() {
    let s = start(&["--timeout", "1"]);
    // Every triple with every triple with every triple: far more than a second on the seed store.
    let heavy = encode("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }");
    for _ in 0..2 {
        let (status, _, body) = request(s.port, "GET", &format!("/sparql?query={heavy}"), &[], "");
        assert_eq!(
            (status, body.as_str()),
            (
                503,
                "the query ran over the time limit of 1 s and was stopped\n"
            )
        );
    }
    still_answers(s.port);
}

#[test]
fn bench_serve_checks_every_answer() {
    let out = ok(Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .current_dir(seed_graph())
        .args([
            "bench-serve",
            "--clients",
            "2",
            "--warmup",
            "0",
            "--duration",
            "1",
            "--json",
        ]));
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["errors"], 0, "{report}");
    assert_eq!(report["still_serving"], true);
    assert_eq!(report["rows_checked_against"], "store");
    let mut names: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/queries"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let queries = report["queries"].as_array().unwrap();
    let reported: Vec<&str> = queries
        .iter()
        .map(|q| q["name"].as_str().unwrap())
        .collect();
    assert_eq!(reported, names);
    assert!(queries.iter().all(|q| q["rows"].is_u64()), "{report}");
}

/// Python with SPARQLWrapper and rdflib (`.ci/run` installs them beside the Oxigraph server).
fn sparql_client_python() -> Option<std::path::PathBuf> {
    let python = std::env::var_os("HOME")
        .map(std::path::PathBuf::from)?
        .join(".cache/newsgraph/oxigraph-venv/bin/python");
    Command::new(&python)
        .args(["-c", "import SPARQLWrapper, rdflib"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
        .then_some(python)
}

/// A real SPARQL client library speaks to the endpoint: SELECT in JSON, XML and
/// CSV by GET and POST, ASK, CONSTRUCT parsed as Turtle by rdflib, and a
/// malformed query reported as such.
#[test]
fn a_real_sparql_client_uses_the_endpoint() {
    let Some(python) = sparql_client_python() else {
        eprintln!(
            "skipped: no Python with SPARQLWrapper and rdflib at ~/.cache/newsgraph/oxigraph-venv \
             (python3 -m venv ~/.cache/newsgraph/oxigraph-venv && \
             ~/.cache/newsgraph/oxigraph-venv/bin/pip install SPARQLWrapper rdflib)"
        );
        return;
    };
    let s = start(&[]);
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sparql_client.py");
    let out = ok(Command::new(python)
        .arg(script)
        .arg(format!("http://127.0.0.1:{}/sparql", s.port)));
    assert_eq!(
        out,
        "GET select json: MGX Microsoft Nvidia Thrive_Capital\n\
         POST select json: MGX Microsoft Nvidia Thrive_Capital\n\
         select xml: 4 results\n\
         select csv: s 4 rows\n\
         ask: True\n\
         construct turtle: 4 triples\n\
         bad query: QueryBadFormed\n"
    );
}

/// CONSTRUCT answers are graphs: a triple that five articles state is written
/// once, and Turtle uses the store's prefixes.
#[test]
fn construct_answers_are_sets_of_triples_with_prefixes() {
    let s = start(&[]);
    let q =
        "CONSTRUCT { nge:Microsoft ng:partnersWith ?o } WHERE { nge:Microsoft ng:partnersWith ?o }";
    let (status, ct, body) = request(
        s.port,
        "POST",
        "/sparql",
        &[
            ("Content-Type", "application/sparql-query"),
            ("Accept", "application/n-triples"),
        ],
        q,
    );
    assert_eq!((status, ct.as_str()), (200, "application/n-triples"));
    assert_eq!(
        body,
        "<https://w3id.org/newsgraph/entity/Microsoft> <https://w3id.org/newsgraph/ontology#partnersWith> <https://w3id.org/newsgraph/entity/OpenAI> .\n"
    );
    let (status, ct, body) = request(
        s.port,
        "POST",
        "/sparql",
        &[
            ("Content-Type", "application/sparql-query"),
            ("Accept", "text/turtle"),
        ],
        q,
    );
    assert_eq!((status, ct.as_str()), (200, "text/turtle"));
    assert!(
        body.contains("@prefix ng: <https://w3id.org/newsgraph/ontology#> .")
            && body.contains("nge:Microsoft ng:partnersWith nge:OpenAI ."),
        "{body}"
    );
}
