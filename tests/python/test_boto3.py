"""boto3 against `lakeformation-mock serve --fixture fixtures/server_boto3.json`.

Run by .ci/python.sh, which starts the server and sets:
  AWS_ENDPOINT_URL_LAKEFORMATION  the server URL (boto3 picks it up by itself)
  LAKEFORMATION_MOCK_URL          the same URL, for the control endpoints
  AWS_ACCESS_KEY_ID=AKIDTEST, AWS_SECRET_ACCESS_KEY=not-a-secret, AWS_DEFAULT_REGION=us-east-1

The client is built with no endpoint argument: exactly what code that cannot be changed does.
The values checked here are those the fixture scripts.
"""

import datetime
import json
import os
import sys
import unittest
import urllib.request
import uuid

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

MOCK_URL = os.environ["LAKEFORMATION_MOCK_URL"].rstrip("/")

# What fixtures/server_boto3.json answers.
ORDERS_ARN = "arn:aws:glue:us-east-1:123456789012:table/sales/orders"
DENIED_ARN = "arn:aws:glue:us-east-1:123456789012:table/sales/payroll"
TABLE_KEY = "ASIABOTOTABLE0000001"
LOCATION = "s3://sales-bucket/orders/"
LOCATION_KEY = "ASIABOTOLOCATION0001"
# A table of the fixture's lake (us-east-1), answered by the lake rather than a rule.
LAKE_ARN = "arn:aws:glue:us-east-1:123456789012:table/lake/events"
EXPIRATION = datetime.datetime(2030, 3, 17, 17, 46, 40, tzinfo=datetime.timezone.utc)  # 1900000000
SECRETS = (
    "botoTableSecretNotReal0000000000000000000",
    "Ym90by10YWJsZS1zZXNzaW9uLXRva2VuLW5vdC1yZWFs",
    "botoLocationSecretNotReal000000000000000",
    "Ym90by1sb2NhdGlvbi1zZXNzaW9uLXRva2VuLW5vdC1yZWFs",
)


def lakeformation():
    # No retries: each call is one request, so the journal checks are exact.
    return boto3.client("lakeformation", config=Config(retries={"max_attempts": 1, "mode": "standard"}))


def control(method, endpoint):
    request = urllib.request.Request(f"{MOCK_URL}/__lakeformation_mock/{endpoint}", method=method)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


def journal_entries_with_audit(audit):
    journal = json.loads(control("GET", "journal"))
    return [
        r
        for r in journal["requests"]
        if ((r.get("input") or {}).get("AuditContext") or {}).get("AdditionalAuditContext") == audit
    ]


