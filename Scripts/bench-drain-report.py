#!/usr/bin/env python3
"""The bench-drain run: backlog, drain rate, alarms first, alarm latency by phase; printed and written into
BENCHMARKS.md's drain section."""
import json, os, re, sys

from fhir_output import probe_alarms, resources
from gateway_metrics import close_quantile, delta, histogram_quantile, latency_count, latency_quantile, parse, publish_quantile

work, rate, sent, down, up, reconnected, drained, backlog, backlog_bytes, rss_kib, machine, outage_arg, alarms_sent, probe_ms = sys.argv[1:15]
alarm_connection = sys.argv[15] if len(sys.argv) > 15 else "true"
down, up, reconnected, drained, alarms_sent = float(down), float(up), float(reconnected), float(drained), float(alarms_sent)


# Readings from the full receiver, alarms from the alarm-only one.
readings = {(r["device"]["display"], r["effectiveDateTime"], json.dumps(r.get("valueQuantity")))
            for r in resources(os.path.join(work, "fhir")) if r.get("resourceType") == "Observation"}
phases = {"before": [], "outage": [], "drain": [], "after": []}
for raised, written in probe_alarms(os.path.join(work, "alarms", "fhir")):
    phase = ("before" if raised < down * 1000 else "outage" if raised < reconnected * 1000
             else "drain" if raised < drained * 1000 else "after")
    phases[phase].append(written - raised)

# The first batch the restarted broker got from the gateway (log lines start with the Unix time): its lane is
# the topic's last level.
def after_restart(line):
    stamp = line.split(":", 1)[0]
    return stamp.isdigit() and int(stamp) >= int(up) and "Received PUBLISH from bench-gw" in line


log = open(os.path.join(work, "upstream-broker.log"), errors="replace").read().splitlines()
first = next((re.search(r"'([^']*)'", line).group(1).rsplit("/", 1)[-1] for line in log if after_restart(line)), "none")

outage, drain = up - down, drained - reconnected
backlog = int(backlog or 0)


def figures(values):
    values = sorted(values)
    if not values:
        return "—"
    pick = lambda p: values[min(len(values) - 1, int(p * len(values)))]
    return f"{len(values)}: {pick(0.5):,.0f} / {pick(0.99):,.0f} / {values[-1]:,.0f}"


# The gateway's own arrival-to-PUBACK figures for the alarm batches acknowledged while the backlog drained,
# from when the outage's own alarm batches (sent first) had all been acknowledged.
during = delta(parse(os.path.join(work, "metrics-drained.txt")), parse(os.path.join(work, "metrics-reconnected.txt")))
gateway_side = (f"{latency_count(during, 'alarm'):,.0f} batches: {latency_quantile(during, 'alarm', 0.5):,.1f} / "
                f"{latency_quantile(during, 'alarm', 0.99):,.1f} ms, of which up to the publish "
                f"{publish_quantile(during, 'alarm', 0.5):,.1f} / {publish_quantile(during, 'alarm', 0.99):,.1f} ms, "
                f"up to the analysis {close_quantile(during, 'alarm', 0.5):,.1f} / {close_quantile(during, 'alarm', 0.99):,.1f} ms")

# What the alarm path's own stages did over the whole drain, from the reconnection: a slow commit (the
# writer busy with deletes or a checkpoint) or a late PUBACK (bulk batches ahead at the broker).
draining = delta(parse(os.path.join(work, "metrics-drained.txt")), parse(os.path.join(work, "metrics-up.txt")))
stage = lambda name, q: histogram_quantile(draining, "vitalgate_stage_duration_seconds", ("stage", name), q)
puback = lambda q: histogram_quantile(draining, "vitalgate_upstream_puback_latency_seconds", None, q)
stages_side = (f"commit {stage('commit', 0.5):,.1f} / {stage('commit', 0.99):,.1f} ms; "
               f"PUBACK (all lanes) {puback(0.5):,.1f} / {puback(0.99):,.1f} ms, of which handed over from libmosquitto's "
               f"thread {stage('handoff', 0.5):,.1f} / {stage('handoff', 0.99):,.1f} ms")


def sched(name):
    """{process: (cpu ns, run-queue wait ns)} from a bench-drain snapshot (CPU in clock ticks of 10 ms there)."""
    try:
        rows = [line.split("\t") for line in open(os.path.join(work, name)).read().splitlines()]
    except FileNotFoundError:
        return {}
    return {row[0]: (int(float(row[1])) * 10_000_000, int(row[2])) for row in rows if len(row) == 3}


