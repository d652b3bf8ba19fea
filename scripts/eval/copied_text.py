#!/usr/bin/env python3
"""Checks that the examples in the rules and tests are not copied from evaluation text.

Project rule: the relation rules, their comments and the test records use invented
examples only, never a sentence copied from an evaluation set, so that nobody tunes
to the evaluation data. This script reads the text of every evaluation set and every
evaluation-adjacent corpus and reports each example that shares text with it.

Examples checked (paths relative to the repository):
  - every quoted string ("...", “...”, „...“, «...») in the `#` comment lines of
    data/rules/*.toml, tests/patterns/*.toml and tests/nlp/cases.toml (a quote may run
    over several comment lines);
  - every `text = "..."` of tests/patterns/*.toml and tests/nlp/cases.toml.

Evaluation text read (under SHARED, default ../shared next to the repository):
  corpora/knowledgenet, smartdata, wissenschaftsstandard, dfki-product, re-docred (JSON
  and JSON lines, gzipped or not: every text field, token lists joined), webnlg (XML),
  bbc-news and 10kgnad (article texts), ud (CoNLL-U `# text`), uner (IOB2 tokens),
  germeval2014 (tokens); gold/*.tsv and the articles news-dev.tsv names; the repository's
  seeds/*.txt and tests/gold/seeds.tsv.

Text is compared as words: NFKC, case-folded, every run of letters or digits a word,
everything else a separator (so "world's" and "world 's" compare equal). An example is
reported when it shares a run of 8 or more consecutive words with an evaluation text,
or, if it has 5 to 7 words, when all of it occurs in one. Shorter examples are not
checked. Each hit is printed as file:line with the longest shared run and where it was
found (file, record).

Run from anywhere (Python 3.11+, standard library only):

    python3 scripts/eval/copied_text.py [--shared /work/shared]

--window and --short change the two lengths (8 and 5), e.g. to look for shorter
copied fragments by hand; the check itself is the default.

Exit status: 0 when nothing is found, 1 when some example shares text, 2 on a usage or
input error (e.g. SHARED missing).
"""

import argparse
import csv
import gzip
import io
import json
import re
import sys
import tomllib
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WINDOW = 8  # shared consecutive words that count as copied
SHORT = 5  # an example this long (and shorter than WINDOW) counts when found whole

WORD = re.compile(r"[^\W_]+")
QUOTE = re.compile(r'"([^"]+)"|“([^”]+)”|„([^“”]+)[“”]|«([^»]+)»')
TEXT_LINE = re.compile(r"^\s*text\s*=")
# JSON fields that hold no prose, or only a marked-up copy of another field.
SKIP_KEYS = {"raw", "id", "uri", "signature", "provenance", "annotations"}


def words(s):
    return WORD.findall(unicodedata.normalize("NFKC", s).casefold())


# ------------------------------------------------------------------ the examples


@dataclass
class Example:
    path: str
    line: int
    kind: str
    text: str
    words: list
    best: tuple = None  # (shared words, source label)
    sources: set = field(default_factory=set)


def comment_examples(rel, lines):
    """Quoted strings in runs of `#` comment lines, with the line each starts on."""
    out = []
    block, starts = "", []

    def flush():
        nonlocal block, starts
        for m in QUOTE.finditer(block):
            q = next(g for g in m.groups() if g is not None)
            line = max(n for off, n in starts if off <= m.start())
            out.append((line, "comment", q.strip()))
        block, starts = "", []

    for n, line in enumerate(lines, 1):
        s = line.strip()
        if s.startswith("#"):
            starts.append((len(block), n))
            block += s.lstrip("#").strip() + " "
        else:
            flush()
    flush()
    return out


def text_examples(rel, lines):
    out = []
    for n, line in enumerate(lines, 1):
        if TEXT_LINE.match(line):
            try:
                out.append((n, "text", tomllib.loads(line.strip())["text"]))
            except tomllib.TOMLDecodeError as e:
                sys.exit(f"{rel}:{n}: cannot read the text line ({e})")
    return out


