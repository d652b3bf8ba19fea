//! `newsgraph report`: one self-contained HTML file, checked as text and, where
//! Chromium is installed, opened in headless Chromium to see the script run.

use crate::util::{newsgraph, ok, seed_graph};
use std::path::{Path, PathBuf};
use std::process::Command;

fn report(dir: &Path) -> (PathBuf, String) {
    let path = dir.join("report.html");
    ok(newsgraph(seed_graph()).args(["report", "-o"]).arg(&path));
    let html = std::fs::read_to_string(&path).unwrap();
    (path, html)
}

#[test]
fn the_report_is_one_file_with_diagram_facts_and_views() {
    let dir = tempfile::tempdir().unwrap();
    let (_, html) = report(dir.path());
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<svg"));
    // Nothing to fetch: no external scripts, styles or images.
    for external in ["<script src", "<link ", "<img src=\"http"] {
        assert!(!html.contains(external), "{external}");
    }
    assert!(html.contains(
        "<tr><td>Microsoft investsIn OpenAI ($1B / $10B / $13B, 2023-01–2024-10-08)</td><td>4</td></tr>"
    ));
    assert!(html.contains("<li>Microsoft partnersWith OpenAI — 5 articles</li>"));
    assert!(
        html.contains("<li>Microsoft investsIn OpenAI: $1B / $10B / $13B, 2023-01–2024-10-08</li>")
    );
    let start = html.find("id=\"ng-data\">").unwrap() + "id=\"ng-data\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let data: serde_json::Value =
        serde_json::from_str(&html[start..end].replace("<\\/", "</")).unwrap();
    assert_eq!(data["central"], "https://w3id.org/newsgraph/entity/OpenAI");
    assert_eq!(data["facts"].as_array().unwrap().len(), 36);
}

/// Chromium, where it is installed (Debian: `apt-get install chromium`; `.ci/run` installs it).
fn chromium() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("NEWSGRAPH_CHROMIUM").map(PathBuf::from),
        Some(PathBuf::from("/usr/bin/chromium")),
        Some(PathBuf::from("/usr/bin/chromium-browser")),
    ];
    candidates.into_iter().flatten().find(|p| p.exists())
}

#[test]
fn the_report_runs_in_headless_chromium() {
    let Some(chromium) = chromium() else {
        eprintln!("skipped: Chromium is not installed (apt-get install chromium, or set NEWSGRAPH_CHROMIUM)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = report(dir.path());
    let profile = dir.path().join("profile");
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", path.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("data-ready=\"yes\""),
        "the script did not run:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The most central entity is shown with its facts and evidence sentences.
    assert!(dom.contains("data-entity=\"https://w3id.org/newsgraph/entity/OpenAI\""));
    assert!(dom.contains("class=\"ng-evidence\""));
    assert!(dom.contains("data-id=\"https://w3id.org/newsgraph/entity/Sam_Altman\""));
}
