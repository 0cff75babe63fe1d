"""The mock server's control endpoints, for the Python readers' tests (run by .ci/python.sh).

`LAKEFORMATION_MOCK_URL` is the server's URL. The control endpoints are the mock's own (no AWS
client speaks them), so they are called with urllib: the journal (what each reader sent and
the S3 code it was answered with) and the server's clock (advanced to expire vended keys).
"""

import datetime
import json
import os
import urllib.request

MOCK_URL = os.environ["LAKEFORMATION_MOCK_URL"].rstrip("/")


def control(method, endpoint, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{MOCK_URL}/__lakeformation_mock/{endpoint}", data=data, method=method)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read().decode())


def clock_now():
    """The time the server's clock reads (it runs ahead of the system clock once advanced)."""
    now = control("GET", "clock")["now"]
    return datetime.datetime.fromisoformat(now.replace("Z", "+00:00"))


def advance_clock_past(expiration):
    """Moves the server's clock to a minute past `expiration` (an aware datetime); answers
    `{"now", "advanced_seconds"}`."""
    seconds = int((expiration - clock_now()).total_seconds()) + 60
    return control("POST", "clock/advance", {"seconds": max(seconds, 1)})


def reset_journal():
    control("POST", "journal/reset")


def s3_requests():
    """The S3 requests the journal holds, in order: each one's record (`Operation`, `Key`,
    `Range`, `AccessKeyId`, `Status`, `ErrorCode`...)."""
    journal = control("GET", "journal")
    return [r["input"] for r in journal["requests"] if r["answer"].get("answered_by") == "s3"]
