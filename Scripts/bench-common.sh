# Shared by the benchmark scripts (sourced, not run): helpers and the test PKI.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_for FILE TEXT: up to 20 s for TEXT to appear in FILE.
wait_for() {
    for _ in $(seq 1 200); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
    echo "bench: timeout waiting for '$2' in $1" >&2; tail -20 "$1" >&2; return 1
}

# make_pki DIR: a CA, a server and a client certificate for 127.0.0.1/localhost (ca.pem, server.pem/.key,
# client.pem/.key), valid two days.
make_pki() {
    local pki=$1 name
    mkdir -p "$pki"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=bench-ca \
        -keyout "$pki/ca.key" -out "$pki/ca.pem" 2>/dev/null
    for name in server client; do
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$name" \
            -keyout "$pki/$name.key" -out "$pki/$name.csr" 2>/dev/null
        printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$pki/$name.ext"
        openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
            -extfile "$pki/$name.ext" -out "$pki/$name.pem" 2>/dev/null
    done
    chmod 600 "$pki"/*.key
}

# write_probe_profile DIR: the SpO2 alarm probe's profile (alarms at every reading below 90 %, no delay),
# for `vitalgate simulate --alarm-probe-ms` on PREFIX/probe.
write_probe_profile() {
    mkdir -p "$1"
    cat >"$1/bench-probe.yaml" <<YAML
name: bench-probe
description: SpO2 alarm probe of the benchmark (alarms at every reading below 90 %, no delay)
transport: mqtt
decoder: senml
lane: vital
channels:
  spo2:
    display: Oxygen saturation (SpO2)
    loinc: 59408-5
    unit: "%"
    alarms:
      - { below: 90, priority: high }
YAML
}

# sensor_conf PORT: a plain loopback sensor broker that queues without limit.
sensor_conf() {
    printf 'listener %s 127.0.0.1\nallow_anonymous true\nmax_queued_messages 10000000\nmax_queued_bytes 0\n' "$1"
    [ "$(id -u)" -ne 0 ] || echo "user root"
}

# upstream_conf PORT DIR: the mutual-TLS upstream broker (certificates from $pki), logging every packet
# to DIR/upstream-broker.log (see broker_log.py) and keeping sessions in DIR across restarts.
upstream_conf() {
    cat <<CONF
listener $1 127.0.0.1
cafile $pki/ca.pem
certfile $pki/server.pem
keyfile $pki/server.key
require_certificate true
tls_version tlsv1.2
allow_anonymous true
max_queued_messages 10000000
max_queued_bytes 0
persistence true
persistence_location $2/
log_dest file $2/upstream-broker.log
log_type debug
CONF
    [ "$(id -u)" -ne 0 ] || echo "user root"
}

# machine_description: "N cores, CPU model, kernel", as the reports name the machine.
machine_description() {
    echo "$(nproc) cores, $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo | sed 's/^ *//'), $(uname -sr)"
}