class Boto3AgainstServer(unittest.TestCase):
    def test_glue_table_credentials(self):
        audit = f"boto3-{uuid.uuid4()}"
        out = lakeformation().get_temporary_glue_table_credentials(
            TableArn=ORDERS_ARN,
            SupportedPermissionTypes=["COLUMN_PERMISSION"],
            AuditContext={"AdditionalAuditContext": audit},
            QuerySessionContext={"QueryId": "py-query-1", "QueryAuthorizationId": "py-auth-1"},
        )
        self.assertEqual(out["AccessKeyId"], TABLE_KEY)
        self.assertEqual(out["SecretAccessKey"], SECRETS[0])
        self.assertEqual(out["SessionToken"], SECRETS[1])
        self.assertEqual(out["Expiration"], EXPIRATION)
        self.assertEqual(out["VendedS3Path"], [LOCATION])

        [entry] = journal_entries_with_audit(audit)
        self.assertEqual(entry["operation"], "GetTemporaryGlueTableCredentials")
        self.assertEqual(entry["access_key_id"], "AKIDTEST")
        self.assertEqual(entry["input"]["TableArn"], ORDERS_ARN)
        self.assertEqual(entry["input"]["SupportedPermissionTypes"], ["COLUMN_PERMISSION"])
        self.assertEqual(entry["input"]["QuerySessionContext"]["QueryId"], "py-query-1")
        self.assertEqual(entry["input"]["QuerySessionContext"]["QueryAuthorizationId"], "py-auth-1")
        self.assertEqual(entry["answer"]["status"], 200)
        self.assertEqual(entry["answer"]["credentials"]["AccessKeyId"], TABLE_KEY)

    def test_data_location_credentials(self):
        audit = f"boto3-{uuid.uuid4()}"
        out = lakeformation().get_temporary_data_location_credentials(
            DataLocations=[LOCATION],
            CredentialsScope="READ",
            AuditContext={"AdditionalAuditContext": audit},
        )
        credentials = out["Credentials"]
        self.assertEqual(credentials["AccessKeyId"], LOCATION_KEY)
        self.assertEqual(credentials["SecretAccessKey"], SECRETS[2])
        self.assertEqual(credentials["SessionToken"], SECRETS[3])
        self.assertEqual(credentials["Expiration"], EXPIRATION)
        self.assertEqual(out["AccessibleDataLocations"], [LOCATION])
        self.assertEqual(out["CredentialsScope"], "READ")

        [entry] = journal_entries_with_audit(audit)
        self.assertEqual(entry["operation"], "GetTemporaryDataLocationCredentials")
        self.assertEqual(entry["input"]["DataLocations"], [LOCATION])
        self.assertEqual(entry["input"]["CredentialsScope"], "READ")

    def test_modeled_error_is_a_client_error_with_its_code(self):
        audit = f"boto3-{uuid.uuid4()}"
        with self.assertRaises(ClientError) as caught:
            lakeformation().get_temporary_glue_table_credentials(
                TableArn=DENIED_ARN, AuditContext={"AdditionalAuditContext": audit}
            )
        error = caught.exception.response["Error"]
        self.assertEqual(error["Code"], "AccessDeniedException")
        self.assertEqual(error["Message"], "Access is not allowed.")
        [entry] = journal_entries_with_audit(audit)
        self.assertEqual(entry["answer"]["error_code"], "AccessDeniedException")

    def test_an_operation_the_mock_does_not_answer_is_a_clear_client_error(self):
        with self.assertRaises(ClientError) as caught:
            lakeformation().get_data_lake_settings()
        error = caught.exception.response["Error"]
        self.assertEqual(error["Code"], "LakeFormationMockNoMatch")
        self.assertIn("GetDataLakeSettings", error["Message"])
        metadata = caught.exception.response["ResponseMetadata"]
        self.assertEqual(metadata["HTTPStatusCode"], 404)
        # The request id of the error is the journal entry's.
        self.assertTrue(metadata.get("RequestId"), metadata)
        journal = json.loads(control("GET", "journal"))
        [entry] = [r for r in journal["requests"] if r["answer"]["request_id"] == metadata["RequestId"]]
        self.assertEqual(entry["operation"], "GetDataLakeSettings")

    def test_an_invalid_request_is_refused_as_the_service_refuses_it(self):
        # botocore checks the minimum itself; turn that off to send what other clients would.
        client = boto3.client(
            "lakeformation",
            config=Config(retries={"max_attempts": 1, "mode": "standard"}, parameter_validation=False),
        )
        with self.assertRaises(ClientError) as caught:
            client.get_temporary_glue_table_credentials(TableArn=ORDERS_ARN, DurationSeconds=5)
        error = caught.exception.response["Error"]
        self.assertEqual(error["Code"], "InvalidInputException")
        self.assertEqual(
            error["Message"],
            "1 validation error detected: Value '5' at 'durationSeconds' failed to satisfy constraint: "
            "Member must have value greater than or equal to 900",
        )
        self.assertTrue(caught.exception.response["ResponseMetadata"].get("RequestId"))

    def test_a_lake_refuses_a_client_of_another_region(self):
        client = boto3.client(
            "lakeformation", region_name="eu-west-1", config=Config(retries={"max_attempts": 1, "mode": "standard"})
        )
        audit = f"boto3-{uuid.uuid4()}"
        with self.assertRaises(ClientError) as caught:
            client.get_temporary_glue_table_credentials(
                TableArn=LAKE_ARN, AuditContext={"AdditionalAuditContext": audit}
            )
        error = caught.exception.response["Error"]
        self.assertEqual(error["Code"], "AccessDeniedException")
        self.assertIn("eu-west-1", error["Message"])
        self.assertIn("us-east-1", error["Message"])
        [entry] = journal_entries_with_audit(audit)
        self.assertEqual(entry["region"], "eu-west-1")
        self.assertEqual(entry["answer"]["answered_by"], "lake")

    def test_a_lake_refusal_is_explained_by_its_trace_in_the_journal(self):
        audit = f"boto3-{uuid.uuid4()}"
        with self.assertRaises(ClientError) as caught:
            lakeformation().get_temporary_glue_table_credentials(
                TableArn=LAKE_ARN, Permissions=["INSERT"], AuditContext={"AdditionalAuditContext": audit}
            )
        error = caught.exception.response["Error"]
        self.assertEqual(error["Code"], "AccessDeniedException")
        # The client sees the service's terse message; the journal tells why.
        self.assertEqual(error["Message"], "Insufficient Lake Formation permission(s): Required INSERT on lake.events")
        [entry] = journal_entries_with_audit(audit)
        trace = entry["answer"]["trace"]
        self.assertIn("principal: access key id AKIDTEST is arn:aws:iam::123456789012:role/boto3 (no session tag)", trace)
        self.assertIn("grants: SELECT on lake.events", trace)
        self.assertIn("permission INSERT: missing: no grant considered gives it (nor ALL or SUPER_USER)", trace)
        self.assertTrue(trace[-1].startswith("answer: refused with AccessDeniedException"), trace)

    def test_the_journal_never_shows_secrets(self):
        lakeformation().get_temporary_glue_table_credentials(TableArn=ORDERS_ARN)
        lakeformation().get_temporary_data_location_credentials(DataLocations=[LOCATION], CredentialsScope="READ")
        text = control("GET", "journal")
        for secret in ("SecretAccessKey", "SessionToken", "Signature=", "not-a-secret") + SECRETS:
            self.assertNotIn(secret, text)
        self.assertIn("** redacted **", text)


