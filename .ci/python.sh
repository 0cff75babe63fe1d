#!/usr/bin/env bash
# Server mode against real non-Rust clients: boto3, pyarrow and the AWS CLI call `lakeformation-mock serve`.
#
# Creates a virtual environment with boto3, pyarrow and the AWS CLI (v1; pinned versions, so a
# clean machine runs what was tested), builds the binary, and for each fixture and test
# below serves the fixture on an ephemeral loopback port, runs the test with
# AWS_ENDPOINT_URL_LAKEFORMATION, AWS_ENDPOINT_URL_GLUE, AWS_ENDPOINT_URL_STS and
# AWS_ENDPOINT_URL_S3 pointing at it (the binary is built with every feature, `glue`, `sts` and `s3` among them:
# the same server answers Glue's GetUnfilteredTableMetadata, STS's AssumeRole and
# GetCallerIdentity, and S3), and always stops the server:
# - fixtures/server_boto3.json, tests/python/test_boto3.py;
# - tests/python/fixtures/server_boto3_s3.json, tests/python/test_boto3_s3.py (S3 with vended
#   keys; outside fixtures/, which the Rust tests load from strings: its objects are files beside it);
# - tests/python/fixtures/server_readers_s3.json (two tables' Parquet files, data/sales/), once for
#   tests/python/test_pyarrow_s3.py (pyarrow.fs.S3FileSystem reads them with vended keys) and once
#   for tests/python/test_awscli_s3.py (`aws s3 cp` with vended keys in its environment): each
#   advances its server's clock to expire keys, so each has a server of its own.
# Exits non-zero if a server cannot start or a Python test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${LAKEFORMATION_MOCK_VENV:-target/python-venv}"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
# Pinned together: awscli 1.46.3 and boto3 1.44.18 both take botocore 1.44.18; pyarrow is a binary wheel.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    boto3==1.44.18 pyarrow==26.0.1 awscli==1.46.3

# All features: the binary `cargo test --all-features` already built (CI's earlier step), not a
# second build of the crate with another feature set.
cargo build --all-features --bin lakeformation-mock
bin="target/debug/lakeformation-mock"

# Serves fixture $1 and runs Python test $2 against it.
serve_and_test() {
    local fixture="$1" test="$2"
    out="$(mktemp)"
    err="$(mktemp)"
    "$bin" serve --fixture "$fixture" >"$out" 2>"$err" &
    server_pid=$!
    stop_server() {
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        rm -f "$out" "$err"
    }
    trap stop_server EXIT

    # The first line of standard output is the URL, printed once the port is bound.
    url=""
    for _ in $(seq 1 300); do
        url="$(head -n 1 "$out" || true)"
        [ -n "$url" ] && break
        if ! kill -0 "$server_pid" 2>/dev/null; then
            echo "lakeformation-mock serve exited before listening:" >&2
            cat "$err" >&2
            exit 1
        fi
        sleep 0.1
    done
    if [ -z "$url" ]; then
        echo "lakeformation-mock serve printed no URL within 30 s:" >&2
        cat "$err" >&2
        exit 1
    fi
    echo "python.sh: lakeformation-mock serving $fixture on $url"

    # Dummy credentials; keep any real AWS configuration of the machine out of the test.
    status=0
    env -u AWS_PROFILE -u AWS_SESSION_TOKEN -u AWS_ENDPOINT_URL \
        AWS_CONFIG_FILE=/dev/null \
        AWS_SHARED_CREDENTIALS_FILE=/dev/null \
        AWS_EC2_METADATA_DISABLED=true \
        AWS_ACCESS_KEY_ID=AKIDTEST \
        AWS_SECRET_ACCESS_KEY=not-a-secret \
        AWS_DEFAULT_REGION=us-east-1 \
        AWS_REGION=us-east-1 \
        AWS_ENDPOINT_URL_LAKEFORMATION="$url" \
        AWS_ENDPOINT_URL_GLUE="$url" \
        AWS_ENDPOINT_URL_STS="$url" \
        AWS_ENDPOINT_URL_S3="$url" \
        LAKEFORMATION_MOCK_URL="$url" \
        "$venv/bin/python" "$test" || status=$?

    if [ "$status" -ne 0 ]; then
        echo "--- lakeformation-mock serve stderr ---" >&2
        cat "$err" >&2
    fi
    stop_server
    trap - EXIT
    return "$status"
}

serve_and_test fixtures/server_boto3.json tests/python/test_boto3.py
serve_and_test tests/python/fixtures/server_boto3_s3.json tests/python/test_boto3_s3.py
serve_and_test tests/python/fixtures/server_readers_s3.json tests/python/test_pyarrow_s3.py
serve_and_test tests/python/fixtures/server_readers_s3.json tests/python/test_awscli_s3.py
