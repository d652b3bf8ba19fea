//! Command-line arguments (clap) and one match over the subcommands. Each
//! subcommand lives in its own module and turns its arguments into calls to the
//! library.

mod bench;
mod bench_serve;
mod build;
mod entities;
mod entity;
mod eval;
mod explain;
mod export;
mod path;
mod push;
mod query;
mod render;
mod report;
mod rules;
mod serve;
mod stats;
mod train;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// newsgraph turns English and German news articles into an RDF knowledge graph:
/// who invests in whom, who leads what, who partners, competes, acquires or
/// supplies — with the article, sentence, attribution and modality behind every fact.
#[derive(Debug, Parser)]
#[command(name = "newsgraph", version, about, long_about = None, propagate_version = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

/// Where the graph is stored; every command that reads the graph takes it.
#[derive(Debug, Clone, clap::Args)]
pub struct StoreArg {
    /// Folder of the Oxigraph store.
    #[arg(long, value_name = "DIR", default_value = "output/store")]
    pub store: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles (.txt, .md, .html; files or folders), extract entities and
    /// relations, store them, and write graph.ttl, graph.trig, graph.dot, graph.svg.
    Build(build::BuildArgs),
    /// Run a SPARQL query over the graph (all named graphs together).
    Query(query::QueryArgs),
    /// Write the whole graph as Turtle, TriG, N-Triples or N-Quads.
    Export(export::ExportArgs),
    /// Draw the graph, or part of it, as Graphviz DOT, SVG or PNG.
    Render(render::RenderArgs),
    /// List entities with their type, mentions and the articles that mention them.
    Entities(entities::EntitiesArgs),
    /// Figures about the graph: articles, entities, facts, claims.
    Stats(stats::StatsArgs),
    /// Score extraction against a gold file: precision, recall, F1, misses and false positives.
    Eval(eval::EvalArgs),
    /// Show how one article is read: sentences, masked mentions, and the claims each gives.
    Explain(explain::ExplainArgs),
    /// How each relation rule fires on unlabeled articles: claims, sentences and
    /// articles per rule (dead rules with 0), and sample sentences with their claims.
    Rules(rules::RulesArgs),
    /// Measure speed and memory on article corpora, with spaCy's NER for comparison.
    Bench(bench::BenchArgs),
    /// The shortest chain of facts between two entities, with the evidence for each.
    Path(path::PathArgs),
    /// One entity: type, labels, Wikidata id, facts in and out, articles.
    Entity(entity::EntityArgs),
    /// The graph as one self-contained HTML file: diagram, facts, sources, conflicts.
    Report(report::ReportArgs),
    /// Serve the graph over HTTP: SPARQL 1.1 Protocol at /sparql, Graph Store (read) at /store,
    /// and a browser explorer at /.
    Serve(serve::ServeArgs),
    /// Load the graph into another triple store over the Graph Store Protocol.
    Push(push::PushArgs),
    /// Rebuild the tagger, lemmatizer and name tagger from the public corpora (data/models/).
    Train(train::TrainArgs),
    /// Load-test `serve`: concurrent clients send the canned queries, every answer is checked.
    BenchServe(bench_serve::BenchServeArgs),
}

pub fn parse() -> Args {
    Args::parse()
}

pub fn run(args: Args) -> anyhow::Result<()> {
    match args.command {
        Command::Build(a) => build::run(a),
        Command::Query(a) => query::run(a),
        Command::Export(a) => export::run(a),
        Command::Render(a) => render::run(a),
        Command::Entities(a) => entities::run(a),
        Command::Stats(a) => stats::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Explain(a) => explain::run(a),
        Command::Rules(a) => rules::run(a),
        Command::Bench(a) => bench::run(a),
        Command::Path(a) => path::run(a),
        Command::Entity(a) => entity::run(a),
        Command::Report(a) => report::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Push(a) => push::run(a),
        Command::BenchServe(a) => bench_serve::run(a),
        Command::Train(a) => train::run(a),
    }
}

/// Writes to standard output, passing write errors up: a closed pipe
/// (`newsgraph stats | head`) ends the command quietly instead of panicking.
pub fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Opens the store for reading, with the namespaces it was built with.
pub fn open_store(arg: &StoreArg) -> anyhow::Result<newsgraph::store::GraphStore> {
    Ok(newsgraph::store::GraphStore::open_read_only(
        &arg.store,
        Default::default(),
    )?)
}

/// Builds the extractor, with the user's lexicon files if any.
pub fn extractor(lexicons: &[PathBuf]) -> anyhow::Result<newsgraph::extract::Extractor> {
    use anyhow::Context;
    let files: Vec<&std::path::Path> = lexicons.iter().map(PathBuf::as_path).collect();
    let lexicon = newsgraph::extract::Lexicon::with_files(&files).context("loading the lexicon")?;
    Ok(newsgraph::extract::Extractor::with_lexicon(lexicon))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_consistent() {
        use clap::CommandFactory;
        Args::command().debug_assert();
    }
}
