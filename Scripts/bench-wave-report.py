#!/usr/bin/env python3
"""Medians of the bench-wave runs per bed count, printed and written into BENCHMARKS.md's wave section."""
import collections, re, statistics, sys

results, machine, runs, record, beds_arg = sys.argv[1:6]
rows = collections.defaultdict(list)
for line in open(results):
    fields = line.rstrip("\n").split("\t")
    rows[(fields[-1] != "max", int(fields[0]), fields[-1])].append([float(x) for x in fields[1:-1]])

lines = ["| beds | pace | samples delivered / sent | delivered samples/s | gateway CPU (cores) | gateway peak RSS (MiB) | MQTT bytes / sample |",
         "|---|---|---|---|---|---|---|"]
for key in sorted(rows):
    _, beds, pace = key
    med = lambda i: statistics.median(r[i] for r in rows[key])
    pace_text = "as fast as it goes" if pace == "max" else f"{pace} × real time"
    lines.append(f"| {beds} | {pace_text} | {med(1):,.0f} / {med(0):,.0f} | {med(2):,.0f} | {med(3):.2f} | {med(4):.1f} | {med(5):.3f} |")
table = "\n".join(lines)
command = "Scripts/bench-wave" + (f" {beds_arg}" if beds_arg else "")
section = f"""<!-- wave:begin -->
Command: `{command}` (in `make bench`) — MIT-BIH record {record.split('/')[-1]} (2 leads, 360 Hz, 30 min)
played at every bed at once as fast as the gateway takes it (`vitalgate replay --max-speed --beds N
--chunk 1`), through QRS detection per bed, batching, Rice coding, sealing, SQLite with
`synchronous=FULL`, mutual-TLS upstream and the receiver writing FHIR SampledData; the paced row
plays at `--speed` for the target's load, to show the gateway's CPU at that load rather than at the
most it takes. Medians of {runs} runs. Machine: {machine}.

{table}

Samples/s is samples written by the receiver divided by the time from the replay's start to the
receiver's last write. CPU is the gateway process's user+system time over that span (the replay
process *is* the gateway: it reads the record instead of a serial port); RSS is its peak. Bytes
per sample is every PUBLISH the gateway sent (payload as the upstream broker logged it, plus topic
and MQTT framing) divided by the samples: sealing, envelope, batch metadata, the alarm lane and the
derived heart rates are in it, TLS record overhead is not.
<!-- wave:end -->"""
print(section)
path = "BENCHMARKS.md"
text = open(path).read()
if "<!-- wave:begin -->" in text:
    text = re.sub(r"<!-- wave:begin -->.*?<!-- wave:end -->", lambda _: section, text, flags=re.S)
else:
    text = text.replace("## Serial devices at native rates", "## Waveforms at many beds (end to end)\n\n" + section + "\n\n## Serial devices at native rates", 1)
open(path, "w").write(text)
