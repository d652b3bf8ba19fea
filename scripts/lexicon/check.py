#!/usr/bin/env python3
"""Check the lexicon files for consistency.

    python3 scripts/lexicon/check.py [--words]

Errors (exit status 1): wrong header, unsorted rows, empty or duplicate labels,
unknown type/kind, a parent that is not a label, malformed or repeated Wikidata ids,
an alias (case-insensitive) that names two different entities or is another entity's
label, demonyms pointing at unknown places, malformed name rows.

With --words, also warns about one-word aliases and labels that are ordinary English
words (needs the Debian word lists wamerican / wngerman in /usr/share/dict).
"""
from __future__ import annotations

import os
import re
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(__file__))
from common import ENTITY_COLUMNS, KINDS, LEXICON, NAMES, sort_key, split_aliases  # noqa: E402

ENTITY_FILES = ["places.tsv", "organizations.tsv", "outlets.tsv", "people.tsv", "products.tsv"]
QID = re.compile(r"^Q[1-9][0-9]*$")

errors: list[str] = []
warnings: list[str] = []


def err(msg: str) -> None:
    errors.append(msg)


def read(path: str, columns: list[str]) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    name = os.path.relpath(path)
    if not lines or lines[0].split("\t") != columns:
        err(f"{name}: header must be {columns}")
        return []
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        vals = line.split("\t")
        if len(vals) != len(columns):
            err(f"{name}:{n}: {len(vals)} columns, want {len(columns)}: {line!r}")
            continue
        if any(v != v.strip() for v in vals):
            err(f"{name}:{n}: stray whitespace in {line!r}")
        row = dict(zip(columns, vals))
        row["_where"] = f"{name}:{n}"
        rows.append(row)
    return rows


def check_sorted(rows: list[dict], key: str, name: str) -> None:
    keys = [sort_key(r, key) for r in rows]
    if keys != sorted(keys):
        err(f"{name}: rows are not sorted by {key} (run the generator or tidy.py)")


def check_entities() -> dict[str, list[dict]]:
    by_file = {}
    all_rows = []
    for f in ENTITY_FILES:
        path = os.path.join(LEXICON, f)
        if not os.path.exists(path):
            err(f"missing {f}")
            continue
        rows = read(path, ENTITY_COLUMNS)
        check_sorted(rows, "label", f)
        by_file[f] = rows
        all_rows += rows

    labels = defaultdict(list)
    for r in all_rows:
        w = r["_where"]
        if not r["label"]:
            err(f"{w}: empty label")
        if r["type"] not in KINDS:
            err(f"{w}: unknown type {r['type']!r}")
        elif r["kind"] not in KINDS[r["type"]]:
            err(f"{w}: kind {r['kind']!r} is not valid for {r['type']}")
        if r["wikidata"] and not QID.match(r["wikidata"]):
            err(f"{w}: malformed wikidata id {r['wikidata']!r}")
        if not r["source"]:
            err(f"{w}: empty source")
        if "||" in r["aliases"] or r["aliases"].startswith("|") or r["aliases"].endswith("|"):
            err(f"{w}: empty alias in {r['aliases']!r}")
        al = split_aliases(r["aliases"])
        if len(al) != len(set(al)):
            err(f"{w}: repeated alias in {r['label']}")
        if r["label"] in al:
            err(f"{w}: alias repeats the label {r['label']}")
        labels[(r["label"], r["type"])].append(w)

    for (label, typ), where in labels.items():
        if len(where) > 1:
            err(f"duplicate label {label!r} ({typ}) at {', '.join(where)}")

    label_set = {r["label"] for r in all_rows}
    for r in all_rows:
        if r["parent"] and r["parent"] not in label_set:
            err(f"{r['_where']}: parent {r['parent']!r} is not a label in the lexicon")
        if r["parent"] == r["label"]:
            err(f"{r['_where']}: {r['label']} is its own parent")

    qids = defaultdict(list)
    for r in all_rows:
        if r["wikidata"]:
            qids[r["wikidata"]].append(r["label"])
    for q, ls in qids.items():
        if len(ls) > 1:
            err(f"wikidata {q} used by {ls}")

    # Every name (label or alias), compared case-insensitively, must point at one entity.
    names = defaultdict(set)
    for r in all_rows:
        ident = (r["label"], r["type"])
        for n in [r["label"]] + split_aliases(r["aliases"]):
            names[n.casefold()].add(ident)
    for n, idents in sorted(names.items()):
        if len(idents) > 1:
            err(f"name {n!r} is shared by {sorted(idents)}")
    return by_file


