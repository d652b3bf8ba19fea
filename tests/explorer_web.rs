//! The browser explorer of `newsgraph serve` (the page at `/`), driven in headless
//! Chromium through chromedriver, speaking the W3C WebDriver protocol over HTTP.
//! Each expectation is checked against what `/sparql` itself answers, so the page
//! must show exactly what the graph holds. Skips with a message where Chromium or
//! chromedriver is absent (Debian: `apt-get install chromium chromium-driver`).

use crate::util::{canned_queries, repo, seed_graph};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const NGE: &str = "https://w3id.org/newsgraph/entity/";
const NG: &str = "https://w3id.org/newsgraph/ontology#";
/// How long the page may take to show something before the test gives up.
const PATIENCE: Duration = Duration::from_secs(60);

/// A child process, stopped when dropped.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16, what: &str) {
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < PATIENCE, "{what} did not come up");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The first existing program among an environment variable and the usual paths.
fn program(var: &str, paths: &[&str]) -> Option<PathBuf> {
    std::env::var_os(var)
        .map(PathBuf::from)
        .into_iter()
        .chain(paths.iter().map(PathBuf::from))
        .find(|p| p.exists())
}

fn serve() -> (Process, u16) {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .current_dir(seed_graph())
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("newsgraph serve starts");
    let process = Process(child);
    wait_for_port(port, "newsgraph serve");
    (process, port)
}

/// The bindings `/sparql` answers for a SELECT query.
fn sparql(port: u16, query: &str) -> Vec<Value> {
    let body = ureq::get(&format!("http://127.0.0.1:{port}/sparql"))
        .query("query", query)
        .set("Accept", "application/sparql-results+json")
        .call()
        .expect("the query runs")
        .into_string()
        .unwrap();
    let json: Value = serde_json::from_str(&body).unwrap();
    json["results"]["bindings"].as_array().unwrap().clone()
}

fn column(rows: &[Value], name: &str) -> Vec<String> {
    rows.iter()
        .map(|b| b[name]["value"].as_str().unwrap_or("").to_string())
        .collect()
}

