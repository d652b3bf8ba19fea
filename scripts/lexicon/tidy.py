#!/usr/bin/env python3
"""Sort the hand-written lexicon files in place (by label, then type) and normalise
their aliases (trimmed, de-duplicated, label removed). Run after editing:

    python3 scripts/lexicon/tidy.py
"""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import ENTITY_COLUMNS, LEXICON, join_aliases, read_tsv, split_aliases, write_tsv  # noqa: E402

HAND_WRITTEN = ["organizations.tsv", "outlets.tsv", "people.tsv", "products.tsv"]


def main() -> None:
    for name in HAND_WRITTEN:
        path = os.path.join(LEXICON, name)
        rows = read_tsv(path)
        for r in rows:
            r["aliases"] = join_aliases(r["label"], split_aliases(r["aliases"]))
        write_tsv(path, ENTITY_COLUMNS, rows)
        print(f"{name}: {len(rows)} rows")


if __name__ == "__main__":
    main()
