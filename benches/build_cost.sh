#!/usr/bin/env bash
# What depending on the mock adds to a consumer's build (figure `build_vs_sdk_only`, BENCHMARKS.md).
#
# Builds two minimal consumer crates from clean, one after the other, with the same lock file:
# `sdk-only` depends on aws-sdk-lakeformation alone, `with-mock` on the mock (default features)
# too. Each has one test that makes a client. Prints `name: value` lines: the clean
# `cargo test --no-run` time of each, their ratio, and the crates the mock adds (`cargo tree`).
# Each build has its own target directory under /tmp, deleted at exit (the disk is shared).
#
# Run from anywhere: `benches/build_cost.sh`. Needs the registry cache of a build of this crate
# (it builds offline).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/lfmock-build-cost.XXXXXX)"
trap 'rm -rf "$work"' EXIT

sdk_dep='aws-sdk-lakeformation = { version = "1.126", default-features = false, features = ["behavior-version-latest"] }'

# consumer NAME EXTRA_DEPENDENCY TEST_BODY
consumer() {
    local dir="$work/$1"
    mkdir -p "$dir/src" "$dir/tests"
    cat >"$dir/Cargo.toml" <<EOF
[package]
name = "consumer-$1"
version = "0.1.0"
edition = "2024"

[dependencies]
$sdk_dep
$2

[dev-dependencies]
tokio = { version = "1", features = ["macros", "rt"] }
EOF
    echo '//! A consumer.' >"$dir/src/lib.rs"
    cat >"$dir/tests/client.rs" <<EOF
#[tokio::test]
async fn makes_a_client() {
$3
}
EOF
    # The repository's versions, so both consumers build the same crates where they share them.
    cp "$repo/Cargo.lock" "$dir/Cargo.lock"
}

consumer sdk-only "" '    let config = aws_sdk_lakeformation::Config::builder().build();
    let _client = aws_sdk_lakeformation::Client::from_conf(config);'
consumer with-mock "lakeformation-mock = { path = \"$repo\" }" '    let mock = lakeformation_mock::MockLakeFormation::new();
    let _client = mock.client();'

# build NAME: a clean `cargo test --no-run` in a target directory of its own; prints its wall
# seconds and its CPU seconds (user + system, of cargo and every compiler it ran).
build() {
    local dir="$work/$1"
    (cd "$dir" && CARGO_TARGET_DIR="$work/target-$1" /usr/bin/time -f '%e %U %S' -o "$work/$1.time" \
        cargo test --offline --no-run --quiet >/dev/null 2>"$work/$1.log") || {
        cat "$work/$1.log" >&2
        exit 1
    }
    rm -rf "$work/target-$1"
    read -r wall user system <"$work/$1.time"
    echo "$wall $(echo "$user + $system" | bc)"
}

read -r sdk_s sdk_cpu < <(build sdk-only)
read -r mock_s mock_cpu < <(build with-mock)

crates() {
    (cd "$work/$1" && cargo tree --offline --edges normal,build --prefix none --format '{p}' 2>/dev/null) |
        sed 's/ (.*//; s/ (\*)$//' | sort -u
}
crates sdk-only >"$work/sdk-only.crates"
crates with-mock >"$work/with-mock.crates"
added=$(comm -13 "$work/sdk-only.crates" "$work/with-mock.crates" | grep -v '^consumer-' || true)

echo "build_sdk_only_s: $(printf %.1f "$sdk_s")"
echo "build_with_mock_s: $(printf %.1f "$mock_s")"
echo "build_vs_sdk_only: $(echo "scale=3; $mock_s / $sdk_s" | bc)"
# CPU time is what a loaded machine distorts least (wall time waits for other work); on an idle
# 2-core machine the wall ratio is the one users feel.
echo "build_cpu_sdk_only_s: $(printf %.1f "$sdk_cpu")"
echo "build_cpu_with_mock_s: $(printf %.1f "$mock_cpu")"
echo "build_cpu_vs_sdk_only: $(echo "scale=3; $mock_cpu / $sdk_cpu" | bc)"
echo "crates_sdk_only: $(grep -vc '^consumer-' "$work/sdk-only.crates")"
echo "crates_added_by_mock: $(echo "$added" | grep -c . || true)"
echo "crates_added: $(echo "$added" | tr '\n' ' ')"