/// A WebDriver session in headless Chromium, closed when dropped.
struct Browser {
    base: String,
    agent: ureq::Agent,
    _driver: Process,
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Browser {
    fn start(chromium: &std::path::Path, chromedriver: &std::path::Path) -> Browser {
        let port = free_port();
        let driver = Process(
            Command::new(chromedriver)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("chromedriver starts"),
        );
        wait_for_port(port, "chromedriver");
        let agent = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(120))
            .build();
        let mut browser = Browser {
            base: format!("http://127.0.0.1:{port}"),
            agent,
            _driver: driver,
        };
        let session = browser
            .command(
                "POST",
                "/session",
                json!({"capabilities": {"alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": chromium,
                        "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                                 "--disable-dev-shm-usage", "--window-size=1600,1000"],
                    },
                    "goog:loggingPrefs": {"browser": "ALL"},
                }}}),
            )
            .expect("a browser session starts");
        let id = session["sessionId"].as_str().expect("a session id");
        browser.base = format!("{}/session/{id}", browser.base);
        browser
    }

    fn command(&self, method: &str, path: &str, body: Value) -> Result<Value, String> {
        let url = format!("{}{path}", self.base);
        let request = self.agent.request(method, &url);
        let response = if method == "GET" || method == "DELETE" {
            request.call()
        } else {
            request
                .set("Content-Type", "application/json")
                .send_string(&body.to_string())
        };
        let text = match response {
            Ok(r) => r.into_string().map_err(|e| e.to_string())?,
            Err(ureq::Error::Status(code, r)) => {
                return Err(format!(
                    "{method} {path}: {code} {}",
                    r.into_string().unwrap_or_default()
                ))
            }
            Err(e) => return Err(format!("{method} {path}: {e}")),
        };
        let json: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        Ok(json["value"].clone())
    }

    fn goto(&self, url: &str) {
        self.command("POST", "/url", json!({ "url": url }))
            .expect("the page loads");
    }

    /// Runs a script in the page and returns what it returns.
    fn script(&self, script: &str) -> Value {
        self.command(
            "POST",
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
        .expect("the script runs")
    }

    fn find(&self, css: &str) -> Result<String, String> {
        let found = self.command(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        )?;
        Ok(found[ELEMENT].as_str().unwrap().to_string())
    }

    /// Clicks the element `css` selects, as a user would (WebDriver element click,
    /// which fails while something covers it), retrying until it is there.
    fn click(&self, css: &str) {
        let started = Instant::now();
        loop {
            let done = self
                .find(css)
                .and_then(|id| self.command("POST", &format!("/element/{id}/click"), json!({})));
            match done {
                Ok(_) => return,
                Err(e) if started.elapsed() > PATIENCE => panic!("cannot click {css}: {e}"),
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    /// A pointer click at a point of the viewport (W3C actions), as a mouse would.
    fn click_at(&self, x: f64, y: f64) {
        self.command(
            "POST",
            "/actions",
            json!({"actions": [{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
                "actions": [
                    {"type": "pointerMove", "duration": 0, "origin": "viewport", "x": x.round() as i64, "y": y.round() as i64},
                    {"type": "pointerDown", "button": 0},
                    {"type": "pointerUp", "button": 0},
                ]}]}),
        )
        .expect("the click is performed");
    }

    fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css).expect(css);
        self.command("POST", &format!("/element/{id}/clear"), json!({}))
            .unwrap();
        self.command(
            "POST",
            &format!("/element/{id}/value"),
            json!({ "text": text }),
        )
        .unwrap();
    }

    /// Polls until `f` gives a value; fails after a while, naming what it waited for.
    fn wait<T>(&self, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
        let started = Instant::now();
        loop {
            if let Some(v) = f() {
                return v;
            }
            if started.elapsed() > PATIENCE {
                let state = self.script(
                    "return [document.body.dataset.ready, document.querySelector('#results').outerHTML.slice(0, 2000), \
                     document.querySelector('#entity-pane').outerHTML.slice(0, 1000), \
                     document.querySelector('#evidence-pane').outerHTML.slice(0, 1000)]",
                );
                panic!("waited in vain for {what}; the page: {state:#}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The console messages of the page so far, as "LEVEL message".
    fn console(&self) -> Vec<String> {
        let log = self
            .command("POST", "/se/log", json!({"type": "browser"}))
            .expect("chromedriver gives the browser log");
        log.as_array()
            .unwrap()
            .iter()
            .map(|e| {
                format!(
                    "{} {}",
                    e["level"].as_str().unwrap(),
                    e["message"].as_str().unwrap()
                )
            })
            .collect()
    }

    fn strings(&self, script: &str) -> Vec<String> {
        self.script(script)
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    }

    fn graph_nodes(&self) -> BTreeSet<String> {
        self.strings(
            "return [...document.querySelectorAll('#graph g.node')].map(g => g.dataset.iri)",
        )
        .into_iter()
        .collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.command("DELETE", "", json!({}));
    }
}

/// The entities linked to `entity` by a direct fact, in either direction.
fn neighbours(port: u16, entity: &str) -> BTreeSet<String> {
    let rows = sparql(
        port,
        &format!(
            "SELECT DISTINCT ?n WHERE {{ {{ <{entity}> ?p ?n }} UNION {{ ?n ?p <{entity}> }} \
             FILTER(STRSTARTS(STR(?p), STR(ng:))) GRAPH ngd:entities {{ ?n rdfs:label ?l }} }}"
        ),
    );
    let mut set: BTreeSet<String> = column(&rows, "n").into_iter().collect();
    set.insert(entity.to_string());
    set
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_explorer_runs_queries_walks_the_graph_and_shows_evidence() {
    let chromium = program(
        "NEWSGRAPH_CHROMIUM",
        &["/usr/bin/chromium", "/usr/bin/chromium-browser"],
    );
    let chromedriver = program("NEWSGRAPH_CHROMEDRIVER", &["/usr/bin/chromedriver"]);
    let (Some(chromium), Some(chromedriver)) = (chromium, chromedriver) else {
        eprintln!(
            "skipped: Chromium or chromedriver is not installed \
             (apt-get install chromium chromium-driver, or set NEWSGRAPH_CHROMIUM and NEWSGRAPH_CHROMEDRIVER)"
        );
        return;
    };
    let (_server, port) = serve();
    let browser = Browser::start(&chromium, &chromedriver);
    browser.goto(&format!("http://127.0.0.1:{port}/"));
    browser.wait("the page to be ready", || {
        (browser.script("return document.body.dataset.ready") == "yes").then_some(())
    });

    // The canned queries, one button each, titled from their leading comment.
    let files = canned_queries().len();
    let titles =
        browser.strings("return [...document.querySelectorAll('#queries button.query .title')].map(t => t.textContent)");
    assert_eq!(titles.len(), files);
    assert!(titles.contains(&"Investments".to_string()), "{titles:?}");

    // One click runs the investments query; the table holds what /sparql answers.
    browser.click("#queries button[data-query=\"investments\"]");
    let rows = browser.wait("the investments table", || {
        let rows = browser.script(
            "const r = document.querySelector('#results'); if (r.dataset.state !== 'done') return null; \
             return [...r.querySelectorAll('table.results tbody tr')].map(tr => [...tr.cells].map(td => td.textContent));",
        );
        rows.as_array().filter(|r| !r.is_empty()).cloned()
    });
    let text = std::fs::read_to_string(repo().join("queries/investments.rq")).unwrap();
    let expected = sparql(port, &text);
    assert_eq!(rows.len(), expected.len());
    let cell = |r: &Value, i: usize| r[i].as_str().unwrap().to_string();
    let shown: Vec<(String, String)> = rows.iter().map(|r| (cell(r, 0), cell(r, 1))).collect();
    let answered: Vec<(String, String)> = column(&expected, "investor")
        .into_iter()
        .zip(column(&expected, "investee"))
        .collect();
    assert_eq!(shown, answered);
    assert!(
        shown.contains(&("Microsoft".to_string(), "OpenAI".to_string())),
        "{shown:?}"
    );

    // Clicking an entity shows its neighbourhood: every entity a fact links it to.
    let microsoft = format!("{NGE}Microsoft");
    let openai = format!("{NGE}OpenAI");
    browser.click(&format!("#results a.entity[data-iri=\"{microsoft}\"]"));
    let expected = neighbours(port, &microsoft);
    assert!(
        expected.contains(&openai) && expected.len() > 3,
        "{expected:?}"
    );
    browser.wait("Microsoft's neighbourhood in the graph", || {
        (browser.graph_nodes() == expected).then_some(())
    });
    let facts = sparql(
        port,
        &format!(
            "SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER(?s = <{microsoft}> || ?o = <{microsoft}>) \
             FILTER(STRSTARTS(STR(?p), STR(ng:))) GRAPH ngd:entities {{ ?s rdfs:label ?a . ?o rdfs:label ?b }} }}"
        ),
    );
    let listed = browser.wait("Microsoft's facts", || {
        let n = browser.script(&format!(
            "const p = document.querySelector('#entity-pane'); \
             return p.dataset.entity === '{microsoft}' && p.dataset.state === 'done' \
               ? p.querySelectorAll('ul.relations li.fact').length : null"
        ));
        n.as_u64()
    });
    assert_eq!(listed as usize, facts.len());

    // Clicking a fact shows its claims, each with a sentence from a seed article.
    browser.click(&format!(
        "#entity-pane li.fact[data-s=\"{microsoft}\"][data-p=\"{NG}investsIn\"][data-o=\"{openai}\"] button.rel"
    ));
    let fact = format!("{microsoft} {NG}investsIn {openai}");
    let sentences = browser.wait("the evidence of Microsoft investsIn OpenAI", || {
        let pane = browser.script(&format!(
            "const p = document.querySelector('#evidence-pane'); \
             return p.dataset.fact === '{fact}' && p.dataset.state === 'done' \
               ? [...p.querySelectorAll('li.claim .sentence')].map(s => s.textContent) : null"
        ));
        pane.as_array().cloned()
    });
    let claims = sparql(
        port,
        &format!("SELECT ?c ?e WHERE {{ ?c ng:subject <{microsoft}> ; ng:predicate ng:investsIn ; ng:object <{openai}> ; ng:evidence ?e }}"),
    );
    assert_eq!(sentences.len(), claims.len());
    let seeds: Vec<String> = std::fs::read_dir(repo().join("seeds"))
        .unwrap()
        .map(|e| squash(&std::fs::read_to_string(e.unwrap().path()).unwrap()))
        .collect();
    for s in &sentences {
        let s = squash(s.as_str().unwrap());
        assert!(
            s.len() > 20 && seeds.iter().any(|a| a.contains(&s)),
            "not in a seed article: {s}"
        );
    }

    // The article opens with the sentence marked where ng:start and ng:end say.
    browser.click("#evidence-pane li.claim .source a.article");
    let marked = browser.wait("the article with the sentence marked", || {
        let m = browser.script(
            "const d = document.querySelector('#article-dialog'); const m = document.querySelector('#article-mark'); \
             return d.open && m ? m.textContent : null",
        );
        m.as_str().map(str::to_string)
    });
    assert!(
        sentences
            .iter()
            .any(|s| s.as_str() == Some(marked.as_str())),
        "{marked}"
    );
    browser.click("#article-dialog button.close");

    // Clicking a node in the graph adds its neighbours.
    browser.wait("the layout to settle", || {
        (browser.script("return document.querySelector('#graph').dataset.settled") == "yes")
            .then_some(())
    });
    browser.click(&format!("#graph g.node[data-iri=\"{openai}\"] circle"));
    let grown: BTreeSet<String> = expected
        .union(&neighbours(port, &openai))
        .cloned()
        .collect();
    browser.wait("OpenAI's neighbours added to the graph", || {
        (browser.graph_nodes() == grown).then_some(())
    });
    browser.wait("OpenAI's card", || {
        (browser.script("return document.querySelector('#entity-pane').dataset.entity")
            == openai.as_str())
        .then_some(())
    });

    // Clicking an edge shows the evidence of its fact.
    browser.wait("the layout to settle", || {
        (browser.script("return document.querySelector('#graph').dataset.settled") == "yes")
            .then_some(())
    });
    // An edge is a curve: click a point of it that no node or label covers.
    let edge = browser.script(&format!(
        "const e = [...document.querySelectorAll('#graph g.edge')].find(e => e.dataset.p === '{NG}partnersWith' && \
           [e.dataset.s, e.dataset.o].sort().join(' ') === ['{microsoft}', '{openai}'].sort().join(' ')); \
         if (!e) return null; \
         const path = e.querySelector('path.hit'), length = path.getTotalLength(), m = path.getScreenCTM(); \
         for (let k = 0; k <= 16; k++) {{ \
           const f = 0.5 + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * 0.05; \
           const p = new DOMPoint(path.getPointAtLength(length * f).x, path.getPointAtLength(length * f).y).matrixTransform(m); \
           const hit = document.elementFromPoint(p.x, p.y); \
           if (hit && hit.closest('g.edge') === e) return [p.x, p.y, e.dataset.s + ' ' + e.dataset.p + ' ' + e.dataset.o]; \
         }} \
         return null;"
    ));
    let fact = edge[2]
        .as_str()
        .expect("a partnersWith edge with a free point");
    browser.click_at(edge[0].as_f64().unwrap(), edge[1].as_f64().unwrap());
    let shown = browser.wait("the evidence of the partnership", || {
        browser
            .script(&format!(
                "const p = document.querySelector('#evidence-pane'); \
                 return p.dataset.fact === '{fact}' && p.dataset.state === 'done' ? p.querySelectorAll('li.claim').length : null"
            ))
            .as_u64()
    });
    let partnership = sparql(
        port,
        &format!(
            "SELECT ?c WHERE {{ ?c ng:predicate ng:partnersWith . \
             {{ ?c ng:subject <{microsoft}> ; ng:object <{openai}> }} UNION {{ ?c ng:subject <{openai}> ; ng:object <{microsoft}> }} }}"
        ),
    );
    assert_eq!(shown as usize, partnership.len());

    // Nothing went wrong in the page so far.
    let console = browser.console();
    assert!(
        !console
            .iter()
            .any(|m| m.starts_with("SEVERE") || m.starts_with("WARNING")),
        "{console:#?}"
    );

    // Ctrl+Enter in the editor runs what is typed; the server's message explains an error.
    browser.type_into(
        "#editor",
        "SELECT ?x WHERE {\n  ?x ng:investsIn\n}\u{E009}\u{E007}",
    );
    let error = browser.wait("the error message", || {
        let e = browser.script(
            "const r = document.querySelector('#results'); return r.dataset.state === 'error' \
             ? [r.querySelector('.status').textContent, r.querySelector('.message').textContent] : null",
        );
        e.as_array().cloned()
    });
    assert!(error[0].as_str().unwrap().starts_with("400"), "{error:?}");
    assert!(
        error[1]
            .as_str()
            .unwrap()
            .contains("malformed SPARQL: error at 3:1"),
        "{error:?}"
    );
    // The line the parser names is the one marked beside the editor.
    let marked = browser.script(
        "const m = document.querySelector('#gutter mark'); return m ? m.textContent.trim() : null",
    );
    assert_eq!(marked, serde_json::json!("3"));
}
