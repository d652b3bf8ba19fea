//! The token layer on invented sentences, as data: `tests/nlp/cases.toml`
//! holds records of a sentence and what the committed models must read in
//! it — words, UPOS tags, lemmas, noun-phrase chunks and names, each field
//! checked exactly where the record gives it. After a deliberate retraining,
//! the failure message prints what the models read now.

use newsgraph::model::Language;
use newsgraph::nlp::{Analysis, Pipeline};
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    lang: String,
    text: String,
    /// The words, separated by spaces.
    words: String,
    upos: Option<String>,
    lemmas: Option<String>,
    /// Noun phrases, each as its words; the head is marked with `*`.
    chunks: Option<Vec<String>>,
    /// Names as `TYPE words`.
    names: Option<Vec<String>>,
}

struct Reading {
    words: String,
    upos: String,
    lemmas: String,
    chunks: Vec<String>,
    names: Vec<String>,
}

fn read(a: &Analysis, text: &str) -> Reading {
    let n = a.len();
    let form = |i: usize| a.form(text, i).to_string();
    let join = |f: &dyn Fn(usize) -> String| (0..n).map(f).collect::<Vec<_>>().join(" ");
    Reading {
        words: join(&form),
        upos: join(&|i| a.upos[i].to_string()),
        lemmas: join(&|i| a.lemma(i).to_string()),
        chunks: a
            .chunks
            .iter()
            .map(|c| {
                (c.start..c.end)
                    .map(|i| {
                        if i == c.head {
                            format!("{}*", form(i))
                        } else {
                            form(i)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect(),
        names: a
            .entities
            .iter()
            .map(|e| {
                let w: Vec<String> = (e.start..e.end).map(form).collect();
                format!("{} {}", e.label, w.join(" "))
            })
            .collect(),
    }
}

#[test]
fn the_token_layer_reads_the_invented_sentences_as_recorded() {
    let path = crate::util::repo().join("tests/nlp/cases.toml");
    let cases: Cases = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let nlp = Pipeline::builtin().expect("the committed models load");
    let extractor = newsgraph::extract::Extractor::builtin();
    let gazetteer = extractor.gazetteer();
    let mut failures = Vec::new();
    for c in &cases.case {
        let language = match c.lang.as_str() {
            "de" => Language::German,
            _ => Language::English,
        };
        let a = nlp.analyze(&c.text, &[(0, c.text.len())], language, &gazetteer);
        let r = read(&a, &c.text);
        let mut wrong = Vec::new();
        if r.words != c.words {
            wrong.push(format!("words  = {:?}", r.words));
        }
        if c.upos.as_ref().is_some_and(|u| *u != r.upos) {
            wrong.push(format!("upos   = {:?}", r.upos));
        }
        if c.lemmas.as_ref().is_some_and(|l| *l != r.lemmas) {
            wrong.push(format!("lemmas = {:?}", r.lemmas));
        }
        if c.chunks.as_ref().is_some_and(|ch| *ch != r.chunks) {
            wrong.push(format!("chunks = {:?}", r.chunks));
        }
        if c.names.as_ref().is_some_and(|n| *n != r.names) {
            wrong.push(format!("names  = {:?}", r.names));
        }
        if !wrong.is_empty() {
            failures.push(format!(
                "{} ({}): {}\n  {}",
                c.name,
                c.lang,
                c.text,
                wrong.join("\n  ")
            ));
        }
    }
    assert!(cases.case.len() >= 12, "at least 12 cases");
    assert!(
        failures.is_empty(),
        "{} of {} cases read differently:\n{}",
        failures.len(),
        cases.case.len(),
        failures.join("\n")
    );
}

#[test]
fn offsets_count_code_points_into_the_text() {
    let text = "Die Übernahme durch Müller-Lüdenscheidt AG wurde am Montag bekannt.";
    let nlp = Pipeline::builtin().unwrap();
    let a = nlp.analyze(
        text,
        &[(0, text.len())],
        Language::German,
        &newsgraph::nlp::NoGazetteer,
    );
    let chars: Vec<char> = text.chars().collect();
    for t in &a.tokens {
        let by_chars: String = chars[t.char_start..t.char_end].iter().collect();
        assert_eq!(by_chars, &text[t.start..t.end]);
    }
    // "am" is two words, "an" and "dem", over the same two letters.
    let am: Vec<_> = a
        .tokens
        .iter()
        .filter(|t| &text[t.start..t.end] == "am")
        .collect();
    assert_eq!(am.len(), 2);
    assert_eq!((am[0].char_start, am[0].char_end), (49, 51));
}

#[test]
fn explain_shows_the_token_layer_of_an_article() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notiz.txt");
    std::fs::write(
        &file,
        "lang: de\n\nDie Firma Contoso übernahm im März den Konkurrenten Fabrikam.\n",
    )
    .unwrap();
    let out = crate::util::ok(crate::util::newsgraph(dir.path()).args([
        "explain",
        "--tokens",
        "notiz.txt",
    ]));
    assert!(
        out.contains("    tokens: [Die/DET:der Firma/NOUN Contoso/PROPN] übernahm/VERB:übernehmen in/ADP [dem/DET:der März/NOUN] [den/DET:der Konkurrenten/NOUN:Konkurrent Fabrikam/PROPN] ./PUNCT"),
        "{out}"
    );
    assert!(out.contains("    names:  ORG Contoso"), "{out}");
}
