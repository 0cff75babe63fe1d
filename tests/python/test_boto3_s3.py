"""boto3 against the mock's S3: `lakeformation-mock serve --fixture tests/python/fixtures/server_boto3_s3.json`.

Run by .ci/python.sh (with the same environment as test_boto3.py, and AWS_ENDPOINT_URL_S3 set
to the server URL). boto3 vends table credentials from Lake Formation, then reads the table's
object with them; writing with the READ keys, reading past the prefix, the caller's own keys,
a wrong secret, a missing session token and expired keys (the server's clock advanced past
`Expiration` by its control endpoint; fresh keys then read again) each fail with S3's own code.
"""

import os
import unittest

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from mock_control import advance_clock_past

EVENTS_ARN = "arn:aws:glue:us-east-1:123456789012:table/lake/events"
OBJECT_KEY = "events/dt=2024-01-01/part-0.json"
NO_RETRIES = Config(retries={"max_attempts": 1, "mode": "standard"}, s3={"addressing_style": "path"})


def s3_with(access_key, secret, token=None):
    return boto3.client(
        "s3",
        aws_access_key_id=access_key,
        aws_secret_access_key=secret,
        aws_session_token=token,
        config=NO_RETRIES,
    )


def vend():
    lakeformation = boto3.client("lakeformation", config=NO_RETRIES)
    out = lakeformation.get_temporary_glue_table_credentials(TableArn=EVENTS_ARN)
    return s3_with(out["AccessKeyId"], out["SecretAccessKey"], out["SessionToken"]), out["Expiration"]


class ExpiredKeysThenARefresh(unittest.TestCase):
    # Runs before VendedKeysAtS3 (unittest orders classes by name), which vends after the advance.
    def test_keys_past_their_expiration_are_expired_token_and_fresh_ones_read(self):
        s3, expiration = vend()
        s3.get_object(Bucket="lake-bucket", Key=OBJECT_KEY)
        advance_clock_past(expiration)
        with self.assertRaises(ClientError) as raised:
            s3.get_object(Bucket="lake-bucket", Key=OBJECT_KEY)
        error = raised.exception.response
        self.assertEqual((error["Error"]["Code"], error["ResponseMetadata"]["HTTPStatusCode"]), ("ExpiredToken", 400))
        self.assertIn("The provided token has expired.", error["Error"]["Message"])
        fresh, fresh_expiration = vend()
        self.assertGreater(fresh_expiration, expiration)
        body = fresh.get_object(Bucket="lake-bucket", Key=OBJECT_KEY)["Body"].read()
        self.assertIn(b'"kind": "click"', body)


class VendedKeysAtS3(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        lakeformation = boto3.client("lakeformation", config=NO_RETRIES)
        out = lakeformation.get_temporary_glue_table_credentials(TableArn=EVENTS_ARN)
        cls.keys = (out["AccessKeyId"], out["SecretAccessKey"], out["SessionToken"])
        cls.s3 = s3_with(*cls.keys)

    def code(self, call):
        with self.assertRaises(ClientError) as raised:
            call()
        return raised.exception.response["Error"]["Code"]

    def test_vended_keys_read_list_and_range_the_table(self):
        body = self.s3.get_object(Bucket="lake-bucket", Key=OBJECT_KEY)["Body"].read()
        self.assertIn(b'"kind": "click"', body)
        ranged = self.s3.get_object(Bucket="lake-bucket", Key=OBJECT_KEY, Range="bytes=0-5")
        self.assertEqual(ranged["Body"].read(), body[:6])
        listed = self.s3.list_objects_v2(Bucket="lake-bucket", Prefix="events/", Delimiter="/")
        self.assertEqual([p["Prefix"] for p in listed["CommonPrefixes"]], ["events/dt=2024-01-01/"])
        head = self.s3.head_object(Bucket="lake-bucket", Key=OBJECT_KEY)
        self.assertEqual(head["ContentLength"], len(body))

    def test_read_keys_do_not_write_or_read_past_the_prefix(self):
        put = lambda: self.s3.put_object(Bucket="lake-bucket", Key="events/new.json", Body=b"{}")
        self.assertEqual(self.code(put), "AccessDenied")
        other = lambda: self.s3.get_object(Bucket="lake-bucket", Key="other/x.json")
        self.assertEqual(self.code(other), "AccessDenied")
        wide = lambda: self.s3.list_objects_v2(Bucket="lake-bucket", Prefix="")
        self.assertEqual(self.code(wide), "AccessDenied")

    def test_ambient_keys_wrong_secrets_and_missing_tokens_are_refused(self):
        key, secret, token = self.keys
        # The environment's own credentials (AKIDTEST, whose secret the fixture declares): no S3 access of their own.
        ambient = boto3.client("s3", config=NO_RETRIES)
        self.assertEqual(self.code(lambda: ambient.get_object(Bucket="lake-bucket", Key=OBJECT_KEY)), "AccessDenied")
        wrong = s3_with(key, "x" * 40, token)
        self.assertEqual(self.code(lambda: wrong.get_object(Bucket="lake-bucket", Key=OBJECT_KEY)), "SignatureDoesNotMatch")
        tokenless = s3_with(key, secret)
        self.assertEqual(self.code(lambda: tokenless.get_object(Bucket="lake-bucket", Key=OBJECT_KEY)), "InvalidToken")
        stranger = s3_with("AKIDSTRANGER", "x")
        self.assertEqual(self.code(lambda: stranger.get_object(Bucket="lake-bucket", Key=OBJECT_KEY)), "InvalidAccessKeyId")


if __name__ == "__main__":
    unittest.main(verbosity=2)
