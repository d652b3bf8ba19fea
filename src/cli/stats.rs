//! `newsgraph stats`: figures about the graph.

use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub store: super::StoreArg,
}

pub fn run(args: StatsArgs) -> anyhow::Result<()> {
    let store = super::open_store(&args.store)?;
    let ns = store.namespaces().clone();
    let sections: [(&str, &str); 5] = [
        ("articles by language", "SELECT ?language (COUNT(?d) AS ?n) WHERE { ?d a schema:NewsArticle ; schema:inLanguage ?language } GROUP BY ?language ORDER BY ?language"),
        ("entities by type", "SELECT ?type (COUNT(?e) AS ?n) WHERE { GRAPH ngd:entities { ?e a ?type } } GROUP BY ?type ORDER BY ?type"),
        ("facts by relation", "SELECT ?relation (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?relation ?o WHERE { ?c a ng:Claim ; ng:subject ?s ; ng:predicate ?relation ; ng:object ?o ; ng:polarity true . FILTER(isIRI(?o)) } } GROUP BY ?relation ORDER BY ?relation"),
        ("claims by modality", "SELECT ?modality (COUNT(?c) AS ?n) WHERE { ?c a ng:Claim ; ng:modality ?modality } GROUP BY ?modality ORDER BY ?modality"),
        ("negated claims", "SELECT (COUNT(?c) AS ?n) WHERE { ?c a ng:Claim ; ng:polarity false }"),
    ];
    for (title, q) in sections {
        let rows = store.select(q)?;
        let mut table = Table::new();
        table.load_preset(UTF8_FULL_CONDENSED);
        table.set_header([title, "count"]);
        for r in rows {
            let (name, n) = if r.len() == 1 {
                ("all".to_string(), r[0].clone())
            } else {
                (ns.compact(&r[0]), r[1].clone())
            };
            let name = if name.starts_with('<') {
                r[0].clone()
            } else {
                name
            };
            table.add_row([name, n]);
        }
        super::emit(&format!("{table}\n"))?;
    }
    graph_figures(&store)
}

/// Connected components and the most central entities, by degree and by PageRank.
fn graph_figures(store: &newsgraph::store::GraphStore) -> anyhow::Result<()> {
    use newsgraph::analytics::Analysis;
    use newsgraph::export::view;
    let labels = view::entity_labels(store)?;
    let label = |e: &str| labels.get(e).map_or(e.to_string(), |(l, _)| l.clone());
    let analysis = Analysis::new(&view::graph_view(store, false)?);
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(["graph", "count"]);
    table.add_row([
        "entities with facts".to_string(),
        analysis.node_count().to_string(),
    ]);
    table.add_row(["facts".to_string(), analysis.edge_count().to_string()]);
    table.add_row([
        "connected components".to_string(),
        analysis.components().to_string(),
    ]);
    super::emit(&format!("{table}\n"))?;
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(["top entities", "degree", "", "PageRank"]);
    let degrees = analysis.degrees();
    let ranks = analysis.page_rank();
    for k in 0..TOP.min(degrees.len()) {
        table.add_row([
            label(&degrees[k].0),
            degrees[k].1.to_string(),
            label(&ranks[k].0),
            format!("{:.4}", ranks[k].1),
        ]);
    }
    super::emit(&format!("{table}\n"))?;
    Ok(())
}

/// How many entities the centrality table lists.
const TOP: usize = 10;
