"""pyarrow's S3FileSystem reads Parquet through `lakeformation-mock serve --fixture
tests/python/fixtures/server_readers_s3.json` with the keys the lake vends.

Run by .ci/python.sh (the environment of test_boto3_s3.py). boto3's `lakeformation` client vends
keys for the table sales.orders; `pyarrow.fs.S3FileSystem` (the AWS C++ SDK inside pyarrow)
reads the table's Parquet file and its whole prefix with them. Writing with the READ keys,
reading sales.customers, the caller's own keys, expired keys (the server's clock advanced past
`Expiration`, then fresh keys read again), a wrong secret and a missing session token each fail.

What pyarrow shows of a refusal: a HeadObject (its first call for a file) is answered without a
body, by S3 as by the mock, so pyarrow can only name the status (`ACCESS_DENIED` for 403,
`HTTP status 400`); the journal says which S3 code the server sent. A listing's refusal has S3's
XML body, and pyarrow shows S3's code (`ACCESS_DENIED`, `SIGNATURE_DOES_NOT_MATCH` as the SDK
names them; `ExceptionName: InvalidToken`, `ExceptionName: ExpiredToken` as it arrived).
"""

import os
import pathlib
import unittest

import boto3
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq
from botocore.config import Config

from mock_control import MOCK_URL, advance_clock_past, reset_journal, s3_requests

