//! `newsgraph entities`: the entity list with types, mentions and sources.

use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use newsgraph::model::EntityType;

#[derive(Debug, clap::Args)]
pub struct EntitiesArgs {
    /// Only entities of this type (Person, Organization, Product, Place, Event).
    #[arg(long = "type", value_name = "TYPE")]
    pub entity_type: Option<String>,
    #[command(flatten)]
    pub store: super::StoreArg,
}

pub fn run(args: EntitiesArgs) -> anyhow::Result<()> {
    let wanted = match &args.entity_type {
        None => None,
        Some(t) => Some(EntityType::parse(t).ok_or_else(|| {
            anyhow::anyhow!("unknown type `{t}`; use Person, Organization, Product, Place or Event")
        })?),
    };
    let store = super::open_store(&args.store)?;
    let rows = store.select(
        "SELECT ?e ?label ?type (SUM(?n) AS ?mentions) (COUNT(DISTINCT ?doc) AS ?articles) WHERE { \
           GRAPH ngd:entities { ?e rdfs:label ?label ; a ?type } \
           OPTIONAL { ?occ ng:entity ?e ; ng:mentionCount ?n ; ng:document ?doc } \
         } GROUP BY ?e ?label ?type ORDER BY DESC(?mentions) ?label",
    )?;
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(["entity", "type", "mentions", "articles"]);
    let mut n = 0;
    for r in rows {
        let t = r[2].rsplit('/').next().unwrap_or("").to_string();
        if wanted.is_some_and(|w| EntityType::parse(&t) != Some(w)) {
            continue;
        }
        table.add_row([r[1].clone(), t, r[3].clone(), r[4].clone()]);
        n += 1;
    }
    super::emit(&format!("{table}\n{n} entities\n"))?;
    Ok(())
}
