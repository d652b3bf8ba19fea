//! `newsgraph render`: draw the graph or a neighbourhood of it.

use anyhow::{anyhow, bail};
use newsgraph::analytics::Analysis;
use newsgraph::export::{self, view};
use newsgraph::model::{EntityType, PartialDate, Relation};
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
    /// Keep only entities of this type (Person, Organization, Product, Place, Event); repeatable.
    #[arg(long = "type", value_name = "TYPE")]
    pub types: Vec<String>,
    /// Keep only facts that at least N articles state.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_sources: usize,
    /// Keep only what claims say about this date or later (YYYY, YYYY-MM or YYYY-MM-DD; a
    /// claim without a date counts from its article's publication date).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Keep only the N most central entities (PageRank over the facts).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Draw the result of this SPARQL CONSTRUCT query (facts between entities) instead.
    #[arg(long, value_name = "FILE.rq")]
    pub construct: Option<PathBuf>,
    /// Also draw relations that only negated claims mention (dotted).
    #[arg(long)]
    pub negated: bool,
    /// Leave out facts that are only speculative ("could", "plans to"), drawn dashed otherwise.
    #[arg(long)]
    pub no_speculative: bool,
    /// One frame per article around the entities it mentions (Graphviz layouts).
    #[arg(long)]
    pub by_article: bool,
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
    let mut types = Vec::new();
    for t in &args.types {
        types.push(EntityType::parse(t).ok_or_else(|| {
            anyhow!("unknown type `{t}`; use Person, Organization, Product, Place or Event")
        })?);
    }
    let since = match &args.since {
        None => None,
        Some(d) => Some(PartialDate::parse_iso(d).ok_or_else(|| {
            anyhow!("--since {d}: not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        })?),
    };
    let full = match &args.construct {
        Some(file) => {
            let q =
                std::fs::read_to_string(file).map_err(|e| anyhow!("{}: {e}", file.display()))?;
            view::from_construct(&store, &q)?
        }
        None => view::graph_view_since(&store, args.negated, since)?,
    };
    let only = args.top.map(|n| {
        Analysis::new(&full)
            .page_rank()
            .into_iter()
            .take(n)
            .map(|(iri, _)| iri)
            .collect()
    });
    let selected = view::select(
        full,
        &view::Selection {
            focus,
            depth: args.depth,
            relations,
            types,
            min_sources: args.min_sources,
            only,
        },
    );
    let mut selected = selected;
    if args.no_speculative {
        selected
            .edges
            .retain(|e| e.style != newsgraph::render::EdgeStyle::Uncertain);
    }
    if args.by_article {
        view::article_clusters(&store, &mut selected)?;
    }
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