def check_demonyms(place_labels: set[str]) -> None:
    path = os.path.join(LEXICON, "demonyms.tsv")
    if not os.path.exists(path):
        err("missing demonyms.tsv")
        return
    rows = read(path, ["demonym", "place", "lang", "source"])
    check_sorted(rows, "demonym", "demonyms.tsv")
    seen = defaultdict(set)
    for r in rows:
        w = r["_where"]
        if not r["demonym"]:
            err(f"{w}: empty demonym")
        if r["place"] not in place_labels:
            err(f"{w}: place {r['place']!r} is not in places.tsv")
        if r["lang"] not in ("en", "de"):
            err(f"{w}: lang must be en or de")
        if not r["source"]:
            err(f"{w}: empty source")
        seen[(r["demonym"], r["lang"])].add(r["place"])
    for (d, lang), places in seen.items():
        if len(places) > 1:
            err(f"demonym {d!r} ({lang}) points at {sorted(places)}")
    counts = defaultdict(int)
    for (d, lang), places in seen.items():
        for p in places:
            counts[(p, lang)] += 1
    # a duplicate row (same demonym, place, lang) shows up as a count mismatch
    if sum(len(p) for p in seen.values()) != len(rows):
        err("demonyms.tsv: repeated (demonym, place, lang) rows")


def check_first_names() -> None:
    path = os.path.join(NAMES, "first_names.tsv")
    if not os.path.exists(path):
        err("missing first_names.tsv")
        return
    rows = read(path, ["name", "gender", "lang", "source"])
    check_sorted(rows, "name", "first_names.tsv")
    seen = set()
    for r in rows:
        w = r["_where"]
        if not r["name"] or " " in r["name"]:
            err(f"{w}: bad name {r['name']!r}")
        if r["gender"] not in ("f", "m", "u"):
            err(f"{w}: gender must be f, m or u")
        if not re.match(r"^[a-z]{2}(,[a-z]{2})*$", r["lang"]):
            err(f"{w}: lang must be ISO 639-1 codes separated by commas")
        if r["name"] in seen:
            err(f"{w}: duplicate name {r['name']!r}")
        seen.add(r["name"])


def word_warnings(by_file: dict[str, list[dict]]) -> None:
    words = set()
    for f in ("american-english", "british-english"):
        p = os.path.join("/usr/share/dict", f)
        if os.path.exists(p):
            with open(p, encoding="utf-8", errors="replace") as fh:
                words |= {w.strip() for w in fh if w.strip() and w.strip().islower()}
    if not words:
        warnings.append("--words: no word lists in /usr/share/dict (apt-get install wamerican)")
        return
    for f, rows in by_file.items():
        for r in rows:
            for n in [r["label"]] + split_aliases(r["aliases"]):
                if " " not in n and n.lower() in words:
                    warnings.append(f"{r['_where']}: {n!r} ({r['label']}) is an English word")


def main() -> int:
    by_file = check_entities()
    places = {r["label"] for r in by_file.get("places.tsv", [])}
    check_demonyms(places)
    check_first_names()
    if "--words" in sys.argv:
        word_warnings(by_file)
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    counts = ", ".join(f"{f} {len(r)}" for f, r in by_file.items())
    print(f"rows: {counts}")
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
