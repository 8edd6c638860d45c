#!/usr/bin/env bash
# Committed 1-token transfers on a cluster of three node PROCESSES on this machine (not a test: it
# prints numbers): starts n1..n3 from the fat jar, waits for the cluster and for adequate time
# (CONSENSUS: no node commits before), then runs org.juicetokens.bench.TransferLoad against their
# HTTP API, which also measures the CPU-bound limit (Ed25519 sign/verify, synced RocksDB write) in
# the same run and prints the ratio. Builds with -Pbench first (the bench classes ride in the jar).
# Usage: bench/transfer-figures.sh [concurrency=4] [seconds=30]   (ports 18191-18193 / 15811-15813)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/target/juicetokens-node-fat.jar"
concurrency="${1:-4}"
seconds="${2:-30}"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

echo "== building with the bench classes"
(cd "$root" && ./mvnw -q -B -Pbench -DskipTests package)

members() { curl -s "http://127.0.0.1:$1/health" 2>/dev/null | python3 -c 'import sys,json
try:
  d=json.load(sys.stdin); print([c for c in d["checks"] if c["id"]=="cluster"][0]["data"]["members"])
except Exception: print(0)'; }
time_status() { curl -s "http://127.0.0.1:$1/api/v1/time" 2>/dev/null | python3 -c 'import sys,json
try: print(json.load(sys.stdin).get("status",""))
except Exception: print("")'; }

list="127.0.0.1:15811,127.0.0.1:15812,127.0.0.1:15813"
for i in 1 2 3; do
  JT_NODE_ID="n$i" JT_HTTP_PORT="1819$i" JT_HTTP_HOST=127.0.0.1 JT_CLUSTER_PORT="1581$i" JT_CLUSTER_MEMBERS="$list" \
  JT_CLUSTER_NAME="transfers-$$" JT_DATA_DIR="$work" JT_PEER_POLL_MS=1000 JT_LOG_LEVEL="${JT_LOG_LEVEL:-WARN}" \
    java -Xmx512m -jar "$jar" node >"$work/n$i.log" 2>&1 &
  pids+=($!)
done
echo "== waiting for 3 members and adequate time"
for i in 1 2 3; do until [ "$(members 1819$i)" = "3" ]; do sleep 0.2; done; done
for i in 1 2 3; do until [[ "$(time_status 1819$i)" =~ ^(CONSENSUS|VERIFIED)$ ]]; do sleep 0.2; done; done
echo "== driving transfers: $concurrency caller(s) for $seconds s"
java -Xmx256m -cp "$jar" org.juicetokens.bench.TransferLoad 18191,18192,18193 "$concurrency" "$seconds"
