//! `newsgraph path A B`: the shortest chain of facts between two entities, each
//! hop with the sentence that states it and the article it comes from.

use anyhow::Context;
use newsgraph::analytics::Analysis;
use newsgraph::export::view;
use newsgraph::model::vocab::NG;

#[derive(Debug, clap::Args)]
pub struct PathArgs {
    /// The entity to start from (label or alias, any language).
    #[arg(value_name = "FROM")]
    pub from: String,
    /// The entity to reach.
    #[arg(value_name = "TO")]
    pub to: String,
    #[command(flatten)]
    pub store: super::StoreArg,
}

pub fn run(args: PathArgs) -> anyhow::Result<()> {
    let store = super::open_store(&args.store)?;
    let ns = store.namespaces().clone();
    let find = |name: &str| -> anyhow::Result<String> {
        view::find_entity(&store, name)?.with_context(|| {
            format!("no entity named `{name}` in the graph (see `newsgraph entities`)")
        })
    };
    let (from, to) = (find(&args.from)?, find(&args.to)?);
    let labels = view::entity_labels(&store)?;
    let label = |iri: &str| labels.get(iri).map_or(iri.to_string(), |(l, _)| l.clone());
    let analysis = Analysis::new(&view::graph_view(&store, false)?);
    let Some(hops) = analysis.path(&from, &to) else {
        anyhow::bail!(
            "no chain of facts connects {} and {}",
            label(&from),
            label(&to)
        );
    };
    let mut out = format!(
        "{} → {}: {} fact{}\n",
        label(&from),
        label(&to),
        hops.len(),
        if hops.len() == 1 { "" } else { "s" }
    );
    for (k, hop) in hops.iter().enumerate() {
        let e = &hop.edge;
        let q = format!(
            "SELECT ?evidence ?doc WHERE {{ ?c a ng:Claim ; ng:subject <{}> ; ng:predicate <{NG}{}> ; ng:object <{}> ; ng:polarity true ; ng:evidence ?evidence ; prov:wasDerivedFrom ?doc }} ORDER BY ?doc ?evidence LIMIT 1",
            e.from,
            e.relation.name(),
            e.to
        );
        let rows = store.select(&q)?;
        out.push_str(&format!(
            "{}. {}{}
",
            k + 1,
            e.describe(label),
            if hop.reversed {
                "   [walked backwards]"
            } else {
                ""
            }
        ));
        if let Some(r) = rows.first() {
            out.push_str(&format!("   \"{}\"\n   — {}\n", r[0], ns.compact(&r[1])));
        }
    }
    super::emit(&out)
}
