//! `newsgraph render`: draw the graph or a neighbourhood of it.

use anyhow::{anyhow, bail};
use newsgraph::export::{self, view};
use newsgraph::model::Relation;
use newsgraph::render::{self, DotOptions};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum DiagramFormat {
    Dot,
    Svg,
    Png,
}

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Start from this entity (label or alias, any language).
    #[arg(long, value_name = "ENTITY")]
    pub focus: Option<String>,
    /// How many hops from the focus entity to draw.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub depth: usize,
    /// Keep only this relation (e.g. investsIn); repeatable.
    #[arg(long = "relation", value_name = "R")]
    pub relations: Vec<String>,
    /// Also draw relations that only negated claims mention (dotted).
    #[arg(long)]
    pub negated: bool,
    /// Output format: dot, svg (Graphviz if installed, else a built-in layout), png (needs Graphviz).
    #[arg(long, value_enum, default_value = "svg")]
    pub format: DiagramFormat,
    /// Output file (default: standard output).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub store: super::StoreArg,
}

pub fn run(args: RenderArgs) -> anyhow::Result<()> {
    let store = super::open_store(&args.store)?;
    let mut relations = Vec::new();
    for r in &args.relations {
        relations.push(Relation::parse(r).ok_or_else(|| {
            let names: Vec<&str> = Relation::ALL.iter().map(|r| r.name()).collect();
            anyhow!("unknown relation `{r}`; use one of {}", names.join(", "))
        })?);
    }
    let focus = match &args.focus {
        None => None,
        Some(name) => Some(view::find_entity(&store, name)?.ok_or_else(|| {
            anyhow!("no entity called `{name}` in the graph (try `newsgraph entities`)")
        })?),
    };
    let full = view::graph_view(&store, args.negated)?;
    let selected = view::select(
        full,
        &view::Selection {
            focus,
            depth: args.depth,
            relations,
        },
    );
    if selected.nodes.is_empty() {
        bail!("nothing to draw: no relation matches the selection");
    }
    let options = DotOptions::default();
    let bytes = match args.format {
        DiagramFormat::Dot => render::to_dot(&selected, &options).into_bytes(),
        DiagramFormat::Svg => {
            let r = render::render_svg(&selected, &options)?;
            for w in &r.warnings {
                eprintln!("warning: {w}");
            }
            r.bytes
        }
        DiagramFormat::Png => render::render_png(&selected, &options)?,
    };
    match args.output {
        Some(path) => export::write_atomic(&path, &bytes)?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(())
}
