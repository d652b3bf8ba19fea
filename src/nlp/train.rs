//! Training the models of one language from the corpora, as
//! `data/nlp/train.toml` says: the tagger and the lemmatizer on treebanks, then
//! the name tagger on named-entity files, whose words the new tagger tags.
//! Deterministic: fixed seeds, sorted model files.
//!
//! ```text
//! train.toml + corpora ─► treebank sentences ─► tagger::train ─► lemma::train
//!                      ─► NER sentences (tagged, lexicon marks) ─► ner::train
//!                      ─► LanguageModels (+ scores on the dev files) ─► data/models/<lang>.model
//! ```

use super::corpus::{self, CorpusError, NerSentence, TreebankSentence};
use super::features::{word_info, WordInfo};
use super::lemma::{self, LemmaConfig};
use super::lexical::Lexical;
use super::ner::{self, NerConfig, NerExample};
use super::score::{self, NerScore, TreebankScore};
use super::tagger::{self, TaggerConfig};
use super::upos::Upos;
use super::{joined, sentence_hash, token_marks, Gazetteer, LanguageModels, Pipeline};
use crate::model::Language;
use rustc_hash::FxHashSet;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::Instant;

const CONFIG: &str = include_str!("../../data/nlp/train.toml");

/// Why training could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TrainError {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error("{0}")]
    Config(String),
    #[error("the corpora folder {} does not exist: pass --corpora DIR (the folder that holds ud/, uner/ and germeval2014/)", .0.display())]
    NoCorpora(PathBuf),
}

#[derive(Debug, Deserialize)]
struct Config {
    seed: u64,
    en: LangConfig,
    de: LangConfig,
}

#[derive(Debug, Clone, Deserialize)]
struct LangConfig {
    treebank_train: Vec<FileSpec>,
    treebank_dev: Vec<FileSpec>,
    ner_train: Vec<FileSpec>,
    ner_dev: Vec<FileSpec>,
    ner_drop: Vec<String>,
    ner_min_names: usize,
    tagger_epochs: usize,
    tagger_prune: f32,
    lemma_epochs: usize,
    lemma_min_script: usize,
    lemma_prune: f32,
    ner_epochs: usize,
    ner_prune: f32,
    /// Name taggers trained in different orders whose mean is the model.
    #[serde(default = "one")]
    ner_mixed: usize,
}

fn one() -> usize {
    1
}

/// One corpus file, or part of it.
#[derive(Debug, Clone, Deserialize)]
pub struct FileSpec {
    pub path: String,
    #[serde(default)]
    pub part: Part,
    /// With `part`: sentence n (from 1) is held back when n is a multiple of this.
    pub held_back_every: Option<usize>,
    /// The file's format when its name does not tell: `docred`.
    pub format: Option<String>,
    /// Types renamed to the model's (`{ MISC = "OTH" }`); a type renamed to
    /// `O` is dropped.
    #[serde(default)]
    pub rename: std::collections::BTreeMap<String, String>,
    /// One-word names that are demonyms ("American", "deutsche") get this
    /// type (`O`: they are no names in the model's scheme; GermEval's
    /// `LOCderiv`).
    pub demonyms: Option<String>,
    /// The types the file annotates, when it annotates only some of the
    /// model's: where it says `O`, a word may also have a type outside them.
    pub scheme: Option<Vec<String>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    #[default]
    All,
    Train,
    HeldBack,
}

impl FileSpec {
    /// Whether sentence `n` (from 1) is read; `fold` shifts which sentences
    /// are held back (cross-validation: `n % every == fold`).
    fn keeps(&self, n: usize, fold: usize) -> bool {
        let held = self
            .held_back_every
            .is_some_and(|k| k > 0 && n % k == fold % k);
        match self.part {
            Part::All => true,
            Part::Train => !held,
            Part::HeldBack => held,
        }
    }
}

fn config() -> Result<Config, TrainError> {
    toml::from_str(CONFIG).map_err(|e| TrainError::Config(format!("data/nlp/train.toml: {e}")))
}

