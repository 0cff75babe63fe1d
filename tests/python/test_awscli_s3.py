"""The AWS CLI (v1, installed in the venv) copies Parquet through `lakeformation-mock serve
--fixture tests/python/fixtures/server_readers_s3.json` with the keys the lake vends.

Run by .ci/python.sh (the environment of test_boto3_s3.py). The CLI itself vends keys for the
table sales.orders (`aws lakeformation get-temporary-glue-table-credentials`, signed with the
environment's own keys), then `aws s3 cp s3://.. -` reads the table's file with them, given in
the environment as a person would (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
`AWS_SESSION_TOKEN`, no config files). Uploading with the READ keys, reading sales.customers,
the caller's own keys, expired keys (the server's clock advanced past `Expiration`, then fresh
keys read again), a wrong secret and a missing session token each fail.

What the CLI shows of a refusal: `aws s3 cp` starts a download with HeadObject, which is
answered without a body (by S3 as by the mock), so it can only show the status ("(403) ...
Forbidden"); the journal says which S3 code the server sent. `aws s3 ls` (ListObjectsV2) and an
upload (PutObject) get S3's XML and show its code: "(AccessDenied)", "(ExpiredToken)"...
"""

import datetime
import json
import os
import pathlib
import subprocess
import sys
import unittest

from mock_control import MOCK_URL, advance_clock_past, reset_journal, s3_requests

