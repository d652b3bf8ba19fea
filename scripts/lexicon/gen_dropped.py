#!/usr/bin/env python3
"""Write data/lexicon/DROPPED.md from curated/dropped_notes.md and the drop lists
(cities, city districts, given names) and the log gen_places.py writes.

    python3 scripts/lexicon/gen_dropped.py
"""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import CURATED, LEXICON, read_tsv  # noqa: E402

HERE = os.path.dirname(__file__)


def main() -> None:
    with open(os.path.join(CURATED, "dropped_notes.md"), encoding="utf-8") as fh:
        out = [fh.read().rstrip("\n"), ""]
    out += ["## Cities left out (name is a common word, a given name or a surname)", "",
            "| country | GeoNames name | reason |", "|---|---|---|"]
    for r in sorted(read_tsv(os.path.join(CURATED, "city_drop.tsv")),
                    key=lambda r: (r["cc"], r["geonames"])):
        out.append(f"| {r['cc']} | {r['geonames']} | {r['reason']} |")
    out += ["", "## City districts left out", "",
            "GeoNames lists city districts (Berlin-Kreuzberg, Vienna's Bezirke, Shanghai's "
            "districts, …) as cities. Listed DACH districts and, elsewhere, any place within "
            "25 km of a bigger city of over a million people in the same country are left "
            "out unless `scripts/lexicon/curated/districts.tsv` keeps them (real cities such "
            "as Bonn, Giza, Kawasaki, Howrah, Jersey City). The full log of every dropped or "
            "renamed city is `scripts/lexicon/places.log`.", ""]
    districts = sorted(r["geonames"] for r in read_tsv(os.path.join(CURATED, "districts.tsv"))
                       if r["action"] == "district")
    out.append("Listed districts: " + ", ".join(districts) + ".")
    renamed = []
    log = os.path.join(HERE, "places.log")
    if os.path.exists(log):
        with open(log, encoding="utf-8") as fh:
            renamed = [l.rstrip("\n").split("\t") for l in fh if l.startswith("rename")]
    if renamed:
        out += ["", "## Smaller namesakes renamed (no bare alias)", ""]
        out += [f"- {r[2]} → `{r[3]}`" for r in renamed]
    with open(os.path.join(CURATED, "first_name_drop.txt"), encoding="utf-8") as fh:
        names = [l.strip() for l in fh if l.strip() and not l.startswith("#")]
    out += ["", "## Given names left out (ordinary English or German words)", "",
            ", ".join(sorted(names)) + "."]
    with open(os.path.join(LEXICON, "DROPPED.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out) + "\n")
    print("DROPPED.md written")


if __name__ == "__main__":
    main()
