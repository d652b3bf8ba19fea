#!/usr/bin/env python3
"""Expand scripts/lexicon/curated/demonyms.tsv into data/lexicon/demonyms.tsv.

    python3 scripts/lexicon/gen_demonyms.py

English adjectives and nouns are copied; German adjective stems get their inflected
forms (deutsch -> deutsch, deutsche, deutschem, deutschen, deutscher, deutsches);
German nouns marked '*' or '+' get their plural and feminine forms.
"""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import CURATED, LEXICON, read_tsv, split_aliases, write_tsv  # noqa: E402

ADJ_ENDINGS = ["", "e", "em", "en", "er", "es"]


def german_nouns(spec: str) -> list[str]:
    if spec.endswith("*"):  # Amerikaner* -> Amerikaner, Amerikanern, Amerikanerin, -innen
        x = spec[:-1]
        return [x, x + "n", x + "in", x + "innen"]
    if spec.endswith("+"):  # Brite+ -> Brite, Briten, Britin, Britinnen
        x = spec[:-1]
        stem = x[:-1] if x.endswith("e") else x
        plural = x + "n" if x.endswith("e") else x + "en"
        return [x, plural, stem + "in", stem + "innen"]
    return [spec]


def main() -> None:
    rows = {}
    for r in read_tsv(os.path.join(CURATED, "demonyms.tsv")):
        place = r["place"]
        forms = []
        for w in split_aliases(r["en_adj"]) + split_aliases(r["en_noun"]):
            forms.append((w, "en"))
        for stem in split_aliases(r["de_adj"]):
            forms += [(stem + e, "de") for e in ADJ_ENDINGS]
        for spec in split_aliases(r["de_noun"]):
            forms += [(n, "de") for n in german_nouns(spec)]
        for w, lang in forms:
            key = (w, lang)
            if key in rows and rows[key]["place"] != place:
                raise SystemExit(f"demonym {w!r} ({lang}) for {place} and {rows[key]['place']}")
            rows[key] = {"demonym": w, "place": place, "lang": lang,
                         "source": "general-knowledge"}
    out = sorted(rows.values(), key=lambda r: (r["demonym"].casefold(), r["demonym"], r["lang"]))
    write_tsv(os.path.join(LEXICON, "demonyms.tsv"), ["demonym", "place", "lang", "source"],
              out, key="demonym")
    print(f"demonyms.tsv: {len(out)} rows")


if __name__ == "__main__":
    main()
