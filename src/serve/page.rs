//! The browser explorer of `newsgraph serve`: a page at `/` to write SPARQL,
//! run the canned queries, see results as tables and graphs, walk from an entity
//! to its neighbours and from a fact to the sentences that state it.
//!
//! ```text
//! GET /             ─► data/serve/index.html
//! GET /assets/NAME  ─► data/serve/{explorer.js, explorer.css, icon.svg}, each with its media type
//! GET /queries      ─► queries/*.rq as JSON: [{name, title, description, text}]
//! GET /vocabulary   ─► this store's prefixes and the relation vocabulary as JSON
//! ```
//!
//! The page itself only speaks SPARQL to `/sparql`; these routes give it its
//! files and the few facts it cannot ask in SPARQL. Everything is compiled into
//! the binary, so the page works from any working directory and needs no network.

use super::Answer;
use crate::model::{Relation, RelationKind};
use crate::store::GraphStore;
use hyper::Method;
use serde::Serialize;
use serde_json::json;

const INDEX: &str = include_str!("../../data/serve/index.html");

/// Static files under `/assets/`: name, media type, content.
const ASSETS: &[(&str, &str, &str)] = &[
    (
        "explorer.js",
        "text/javascript; charset=utf-8",
        include_str!("../../data/serve/explorer.js"),
    ),
    (
        "explorer.css",
        "text/css; charset=utf-8",
        include_str!("../../data/serve/explorer.css"),
    ),
    (
        "icon.svg",
        "image/svg+xml",
        include_str!("../../data/serve/icon.svg"),
    ),
];

/// The canned queries of `queries/`, by file stem (a unit test checks none is missing).
const QUERIES: &[(&str, &str)] = &[
    ("investments", include_str!("../../queries/investments.rq")),
    ("leaders", include_str!("../../queries/leaders.rq")),
    (
        "partnerships",
        include_str!("../../queries/partnerships.rq"),
    ),
    ("competitors", include_str!("../../queries/competitors.rq")),
    (
        "corroboration",
        include_str!("../../queries/corroboration.rq"),
    ),
    (
        "conflicting-amounts",
        include_str!("../../queries/conflicting-amounts.rq"),
    ),
    ("money-facts", include_str!("../../queries/money-facts.rq")),
    (
        "negated-claims",
        include_str!("../../queries/negated-claims.rq"),
    ),
    ("who-says-so", include_str!("../../queries/who-says-so.rq")),
    (
        "entity-claims",
        include_str!("../../queries/entity-claims.rq"),
    ),
    (
        "entities-by-type",
        include_str!("../../queries/entities-by-type.rq"),
    ),
];

/// A canned query as the page lists it.
#[derive(Debug, Serialize, PartialEq, Eq)]
struct CannedQuery {
    name: &'static str,
    title: String,
    description: String,
    text: &'static str,
}

/// The answer for a page route, or `None` when `path` is not one (the caller routes it).
pub(super) fn route(method: &Method, path: &str, store: &GraphStore) -> Option<Answer> {
    let known = matches!(path, "/" | "/index.html" | "/queries" | "/vocabulary")
        || path.starts_with("/assets/");
    if !known {
        return None;
    }
    if !matches!(*method, Method::GET | Method::HEAD) {
        return Some(Answer::error(
            405,
            format!("method {method} not allowed on {path}; use GET"),
        ));
    }
    Some(match path {
        "/" | "/index.html" => ok("text/html; charset=utf-8", INDEX.as_bytes().to_vec()),
        "/queries" => ok("application/json", json_bytes(&canned_queries())),
        "/vocabulary" => ok("application/json", json_bytes(&vocabulary(store))),
        _ => asset(&path["/assets/".len()..]),
    })
}

fn ok(content_type: &'static str, body: Vec<u8>) -> Answer {
    Answer {
        status: 200,
        content_type,
        body,
    }
}

fn json_bytes(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("plain data serializes")
}

fn asset(name: &str) -> Answer {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, media, content)) => ok(media, content.as_bytes().to_vec()),
        None => Answer::error(404, format!("no such asset: {name}")),
    }
}

fn canned_queries() -> Vec<CannedQuery> {
    QUERIES
        .iter()
        .map(|(name, text)| canned(name, text))
        .collect()
}

