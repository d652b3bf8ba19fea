//! Graph analytics on the seed graph: `path`, `entity` and the centrality part
//! of `stats`, with exact expectations.

use crate::util::{newsgraph, ok, run, seed_graph, stderr};

#[test]
fn path_explains_each_hop_with_its_sentence_and_article() {
    let out = ok(newsgraph(seed_graph()).args(["path", "Amazon", "Microsoft"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Amazon → Microsoft: 2 facts");
    assert_eq!(lines[1], "1. Amazon partnersWith OpenAI");
    assert_eq!(
        lines[2],
        "   \"Amazon has partnered with OpenAI on several Machine Learning projects\""
    );
    assert!(lines[3].starts_with("   — ngd:004_"), "{out}");
    assert!(
        lines[4].starts_with("2. Microsoft investsIn OpenAI ($1B / $10B / $13B")
            && lines[4].ends_with("[walked backwards]"),
        "{out}"
    );
}

#[test]
fn path_between_unknown_or_unconnected_entities_says_so() {
    let out = run(newsgraph(seed_graph()).args(["path", "Amazon", "Nobody Inc"]));
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no entity named `Nobody Inc`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn entity_page_lists_facts_sources_and_articles() {
    let out = ok(newsgraph(seed_graph()).args(["entity", "openai"]));
    assert!(
        out.starts_with("OpenAI (Organization)  nge:OpenAI\n"),
        "{out}"
    );
    assert!(out.contains("same as: http://www.wikidata.org/entity/Q21708200"));
    assert!(out.contains("\nfacts (16):\n"), "{out}");
    assert!(
        out.contains("  Microsoft partnersWith OpenAI (2019)  [5 sources]\n"),
        "{out}"
    );
    assert!(
        out.contains("  Sam Altman leads OpenAI (2024-10-17)  [1 source]\n"),
        "{out}"
    );
    assert!(out.contains("\narticles (5):\n"), "{out}");
}

#[test]
fn stats_rank_the_central_entities() {
    let out = ok(newsgraph(seed_graph()).arg("stats"));
    assert!(out.contains("│ connected components ┆ 2"), "{out}");
    let ranked: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.contains("PageRank"))
        .skip(2)
        .take(3)
        .map(|l| l.split('┆').nth(2).unwrap_or("").trim())
        .collect();
    assert_eq!(ranked, ["OpenAI", "Microsoft Copilot", "ChatGPT"]);
}

/// The edges of a DOT diagram as "Subject relation Object" (legend edges left out).
fn dot_edges(dot: &str) -> Vec<String> {
    let name = |s: &str| {
        s.rsplit('/')
            .next()
            .unwrap_or(s)
            .trim_matches('"')
            .to_string()
    };
    let mut edges: Vec<String> = dot
        .lines()
        .filter(|l| l.contains(" -> ") && !l.contains("_legend"))
        .map(|l| {
            let (ends, attrs) = l.split_once(" [").unwrap();
            let (from, to) = ends.trim().split_once(" -> ").unwrap();
            let relation = attrs
                .split("label=\"")
                .nth(1)
                .and_then(|r| r.split([' ', '"']).next())
                .unwrap_or("");
            format!("{} {relation} {}", name(from), name(to))
        })
        .collect();
    edges.sort();
    edges
}

fn render_dot(args: &[&str]) -> Vec<String> {
    let out = ok(newsgraph(seed_graph())
        .args(["render", "--format", "dot"])
        .args(args));
    dot_edges(&out)
}

#[test]
fn render_keeps_facts_told_by_enough_articles() {
    assert_eq!(
        render_dot(&["--min-sources", "3"]),
        [
            "Microsoft investsIn OpenAI",
            "Microsoft partnersWith OpenAI",
            "Microsoft suppliesTo OpenAI",
            "Microsoft uses OpenAI",
            "OpenAI develops ChatGPT",
        ]
    );
}

#[test]
fn render_keeps_the_most_central_entities() {
    let edges = render_dot(&["--top", "3"]);
    // The top three by PageRank are OpenAI, Microsoft Copilot and ChatGPT.
    assert_eq!(
        edges,
        [
            "ChatGPT competesWith Microsoft_Copilot",
            "OpenAI develops ChatGPT"
        ]
    );
}

#[test]
fn render_by_type_date_and_construct() {
    let people_and_companies = render_dot(&["--type", "Person", "--type", "Organization"]);
    assert!(people_and_companies.contains(&"Sam_Altman leads OpenAI".to_string()));
    assert!(!people_and_companies.iter().any(|e| e.contains("ChatGPT")));
    let recent = render_dot(&["--since", "2024-10"]);
    assert!(
        recent.contains(&"Thrive_Capital investsIn OpenAI".to_string()),
        "{recent:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    let q = dir.path().join("investments.rq");
    std::fs::write(
        &q,
        "CONSTRUCT { ?s ng:investsIn ?o } WHERE { ?s ng:investsIn ?o }\n",
    )
    .unwrap();
    assert_eq!(
        render_dot(&["--construct", q.to_str().unwrap()]),
        [
            "MGX investsIn OpenAI",
            "Microsoft investsIn OpenAI",
            "Nvidia investsIn OpenAI",
            "Thrive_Capital investsIn OpenAI",
        ]
    );
    let bad = run(newsgraph(seed_graph()).args(["render", "--since", "last week"]));
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains("--since last week: not a date"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn render_frames_articles_and_can_leave_out_speculation() {
    let dot = ok(newsgraph(seed_graph()).args(["render", "--format", "dot", "--by-article"]));
    let frames =
        dot.matches("subgraph cluster_").count() - dot.matches("subgraph cluster_legend").count();
    assert_eq!(frames, 5, "one frame per seed article");
    assert!(dot.contains("label=\"Microsoft and OpenAI Partnership Faces Challenges\""));
    let all = render_dot(&[]);
    let firm = render_dot(&["--no-speculative"]);
    assert_eq!(
        all.len() - firm.len(),
        2,
        "the two speculative facts are left out"
    );
    assert!(firm.iter().all(|e| all.contains(e)));
}