AWS = str(pathlib.Path(sys.executable).parent / "aws")
ORDERS_ARN = "arn:aws:glue:us-east-1:123456789012:table/sales/orders"
ORDERS_FILE = "s3://lake-bucket/sales/orders/part-0.parquet"
CUSTOMERS_FILE = "s3://lake-bucket/sales/customers/part-0.parquet"
PARQUET = (pathlib.Path(__file__).parent / "fixtures" / "data" / "sales" / "orders" / "part-0.parquet").read_bytes()
# The fixture's principal: the environment's own keys.
AMBIENT = (os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"], None)


def aws(keys, *args, stdin=b""):
    """Runs `aws ARGS --endpoint-url <server>` signing with `keys` (access key, secret, token
    or None) from the environment, with no config files and no retries."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_ACCESS_KEY_ID=keys[0],
        AWS_SECRET_ACCESS_KEY=keys[1],
        AWS_CONFIG_FILE="/dev/null",
        AWS_SHARED_CREDENTIALS_FILE="/dev/null",
        AWS_EC2_METADATA_DISABLED="true",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_MAX_ATTEMPTS="1",
    )
    if keys[2] is not None:
        env["AWS_SESSION_TOKEN"] = keys[2]
    return subprocess.run(
        [AWS, *args, "--endpoint-url", MOCK_URL], env=env, input=stdin, capture_output=True, timeout=120
    )


def vend():
    done = aws(AMBIENT, "lakeformation", "get-temporary-glue-table-credentials", "--table-arn", ORDERS_ARN, "--output", "json")
    assert done.returncode == 0, done.stderr.decode()
    out = json.loads(done.stdout)
    # CLI v1 prints timestamps as they came on the wire: Lake Formation's are epoch seconds.
    expiration = datetime.datetime.fromtimestamp(out["Expiration"], tz=datetime.timezone.utc)
    return (out["AccessKeyId"], out["SecretAccessKey"], out["SessionToken"]), expiration


class Case(unittest.TestCase):
    def setUp(self):
        reset_journal()

    def assert_cp_reads(self, keys):
        done = aws(keys, "s3", "cp", ORDERS_FILE, "-")
        self.assertEqual(done.returncode, 0, done.stderr.decode())
        self.assertEqual(done.stdout, PARQUET)

    def assert_refused(self, keys, status, code, file=ORDERS_FILE):
        """`aws s3 cp FILE -` fails at HeadObject with `status` and `aws s3 ls` of its folder at
        ListObjectsV2 with S3's `code`; the server answered both with `code`. Answers the
        listing's stderr."""
        done = aws(keys, "s3", "cp", file, "-")
        self.assertEqual((done.returncode, done.stdout), (1, b""))
        self.assertIn(f"download failed: {file} to - An error occurred ({status}) when calling the HeadObject operation", done.stderr.decode())
        folder = file.rsplit("/", 1)[0] + "/"
        listed = aws(keys, "s3", "ls", folder)
        self.assertEqual((listed.returncode, listed.stdout), (255, b""))
        stderr = listed.stderr.decode()
        self.assertIn(f"An error occurred ({code}) when calling the ListObjectsV2 operation", stderr)
        # After a HeadObject answered 400, botocore asks HeadBucket for the bucket's region (its
        # S3RegionRedirector), which the same keys fail.
        probe = [("HeadBucket", code)] if status == "400" else []
        answered = [(r["Operation"], r["ErrorCode"]) for r in s3_requests()]
        self.assertEqual(answered, [("HeadObject", code), *probe, ("ListObjectsV2", code)])
        return stderr


class ExpiredKeysThenARefresh(Case):
    def test_keys_past_their_expiration_fail_and_fresh_ones_read(self):
        keys, expiration = vend()
        self.assert_cp_reads(keys)

        advance_clock_past(expiration)
        reset_journal()
        stderr = self.assert_refused(keys, "400", "ExpiredToken")
        self.assertIn("The provided token has expired.", stderr)

        fresh, fresh_expiration = vend()
        self.assertGreater(fresh_expiration, expiration)
        self.assert_cp_reads(fresh)


class VendedKeysAtTheCli(Case):
    @classmethod
    def setUpClass(cls):
        cls.keys, _ = vend()

    def test_vended_keys_copy_the_parquet_file_to_stdout(self):
        self.assert_cp_reads(self.keys)
        answered = [(r["Operation"], r["Key"], r["AccessKeyId"], r["VendedFor"], r["Status"]) for r in s3_requests()]
        key = "sales/orders/part-0.parquet"
        self.assertEqual(
            answered,
            [("HeadObject", key, self.keys[0], [ORDERS_ARN], 200), ("GetObject", key, self.keys[0], [ORDERS_ARN], 200)],
        )
        listed = aws(self.keys, "s3", "ls", "s3://lake-bucket/sales/orders/")
        self.assertEqual(listed.returncode, 0, listed.stderr.decode())
        self.assertTrue(listed.stdout.decode().rstrip().endswith(f"{len(PARQUET)} part-0.parquet"), listed.stdout)

    def test_read_keys_do_not_upload(self):
        target = "s3://lake-bucket/sales/orders/new.parquet"
        done = aws(self.keys, "s3", "cp", "-", target, stdin=PARQUET)
        self.assertEqual(done.returncode, 1)
        stderr = done.stderr.decode()
        self.assertIn(f"upload failed: - to {target} An error occurred (AccessDenied) when calling the PutObject operation: Access Denied.", stderr)
        self.assertIn("these keys are READ", stderr)
        answered = [(r["Operation"], r["Key"], r["ErrorCode"]) for r in s3_requests()]
        self.assertEqual(answered, [("PutObject", "sales/orders/new.parquet", "AccessDenied")])

    def test_keys_for_orders_do_not_read_customers(self):
        stderr = self.assert_refused(self.keys, "403", "AccessDenied", file=CUSTOMERS_FILE)
        self.assertIn("which reach s3://lake-bucket/sales/orders/ (READ)", stderr)

    def test_ambient_keys_reach_nothing(self):
        stderr = self.assert_refused(AMBIENT, "403", "AccessDenied")
        self.assertIn(f"(access key {AMBIENT[0]}), which reach nothing", stderr)

    def test_a_wrong_secret_is_signature_does_not_match(self):
        key, _, token = self.keys
        self.assert_refused((key, "x" * 40, token), "403", "SignatureDoesNotMatch")

    def test_the_vended_key_without_its_token_is_invalid_token(self):
        key, secret, _ = self.keys
        stderr = self.assert_refused((key, secret, None), "400", "InvalidToken")
        self.assertIn("The provided token is malformed or otherwise invalid.", stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
