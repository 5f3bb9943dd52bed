#!/usr/bin/env python3
"""Median of the runs per offered rate, printed and written into BENCHMARKS.md's spine section."""
import collections, re, statistics, sys

results, machine, seconds, runs, devices, latency, rates_arg, probe_ms = sys.argv[1:9]
alarm_connection = sys.argv[9] if len(sys.argv) > 9 else "true"
rows = collections.defaultdict(list)
for line in open(results):
    fields = line.split("\t")
    rows[int(fields[0])].append([float(x) for x in fields[1:]])

header = ("| target msg/s | published msg/s | delivered msg/s | received / published | duplicates "
          "| latency p50 / p99 / max (ms) | alarms received / probes | alarm latency p50 / p99 / max (ms) "
          "| wire bytes / reading | gateway CPU (cores) | gateway peak RSS (MiB) |")
lines = [header, "|---|---|---|---|---|---|---|---|---|---|---|"]
for rate in sorted(rows):
    runs_ = rows[rate]
    med = lambda i: statistics.median(r[i] for r in runs_)
    # fields after the rate: published rate, published, received, unique, delivered rate, p50, p99, max, cpu, rss
    lines.append(
        f"| {rate:,} | {med(0):,.0f} | {med(4):,.0f} | {med(2):,.0f} / {med(1):,.0f} | {med(2) - med(3):,.0f} "
        f"| {med(5):,.0f} / {med(6):,.0f} / {med(7):,.0f} | {med(11):,.0f} / {med(10):,.0f} "
        f"| {med(12):,.0f} / {med(13):,.0f} / {med(14):,.0f} | {med(15):.1f} | {med(8):.2f} | {med(9):.1f} |")
table = "\n".join(lines)

# The gateway's own metrics, scraped at the end of each run (fields 16 on, see bench-analyse.py).
inside = ["| target msg/s | decode µs / message | analyse µs / input | tick µs | seal µs / batch "
          "| commit µs / transaction | publish µs / batch | all stages µs / reading | alarm arrival→PUBACK p50 / p99 (ms) "
          "| of which arrival→publish p50 / p99 (ms) | of which arrival→analysis p50 / p99 (ms) "
          "| vital arrival→PUBACK p50 / p99 (ms) |",
          "|---|---|---|---|---|---|---|---|---|---|---|---|"]
for rate in sorted(rows):
    runs_ = rows[rate]
    if len(runs_[0]) < 27:
        continue
    med = lambda i: statistics.median(r[i] for r in runs_)
    to_publish = f"{med(32):.1f} / {med(33):.1f}" if len(runs_[0]) >= 34 else "–"
    to_close = f"{med(34):.1f} / {med(35):.1f}" if len(runs_[0]) >= 36 else "–"
    inside.append(
        f"| {rate:,} | {med(16):.1f} | {med(17):.1f} | {med(18):.0f} | {med(19):,.0f} | {med(20):,.0f} | {med(21):,.0f} "
        f"| {med(22):.2f} | {med(23):.1f} / {med(24):.1f} | {to_publish} | {to_close} | {med(25):.0f} / {med(26):.0f} |")
inside_table = "\n".join(inside)

# Every process on the box (fields 27 on, see bench-analyse.py), in cores: where the 2 cores went.
box = ["| target msg/s | load generator | sensor broker | gateway | upstream broker | receiver | alarm receiver | all |",
       "|---|---|---|---|---|---|---|---|"]
for rate in sorted(rows):
    runs_ = rows[rate]
    if len(runs_[0]) < 32:
        continue
    med = lambda i: statistics.median(r[i] for r in runs_)
    cores = [med(27), med(28), med(8), med(29), med(30), med(31)]
    box.append(f"| {rate:,} | " + " | ".join(f"{c:.2f}" for c in cores) + f" | {sum(cores):.2f} |")
box_table = "\n".join(box)
command = f"RUNS={runs} SECONDS_PER_RUN={seconds} Scripts/bench {rates_arg}" if rates_arg else "make bench"
if alarm_connection != "true":
    command = f"ALARM_CONNECTION={alarm_connection} {command}"
section = f"""<!-- spine:begin -->
Command: `{command}` — {runs} runs of {seconds} s per rate, {devices} devices, one SenML reading per
message, vital lane `maxLatency: {latency}`, `synchronous=FULL`, mutual-TLS upstream, receiver
opening every batch. Medians of the runs. Machine: {machine}.

{table}

"Published" is what the sensor broker acknowledged to the load generator (it falls short of the
target when the generator, the brokers and the gateway together saturate the cores). Latency is
from the reading's timestamp (set by the load generator when it publishes) to the
receiver's receipt of the batch from the upstream broker (`Observation.issued`; before `3a6b892`
it was the receiver's write, after its fsync), so it includes the batching window, sealing, the
SQLite commit and both brokers. Alarm latency: among the load an SpO2 probe device
reads 80 % every other {probe_ms} ms under a profile that alarms below 90 % at once; it runs from the
low reading's timestamp to the receipt of the DetectedIssue's batch (`meta.lastUpdated`) by a second
receiver that takes the alarm lane alone (`upstream.lanes: [alarm]`), as a platform's alarm
service would, through the same brokers (alarms are committed at once and sent before waiting
vitals). Wire bytes per
reading: every PUBLISH the gateway sent upstream (payload as the upstream broker logged it, plus
topic and MQTT framing; envelope, HPKE and batch metadata included, TLS records not) divided by
the readings the receiver wrote. CPU is the gateway's user+system time per second of
load. The load generator, both brokers and the receiver share the same {machine.split(',')[0]}.

Inside the gateway, from its own `/metrics` (scraped at the end of each run; medians of the runs):
time per item in each stage (`vitalgate_stage_duration_seconds`: decode per device message,
analyse per pipeline input, tick per 25 ms pipeline tick, seal and publish per batch, commit per SQLite transaction with
its fsync), all stages together per delivered reading, and the latency the issue defines — from a
reading entering the gateway to its batch's PUBACK (`vitalgate_reading_latency_seconds`, the
oldest reading of each batch, quantiles interpolated in the histogram's buckets as Prometheus'
`histogram_quantile` does), and for alarms its part up to the publish (analysis, sealing and the
hand-over to the uplink; `vitalgate_reading_publish_latency_seconds`), the rest being the broker's
PUBACK and its hand-over back, and of that its part up to the alarm batch closing in the pipeline (the
receive buffer, decoding and the inbox, up to the analysis taking it; `vitalgate_reading_close_latency_seconds`). The vital lane closes its batch on the last 25 ms tick before
`maxLatency`, and earlier by what delivery lately took (`vitalgate_batch_delivery_allowance_seconds`).

{inside_table}

CPU of every process on the box, in cores (user+system time per second of load, medians of the
runs; the generator's from its own `times`):

{box_table}
<!-- spine:end -->"""
print(table)
print()
print(inside_table)
print()
print(box_table)
try:
    text = open("BENCHMARKS.md").read()
except FileNotFoundError:
    text = "# Benchmarks\n\n## Store-and-forward spine (end to end)\n\n<!-- spine:begin -->\n<!-- spine:end -->\n"
text = re.sub(r"<!-- spine:begin -->.*<!-- spine:end -->", lambda _: section, text, flags=re.S)
open("BENCHMARKS.md", "w").write(text)
