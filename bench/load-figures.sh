#!/usr/bin/env bash
# Issue 11's figures on this machine (not a test: it prints numbers), with the load generator
# (bin/juice bench) against a cluster of three node PROCESSES (bin/juice node, -Xmx512m each):
#   - start-to-healthy: one node alone, then each of the three started together
#   - idle heap of each node after a full GC (jcmd GC.run, then GC.heap_info)
#   - mint: one token per call (p50, tokens/s) and 100 per call (tokens/s)
#   - 1-token transfers between two nodes: as fast as CONCURRENCY callers go, then paced at half that
#   - a transfer's cost vs the token's history: one token moved back and forth for HISTORY_SECONDS
#     (the progress lines show each second's p50)
# The load average is printed before each step (other builds may share the machine).
# Usage: bench/load-figures.sh [seconds=20] [concurrency=8]   (ports 18201-18203 / 15821-15823)
# JFR_DIR=dir records a JFR profile (settings=profile) of each node during the transfer-max step: dir/n1..n3.jfr
# ONLY="a b" runs only those bench steps (mint-1 mint-100 transfer-max transfer-half history)
# Reports: $OUT (default /tmp/load-figures-<pid>)/*.json and *.txt
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/target/juicetokens-node-fat.jar"
seconds="${1:-20}"
concurrency="${2:-8}"
history="${HISTORY_SECONDS:-60}"
out="${OUT:-/tmp/load-figures-$$}"
work="$(mktemp -d)"
mkdir -p "$out"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# the nodes run through bin/juice (it execs java, so $! is the JVM): the build, and the class-data
# archive bin/juice records on the first `node` after a build, happen here, before any clock starts
"$root/bin/juice" node --help >/dev/null
now_ms() { date +%s%3N; }
load() { echo "   (load average: $(cut -d' ' -f1-3 /proc/loadavg))"; }
health_ok() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/health" 2>/dev/null | grep -q 200; }
members() { curl -s "http://127.0.0.1:$1/health" 2>/dev/null | python3 -c 'import sys,json
try:
  d=json.load(sys.stdin); print([c for c in d["checks"] if c["id"]=="cluster"][0]["data"]["members"])
except Exception: print(0)'; }
time_status() { curl -s "http://127.0.0.1:$1/api/v1/time" 2>/dev/null | python3 -c 'import sys,json
try: print(json.load(sys.stdin).get("status",""))
except Exception: print("")'; }
field() { python3 -c "import json,sys; d=json.load(open('$1')); print(eval('d' + sys.argv[1]))" "$2"; }

run() { # id httpPort clusterPort members
  JT_NODE_ID="$1" JT_HTTP_PORT="$2" JT_HTTP_HOST=127.0.0.1 JT_CLUSTER_PORT="$3" JT_CLUSTER_MEMBERS="$4" \
  JT_CLUSTER_NAME="load-$$" JT_DATA_DIR="$work" JT_PEER_POLL_MS=1000 JT_LOG_LEVEL="${JT_LOG_LEVEL:-WARN}" \
    JT_JAVA_OPTS=-Xmx512m "$root/bin/juice" node >"$work/$1.log" 2>&1 &
  pids+=($!)
}
bench() { # name, bench args...
  local name="$1"; shift
  if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $name "* ]]; then return 0; fi
  echo "== $name: bench $*"; load
  java -Xmx256m -jar "$jar" bench "$@" --json "$out/$name.json" | tee "$out/$name.txt" | grep -v '^\[warmup' || true
}

echo "== one node alone: start to healthy"; load
t0=$(now_ms); run solo 18200 15820 ""
until health_ok 18200; do sleep 0.05; done
echo "start-to-healthy (alone): $(( $(now_ms) - t0 )) ms"
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true; pids=()

echo "== three processes started together"; load
list="127.0.0.1:15821,127.0.0.1:15822,127.0.0.1:15823"
t0=$(now_ms)
for i in 1 2 3; do run "n$i" "1820$i" "1582$i" "$list"; done
healthy=(0 "" "" "")
ready=0
while [ "$ready" -lt 3 ]; do
  for i in 1 2 3; do
    if [ -z "${healthy[$i]}" ] && health_ok "1820$i"; then healthy[$i]=$(( $(now_ms) - t0 )); ready=$((ready + 1)); fi
  done
  sleep 0.05
done
echo "start-to-healthy (three at once): n1 ${healthy[1]} ms, n2 ${healthy[2]} ms, n3 ${healthy[3]} ms"
for i in 1 2 3; do until [ "$(members 1820$i)" = "3" ]; do sleep 0.2; done; done
echo "cluster of three: $(( $(now_ms) - t0 )) ms"
for i in 1 2 3; do until [[ "$(time_status 1820$i)" =~ ^(CONSENSUS|VERIFIED)$ ]]; do sleep 0.2; done; done
echo "adequate time on all three: $(( $(now_ms) - t0 )) ms"

echo "== idle heap after 10 s idle and a full GC"; sleep 10; load
for i in 1 2 3; do
  pid="${pids[$((i-1))]}"
  jcmd "$pid" GC.run >/dev/null
  used=$(jcmd "$pid" GC.heap_info | awk '/garbage-first heap/ {for (f=1; f<=NF; f++) if ($f=="used") print $(f+1)}')
  rss=$(ps -o rss= -p "$pid" | awk '{printf "%.0f", $1/1024}')
  echo "n$i: heap used after GC ${used}, RSS ${rss} MiB"
done

all=(--node 127.0.0.1:18201 --node 127.0.0.1:18202 --node 127.0.0.1:18203)
two=(--node 127.0.0.1:18201 --node 127.0.0.1:18202)
bench mint-1 "${all[@]}" --mix mint=1 --concurrency 4 --warmup 3 --duration "$seconds"
bench mint-100 "${all[@]}" --mix mint=1 --mint-count 100 --concurrency 2 --warmup 3 --duration "$seconds"
jfr() { # start|dump
  [ -n "${JFR_DIR:-}" ] || return 0
  mkdir -p "$JFR_DIR"
  for i in 1 2 3; do
    if [ "$1" = start ]; then jcmd "${pids[$((i-1))]}" JFR.start name=tx settings=profile >/dev/null
    else jcmd "${pids[$((i-1))]}" JFR.dump name=tx filename="$JFR_DIR/n$i.jfr" >/dev/null; echo "JFR profile: $JFR_DIR/n$i.jfr"; fi
  done
}
jfr start
bench transfer-max "${two[@]}" --mix transfer=1 --concurrency "$concurrency" --identities $((concurrency * 2)) --tokens 50 \
  --warmup "${WARMUP:-5}" --duration "$seconds"
jfr dump
half="${HALF_RATE:-1}"
if [ -f "$out/transfer-max.json" ]; then
  max=$(field "$out/transfer-max.json" '["totals"]["committedPerSecond"]')
  half=$(python3 -c "print(max(1, int($max / 2)))")
fi
bench transfer-half "${two[@]}" --mix transfer=1 --concurrency "$concurrency" --identities $((concurrency * 2)) --tokens 50 \
  --rate "$half" --warmup "${WARMUP:-5}" --duration "$seconds"
# two identities with 3 tokens each (transaction.minTokensAfterPayment = 2 keeps two): the selection sends the lowest
# token id, so identity 0's first token goes back and forth and its history grows by one per transfer
bench history "${two[@]}" --mix transfer=1 --concurrency 1 --identities 2 --tokens 3 --duration "$history"
[ -f "$out/history.json" ] || { echo "== reports in $out"; exit 0; }
run_id=$(field "$out/history.json" '["settings"]["runId"]')
echo "the moved token's history: $(curl -s "http://127.0.0.1:18201/api/v1/tokens/47c609bc-lg${run_id}0-10-001/history" \
  | python3 -c 'import sys,json; d=json.load(sys.stdin); print(d.get("transfers"), "transfers,", d.get("composted"), "composted, valid", d.get("valid"))')"
echo "== reports in $out"; load
