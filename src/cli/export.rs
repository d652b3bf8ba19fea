//! `newsgraph export`: the whole graph in an RDF format, to stdout or a file.

use newsgraph::export::{self, ExportFormat};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    Turtle,
    Trig,
    Ntriples,
    Nquads,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// RDF format; Turtle and N-Triples merge all named graphs, TriG and N-Quads keep them.
    #[arg(long, value_enum, default_value = "turtle")]
    pub format: FormatArg,
    /// Output file (default: standard output).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub store: super::StoreArg,
}

pub fn run(args: ExportArgs) -> anyhow::Result<()> {
    let format = match args.format {
        FormatArg::Turtle => ExportFormat::Turtle,
        FormatArg::Trig => ExportFormat::TriG,
        FormatArg::Ntriples => ExportFormat::NTriples,
        FormatArg::Nquads => ExportFormat::NQuads,
    };
    let store = super::open_store(&args.store)?;
    match args.output {
        Some(path) => {
            let mut bytes = Vec::new();
            export::write_rdf(&store, format, &mut bytes)?;
            export::write_atomic(&path, &bytes)?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            export::write_rdf(&store, format, &mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}