# Over the drain: cores each process used, and how many of its threads were on average ready but waiting for a CPU.
start, end = sched("sched-up.txt"), sched("sched-drained.txt")
contention = "; ".join(
    f"{name} {(end[name][0] - start[name][0]) / 1e9 / drain:.2f} / {(end[name][1] - start[name][1]) / 1e9 / drain:.2f}"
    for name in end if name in start) or "—"


def threads(name):
    """{thread name: (threads, cpu ns, wait ns)} of the gateway's live threads from a bench-drain snapshot."""
    try:
        rows = [line.split("\t") for line in open(os.path.join(work, name)).read().splitlines()]
    except FileNotFoundError:
        return {}
    return {row[0]: (int(row[1]), int(row[2]), int(row[3])) for row in rows if len(row) == 4}


# The gateway's threads by name over the drain (threads alive at both snapshots): where its waiting is.
t_start, t_end = threads("threads-sched-up.txt"), threads("threads-sched-drained.txt")
by_thread = "; ".join(
    f"{name} ×{t_end[name][0]} {(t_end[name][1] - t_start[name][1]) / 1e9 / drain:.2f} / "
    f"{(t_end[name][2] - t_start[name][2]) / 1e9 / drain:.2f}"
    for name in sorted(t_end, key=lambda n: -(t_end[n][2] - t_start.get(n, (0, 0, 0))[2])) if name in t_start) or "—"

section = f"""<!-- drain:begin -->
Command: `{"" if alarm_connection == "true" else f"ALARM_CONNECTION={alarm_connection} "}RATE={rate} OUTAGE={outage_arg}{"" if probe_ms == "250" else f" PROBE_MS={probe_ms}"} Scripts/bench-drain` — 50 devices at {int(rate):,} SenML messages/s
plus an SpO2 alarm probe (an alarm every {2 * int(probe_ms)} ms); the gateway's link to the mutual-TLS upstream
cut for {outage:.0f} s (a socat relay stopped; the receiver stays connected), then restored;
`synchronous=FULL`. One run. Machine: {machine}.

| figure | value |
|---|---|
| backlog when the upstream came back | {backlog:,} batches, {int(backlog_bytes or 0) / 2**20:,.1f} MiB |
| gateway reconnected after the link came back (its back-off) | {reconnected - up:.1f} s |
| drain, from the reconnection until the oldest queued batch is younger than it | {drain:.2f} s: **{backlog / max(drain, 1e-9):,.0f} batches/s, {outage / max(drain, 1e-9):,.0f} × real time** |
| first batch the upstream received after the outage | `{first}` lane |
| readings delivered / acknowledged by the sensor broker | {len(readings):,} / {int(sent):,} |
| alarms raised before the outage: count: latency p50 / p99 / max (ms) | {figures(phases["before"])} |
| alarms raised during the outage (until the reconnection) | {figures(phases["outage"])} |
| alarms raised while the backlog drained | {figures(phases["drain"])} |
| alarms raised after | {figures(phases["after"])} |
| the outage's alarm batches all acknowledged, after the reconnection | {alarms_sent - reconnected:.2f} s |
| gateway's own alarm arrival → PUBACK for alarms committed while the backlog drained (from then until drained): p50 / p99 | {gateway_side} |
| gateway stages from the reconnection until drained: p50 / p99 | {stages_side} |
| cores used / threads ready but waiting for a CPU, averaged over the drain (kernel schedstat) | {contention} |
| the gateway's threads by name, ×count: cores / waiting for a CPU, over the drain | {by_thread} |
| gateway peak RSS | {int(rss_kib) / 1024:.1f} MiB |

Alarm latency runs from the low reading's timestamp to the DetectedIssue's `meta.lastUpdated`, the
time a second receiver that takes the alarm lane alone (`upstream.lanes: [alarm]`), as a platform's
alarm service would, received the batch from its broker (not when it finished writing it: the
receiver's own fsyncs are not the gateway's latency); alarms raised during the outage wait for the
link by design. Readings are counted by the first receiver, which takes every lane; it stands in for
the platform, which runs elsewhere, so it runs at `nice 10` and its FHIR writing takes the CPU the box
leaves idle rather than competing with the gateway.
<!-- drain:end -->"""
print(section)
text = open("BENCHMARKS.md").read()
if "<!-- drain:begin -->" in text:
    text = re.sub(r"<!-- drain:begin -->.*?<!-- drain:end -->", lambda _: section, text, flags=re.S)
else:
    text = text.replace("## Waveforms at many beds", "## Backlog drain\n\n" + section + "\n\n## Waveforms at many beds", 1)
open("BENCHMARKS.md", "w").write(text)
