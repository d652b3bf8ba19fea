//! End-to-end tests: the real `newsgraph` binary on the real seed articles, with
//! the persistent store. One test binary, a module per topic; each test works in
//! its own temporary folder.

mod util;

mod bad_input;
mod build;
mod eval;
mod eval_tokens;
mod explore;
mod explorer_web;
mod exports;
mod fuzz_regressions;
mod gold_sets;
mod nlp;
mod patterns;
mod push;
mod queries;
mod query_speed;
mod render;
mod report;
mod rules;
mod serve;
mod train;
