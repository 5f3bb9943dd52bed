#!/usr/bin/env python3
"""One benchmark run: delivered rate, publish-to-receiver latency, gateway CPU and RSS, as a TSV line."""
import os, sys

from broker_log import published_bytes
from fhir_output import ms, probe_alarms, resources
from gateway_metrics import STAGES, close_quantile, latency_quantile, parse, publish_quantile, stage_costs

run_dir, rate, offered, sent, cpu_before, cpu_after, ticks, rss_kib, probes = sys.argv[1:10]
sent = int(sent)

latencies, first, last, seen = [], None, None, set()
for resource in resources(f"{run_dir}/fhir"):
    if resource.get("resourceType") != "Observation":
        continue
    key = (resource["device"]["display"], resource["effectiveDateTime"], resource["valueQuantity"]["value"])
    seen.add(key)
    effective, issued = ms(resource["effectiveDateTime"]), ms(resource["issued"])
    latencies.append(issued - effective)
    first = effective if first is None else min(first, effective)
    last = issued if last is None else max(last, issued)

# The probe's alarms as the alarm-only receiver got them: from the reading to the receipt of their batch.
alarm_latencies = [written - raised for raised, written in probe_alarms(f"{run_dir}/alarms/fhir")]


def gateway_figures(samples, readings):
    """Mean µs per call of each stage, all stages' µs per delivered reading, and the gateway's own
    arrival-to-PUBACK p50/p99 for alarms and vitals (ms, from its histograms)."""
    costs = stage_costs(samples)
    means = [round(seconds / count * 1e6, 1) if count else "nan" for count, seconds in (costs[s] for s in STAGES)]
    per_reading = round(sum(seconds for _, seconds in costs.values()) / max(readings, 1) * 1e6, 2)
    quantiles = [round(latency_quantile(samples, lane, q), 1) for lane in ("alarm", "vital") for q in (0.5, 0.99)]
    return means + [per_reading] + quantiles


def box_cpu(seconds_of_load):
    """Cores used by the generator, the sensor broker, the upstream broker and both receivers
    (user+system per second of load), from the bench's tick counts and the generator's `times`."""
    try:
        tck = float(ticks)
        rows = [line.rstrip("\n").split("\t") for line in open(f"{run_dir}/cpu-ticks.tsv")]
        used = {name: (float(after) - float(before)) / tck for name, before, after in rows}
        children = open(f"{run_dir}/simulate.times").read().split("\n")[1].split()
        used["generator"] = sum(float(m) * 60 + float(s) for m, s in (t.rstrip("s").split("m") for t in children))
    except (OSError, ValueError, IndexError):
        return ["nan"] * 5
    names = ["generator", "sensor broker", "upstream broker", "receiver", "alarm receiver"]
    return [round(used[name] / seconds_of_load, 3) for name in names]


latencies.sort()
alarm_latencies.sort()
def pct(p, values=latencies):
    return values[min(len(values) - 1, int(p * len(values)))] if values else float("nan")

span = (last - first) / 1000 if latencies else float("nan")
metrics = parse(os.path.join(run_dir, "metrics.txt"))
cpu_seconds = (float(cpu_after) - float(cpu_before)) / float(ticks)
print("\t".join(str(x) for x in [
    rate, offered, sent, len(latencies), len(seen), round(len(latencies) / span) if latencies else 0,
    round(pct(0.5)), round(pct(0.99)), round(latencies[-1]) if latencies else "nan",
    round(cpu_seconds / span, 3) if latencies else "nan", round(int(rss_kib) / 1024, 1),
    int(probes), len(alarm_latencies), round(pct(0.5, alarm_latencies)), round(pct(0.99, alarm_latencies)),
    round(alarm_latencies[-1]) if alarm_latencies else "nan",
    round(published_bytes(os.path.join(run_dir, "upstream-broker.log"), "bench-gw") / max(len(latencies), 1), 1),
] + gateway_figures(metrics, len(latencies))
  + (box_cpu(span) if latencies else ["nan"] * 5)
  # Appended last so the fields before keep their places: the alarms' time up to their publish.
  + [round(publish_quantile(metrics, "alarm", q), 1) for q in (0.5, 0.99)]
  # And its part up to the alarm batch closing in the pipeline (the wait to be analysed).
  + [round(close_quantile(metrics, "alarm", q), 1) for q in (0.5, 0.99)]))
