"""What the reference receiver wrote (FHIR NDJSON), as the benchmark scripts read it."""
import datetime, glob, json, os


def ms(stamp):
    """Unix milliseconds of a FHIR instant as the receiver writes it (UTC, milliseconds)."""
    return datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc).timestamp() * 1000


def resources(output_dir):
    """Every resource under OUTPUT_DIR/<gateway>/<day>.ndjson."""
    for path in glob.glob(os.path.join(output_dir, "*", "*.ndjson")):
        with open(path) as handle:
            for line in handle:
                yield json.loads(line)


def probe_alarms(output_dir):
    """(raised, written) in Unix ms of each alarm the SpO2 probe raised (its below-90 limit alarm, not the
    NEWS2 escalations of the same patient)."""
    for resource in resources(output_dir):
        if (resource.get("resourceType") == "DetectedIssue" and resource["status"] == "final"
                and resource["code"]["text"].startswith("below-90")):
            yield ms(resource["identifiedDateTime"]), ms(resource["meta"]["lastUpdated"])
