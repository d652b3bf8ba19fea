//! `newsgraph query`: SPARQL over the store, printed as a table, CSV, TSV or JSON.

use anyhow::{bail, Context};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use newsgraph::model::vocab::Namespaces;
use oxigraph::io::RdfFormat;
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ResultFormat {
    Table,
    Csv,
    Tsv,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// A file with a SPARQL query (see queries/).
    #[arg(
        value_name = "FILE.rq",
        required_unless_present = "expression",
        conflicts_with = "expression"
    )]
    pub file: Option<PathBuf>,
    /// The query itself, instead of a file.
    #[arg(short = 'e', long = "expression", value_name = "SPARQL")]
    pub expression: Option<String>,
    /// How to print results. CONSTRUCT and DESCRIBE results are always Turtle.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ResultFormat,
    #[command(flatten)]
    pub store: super::StoreArg,
}

pub fn run(args: QueryArgs) -> anyhow::Result<()> {
    let sparql = match (&args.file, &args.expression) {
        (Some(f), _) => std::fs::read_to_string(f)
            .with_context(|| format!("cannot read the query file {}", f.display()))?,
        (None, Some(e)) => e.clone(),
        (None, None) => bail!("give a query file or -e 'SPARQL'"),
    };
    let store = super::open_store(&args.store)?;
    let results = store.query(&sparql).map_err(|e| match &args.file {
        Some(f) => anyhow::anyhow!("{}: {e}", f.display()),
        None => anyhow::anyhow!("{e}"),
    })?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    print_results(results, args.format, store.namespaces(), &mut out)?;
    out.flush()?;
    Ok(())
}

/// Prints query results; used by `query` and by tests of the canned queries.
pub fn print_results(
    results: QueryResults<'_>,
    format: ResultFormat,
    ns: &Namespaces,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match results {
        QueryResults::Boolean(b) => writeln!(out, "{b}")?,
        QueryResults::Graph(triples) => {
            let mut serializer = oxigraph::io::RdfSerializer::from_format(RdfFormat::Turtle);
            for (p, iri) in ns.prefixes() {
                serializer = serializer.with_prefix(p, iri)?;
            }
            let mut w = serializer.for_writer(out);
            for t in triples {
                w.serialize_triple(&t?)?;
            }
            w.finish()?;
        }
        QueryResults::Solutions(solutions) => {
            let vars = solutions.variables().to_vec();
            match format {
                ResultFormat::Table => {
                    let mut table = Table::new();
                    table.load_preset(UTF8_FULL_CONDENSED);
                    table.set_header(vars.iter().map(|v| v.as_str().to_string()));
                    let mut rows = 0;
                    for s in solutions {
                        let s = s?;
                        table.add_row(
                            vars.iter()
                                .map(|v| s.get(v).map(|t| cell(t, ns)).unwrap_or_default()),
                        );
                        rows += 1;
                    }
                    writeln!(out, "{table}")?;
                    writeln!(out, "{rows} row{}", if rows == 1 { "" } else { "s" })?;
                }
                ResultFormat::Csv | ResultFormat::Tsv | ResultFormat::Json => {
                    let f = match format {
                        ResultFormat::Csv => QueryResultsFormat::Csv,
                        ResultFormat::Tsv => QueryResultsFormat::Tsv,
                        _ => QueryResultsFormat::Json,
                    };
                    let mut w = QueryResultsSerializer::from_format(f)
                        .serialize_solutions_to_writer(out, vars.clone())?;
                    for s in solutions {
                        let s = s?;
                        w.serialize(s.iter())?;
                    }
                    w.finish()?;
                }
            }
        }
    }
    Ok(())
}

/// A readable table cell: prefixed IRIs, bare literal values.
fn cell(t: &Term, ns: &Namespaces) -> String {
    match t {
        Term::NamedNode(n) => ns.compact(n.as_str()),
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}
