#!/usr/bin/env python3
"""Lists every cell where the crawler's class differs from the human one.

Usage: scripts/eval-disagreements.py TRUTH_DIR OUT_DIR [--schema faccT24]
One line per disagreement: model, parameter, human -> crawler class, over/under, and the
start of the crawler's notes, so a reviewer sees why without opening the files.
"""
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
    for t in sorted(truth.glob("*.yaml")):
        human = yaml.safe_load(t.read_text())
        o = out / t.name
        ours = yaml.safe_load(o.read_text()) if o.exists() else {}
        for key in KEYS[schema]:
            h, c = cls(human, key), cls(ours, key)
            if h not in RANK or h == c:
                continue
            kind = "no answer" if c not in RANK else ("OVER" if RANK[c] > RANK[h] else "under")
            notes = " ".join(str(((ours or {}).get(key) or {}).get("notes") or "").split())
            rows.append(f"{t.stem:24.24} {key:13} {h:>7} -> {c or '-':7} {kind:9} {notes[:110]}")
    print(f"{len(rows)} disagreements")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
