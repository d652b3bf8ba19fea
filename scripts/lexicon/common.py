"""Shared helpers for the lexicon generators and the checker.

All lexicon files are UTF-8 TSV with a header row, sorted by label (then type),
with `|`-separated aliases. Nothing here touches the network.
"""
from __future__ import annotations

import csv
import os
import unicodedata

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
LEXICON = os.path.join(ROOT, "data", "lexicon")
NAMES = os.path.join(ROOT, "data", "names")
CURATED = os.path.join(os.path.dirname(__file__), "curated")

ENTITY_COLUMNS = ["label", "type", "kind", "aliases", "parent", "wikidata", "source"]

KINDS = {
    "PLACE": {"country", "region", "state", "city", "continent"},
    "ORG": {"company", "outlet", "government", "institution", "university",
            "investor", "sports", "party"},
    "PER": {"person"},
    "PROD": {"product"},
    "EVENT": {"event"},
}

_APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'", "`": "'",
                "\u00b4": "'"}
_LETTERS = {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
            "ð": "d", "þ": "th", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"}


def fold(text: str) -> str:
    """ASCII-fold transliteration marks: 'Ghāziābād' -> 'Ghaziabad', 'İzmir' -> 'Izmir'.

    Keeps 'ß' (German orthography) and does not touch plain ASCII."""
    out = []
    for ch in text:
        ch = _APOSTROPHES.get(ch, ch)
        ch = _LETTERS.get(ch, ch)
        out.append(ch)
    text = "".join(out)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def norm_apostrophes(text: str) -> str:
    return "".join(_APOSTROPHES.get(c, c) for c in text)


def split_aliases(field: str) -> list[str]:
    return [a.strip() for a in field.split("|") if a.strip()] if field else []


def join_aliases(label: str, aliases) -> str:
    seen = {label}
    out = []
    for a in aliases:
        a = a.strip()
        if a and a not in seen:
            seen.add(a)
            out.append(a)
    return "|".join(out)


def read_tsv(path: str) -> list[dict]:
    """Read a TSV with a header; lines starting with '#' are comments."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [l for l in fh if l.strip() and not l.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for r in reader:
        rows.append({k: (v or "").strip() for k, v in r.items() if k is not None})
    return rows


def sort_key(row: dict, key: str = "label") -> tuple:
    return (row[key].casefold(), row[key], row.get("type", ""))


def write_tsv(path: str, columns: list[str], rows: list[dict], key: str = "label") -> None:
    rows = sorted(rows, key=lambda r: sort_key(r, key))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(columns) + "\n")
        for r in rows:
            vals = [str(r.get(c, "") or "") for c in columns]
            for v in vals:
                if "\t" in v or "\n" in v:
                    raise ValueError(f"tab or newline in value: {v!r}")
            fh.write("\t".join(vals) + "\n")
