//! `newsgraph report`: the graph as one self-contained HTML file.

use newsgraph::export;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Where to write the report.
    #[arg(
        short = 'o',
        long,
        value_name = "FILE",
        default_value = "output/report.html"
    )]
    pub output: PathBuf,
    #[command(flatten)]
    pub store: super::StoreArg,
}

pub fn run(args: ReportArgs) -> anyhow::Result<()> {
    let store = super::open_store(&args.store)?;
    let html = newsgraph::report::html(&store)?;
    export::write_atomic(&args.output, html.as_bytes())?;
    eprintln!("wrote {}", args.output.display());
    Ok(())
}
