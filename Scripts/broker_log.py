"""Bytes a client published, read from a mosquitto log written with `log_type debug`."""
import re

# "Received PUBLISH from CLIENT (d0, q1, r0, m1, 'TOPIC', ... (N bytes))": on the wire that is N payload bytes
# plus the topic and about 9 bytes of MQTT v5 framing (fixed header, lengths, packet id, properties).
_PUBLISH = re.compile(r"Received PUBLISH from (\S+) \(.*?'([^']*)', \.\.\. \((\d+) bytes\)\)")


def published_bytes(log_path, client_prefix):
    """Total MQTT bytes of the PUBLISH packets whose client id starts with `client_prefix`."""
    total = 0
    with open(log_path, errors="replace") as handle:
        for line in handle:
            found = _PUBLISH.search(line)
            if found and found.group(1).startswith(client_prefix):
                total += int(found.group(3)) + len(found.group(2)) + 9
    return total
