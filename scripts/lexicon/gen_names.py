#!/usr/bin/env python3
"""Generate data/names/first_names.tsv.

    pip install names==0.3.0 german-nouns==1.2.5
    python3 scripts/lexicon/gen_names.py

Sources: the US Census 1990 given-name lists shipped by the PyPI package `names`
(dist.male.first, dist.female.first; public-domain census data, package MIT),
the German Wiktionary's given names (entries marked `Vorname` in the PyPI package
`german-nouns`, CC BY-SA 4.0; gender unknown, `u`, as the package does not say)
and scripts/lexicon/curated/first_names_extra.tsv (general knowledge). Names
listed in curated/first_name_drop.txt (ordinary English/German words), German
common nouns ("Wolf", "Ernst", per the same package) and names shorter than three
letters are left out.
"""
from __future__ import annotations

import os
import sys

import csv
from importlib import resources

import names as names_pkg

sys.path.insert(0, os.path.dirname(__file__))
from common import CURATED, NAMES, read_tsv, write_tsv  # noqa: E402


def census() -> dict[str, str]:
    """Name -> 'm', 'f' or 'u'. A name in both lists takes the gender whose share of
    the census population is at least ten times the other's, else 'u'."""
    base = os.path.dirname(names_pkg.__file__)
    freq: dict[str, dict[str, float]] = {}
    for fname, gender in (("dist.male.first", "m"), ("dist.female.first", "f")):
        with open(os.path.join(base, fname), encoding="ascii") as fh:
            for line in fh:
                if not line.strip():
                    continue
                cols = line.split()
                freq.setdefault(cols[0].title(), {})[gender] = float(cols[1])
    out = {}
    for name, f in freq.items():
        m, w = f.get("m", 0.0), f.get("f", 0.0)
        out[name] = "m" if m >= 10 * w else "f" if w >= 10 * m else "u"
    return out


def wiktionary() -> set[str]:
    """German Wiktionary given names that are not also common nouns."""
    path = resources.files("german_nouns") / "nouns.csv"
    given, common = set(), set()
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            pos = row["pos"].split(",")
            lemma = row["lemma"]
            if "Vorname" in pos:
                given.add(lemma)
            elif "Substantiv" in pos and not ({"Nachname", "Toponym", "Eigenname"} & set(pos)):
                common.add(lemma)
    return {n for n in given - common
            if len(n) >= 3 and n.isalpha() and n[0].isupper() and not n.isupper()}


def main() -> None:
    with open(os.path.join(CURATED, "first_name_drop.txt"), encoding="utf-8") as fh:
        drop = {l.strip() for l in fh if l.strip() and not l.startswith("#")}
    rows: dict[str, dict] = {}
    for name, gender in census().items():
        rows[name] = {"name": name, "gender": gender, "lang": ["en"],
                      "source": ["names"]}
    for name in sorted(wiktionary()):
        have = rows.get(name)
        if have is None:
            rows[name] = {"name": name, "gender": "u", "lang": ["de"], "source": ["wiktionary"]}
        elif "wiktionary" not in have["source"]:
            if "de" not in have["lang"]:
                have["lang"].append("de")
            have["source"].append("wiktionary")
    for r in read_tsv(os.path.join(CURATED, "first_names_extra.tsv")):
        langs = r["lang"].split(",")
        have = rows.get(r["name"])
        if have is None:
            rows[r["name"]] = {"name": r["name"], "gender": r["gender"], "lang": langs,
                               "source": ["general-knowledge"]}
            continue
        if have["source"] == ["wiktionary"]:
            have["gender"] = r["gender"]  # Wiktionary's rows carry no gender
        elif have["gender"] != r["gender"]:
            have["gender"] = "u"
        have["lang"] += [l for l in langs if l not in have["lang"]]
        if "general-knowledge" not in have["source"]:
            have["source"].append("general-knowledge")
    out = []
    for r in rows.values():
        if r["name"] in drop:
            continue
        out.append({"name": r["name"], "gender": r["gender"],
                    "lang": ",".join(sorted(r["lang"])), "source": "+".join(r["source"])})
    out.sort(key=lambda r: (r["name"].casefold(), r["name"]))
    os.makedirs(NAMES, exist_ok=True)
    write_tsv(os.path.join(NAMES, "first_names.tsv"), ["name", "gender", "lang", "source"],
              out, key="name")
    print(f"first_names.tsv: {len(out)} rows")


if __name__ == "__main__":
    main()