def examples():
    files = sorted((REPO / "data/rules").glob("*.toml"))
    tests = sorted((REPO / "tests/patterns").glob("*.toml")) + [REPO / "tests/nlp/cases.toml"]
    out = []
    for path in files + tests:
        if not path.exists():
            continue
        rel = str(path.relative_to(REPO))
        lines = path.read_text(encoding="utf-8").splitlines()
        found = comment_examples(rel, lines)
        if path in tests:
            found += text_examples(rel, lines)
        for line, kind, text in sorted(found):
            out.append(Example(rel, line, kind, text, words(text)))
    return out


# ------------------------------------------------------------- evaluation text


def read_bytes(path):
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data


def decode(data):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def json_records(text):
    """A JSON document, JSON lines, or concatenated JSON values."""
    try:
        yield from enumerate_top(json.loads(text))
        return
    except json.JSONDecodeError:
        pass
    dec, i, n = json.JSONDecoder(), 0, 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return
        value, i = dec.raw_decode(text, i)
        n += 1
        yield f"record {n}", value


def enumerate_top(value):
    if isinstance(value, list):
        for n, v in enumerate(value, 1):
            yield f"record {n}", v
    elif isinstance(value, dict) and value and all(isinstance(v, list) for v in value.values()):
        for key, items in value.items():
            for n, v in enumerate(items, 1):
                yield f"{key!r} item {n}", v
    else:
        yield "record 1", value