/// Title and description from a query's leading `#` comment: "Investments: who
/// invested in whom ..." gives the title "Investments"; a comment without a short
/// heading before a colon gets a title made from the file name.
fn canned(name: &'static str, text: &'static str) -> CannedQuery {
    let comment: Vec<&str> = text
        .lines()
        .map_while(|l| l.trim_start().strip_prefix('#'))
        .map(str::trim)
        .collect();
    let comment = comment.join(" ");
    let heading = comment
        .split_once(": ")
        .filter(|(head, _)| head.len() <= 48 && !head.contains(['.', ',', '(']));
    let (title, description) = match heading {
        Some((head, rest)) => (head.to_string(), capitalize(rest)),
        None => (capitalize(&name.replace('-', " ")), comment.clone()),
    };
    CannedQuery {
        name,
        title,
        description,
        text,
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What the page needs to know and cannot ask in SPARQL: the prefixes the
/// endpoint declares (to show IRIs compactly) and which relations are symmetric
/// (their claims may name the two entities in either order).
fn vocabulary(store: &GraphStore) -> serde_json::Value {
    let ns = store.namespaces();
    let prefixes: Vec<serde_json::Value> = ns
        .prefixes()
        .into_iter()
        .map(|(p, iri)| json!({"prefix": p, "iri": iri}))
        .collect();
    let relations: Vec<serde_json::Value> = Relation::ALL
        .iter()
        .map(|r| {
            json!({
                "name": r.name(),
                "symmetric": r.is_symmetric(),
                "literal": r.kind() != RelationKind::Entity,
            })
        })
        .collect();
    json!({
        "prefixes": prefixes,
        "relations": relations,
        "entitiesGraph": ns.entities_graph(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::vocab::Namespaces;

    #[test]
    fn every_query_file_is_embedded_once() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "rq"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let mut embedded: Vec<String> = QUERIES.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(embedded, files, "add new queries/*.rq files to QUERIES");
    }

    #[test]
    fn titles_come_from_the_leading_comment() {
        let q = canned(
            "investments",
            "# Investments: who invested in whom,\n# and when.\nSELECT * {}",
        );
        assert_eq!(q.title, "Investments");
        assert_eq!(q.description, "Who invested in whom, and when.");
        let q = canned(
            "entities-by-type",
            "# Entities by type with counts.\nSELECT * {}",
        );
        assert_eq!(q.title, "Entities by type");
        assert_eq!(q.description, "Entities by type with counts.");
        let q = canned(
            "entity-claims",
            "# Every claim about one entity, with its evidence: a list.\nSELECT * {}",
        );
        assert_eq!(q.title, "Entity claims");
        for q in canned_queries() {
            assert!(!q.title.is_empty() && !q.description.is_empty(), "{q:?}");
        }
    }

    #[test]
    fn page_routes_answer_with_their_media_types() {
        let store = GraphStore::in_memory(Namespaces::default());
        let get = |path: &str| route(&Method::GET, path, &store);
        let page = get("/").unwrap();
        assert_eq!(
            (page.status, page.content_type),
            (200, "text/html; charset=utf-8")
        );
        let js = get("/assets/explorer.js").unwrap();
        assert_eq!(js.content_type, "text/javascript; charset=utf-8");
        assert_eq!(
            get("/assets/explorer.css").unwrap().content_type,
            "text/css; charset=utf-8"
        );
        assert_eq!(get("/assets/nothing.js").unwrap().status, 404);
        assert!(get("/sparql").is_none());
        let queries: serde_json::Value =
            serde_json::from_slice(&get("/queries").unwrap().body).unwrap();
        assert_eq!(queries[0]["name"], "investments");
        assert_eq!(queries[0]["title"], "Investments");
        let vocab: serde_json::Value =
            serde_json::from_slice(&get("/vocabulary").unwrap().body).unwrap();
        assert_eq!(vocab["prefixes"][1]["prefix"], "nge");
        assert_eq!(
            vocab["prefixes"][1]["iri"],
            "https://w3id.org/newsgraph/entity/"
        );
        let post = route(&Method::POST, "/", &store).unwrap();
        assert_eq!(post.status, 405);
    }

    #[test]
    fn the_page_loads_only_its_own_assets() {
        let referenced: Vec<&str> = INDEX
            .match_indices("/assets/")
            .map(|(i, _)| {
                let rest = &INDEX[i + "/assets/".len()..];
                &rest[..rest.find('"').unwrap()]
            })
            .collect();
        assert!(!referenced.is_empty());
        for name in referenced {
            assert!(ASSETS.iter().any(|(n, _, _)| *n == name), "{name}");
        }
        for external in ["src=\"http", "href=\"http", "src=\"//", "href=\"//"] {
            assert!(!INDEX.contains(external), "{external}");
        }
    }
}
