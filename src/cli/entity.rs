//! `newsgraph entity NAME`: an entity page in the terminal — type, labels,
//! Wikidata id, every fact in and out with its number of sources, and the
//! articles that mention the entity.

use anyhow::Context;
use newsgraph::analytics::Analysis;
use newsgraph::export::view;
use std::fmt::Write as _;

#[derive(Debug, clap::Args)]
pub struct EntityArgs {
    /// The entity (label or alias, any language).
    #[arg(value_name = "NAME")]
    pub name: String,
    #[command(flatten)]
    pub store: super::StoreArg,
}

pub fn run(args: EntityArgs) -> anyhow::Result<()> {
    let store = super::open_store(&args.store)?;
    let ns = store.namespaces().clone();
    let iri = view::find_entity(&store, &args.name)?.with_context(|| {
        format!(
            "no entity named `{}` in the graph (see `newsgraph entities`)",
            args.name
        )
    })?;
    let labels = view::entity_labels(&store)?;
    let label = |e: &str| labels.get(e).map_or(e.to_string(), |(l, _)| l.clone());
    let mut out = String::new();
    let (name, entity_type) = labels
        .get(&iri)
        .cloned()
        .context("the entity has no label in the entity graph")?;
    let _ = writeln!(out, "{name} ({entity_type})  {}", ns.compact(&iri));
    let props = store.select(&format!(
        "SELECT ?p ?o WHERE {{ GRAPH ngd:entities {{ <{iri}> ?p ?o }} }} ORDER BY ?p ?o"
    ))?;
    let aliases: Vec<&str> = props
        .iter()
        .filter(|r| r[0].ends_with("core#altLabel"))
        .map(|r| r[1].as_str())
        .collect();
    if !aliases.is_empty() {
        let _ = writeln!(out, "also: {}", aliases.join(", "));
    }
    for r in props.iter().filter(|r| r[0].ends_with("owl#sameAs")) {
        let _ = writeln!(out, "same as: {}", r[1]);
    }
    let graph = view::graph_view(&store, false)?;
    let analysis = Analysis::new(&graph);
    let degree = analysis
        .degrees()
        .into_iter()
        .find(|(e, _)| *e == iri)
        .map_or(0, |(_, d)| d);
    let _ = writeln!(out, "\nfacts ({degree}):");
    let mut facts: Vec<String> = graph
        .edges
        .iter()
        .filter(|e| e.from == iri || e.to == iri)
        .map(|e| {
            format!(
                "  {}  [{} source{}]",
                e.describe(label),
                e.sources,
                if e.sources == 1 { "" } else { "s" }
            )
        })
        .collect();
    facts.sort();
    for f in facts {
        let _ = writeln!(out, "{f}");
    }
    let articles = store.select(&format!(
        "SELECT ?doc ?n WHERE {{ GRAPH ?g {{ ?occ a ng:Occurrence ; ng:entity <{iri}> ; ng:document ?doc ; ng:mentionCount ?n }} }} ORDER BY ?doc"
    ))?;
    let _ = writeln!(out, "\narticles ({}):", articles.len());
    for r in &articles {
        let _ = writeln!(
            out,
            "  {}  {} mention{}",
            ns.compact(&r[0]),
            r[1],
            if r[1] == "1" { "" } else { "s" }
        );
    }
    super::emit(&out)
}