def json_strings(value):
    """Every piece of prose in a JSON value: strings, and lists of tokens joined."""
    if isinstance(value, str):
        if " " in value.strip():
            yield value
    elif isinstance(value, list):
        if value and all(isinstance(v, str) for v in value):
            yield " ".join(value)
        elif value and all(isinstance(v, list) and all(isinstance(t, str) for t in v) for v in value):
            yield " ".join(" ".join(v) for v in value)
        else:
            for v in value:
                yield from json_strings(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in SKIP_KEYS:
                yield from json_strings(v)


def record_name(value, fallback):
    if isinstance(value, dict):
        for key in ("documentId", "id", "title"):
            if isinstance(value.get(key), (str, int)):
                return f"{fallback} ({key} {value[key]})"
    return fallback


def json_texts(rel, text):
    for where, value in json_records(text):
        label = f"{rel} {record_name(value, where)}"
        for s in json_strings(value):
            yield label, s


def xml_texts(rel, text):
    root = ET.fromstring(text)
    for entry in root.iter("entry"):
        label = f"{rel} entry {entry.get('eid')}"
        for el in entry.iter():
            if el.text and " " in el.text.strip():
                yield label, el.text


def conllu_texts(rel, text):
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("# text ="):
            yield f"{rel}:{n}", line.split("=", 1)[1]


def column_texts(rel, text):
    """Token-per-line files (IOB2, GermEval): the second column, per sentence."""
    tokens, start = [], 1
    for n, line in enumerate(text.splitlines() + [""], 1):
        cols = line.split("\t")
        if line.strip() and not line.startswith("#") and len(cols) > 1:
            if not tokens:
                start = n
            tokens.append(cols[1])
        elif tokens:
            yield f"{rel}:{start}", " ".join(tokens)
            tokens = []


def tsv_texts(rel, text):
    for n, row in enumerate(csv.reader(io.StringIO(text), delimiter="\t"), 1):
        yield f"{rel}:{n}", " ".join(row)


def file_texts(path, rel):
    name = path.name[:-3] if path.name.endswith(".gz") else path.name
    text = decode(read_bytes(path))
    if name.endswith((".json", ".jsonl")):
        yield from json_texts(rel, text)
    elif name.endswith(".xml"):
        yield from xml_texts(rel, text)
    elif name.endswith(".conllu"):
        yield from conllu_texts(rel, text)
    elif name.endswith(".iob2") or "germeval" in rel:
        yield from column_texts(rel, text)
    elif name.endswith(".tsv"):
        yield from tsv_texts(rel, text)
    else:  # article texts, CSV of articles
        yield rel, text


CORPORA = [
    "knowledgenet",
    "smartdata",
    "wissenschaftsstandard",
    "dfki-product",
    "re-docred",
    "webnlg",
    "bbc-news",
    "10kgnad",
    "ud",
    "uner",
    "germeval2014",
]


def evaluation_files(shared):
    """(path, label) of every file to read, each once."""
    seen = set()

    def add(path, label):
        key = path.resolve()
        if key not in seen and path.is_file():
            seen.add(key)
            return [(path, label)]
        return []

    out = []
    for name in CORPORA:
        folder = shared / "corpora" / name
        if not folder.is_dir():
            print(f"warning: {folder} is missing, not checked", file=sys.stderr)
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix.lower() != ".md":
                out += add(path, str(path.relative_to(shared)))
    for path in sorted((shared / "gold").glob("*.tsv")):
        out += add(path, str(path.relative_to(shared)))
    news_dev = shared / "gold/news-dev.tsv"
    if news_dev.exists():
        with news_dev.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                doc = shared / "corpora" / (row["doc"] + ".txt")
                if not doc.exists():
                    print(f"warning: news-dev names {doc}, which is missing", file=sys.stderr)
                out += add(doc, str(doc.relative_to(shared)))
    for path in sorted((REPO / "seeds").glob("*")):
        out += add(path, "seeds/" + path.name)
    out += add(REPO / "tests/gold/seeds.tsv", "tests/gold/seeds.tsv")
    return out


# --------------------------------------------------------------------- matching


def index(exs, window, short):
    """n-gram -> [(example, position)] for the windows and the short examples."""
    grams = {}
    for ex in exs:
        w = ex.words
        if len(w) >= window:
            for j in range(len(w) - window + 1):
                grams.setdefault(window, {}).setdefault(tuple(w[j : j + window]), []).append((ex, j))
        elif len(w) >= short:
            grams.setdefault(len(w), {}).setdefault(tuple(w), []).append((ex, 0))
    return grams


def scan(label, ws, grams, firsts):
    for i, w in enumerate(ws):
        if w not in firsts:
            continue
        for n, table in grams.items():
            hits = table.get(tuple(ws[i : i + n]))
            if not hits:
                continue
            for ex, j in hits:
                a, b = i, i + n  # grow the shared run both ways
                k = j
                while a > 0 and k > 0 and ws[a - 1] == ex.words[k - 1]:
                    a, k = a - 1, k - 1
                while b < len(ws) and j + (b - i) < len(ex.words) and ws[b] == ex.words[j + (b - i)]:
                    b += 1
                shared = ws[a:b]
                ex.sources.add(label)
                if ex.best is None or len(shared) > len(ex.best[0]):
                    ex.best = (shared, label)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder (corpora/, gold/)")
    ap.add_argument("--window", type=int, default=WINDOW, help=f"shared consecutive words that count (default {WINDOW})")
    ap.add_argument("--short", type=int, default=SHORT, help=f"shortest example checked whole (default {SHORT})")
    args = ap.parse_args()
    if not (args.shared / "corpora").is_dir():
        print(f"error: {args.shared}/corpora not found (give --shared)", file=sys.stderr)
        return 2

    exs = examples()
    grams = index(exs, args.window, args.short)
    firsts = {g[0] for table in grams.values() for g in table}
    files = evaluation_files(args.shared)
    texts = 0
    for path, rel in files:
        for label, text in file_texts(path, rel):
            texts += 1
            scan(label, words(text), grams, firsts)

    hits = [ex for ex in exs if ex.best]
    for ex in hits:
        shared, label = ex.best
        more = f" (and {len(ex.sources) - 1} more)" if len(ex.sources) > 1 else ""
        print(f"{ex.path}:{ex.line}: {ex.kind} \"{ex.text}\"")
        print(f"    {len(shared)} words shared with {label}{more}: {' '.join(shared)}")
    print(f"\n{len(files)} evaluation files, {texts} texts read; {len(exs)} examples checked", file=sys.stderr)
    per_file = {}
    for ex in exs:
        c = per_file.setdefault(ex.path, [0, 0, 0])
        c[0] += 1
        c[1] += len(ex.words) >= min(args.short, args.window)
        c[2] += ex.best is not None
    for path, (n, checked, found) in per_file.items():
        print(f"  {path}: {n} examples, {checked} long enough to check, {found} found", file=sys.stderr)
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
