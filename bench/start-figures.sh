#!/usr/bin/env bash
# Start-to-healthy figures (not a test: it prints numbers). `bin/juice node` on a fresh data dir,
# from the launch of the process until GET /health answers 200:
#   - alone: one node, RUNS times
#   - three together: three processes listing each other started at once, RUNS times (each one's time)
# Each line also gives the CPU seconds the JVM had used when it answered (user+sys from /proc), which
# is less sensitive to the other work on a shared machine than the wall-clock time, and the load
# average at the start of the run. The summary is the median.
# Usage: bench/start-figures.sh                 (RUNS=5; JUICE=path/to/bin/juice to measure another checkout;
#                                                MODE=alone|three|both; PORT_BASE=18400)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
juice="${JUICE:-$root/bin/juice}"
runs="${RUNS:-5}"
mode="${MODE:-both}"
base="${PORT_BASE:-18400}"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

"$juice" --version >/dev/null # builds the jar (and, where bin/juice does, its class-data archive) before timing
now_ms() { date +%s%3N; }
health_ok() { [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/health" 2>/dev/null)" = 200 ]; }
cpu_s() { awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$1/stat" 2>/dev/null || echo "?"; }
load() { cut -d' ' -f1 /proc/loadavg; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR) print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }

launch() { # id httpPort clusterPort members dataDir
  JT_NODE_ID="$1" JT_HTTP_PORT="$2" JT_HTTP_HOST=127.0.0.1 JT_CLUSTER_PORT="$3" JT_CLUSTER_MEMBERS="$4" \
    JT_CLUSTER_NAME="start-$$-$RANDOM" JT_DATA_DIR="$5" "$juice" node >"$5/$1.log" 2>&1 &
  pids+=($!)
}

stop_all() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}

# one round: N processes started together; prints "ms cpu" per process when it answers 200
round() { # count run
  local n="$1" r="$2" list="" i t0 done_ids=""
  for i in $(seq 1 "$n"); do list="$list${list:+,}127.0.0.1:$((base + 100 + i))"; done
  [ "$n" = 1 ] && list=""
  t0=$(now_ms)
  for i in $(seq 1 "$n"); do
    mkdir -p "$work/r$r-$i"
    launch "n$i" "$((base + i))" "$((base + 100 + i))" "$list" "$work/r$r-$i"
  done
  local left="$n"
  local deadline=$((t0 + 120000))
  while [ "$left" -gt 0 ] && [ "$(now_ms)" -lt "$deadline" ]; do
    for i in $(seq 1 "$n"); do
      case " $done_ids " in *" $i "*) continue ;; esac
      if health_ok "$((base + i))"; then
        echo "$(( $(now_ms) - t0 )) $(cpu_s "${pids[$((i - 1))]}")"
        done_ids="$done_ids $i"; left=$((left - 1))
      fi
    done
    sleep 0.02
  done
  stop_all
  rm -rf "$work/r$r-"*
}

measure() { # label count
  local label="$1" n="$2" r line all="" cpus=""
  echo "== $label ($runs runs, $juice)"
  for r in $(seq 1 "$runs"); do
    local l; l=$(load)
    local out; out=$(round "$n" "$r")
    echo "run $r (load $l): $(echo "$out" | awk '{printf "%s ms (cpu %s s)  ", $1, $2}')"
    all="$all$(echo "$out" | awk '{print $1}')"$'\n'
    cpus="$cpus$(echo "$out" | awk '{print $2}')"$'\n'
  done
  echo "$label: median start-to-healthy $(echo -n "$all" | median) ms, median cpu $(echo -n "$cpus" | median) s"
}

case "$mode" in
  alone) measure alone 1 ;;
  three) measure "three together" 3 ;;
  *) measure alone 1; measure "three together" 3 ;;
esac