/// The GermEval 2014 split the models use: sentence n (from 1) is held back for
/// scoring when `n % every == 0` (`None` when the German NER files have no split).
pub fn held_back_every() -> Option<usize> {
    config()
        .ok()?
        .de
        .ner_dev
        .iter()
        .find_map(|f| f.held_back_every)
}

/// Options of a training run.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub corpora: PathBuf,
    /// For development: hold back every n-th treebank training sentence and
    /// score on it (the committed models train on everything).
    pub holdout: Option<usize>,
    /// For development: which sentences of a split named-entity file are
    /// held back (`n % every == fold`; 0 for the committed split).
    pub fold: usize,
}

/// What a training run measured.
#[derive(Debug, Clone, Default)]
pub struct TrainReport {
    pub language: &'static str,
    pub treebank_sentences: usize,
    pub treebank_words: usize,
    pub ner_sentences: usize,
    pub ner_types: Vec<String>,
    pub tagger_features: usize,
    pub ner_features: usize,
    pub dev: Option<TreebankScore>,
    pub ner_dev: Option<NerScore>,
    pub seconds: f64,
}

fn read_treebanks(
    root: &Path,
    files: &[FileSpec],
    fold: usize,
) -> Result<Vec<TreebankSentence>, TrainError> {
    let mut out = Vec::new();
    for f in files {
        let all = corpus::read_conllu(&root.join(&f.path))?;
        out.extend(
            all.into_iter()
                .enumerate()
                .filter(|(i, _)| f.keeps(i + 1, fold))
                .map(|(_, s)| s),
        );
    }
    Ok(out)
}

fn read_ner(
    root: &Path,
    files: &[FileSpec],
    fold: usize,
    gazetteer: &dyn Gazetteer,
) -> Result<Vec<(NerSentence, usize)>, TrainError> {
    let mut out = Vec::new();
    for (file, f) in files.iter().enumerate() {
        let path = root.join(&f.path);
        let mut all = match f.format.as_deref() {
            Some("docred") => corpus::read_docred(&path)?,
            Some("smartdata") => corpus::read_smartdata(&path)?,
            _ => corpus::read_ner(&path)?,
        };
        for s in &mut all {
            align_scheme(s, f, gazetteer);
        }
        out.extend(
            all.into_iter()
                .enumerate()
                .filter(|(i, _)| f.keeps(i + 1, fold))
                .map(|(_, s)| (s, file)),
        );
    }
    Ok(out)
}

/// Brings a sentence of another annotation scheme to the model's: renamed
/// types, and demonyms as words.
fn align_scheme(s: &mut NerSentence, f: &FileSpec, gazetteer: &dyn Gazetteer) {
    if !f.rename.is_empty() {
        for t in &mut s.tags {
            if let Some((bio, ty)) = t.split_once('-') {
                if let Some(to) = f.rename.get(ty) {
                    *t = if to == "O" {
                        "O".to_string()
                    } else {
                        format!("{bio}-{to}")
                    };
                }
            }
        }
    }
    if let Some(to) = &f.demonyms {
        for (a, b, _) in corpus::spans(&s.tags) {
            if b == a + 1 && gazetteer.word_marks(&s.words[a], false) & ner::DEMONYM != 0 {
                s.tags[a] = if to == "O" {
                    "O".to_string()
                } else {
                    format!("B-{to}")
                };
            }
        }
    }
}

/// Maps a file's tags to the types the model learns: dropped types become `O`.
fn keep_tags(tags: &[String], drop: &[String]) -> Vec<String> {
    tags.iter()
        .map(|t| match t.split_once('-') {
            Some((_, ty)) if drop.iter().any(|d| d == ty) => "O".to_string(),
            _ => t.clone(),
        })
        .collect()
}

