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
