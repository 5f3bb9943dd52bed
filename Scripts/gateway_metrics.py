"""The gateway's own figures from a `/metrics` scrape: per-stage costs and arrival-to-PUBACK latency."""
import math
import re

STAGES = ["decode", "analyse", "tick", "seal", "commit", "publish"]
SERIES = re.compile(r'^(\w+)(?:\{([^}]*)\})? (\S+)$')


def parse(path):
    """{(name, frozenset(labels)): value} of every sample in a Prometheus text exposition."""
    samples = {}
    try:
        lines = open(path).read().splitlines()
    except FileNotFoundError:
        return samples
    for line in lines:
        match = SERIES.match(line)
        if not match:
            continue
        name, labels, value = match.groups()
        pairs = frozenset(tuple(part.split("=", 1)) for part in re.findall(r'\w+="[^"]*"', labels or ""))
        samples[(name, frozenset((k, v.strip('"')) for k, v in pairs))] = float(value)
    return samples


def stage_costs(samples):
    """{stage: (count, seconds)} from vitalgate_stage_duration_seconds."""
    costs = {}
    for stage in STAGES:
        labels = frozenset({("stage", stage)})
        costs[stage] = (samples.get(("vitalgate_stage_duration_seconds_count", labels), 0.0),
                        samples.get(("vitalgate_stage_duration_seconds_sum", labels), 0.0))
    return costs


def delta(later, earlier):
    """What happened between two scrapes: every counter and histogram series of `later` minus `earlier`."""
    return {key: value - earlier.get(key, 0.0) for key, value in later.items()}


def histogram_quantile(samples, name, label, q, below=math.inf):
    """Prometheus' histogram_quantile over histogram `name` restricted to the series carrying `label` (a
    (key, value) pair, or None for an unlabelled one): linear within a bucket, in ms. With `below` (seconds,
    a bucket edge), only the samples faster than that count."""
    buckets = []
    for (series, labels), value in samples.items():
        if series != name + "_bucket" or (label is not None and label not in labels):
            continue
        le = dict(labels)["le"]
        edge = math.inf if le == "+Inf" else float(le)
        if edge <= below:
            buckets.append((edge, value))
    buckets.sort()
    if not buckets or buckets[-1][1] == 0:
        return float("nan")
    rank = q * buckets[-1][1]
    lower, counted = 0.0, 0.0
    for upper, count in buckets:
        if count >= rank:
            if math.isinf(upper):
                return lower * 1000
            return (lower + (upper - lower) * (rank - counted) / max(count - counted, 1e-9)) * 1000
        lower, counted = upper, count
    return float("nan")


def latency_quantile(samples, lane, q, below=math.inf):
    """histogram_quantile over vitalgate_reading_latency_seconds{lane}, in ms."""
    return histogram_quantile(samples, "vitalgate_reading_latency_seconds", ("lane", lane), q, below)


def publish_quantile(samples, lane, q):
    """histogram_quantile over vitalgate_reading_publish_latency_seconds{lane}, in ms: the part before the broker."""
    return histogram_quantile(samples, "vitalgate_reading_publish_latency_seconds", ("lane", lane), q)


def close_quantile(samples, lane, q):
    """histogram_quantile over vitalgate_reading_close_latency_seconds{lane}, in ms: the part before the batch closed."""
    return histogram_quantile(samples, "vitalgate_reading_close_latency_seconds", ("lane", lane), q)


def latency_count(samples, lane, below=math.inf):
    if math.isinf(below):
        return samples.get(("vitalgate_reading_latency_seconds_count", frozenset({("lane", lane)})), 0.0)
    edge = str(float(below))  # swift-prometheus writes bucket edges as Swift doubles print: le="1.0"
    return samples.get(("vitalgate_reading_latency_seconds_bucket", frozenset({("lane", lane), ("le", edge)})), 0.0)