class PartitionCredentials(unittest.TestCase):
    """GetTemporaryGluePartitionCredentials, answered by the fixture's lake (no rule scripts it)."""

    def test_a_partition_of_the_lake_is_vended(self):
        audit = f"boto3-{uuid.uuid4()}"
        out = lakeformation().get_temporary_glue_partition_credentials(
            TableArn=LAKE_ARN,
            Partition={"Values": ["2024-01-01"]},
            Permissions=["SELECT"],
            SupportedPermissionTypes=["CELL_FILTER_PERMISSION"],
            AuditContext={"AdditionalAuditContext": audit},
        )
        self.assertTrue(out["AccessKeyId"].startswith("ASIA"), out["AccessKeyId"])
        self.assertEqual(len(out["SecretAccessKey"]), 40)
        self.assertIsInstance(out["Expiration"], datetime.datetime)
        self.assertNotIn("VendedS3Path", out)

        [entry] = journal_entries_with_audit(audit)
        self.assertEqual(entry["operation"], "GetTemporaryGluePartitionCredentials")
        self.assertEqual(entry["input"]["Partition"]["Values"], ["2024-01-01"])
        self.assertEqual(entry["answer"]["answered_by"], "lake")
        self.assertEqual(entry["answer"]["credentials"]["AccessKeyId"], out["AccessKeyId"])
        self.assertIn("partition [2024-01-01]: at s3://lake-bucket/events/dt=2024-01-01/", entry["answer"]["trace"])

    def test_an_unknown_partition_is_entity_not_found(self):
        with self.assertRaises(ClientError) as caught:
            lakeformation().get_temporary_glue_partition_credentials(
                TableArn=LAKE_ARN, Partition={"Values": ["2099-01-01"]}
            )
        error = caught.exception.response["Error"]
        self.assertEqual(error["Code"], "EntityNotFoundException")
        self.assertEqual(error["Message"], "Partition [2099-01-01] not found in table lake.events.")


class ModelDrift(unittest.TestCase):
    """The fixture format's enums (schema/scenario-v1.schema.json) are botocore's model's."""

    def test_the_schema_enums_are_the_models(self):
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        with open(os.path.join(root, "schema", "scenario-v1.schema.json")) as f:
            definitions = json.load(f)["$defs"]
        model = boto3.session.Session().client("lakeformation", region_name="us-east-1").meta.service_model
        for schema_name, shape in (
            ("PermissionName", "Permission"),
            ("PermissionTypeName", "PermissionType"),
            ("ScopeName", "CredentialsScope"),
        ):
            with self.subTest(shape=shape):
                self.assertEqual(sorted(definitions[schema_name]["enum"]), sorted(model.shape_for(shape).enum))