ORDERS_ARN = "arn:aws:glue:us-east-1:123456789012:table/sales/orders"
ORDERS = "lake-bucket/sales/orders/"
ORDERS_FILE = ORDERS + "part-0.parquet"
CUSTOMERS = "lake-bucket/sales/customers/"
CUSTOMERS_FILE = CUSTOMERS + "part-0.parquet"
DATA = pathlib.Path(__file__).parent / "fixtures" / "data" / "sales"
# The fixture's principal: the environment's own keys, which sign the vending call.
AMBIENT = (os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"], None)


def vend():
    lakeformation = boto3.client("lakeformation", config=Config(retries={"max_attempts": 1, "mode": "standard"}))
    out = lakeformation.get_temporary_glue_table_credentials(TableArn=ORDERS_ARN)
    return (out["AccessKeyId"], out["SecretAccessKey"], out["SessionToken"]), out["Expiration"]


def s3fs(access_key, secret_key, session_token):
    return pafs.S3FileSystem(
        access_key=access_key,
        secret_key=secret_key,
        session_token=session_token,
        endpoint_override=MOCK_URL.removeprefix("http://"),
        scheme="http",
        region="us-east-1",
        retry_strategy=pafs.AwsStandardS3RetryStrategy(max_attempts=1),
    )


def read_prefix(fs, prefix):
    """Reads every Parquet file under `prefix` as an engine reads a table: one listing, then
    the files (no HeadObject: the listing gave their sizes)."""
    selector = pafs.FileSelector(prefix, recursive=True)
    return ds.FileSystemDatasetFactory(fs, selector, ds.ParquetFileFormat()).finish().to_table()


class Case(unittest.TestCase):
    def setUp(self):
        reset_journal()

    def refused(self, call):
        with self.assertRaises(OSError) as raised:
            call()
        return str(raised.exception)

    def assert_refused(self, fs, file_shows, listing_shows, code, prefix=ORDERS, file=ORDERS_FILE):
        """Reading `file` fails at its HeadObject and listing `prefix` at its ListObjectsV2,
        pyarrow showing `file_shows` and `listing_shows`; the server answered both with `code`."""
        message = self.refused(lambda: pq.read_table(file, filesystem=fs))
        self.assertIn(f"AWS Error {file_shows} during HeadObject operation: No response body.", message)
        message = self.refused(lambda: read_prefix(fs, prefix))
        self.assertIn(f"during ListObjectsV2 operation: {listing_shows}", message)
        answered = [(r["Operation"], r["ErrorCode"]) for r in s3_requests()]
        self.assertEqual(answered, [("HeadObject", code), ("ListObjectsV2", code)])
        return message


class ExpiredKeysThenARefresh(Case):
    def test_keys_past_their_expiration_fail_and_fresh_ones_read(self):
        keys, expiration = vend()
        fs = s3fs(*keys)
        self.assertEqual(pq.read_table(ORDERS_FILE, filesystem=fs).num_rows, 4)

        advance_clock_past(expiration)
        reset_journal()
        shows = "Unable to parse ExceptionName: ExpiredToken Message: The provided token has expired."
        self.assert_refused(fs, "UNKNOWN (HTTP status 400)", shows, "ExpiredToken")

        fresh, fresh_expiration = vend()
        self.assertGreater(fresh_expiration, expiration)
        self.assertEqual(pq.read_table(ORDERS_FILE, filesystem=s3fs(*fresh)).num_rows, 4)


class VendedKeysAtPyarrow(Case):
    @classmethod
    def setUpClass(cls):
        cls.keys, _ = vend()
        cls.fs = s3fs(*cls.keys)

    def test_vended_keys_read_the_parquet_file_and_the_tables_prefix(self):
        expected = pq.read_table(DATA / "orders" / "part-0.parquet")
        table = pq.read_table(ORDERS_FILE, filesystem=self.fs)
        self.assertEqual(table.column("order_id").to_pylist(), [1, 2, 3, 4])
        self.assertTrue(table.equals(expected))
        self.assertTrue(read_prefix(self.fs, ORDERS).equals(expected))
        # Every request used the vended key, inside the table's prefix, and was answered.
        requests = s3_requests()
        self.assertEqual({r["Operation"] for r in requests}, {"HeadObject", "GetObject", "ListObjectsV2"})
        for r in requests:
            self.assertEqual((r["AccessKeyId"], r["VendedFor"], r["ErrorCode"]), (self.keys[0], [ORDERS_ARN], None))
            self.assertLess(r["Status"], 300)
            self.assertTrue((r["Key"] or r["Prefix"]).startswith("sales/orders/"), r)
        self.assertTrue(all(r["Range"] for r in requests if r["Operation"] == "GetObject"))

    def test_read_keys_do_not_write(self):
        def stream():
            with self.fs.open_output_stream(ORDERS + "new.bin") as out:
                out.write(b"not allowed")

        message = self.refused(stream)
        self.assertIn("ACCESS_DENIED during CreateMultipartUpload operation: Access Denied.", message)
        table = pa.table({"order_id": pa.array([5], pa.int64())})
        message = self.refused(lambda: pq.write_table(table, ORDERS + "new.parquet", filesystem=self.fs))
        self.assertIn("ACCESS_DENIED during CreateMultipartUpload operation: Access Denied.", message)
        answered = [(r["Operation"], r["Key"], r["ErrorCode"]) for r in s3_requests()]
        self.assertEqual(
            answered,
            [
                ("CreateMultipartUpload", "sales/orders/new.bin", "AccessDenied"),
                ("CreateMultipartUpload", "sales/orders/new.parquet", "AccessDenied"),
            ],
        )
        # Nothing was written: the READ keys find no such file.
        self.assertEqual(self.fs.get_file_info(ORDERS + "new.parquet").type, pafs.FileType.NotFound)

    def test_keys_for_orders_do_not_read_customers(self):
        message = self.assert_refused(
            self.fs, "ACCESS_DENIED", "Access Denied.", "AccessDenied", prefix=CUSTOMERS, file=CUSTOMERS_FILE
        )
        self.assertIn("AWS Error ACCESS_DENIED during ListObjectsV2", message)
        self.assertIn("which reach s3://lake-bucket/sales/orders/ (READ)", message)

    def test_ambient_keys_reach_nothing(self):
        message = self.assert_refused(s3fs(*AMBIENT), "ACCESS_DENIED", "Access Denied.", "AccessDenied")
        self.assertIn("AWS Error ACCESS_DENIED during ListObjectsV2", message)
        self.assertIn(f"(access key {AMBIENT[0]}), which reach nothing", message)

    def test_a_wrong_secret_is_signature_does_not_match(self):
        key, _, token = self.keys
        message = self.assert_refused(s3fs(key, "x" * 40, token), "ACCESS_DENIED", "", "SignatureDoesNotMatch")
        self.assertIn("AWS Error SIGNATURE_DOES_NOT_MATCH during ListObjectsV2", message)

    def test_the_vended_key_without_its_token_is_invalid_token(self):
        key, secret, _ = self.keys
        shows = "Unable to parse ExceptionName: InvalidToken Message: The provided token is malformed or otherwise invalid."
        self.assert_refused(s3fs(key, secret, None), "UNKNOWN (HTTP status 400)", shows, "InvalidToken")


if __name__ == "__main__":
    unittest.main(verbosity=2)
