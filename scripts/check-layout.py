#!/usr/bin/env python3
"""Checks that every verdict file in OUT has the layout of a schema file.

Usage: check-layout.py SCHEMA_TOML OUT

For each OUT/*.yaml: it parses as YAML; it starts with the schema's header mapping
(`project` or `system`) and `org`; it has every parameter key of the schema, each a
mapping whose `class` is open, partial or closed; every open or partial verdict has a
`link`. Prints one line per problem and a summary; exits 1 when a file is wrong or when
OUT holds no verdict file.
"""

import pathlib
import sys
import tomllib

import yaml

CLASSES = {"open", "partial", "closed"}


def problems(path, header, keys):
    """The layout problems of one verdict file."""
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        return [f"not valid YAML: {e}"]
    if not isinstance(doc, dict):
        return ["not a mapping"]
    found = []
    top = list(doc)
    if top[:2] != [header, "org"]:
        found.append(f"starts with {top[:2]}, not [{header!r}, 'org']")
    for key in keys:
        v = doc.get(key)
        if not isinstance(v, dict):
            found.append(f"{key}: missing")
            continue
        cls = v.get("class")
        if cls not in CLASSES:
            found.append(f"{key}: class {cls!r}")
        elif cls != "closed" and not v.get("link"):
            found.append(f"{key}: {cls} without a link")
    extra = [k for k in top if k not in keys and k not in (header, "org")]
    if extra:
        found.append(f"keys outside the schema: {extra}")
    return found


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    schema = tomllib.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))
    header = schema.get("header", "project")
    keys = [p["key"] for p in schema["parameters"]]
    files = sorted(pathlib.Path(sys.argv[2]).glob("*.yaml"))
    bad = 0
    for f in files:
        for p in problems(f, header, keys):
            print(f"{f.name}: {p}")
            bad += 1
    print(f"check-layout: {len(files)} files, {len(keys)} parameters each ({schema['name']}), {bad} problems")
    sys.exit(1 if bad or not files else 0)


if __name__ == "__main__":
    main()
