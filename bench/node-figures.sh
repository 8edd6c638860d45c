#!/usr/bin/env bash
# Measures the node's start-up figures on this machine (not a test: it prints numbers):
#   - start-to-healthy: process start until GET /health answers 200 (single node, fresh data dir)
#   - cluster-of-three formation: three processes started together until each reports 3 members
#   - idle heap: heap used by each cluster node after it has been idle for IDLE_SECONDS
# Usage: bench/node-figures.sh            (ports 18181-18183 / 15801-15803 on 127.0.0.1)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/target/juicetokens-node-fat.jar"
idle="${IDLE_SECONDS:-20}"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
[ -n "${KEEP_LOGS:-}" ] && trap 'for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; cp "$work"/*.log /tmp/ 2>/dev/null; rm -rf "$work"' EXIT

[ -f "$jar" ] || "$root/bin/juice" --version >/dev/null
now_ms() { date +%s%3N; }
health_ok() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/health" 2>/dev/null | grep -q 200; }
members() { curl -s "http://127.0.0.1:$1/health" 2>/dev/null | python3 -c 'import sys,json
try:
  d=json.load(sys.stdin); print([c for c in d["checks"] if c["id"]=="cluster"][0]["data"]["members"])
except Exception: print(0)'; }
heap_mib() { curl -s "http://127.0.0.1:$1/metrics" | awk '/^jvm_memory_used_bytes/ && /area="heap"/ {s+=$NF} END {printf "%.1f", s/1048576}'; }

run() { # id httpPort clusterPort members
  JT_NODE_ID="$1" JT_HTTP_PORT="$2" JT_HTTP_HOST=127.0.0.1 JT_CLUSTER_PORT="$3" JT_CLUSTER_MEMBERS="$4" \
  JT_CLUSTER_NAME="figures-$$" JT_DATA_DIR="$work" java -Xmx512m -jar "$jar" node >"$work/$1.log" 2>&1 &
  pids+=($!)
}

echo "== single node: start to healthy"
t0=$(now_ms); run solo 18180 15800 ""
until health_ok 18180; do sleep 0.05; done
echo "start-to-healthy: $(( $(now_ms) - t0 )) ms"
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true; pids=()

echo "== three processes: cluster formation"
list="127.0.0.1:15801,127.0.0.1:15802,127.0.0.1:15803"
t0=$(now_ms)
for i in 1 2 3; do run "n$i" "1818$i" "1580$i" "$list"; done
for i in 1 2 3; do until [ "$(members 1818$i)" = "3" ]; do sleep 0.1; done; done
echo "cluster-of-three formed: $(( $(now_ms) - t0 )) ms after the three processes were started"

echo "== idle heap after ${idle} s"
sleep "$idle"
for i in 1 2 3; do
  curl -s "http://127.0.0.1:1818$i/health" >/dev/null
  rss=$(ps -o rss= -p "${pids[$((i-1))]}" | awk '{printf "%.0f", $1/1024}')
  echo "n$i: heap used $(heap_mib 1818$i) MiB, RSS ${rss} MiB"
done