/// Trains the models of one language.
pub fn train_language(
    language: Language,
    options: &TrainOptions,
    gazetteer: &dyn Gazetteer,
    progress: &(dyn Fn(&str) + Sync),
) -> Result<(LanguageModels, TrainReport), TrainError> {
    let started = Instant::now();
    let cfg = config()?;
    let lc = match language {
        Language::German => cfg.de.clone(),
        _ => cfg.en.clone(),
    };
    let root = &options.corpora;
    if !root.is_dir() {
        return Err(TrainError::NoCorpora(root.clone()));
    }
    let code = super::language_code(language);
    let lexical = Lexical::load(language);
    let mut train_tb = read_treebanks(root, &lc.treebank_train, 0)?;
    let mut dev_tb = read_treebanks(root, &lc.treebank_dev, 0)?;
    if let Some(k) = options.holdout.filter(|&k| k > 1) {
        let (train, held): (Vec<_>, Vec<_>) = train_tb
            .into_iter()
            .enumerate()
            .partition(|(i, _)| (i + 1) % k != 0);
        train_tb = train.into_iter().map(|(_, s)| s).collect();
        dev_tb = held.into_iter().map(|(_, s)| s).collect();
    }
    let mut trained_on: FxHashSet<u64> = FxHashSet::default();
    let mut buf = String::new();
    let tagged: Vec<(Vec<WordInfo>, Vec<Upos>)> = train_tb
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            trained_on.insert(sentence_hash(&words));
            (
                words
                    .iter()
                    .map(|w| word_info(w, &lexical, &mut buf))
                    .collect(),
                s.words.iter().map(|w| w.upos).collect(),
            )
        })
        .collect();
    let words: usize = tagged.iter().map(|(w, _)| w.len()).sum();
    progress(&format!(
        "{code}: tagger on {} sentences, {words} words",
        tagged.len()
    ));
    let pos = tagger::train(
        &tagged,
        &TaggerConfig {
            epochs: lc.tagger_epochs,
            seed: cfg.seed,
            prune: lc.tagger_prune,
            dict_min_count: 20,
            dict_min_share: 0.995,
        },
    );
    drop(tagged);
    progress(&format!("{code}: lemmatizer"));
    let triples: Vec<(String, Upos, String)> = train_tb
        .iter()
        .flat_map(|s| {
            s.words
                .iter()
                .map(|w| (w.form.clone(), w.upos, w.lemma.clone()))
        })
        .filter(|(_, _, l)| l != "_")
        .collect();
    let lemmatizer = lemma::train(
        &triples,
        &lexical.lemmas,
        &LemmaConfig {
            epochs: lc.lemma_epochs,
            seed: cfg.seed,
            min_script_count: lc.lemma_min_script,
            prune: lc.lemma_prune,
        },
    );
    let ner_sentences = read_ner(root, &lc.ner_train, options.fold, gazetteer)?;
    // Types with too few names to learn from are left out (their words are
    // `O` to the model), as are the types the config drops.
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for (s, _) in &ner_sentences {
        for (_, _, ty) in corpus::spans(&keep_tags(&s.tags, &lc.ner_drop)) {
            *counts.entry(ty).or_default() += 1;
        }
    }
    let types: Vec<String> = counts
        .into_iter()
        .filter(|&(_, n)| n >= lc.ner_min_names)
        .map(|(ty, _)| ty)
        .collect();
    progress(&format!(
        "{code}: name tagger on {} sentences ({})",
        ner_sentences.len(),
        types.join(", ")
    ));
    let german = language == Language::German;
    let mut tags = Vec::new();
    let temp = LanguageModels {
        language,
        lexical,
        tagger: pos,
        lemmatizer,
        ner: ner::train(
            &[],
            types.clone(),
            &NerConfig {
                epochs: 0,
                seed: 0,
                prune: 0.0,
                mixed: 1,
            },
        ),
        trained_on: FxHashSet::default(),
    };
    let examples: Vec<NerExample> = ner_sentences
        .iter()
        .map(|(s, file)| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            trained_on.insert(sentence_hash(&words));
            let infos: Vec<WordInfo> = words
                .iter()
                .map(|w| word_info(w, &temp.lexical, &mut buf))
                .collect();
            temp.tagger.tag(&infos, &mut tags);
            let (text, tokens) = joined(&words);
            let names = gazetteer.names(&text, german);
            let marks = token_marks(&text, &tokens, &names, &temp, gazetteer, german);
            let gold = ner::encode(&types, &keep_tags(&s.tags, &lc.ner_drop));
            let allowed = lc.ner_train[*file]
                .scheme
                .as_ref()
                .map(|scheme| ner::partial_mask(&types, &gold, scheme));
            let title_line = super::title_line(&infos);
            NerExample {
                words: infos,
                upos: tags.clone(),
                marks,
                title_line,
                gold,
                allowed,
            }
        })
        .collect();
    let ner_model = ner::train(
        &examples,
        types.clone(),
        &NerConfig {
            epochs: lc.ner_epochs,
            seed: cfg.seed,
            prune: lc.ner_prune,
            mixed: lc.ner_mixed,
        },
    );
    let models = LanguageModels {
        ner: ner_model,
        trained_on,
        ..temp
    };
    let mut report = TrainReport {
        language: super::language_name(language),
        treebank_sentences: train_tb.len(),
        treebank_words: words,
        ner_sentences: ner_sentences.len(),
        ner_types: types,
        tagger_features: models.tagger.features_count(),
        ner_features: models.ner.features_count(),
        ..TrainReport::default()
    };
    // Score on the dev files with a pipeline that holds the new models.
    let dev_ner = read_ner(root, &lc.ner_dev, options.fold, gazetteer)?;
    if !dev_tb.is_empty() || !dev_ner.is_empty() {
        progress(&format!("{code}: scoring on the dev files"));
        let other = match language {
            Language::German => Language::English,
            _ => Language::German,
        };
        let placeholder = empty_models(other);
        let pipeline = match language {
            Language::German => Pipeline::new(placeholder, models),
            _ => Pipeline::new(models, placeholder),
        };
        if !dev_tb.is_empty() {
            report.dev = Some(score::score_treebank(
                &pipeline, language, &dev_tb, gazetteer,
            ));
        }
        if !dev_ner.is_empty() {
            let drop = lc.ner_drop.clone();
            let dev_ner: Vec<NerSentence> = dev_ner
                .into_iter()
                .map(|(mut s, _)| {
                    s.tags = keep_tags(&s.tags, &drop);
                    s
                })
                .collect();
            // The dev file's scheme: the model's other types are not judged
            // (as `newsgraph eval` scores a file).
            let scheme: std::collections::BTreeSet<String> = dev_ner
                .iter()
                .flat_map(|s| corpus::spans(&s.tags))
                .map(|(_, _, ty)| ty)
                .collect();
            report.ner_dev = Some(score::score_ner(
                &pipeline,
                language,
                &dev_ner,
                gazetteer,
                &|t| scheme.contains(t).then(|| t.to_string()),
            ));
        }
        let (english, german) = pipeline.into_models();
        let models = match language {
            Language::German => german,
            _ => english,
        }
        .expect("the pipeline holds the models it was made with");
        report.seconds = started.elapsed().as_secs_f64();
        return Ok((models, report));
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok((models, report))
}

/// Models that know nothing, standing in for the other language while one is scored.
fn empty_models(language: Language) -> LanguageModels {
    let lexical = Lexical::load(language);
    LanguageModels {
        language,
        tagger: tagger::train(
            &[],
            &TaggerConfig {
                epochs: 0,
                seed: 0,
                prune: 0.0,
                dict_min_count: 1,
                dict_min_share: 1.0,
            },
        ),
        lemmatizer: lemma::train(
            &[],
            &lexical.lemmas,
            &LemmaConfig {
                epochs: 0,
                seed: 0,
                min_script_count: 1,
                prune: 0.0,
            },
        ),
        ner: ner::train(
            &[],
            Vec::new(),
            &NerConfig {
                epochs: 0,
                seed: 0,
                prune: 0.0,
                mixed: 1,
            },
        ),
        lexical,
        trained_on: FxHashSet::default(),
    }
}
