//! Training is reproducible: `newsgraph train` on the shared corpora gives
//! the committed models byte for byte (fixed seeds, sorted files), so the
//! committed models are what the committed code and data make, and their
//! figures are the ones retraining reproduces. Skipped, with a message, where
//! ../shared/corpora is absent.

use crate::util::{newsgraph, ok, repo};

#[test]
fn retraining_gives_the_committed_models() {
    let corpora = repo().join("../shared/corpora");
    if !corpora.join("ud").is_dir()
        || !corpora.join("uner").is_dir()
        || !corpora.join("germeval2014").is_dir()
    {
        eprintln!(
            "skipped: {} holds no ud/, uner/ and germeval2014/",
            corpora.display()
        );
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let report = ok(newsgraph(&repo()).args([
        "train",
        "--corpora",
        corpora.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]));
    for lang in ["en", "de"] {
        let fresh = std::fs::read(out.path().join(format!("{lang}.model"))).unwrap();
        let committed = std::fs::read(repo().join(format!("data/models/{lang}.model"))).unwrap();
        assert!(
            fresh == committed,
            "data/models/{lang}.model is not what `newsgraph train` makes from the committed code and data: \
             run `cargo run -- train` and commit data/models/ (training said:\n{report})"
        );
    }
    assert!(
        report.contains("English: ") && report.contains("German: "),
        "{report}"
    );
}