class FinalVerification(unittest.TestCase):
    """Runs after the calls above: every rule of the fixture was used."""

    def test_every_expectation_of_the_fixture_is_met(self):
        report = json.loads(control("GET", "verify"))
        self.assertTrue(report["passed"], report["report"])
        text = urllib.request.urlopen(
            urllib.request.Request(f"{MOCK_URL}/__lakeformation_mock/verify", headers={"Accept": "text/plain"}),
            timeout=10,
        ).read().decode()
        self.assertEqual(text, report["report"])


def glue():
    # AWS_ENDPOINT_URL_GLUE points at the same server (the binary is built with the `glue` feature).
    return boto3.client("glue", config=Config(retries={"max_attempts": 1, "mode": "standard"}))


class GlueHandshakeAgainstServer(unittest.TestCase):
    """The query-authorization handshake: Glue issues the id, vending checks it (feature `glue`)."""

    def authorize(self, query_id):
        return glue().get_unfiltered_table_metadata(
            CatalogId="123456789012",
            DatabaseName="lake",
            Name="events",
            SupportedPermissionTypes=["COLUMN_PERMISSION"],
            QuerySessionContext={"QueryId": query_id, "QueryStartTime": datetime.datetime.now(datetime.timezone.utc)},
        )

    def test_authorize_then_vend_and_renew_with_the_same_id(self):
        query_id = f"py-glue-{uuid.uuid4()}"
        out = self.authorize(query_id)
        # The live shape of a full-table grant: sorted columns, RowFilter TRUE, one TRUE per column.
        # The partition key dt is one of the table's columns, authorized with the rest.
        self.assertEqual(out["AuthorizedColumns"], ["dt", "id", "kind", "ts"])
        self.assertEqual(out["RowFilter"], "TRUE")
        self.assertEqual(
            out["CellFilters"], [{"ColumnName": c, "RowFilterExpression": "TRUE"} for c in ["dt", "id", "kind", "ts"]]
        )
        self.assertTrue(out["IsRegisteredWithLakeFormation"])
        self.assertEqual(out["ResourceArn"], LAKE_ARN)
        self.assertEqual(out["Table"]["StorageDescriptor"]["Location"], "s3://lake-bucket/events/")
        self.assertEqual([c["Name"] for c in out["Table"]["StorageDescriptor"]["Columns"]], ["ts", "kind", "id"])
        qa = out["QueryAuthorizationId"]
        self.assertEqual(len(qa), 64)

        keys = []
        for _ in range(2):  # the scan's credentials, then their renewal: the same id both times
            creds = lakeformation().get_temporary_glue_table_credentials(
                TableArn=LAKE_ARN,
                SupportedPermissionTypes=["COLUMN_PERMISSION"],
                QuerySessionContext={"QueryId": query_id, "QueryAuthorizationId": qa},
            )
            self.assertTrue(creds["AccessKeyId"].startswith("ASIA"))
            keys.append(creds["AccessKeyId"])
        self.assertNotEqual(keys[0], keys[1])

        journal = json.loads(control("GET", "journal"))["requests"]
        [glue_entry] = [
            r for r in journal if ((r.get("input") or {}).get("QuerySessionContext") or {}).get("QueryId") == query_id
            and r["operation"] == "GetUnfilteredTableMetadata"
        ]
        self.assertEqual(glue_entry["answer"]["answered_by"], "lake")
        vendings = [
            r
            for r in journal
            if ((r.get("input") or {}).get("QuerySessionContext") or {}).get("QueryAuthorizationId") == qa
        ]
        self.assertEqual(len(vendings), 2)
        for entry in vendings:
            self.assertEqual(entry["operation"], "GetTemporaryGlueTableCredentials")
            self.assertTrue(any(qa in step and glue_entry["answer"]["request_id"] in step for step in entry["answer"]["trace"]))

    def test_an_id_the_lake_did_not_issue_is_refused(self):
        with self.assertRaises(ClientError) as caught:
            lakeformation().get_temporary_glue_table_credentials(
                TableArn=LAKE_ARN, QuerySessionContext={"QueryAuthorizationId": "py-not-issued"}
            )
        error = caught.exception.response["Error"]
        self.assertEqual(error["Code"], "AccessDeniedException")
        self.assertIn("py-not-issued is unknown", error["Message"])

    def test_two_permission_types_are_refused_with_the_live_wording(self):
        with self.assertRaises(ClientError) as caught:
            glue().get_unfiltered_table_metadata(
                CatalogId="123456789012",
                DatabaseName="lake",
                Name="events",
                SupportedPermissionTypes=["COLUMN_PERMISSION", "CELL_FILTER_PERMISSION"],
            )
        error = caught.exception.response["Error"]
        self.assertEqual(error["Code"], "InvalidInputException")
        self.assertEqual(
            error["Message"],
            "Invalid permission type, it must be one of the following: COLUMN_PERMISSION, CELL_FILTER_PERMISSION, "
            "NESTED_PERMISSION, NESTED_CELL_PERMISSION, or DATA_LOCATION_PERMISSION",
        )

    def test_another_glue_operation_is_a_clear_client_error(self):
        with self.assertRaises(ClientError) as caught:
            glue().get_table(DatabaseName="lake", Name="events")
        error = caught.exception.response["Error"]
        self.assertEqual(error["Code"], "LakeFormationMockNoMatch")
        self.assertIn("AWSGlue.GetTable", error["Message"])


