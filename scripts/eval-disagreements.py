#!/usr/bin/env python3
"""Lists every cell where the crawler's class differs from the human one.

Usage: scripts/eval-disagreements.py TRUTH_DIR OUT_DIR [--schema faccT24]
One line per disagreement: model, parameter, human -> crawler class, over/under, and the
start of the crawler's notes, so a reviewer sees why without opening the files. Then, from
the JSON files beside the YAML ones, how often verdicts of each confidence agree.
"""
import json
import pathlib
import sys

import yaml

RANK = {"closed": 0, "partial": 1, "open": 2}
KEYS = {
    "faccT24": "opencode llmdata llmweights rldata rlweights license code architecture preprint paper modelcard datasheet package api".split(),
    "osai": "datasources_basemodel datasources_endmodel weights_basemodel weights_endmodel trainingcode code hardware_architecture preprint paper modelcard datasheet licenses".split(),
}


def cls(doc, key):
    v = (doc or {}).get(key)
    c = v.get("class") if isinstance(v, dict) else v
    return str(c).strip().lower() if c else ""


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    truth, out = pathlib.Path(argv[1]), pathlib.Path(argv[2])
    schema = argv[argv.index("--schema") + 1] if "--schema" in argv else "faccT24"
    rows = []
    by_confidence = {}
    for t in sorted(truth.glob("*.yaml")):
        human = yaml.safe_load(t.read_text())
        o = out / t.name
        ours = yaml.safe_load(o.read_text()) if o.exists() else {}
        j = out / (t.stem + ".json")
        verdicts = json.loads(j.read_text()).get("verdicts", {}) if j.exists() else {}
        for key in KEYS[schema]:
            h, c = cls(human, key), cls(ours, key)
            confidence = (verdicts.get(key) or {}).get("confidence")
            if h in RANK and confidence:
                n, exact, over = by_confidence.get(confidence, (0, 0, 0))
                by_confidence[confidence] = (n + 1, exact + (h == c), over + (c in RANK and RANK[c] > RANK[h]))
            if h not in RANK or h == c:
                continue
            kind = "no answer" if c not in RANK else ("OVER" if RANK[c] > RANK[h] else "under")
            notes = " ".join(str(((ours or {}).get(key) or {}).get("notes") or "").split())
            rows.append(f"{t.stem:24.24} {key:13} {h:>7} -> {c or '-':7} {kind:9} {notes[:110]}")
    print(f"{len(rows)} disagreements")
    print("\n".join(rows))
    for confidence in ("high", "medium", "low"):
        if confidence in by_confidence:
            n, exact, over = by_confidence[confidence]
            print(f"confidence {confidence:6}: {n:3} verdicts, {100 * exact / n:5.1f}% exact, {100 * over / n:5.1f}% over-claims")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
