#!/usr/bin/env bash
# Prints the README's configuration table from the settings the node declares
# (bin/juice node --help-config), so the two cannot drift (ReadmeConfigTableTest checks it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/bin/juice" node --help-config | python3 -c '
import sys, re
lines = sys.stdin.read().splitlines()[1:]
print("| variable | key | default | meaning |")
print("|---|---|---|---|")
for line in lines:
    key, env, default, meaning = re.split(r"\s+", line.strip(), maxsplit=3)
    d = "—" if default == "-" else "`" + default + "`"
    print(f"| `{env}` | `{key}` | {d} | {meaning} |")
'
