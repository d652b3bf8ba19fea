"""One line of figures from the JSON of `newsgraph eval --json` (read on stdin)."""
import json
import sys

name = sys.argv[1]
r = json.load(sys.stdin)
if "upos_accuracy" in r:
    print(f"{name:<34} UPOS {100 * r['upos_accuracy']:.2f}  lemma {100 * r['lemma_accuracy']:.2f}")
    sys.exit()
o = r["overall"] if isinstance(r.get("overall"), dict) else r
line = f"{name:<34} P {o['precision']:.3f}  R {o['recall']:.3f}  F1 {o['f1']:.3f}"
for lang in r.get("per_language") or []:
    line += f"   {lang['language']}: F1 {lang['f1']:.3f} P {lang['precision']:.3f} R {lang['recall']:.3f}"
print(line)