class GlueRulesFromAFixture(unittest.TestCase):
    """fixtures/glue_rules.json posted to the running server: Glue rules answer boto3's Glue client."""

    KEY = "AKIDPYGLUERULES"

    @classmethod
    def setUpClass(cls):
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures", "glue_rules.json")
        with open(path) as f:
            fixture = json.load(f)
        fixture.pop("$schema", None)
        # Only this class's requests (signed with KEY) reach these rules; the lake answers the rest.
        for rule in fixture["rules"]:
            rule["match"] = {"SignedBy": cls.KEY}
        request = urllib.request.Request(
            f"{MOCK_URL}/__lakeformation_mock/fixture", data=json.dumps(fixture).encode(), method="POST"
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            loaded = json.loads(response.read().decode())
        assert loaded["rules_added"] == 2, loaded

    def glue(self):
        return boto3.client(
            "glue",
            aws_access_key_id=self.KEY,
            aws_secret_access_key="not-a-secret",
            config=Config(retries={"max_attempts": 1, "mode": "standard"}),
        )

    def test_table_metadata_then_glues_error(self):
        ask = dict(CatalogId="123456789012", DatabaseName="sales", Name="orders", SupportedPermissionTypes=["CELL_FILTER_PERMISSION"])
        for _ in range(2):
            out = self.glue().get_unfiltered_table_metadata(**ask)
            self.assertEqual(out["Table"]["Name"], "orders")
            self.assertEqual(out["Table"]["StorageDescriptor"]["Location"], "s3://sales-bucket/orders/")
            self.assertEqual(out["AuthorizedColumns"], ["id", "region"])
            self.assertEqual(out["QueryAuthorizationId"], "qa-orders-0001")
            self.assertEqual(out["Permissions"], ["SELECT"])
            self.assertEqual(out["RowFilter"], "region = 'eu'")
        with self.assertRaises(ClientError) as caught:
            self.glue().get_unfiltered_table_metadata(**ask)
        self.assertEqual(caught.exception.response["Error"]["Code"], "EntityNotFoundException")
        self.assertEqual(caught.exception.response["Error"]["Message"], "Entity Not Found")

    def test_partitions_in_two_pages(self):
        ask = dict(CatalogId="123456789012", DatabaseName="sales", TableName="orders", SupportedPermissionTypes=["CELL_FILTER_PERMISSION"])
        first = self.glue().get_unfiltered_partitions_metadata(**ask)
        self.assertEqual(first["NextToken"], "page-2")
        self.assertEqual(first["UnfilteredPartitions"][0]["Partition"]["Values"], ["2024-01-01"])
        second = self.glue().get_unfiltered_partitions_metadata(NextToken="page-2", **ask)
        self.assertNotIn("NextToken", second)
        self.assertEqual(second["UnfilteredPartitions"][0]["Partition"]["Values"], ["2024-01-02"])


ENGINE_ROLE = "arn:aws:iam::123456789012:role/boto3-engine"


def sts(**credentials):
    # AWS_ENDPOINT_URL_STS points at the same server (the binary is built with the `sts` feature).
    session = boto3.session.Session(**credentials) if credentials else boto3
    return session.client("sts", config=Config(retries={"max_attempts": 1, "mode": "standard"}))


class StsAgainstServer(unittest.TestCase):
    """STS (feature `sts`): boto3 assumes the fixture's role, and its session calls Lake Formation."""

    def test_assume_role_then_vend_as_the_session(self):
        out = sts().assume_role(
            RoleArn=ENGINE_ROLE,
            RoleSessionName="boto3-scan",
            DurationSeconds=900,
            Tags=[{"Key": "team", "Value": "data"}],
            TransitiveTagKeys=["team"],
        )
        credentials = out["Credentials"]
        self.assertTrue(credentials["AccessKeyId"].startswith("ASIA"), credentials["AccessKeyId"])
        left = credentials["Expiration"] - datetime.datetime.now(datetime.timezone.utc)
        self.assertTrue(datetime.timedelta(seconds=890) < left <= datetime.timedelta(seconds=900), left)
        session_arn = "arn:aws:sts::123456789012:assumed-role/boto3-engine/boto3-scan"
        self.assertEqual(out["AssumedRoleUser"]["Arn"], session_arn)
        self.assertTrue(out["AssumedRoleUser"]["AssumedRoleId"].endswith(":boto3-scan"))

        keys = {
            "aws_access_key_id": credentials["AccessKeyId"],
            "aws_secret_access_key": credentials["SecretAccessKey"],
            "aws_session_token": credentials["SessionToken"],
        }
        self.assertEqual(sts(**keys).get_caller_identity()["Arn"], session_arn)
        lf = boto3.session.Session(**keys).client(
            "lakeformation", config=Config(retries={"max_attempts": 1, "mode": "standard"})
        )
        vended = lf.get_temporary_glue_table_credentials(
            TableArn=LAKE_ARN, SupportedPermissionTypes=["COLUMN_PERMISSION"]
        )
        self.assertTrue(vended["AccessKeyId"].startswith("ASIA"))

        journal = json.loads(control("GET", "journal"))["requests"]
        [entry] = [r for r in journal if (r["answer"]["credentials"] or {}).get("AccessKeyId") == vended["AccessKeyId"]]
        self.assertEqual(entry["access_key_id"], credentials["AccessKeyId"])
        self.assertNotIn(credentials["SecretAccessKey"], json.dumps(journal))
        self.assertNotIn(credentials["SessionToken"], json.dumps(journal))

    def test_refusals_carry_stss_codes(self):
        cases = [
            (dict(RoleArn=ENGINE_ROLE, RoleSessionName="has space"), "ValidationError", 400),
            (dict(RoleArn=ENGINE_ROLE, RoleSessionName="s1", DurationSeconds=43201), "ValidationError", 400),
            (dict(RoleArn=ENGINE_ROLE, RoleSessionName="s1", DurationSeconds=7200), "ValidationError", 400),
            (dict(RoleArn="arn:aws:iam::123456789012:role/missing", RoleSessionName="s1"), "AccessDenied", 403),
        ]
        for arguments, code, status in cases:
            with self.assertRaises(ClientError) as caught:
                sts().assume_role(**arguments)
            error = caught.exception.response
            self.assertEqual(error["Error"]["Code"], code, arguments)
            self.assertEqual(error["ResponseMetadata"]["HTTPStatusCode"], status, arguments)
            self.assertTrue(error["Error"]["Message"], arguments)
        # The fix is worded in fixture keys: the server's mock is built from a fixture.
        self.assertIn('"Roles"', error["Error"]["Message"])
        with self.assertRaises(ClientError) as caught:
            sts(aws_access_key_id="AKIDNOBODY", aws_secret_access_key="x").get_caller_identity()
        self.assertEqual(caught.exception.response["Error"]["Code"], "InvalidClientTokenId")


def main():
    loader = unittest.defaultTestLoader
    suite = unittest.TestSuite(
        [
            loader.loadTestsFromTestCase(Boto3AgainstServer),
            loader.loadTestsFromTestCase(GlueHandshakeAgainstServer),
            loader.loadTestsFromTestCase(GlueRulesFromAFixture),
            loader.loadTestsFromTestCase(PartitionCredentials),
            loader.loadTestsFromTestCase(ModelDrift),
            loader.loadTestsFromTestCase(StsAgainstServer),
            loader.loadTestsFromTestCase(FinalVerification),
        ]
    )
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    return 0 if failed == 0 and result.testsRun > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
