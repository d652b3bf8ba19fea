//! `newsgraph report`: one self-contained HTML file to explore the graph
//! without a network or a server — the diagram (pan, zoom, click an entity to
//! see its facts and the sentences that state them), the list of entities, a
//! table of facts with their sources, the facts several articles corroborate
//! and the facts the articles disagree on (different amounts).
//!
//! ```text
//! store ─► graph view, labels, claims with evidence ─► JSON (inline)
//!       ─► SVG (Graphviz or the built-in layout, inline) ─► HTML + data/report/{report.css,report.js}
//! ```

use crate::analytics::Analysis;
use crate::export::view;
use crate::model::vocab::NG;
use crate::render::{self, DotOptions, RenderError};
use crate::store::{GraphStore, StoreError};
use serde_json::json;
use std::collections::BTreeMap;
use std::fmt::Write as _;

const CSS: &str = include_str!("../../data/report/report.css");
const JS: &str = include_str!("../../data/report/report.js");

/// What stops a report.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Render(#[from] RenderError),
}

/// The report as one HTML document.
pub fn html(store: &GraphStore) -> Result<String, ReportError> {
    let ns = store.namespaces().clone();
    let labels = view::entity_labels(store)?;
    let graph = view::graph_view(store, false)?;
    let analysis = Analysis::new(&graph);
    let svg = if graph.nodes.is_empty() {
        String::new()
    } else {
        let rendered = render::render_svg(&graph, &DotOptions::default())?;
        strip_prolog(&String::from_utf8_lossy(&rendered.bytes))
    };
    let rows = store.select(
        "SELECT ?s ?p ?o ?evidence ?doc WHERE { ?c a ng:Claim ; ng:subject ?s ; ng:predicate ?p ; \
           ng:object ?o ; ng:polarity true ; ng:evidence ?evidence ; prov:wasDerivedFrom ?doc . \
           FILTER(isIRI(?o)) } ORDER BY ?s ?p ?o ?doc ?evidence",
    )?;
    let mut evidence: BTreeMap<(String, String, String), Vec<serde_json::Value>> = BTreeMap::new();
    for r in rows {
        let p = r[1].strip_prefix(NG).unwrap_or(&r[1]).to_string();
        let list = evidence.entry((r[0].clone(), p, r[2].clone())).or_default();
        let item = json!({"text": r[3], "doc": ns.compact(&r[4])});
        if !list.contains(&item) {
            list.push(item);
        }
    }
    let label = |iri: &str| labels.get(iri).map_or(iri.to_string(), |(l, _)| l.clone());
    let entities: Vec<serde_json::Value> = graph
        .nodes
        .iter()
        .map(|n| json!({"id": n.id, "label": n.label, "type": n.entity_type.to_string()}))
        .collect();
    let facts: Vec<serde_json::Value> = graph
        .edges
        .iter()
        .map(|e| {
            let key = (e.from.clone(), e.relation.name().to_string(), e.to.clone());
            json!({
                "s": e.from, "p": e.relation.name(), "o": e.to,
                "detail": e.detail, "sources": e.sources,
                "evidence": evidence.get(&key).cloned().unwrap_or_default(),
            })
        })
        .collect();
    let central = analysis.page_rank().first().map(|(iri, _)| iri.clone());
    let data = json!({"entities": entities, "facts": facts, "central": central});
    // A JSON string may not end the script element it sits in.
    let data = data.to_string().replace("</", "<\\/");

    let mut fact_rows: Vec<(String, String)> = graph
        .edges
        .iter()
        .map(|e| {
            let fact = e.describe(label);
            (fact, e.sources.to_string())
        })
        .collect();
    fact_rows.sort();
    let mut corroborated: Vec<&crate::render::Edge> =
        graph.edges.iter().filter(|e| e.sources > 1).collect();
    corroborated.sort_by(|a, b| b.sources.cmp(&a.sources).then(a.from.cmp(&b.from)));
    let conflicts: Vec<&crate::render::Edge> = graph
        .edges
        .iter()
        .filter(|e| e.detail.as_ref().is_some_and(|d| d.contains(" / ")))
        .collect();

    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>newsgraph report</title><style>{CSS}</style></head><body>\n"
    );
    let _ = writeln!(
        out,
        "<h1>newsgraph report</h1><p>{} entities with facts, {} facts, {} connected components.</p>",
        analysis.node_count(),
        analysis.edge_count(),
        analysis.components()
    );
    let _ = writeln!(
        out,
        "<div id=\"ng-top\"><div id=\"ng-diagram\">{svg}</div><div id=\"ng-side\"><div id=\"ng-entity\"></div><h2>Entities</h2><ul id=\"ng-entities\"></ul></div></div>"
    );
    out.push_str("<h2>Facts and their sources</h2><table id=\"ng-facts\"><tr><th>fact</th><th>articles</th></tr>\n");
    for (fact, n) in &fact_rows {
        let _ = writeln!(out, "<tr><td>{}</td><td>{n}</td></tr>", escape(fact));
    }
    out.push_str("</table>\n<h2>Corroborated: facts several articles state</h2><ul id=\"ng-corroboration\">\n");
    for e in &corroborated {
        let _ = writeln!(
            out,
            "<li>{} {} {} — {} articles</li>",
            escape(&label(&e.from)),
            e.relation.name(),
            escape(&label(&e.to)),
            e.sources
        );
    }
    out.push_str(
        "</ul>\n<h2>Conflicts: the articles give different amounts</h2><ul id=\"ng-conflicts\">\n",
    );
    for e in &conflicts {
        let _ = writeln!(
            out,
            "<li>{} {} {}: {}</li>",
            escape(&label(&e.from)),
            e.relation.name(),
            escape(&label(&e.to)),
            escape(e.detail.as_deref().unwrap_or(""))
        );
    }
    let _ = write!(
        out,
        "</ul>\n<script type=\"application/json\" id=\"ng-data\">{data}</script>\n<script>{JS}</script>\n</body></html>\n"
    );
    Ok(out)
}

/// An SVG document without its XML declaration and doctype, to sit inside HTML.
fn strip_prolog(svg: &str) -> String {
    match svg.find("<svg") {
        Some(i) => svg[i..].to_string(),
        None => svg.to_string(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_loses_its_prolog() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg width=\"1\"></svg>";
        assert_eq!(strip_prolog(svg), "<svg width=\"1\"></svg>");
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
