#!/usr/bin/env python3
"""Validates a corpus written by `mtlint gen --format json` with Python's `jsonschema`.

An independent reading of the derived schemas: valid samples must pass, samples whose sidecar
names a schema rule must fail, and semantic mutations must stay schema-valid. `mtlint schema`
prints portable JSON Schema (int32 ranges as minimum/maximum, the column discriminator as an
enum), so a plain validator sees every constraint; a schema that still holds mtlint's own
keywords (`x-mtlint-int32`, `x-mtlint-discriminator`) makes the mutations of those keywords
blind spots, counted apart.

Usage (formats need `rfc3986-validator` for `uri` and `rfc3339-validator` for `date-time`):

    python3 -m venv --system-site-packages /tmp/venv
    /tmp/venv/bin/pip install jsonschema rfc3986-validator rfc3339-validator
    mtlint gen --count 500 --out /tmp/corpus --seed 1
    for s in 200 400 401 403 404 500; do mtlint schema --status $s > /tmp/schema-$s.json; done
    /tmp/venv/bin/python crates/mtlint-gen/scripts/validate_corpus.py /tmp/corpus /tmp/schema-{}.json
"""

import json
import pathlib
import sys

import jsonschema

PLAIN_BLIND = ("x-mtlint-int32", "x-mtlint-discriminator")


def main() -> int:
    corpus = pathlib.Path(sys.argv[1])
    schema_pattern = sys.argv[2]
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    for needed in ("uri", "date-time", "uuid"):
        if needed not in checker.checkers:
            print(f"format {needed!r} is not checked: install its validator package", file=sys.stderr)
            return 2
    counts = {"valid ok": 0, "schema-breaking rejected": 0, "semantic accepted": 0,
              "int32/discriminator accepted (blind spot)": 0, "undocumented status skipped": 0}
    failures = []
    for path in sorted(corpus.glob("*/*.json")):
        status = path.parent.name
        schema_file = pathlib.Path(schema_pattern.replace("{}", status))
        if not schema_file.exists():
            counts["undocumented status skipped"] += 1
            continue
        schema_text = schema_file.read_text()
        validator = jsonschema.Draft202012Validator(json.loads(schema_text), format_checker=checker)
        blind_keywords = [k for k in PLAIN_BLIND if k in schema_text]
        body = json.loads(path.read_text())
        errors = [e.message for e in validator.iter_errors(body)]
        if path.name.startswith("valid-"):
            if errors:
                failures.append(f"{path}: valid sample rejected: {errors[:3]}")
            else:
                counts["valid ok"] += 1
            continue
        sidecar = json.loads(path.with_suffix(".mutation").read_text())
        rule, mutation = sidecar["rule"], sidecar["mutation"]
        # What plain JSON Schema cannot see: mtlint's int32 ranges and the column discriminator.
        blind = any(k in c for c in sidecar.get("covers", []) for k in blind_keywords) or (
            rule == "schema/oneOf" and "x-mtlint-discriminator" in blind_keywords)
        if rule.startswith("schema/") and not blind:
            if errors:
                counts["schema-breaking rejected"] += 1
            else:
                failures.append(f"{path}: {mutation} ({rule}) accepted")
        elif rule.startswith("schema/"):
            if errors:
                failures.append(f"{path}: {mutation} should be invisible to plain JSON Schema: {errors[:3]}")
            else:
                counts["int32/discriminator accepted (blind spot)"] += 1
        elif errors:
            failures.append(f"{path}: semantic mutation {mutation} is schema-invalid: {errors[:3]}")
        else:
            counts["semantic accepted"] += 1
    for name, n in counts.items():
        print(f"{n:6} {name}")
    for failure in failures:
        print("FAIL", failure)
    print(f"{sum(counts.values())} files, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
