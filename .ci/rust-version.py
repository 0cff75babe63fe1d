#!/usr/bin/env python3
"""The crate's `rust-version` is at least the highest `rust-version` among the dependencies a user
builds (normal and build dependencies, every feature on, for this host), so a dependency bump that
raises it fails CI. Reads the lock file through `cargo metadata`; asks no registry."""
import json
import subprocess
import sys


def parse(version):
    return tuple(int(part) for part in version.split("."))


def show(version):
    return ".".join(map(str, version))


host = next(line.split(": ", 1)[1] for line in subprocess.check_output(["rustc", "-vV"], text=True).splitlines()
            if line.startswith("host: "))
meta = json.loads(subprocess.check_output(
    ["cargo", "metadata", "--format-version", "1", "--locked", "--all-features", "--filter-platform", host],
    text=True))
packages = {p["id"]: p for p in meta["packages"]}
nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
root = meta["resolve"]["root"]
crate = packages[root]
if not crate.get("rust_version"):
    sys.exit("%s: Cargo.toml sets no rust-version" % crate["name"])

# Walk the normal and build dependency edges from the crate (dev-dependencies only build its own
# tests, examples and benches).
seen, todo = set(), [root]
while todo:
    for dep in nodes[todo.pop()]["deps"]:
        if dep["pkg"] not in seen and any(kind["kind"] in (None, "build") for kind in dep["dep_kinds"]):
            seen.add(dep["pkg"])
            todo.append(dep["pkg"])

declared = [(parse(packages[i]["rust_version"]), "%s %s" % (packages[i]["name"], packages[i]["version"]))
            for i in seen if packages[i].get("rust_version")]
highest = max(version for version, _ in declared)
needing = sorted(name for version, name in declared if version == highest)
ours = crate["rust_version"]
if parse(ours) < highest:
    sys.exit('rust-version = "%s" in Cargo.toml is below %s, which %d dependencies require (%s): raise it to "%s"'
             % (ours, show(highest), len(needing), ", ".join(needing), show(highest)))
print("rust-version %s >= %s, the highest of %d dependencies (%d declare one; at %s: %s)"
      % (ours, show(highest), len(seen), len(declared), show(highest), ", ".join(needing)))
