//! `newsgraph push`: load the graph into another triple store (Graph Store Protocol).

use newsgraph::push::{self, PushOptions};

#[derive(Debug, clap::Args)]
pub struct PushArgs {
    /// The Graph Store Protocol endpoint, e.g. http://localhost:7878/store (Oxigraph)
    /// or http://localhost:3030/dataset/data (Fuseki).
    #[arg(long, value_name = "URL")]
    pub endpoint: String,
    /// Show what would be sent, send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Attempts per graph (connection errors and 5xx answers are retried).
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub attempts: u32,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub store: super::StoreArg,
}

pub fn run(args: PushArgs) -> anyhow::Result<()> {
    let store = super::open_store(&args.store)?;
    let report = push::push(
        &store,
        &PushOptions {
            endpoint: args.endpoint.clone(),
            attempts: args.attempts,
            dry_run: args.dry_run,
        },
    )?;
    if args.json {
        super::emit(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
    } else {
        let mut out = String::new();
        for g in &report.graphs {
            let state = match (&g.error, report.dry_run) {
                (Some(e), _) => format!("FAILED: {e}"),
                (None, true) => "would PUT".to_string(),
                (None, false) => "PUT".to_string(),
            };
            out.push_str(&format!(
                "{state}  {}  ({} triples, {} bytes)\n",
                g.url, g.triples, g.bytes
            ));
        }
        out.push_str(&format!(
            "{} graphs, {} triples {} {} in {:.1} s; {} failed\n",
            report.graphs.len(),
            report.triples,
            if report.dry_run {
                "would go to"
            } else {
                "sent to"
            },
            report.endpoint,
            report.seconds,
            report.failed
        ));
        super::emit(&out)?;
    }
    if report.failed > 0 {
        anyhow::bail!(
            "{} of {} graphs could not be sent",
            report.failed,
            report.graphs.len()
        );
    }
    Ok(())
}
