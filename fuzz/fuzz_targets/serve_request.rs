//! The SPARQL endpoint's request parsing on arbitrary input: a method, a
//! query string, a Content-Type header and a body through
//! `serve::request::operation`, as `serve` calls it for `/sparql`, with the
//! answers checked against what the SPARQL 1.1 Protocol says they must be.
//!
//! The first input byte picks the method (`% 8`); the rest is split at the
//! first two 0xFF bytes into query string, Content-Type and body.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::serve::request::{self, Method, Operation};

const METHODS: [&str; 8] = ["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "QUERY"];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let method = Method::from_bytes(METHODS[usize::from(selector) % METHODS.len()].as_bytes())
        .expect("a valid method");
    let mut parts = rest.splitn(3, |&b| b == 0xFF);
    let query_string = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let content_type = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let body = parts.next().unwrap_or_default();
    let media = request::media_type(&content_type);
    match request::operation(&method, &query_string, &content_type, body) {
        Ok(Operation::Query(query)) => {
            if method == Method::GET {
                assert!(request::params(&query_string).contains(&("query".to_string(), query)));
            } else if media == "application/sparql-query" {
                assert_eq!(query.as_bytes(), body);
            }
        }
        Ok(Operation::Update(update)) => {
            if method == Method::POST && media == "application/sparql-update" {
                assert_eq!(update.as_bytes(), body);
            }
        }
        Err(refusal) => {
            assert!(matches!(refusal.status, 400 | 405 | 415), "{refusal:?}");
            assert!(!refusal.message.is_empty());
            if method != Method::GET && method != Method::POST {
                assert_eq!(refusal.status, 405);
            }
        }
    }
});
