#!/usr/bin/env python3
"""One bench-wave run: samples the receiver wrote, how fast, at what cost. Prints one TSV line:
beds, samples expected, samples delivered, delivered samples/s, gateway cores, peak RSS MiB, bytes/sample,
pace ("max" or the speed as a multiple of real time)."""
import glob, json, os, sys

from broker_log import published_bytes

run_dir, beds, start, record, pace = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
user, system, max_rss_kib, elapsed = (float(x) for x in open(os.path.join(run_dir, "time.txt")).read().split()[-4:])

samples = 0
last_write = start
for path in glob.glob(os.path.join(run_dir, "fhir", "bench-gw", "*.ndjson")):
    last_write = max(last_write, os.path.getmtime(path))
    with open(path) as handle:
        for line in handle:
            data = json.loads(line).get("valueSampledData")
            if data:
                samples += len(data["data"].split())

broker_bytes = published_bytes(os.path.join(run_dir, "upstream-broker.log"), "bench-gw")

header = next(line for line in open(record + ".hea") if line.strip() and not line.startswith("#")).split()
expected = beds * int(header[1]) * int(header[3])  # signals × frames
seconds = max(last_write - start, 1e-9)
print("\t".join(str(x) for x in (
    beds, expected, samples, round(samples / seconds), round((user + system) / seconds, 3),
    round(max_rss_kib / 1024, 1), round(broker_bytes / max(samples, 1), 3), pace)))
