#!/usr/bin/env python3
"""One benchmark run: delivered rate, publish-to-receiver latency, gateway CPU and RSS, as a TSV line."""
import datetime, glob, json, sys

run_dir, rate, offered, sent, cpu_before, cpu_after, ticks, rss_kib = sys.argv[1:9]
sent = int(sent)

def ms(stamp):
    return datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc).timestamp() * 1000

latencies, first, last, seen = [], None, None, set()
for path in glob.glob(f"{run_dir}/fhir/*/*.ndjson"):
    with open(path) as handle:
        for line in handle:
            resource = json.loads(line)
            if resource.get("resourceType") != "Observation":
                continue
            key = (resource["device"]["display"], resource["effectiveDateTime"], resource["valueQuantity"]["value"])
            seen.add(key)
            effective, issued = ms(resource["effectiveDateTime"]), ms(resource["issued"])
            latencies.append(issued - effective)
            first = effective if first is None else min(first, effective)
            last = issued if last is None else max(last, issued)

latencies.sort()
def pct(p):
    return latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else float("nan")

span = (last - first) / 1000 if latencies else float("nan")
cpu_seconds = (float(cpu_after) - float(cpu_before)) / float(ticks)
print("\t".join(str(x) for x in [
    rate, offered, sent, len(latencies), len(seen), round(len(latencies) / span) if latencies else 0,
    round(pct(0.5)), round(pct(0.99)), round(latencies[-1]) if latencies else "nan",
    round(cpu_seconds / span, 3) if latencies else "nan", round(int(rss_kib) / 1024, 1),
]))
