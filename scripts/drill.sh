#!/usr/bin/env bash
# Runs the network drills by hand (README "Network drills"): three node processes, each in its own
# network namespace on a bridge, under faults; one report per scenario in target/drills/<scenario>.json.
# Needs root (ip netns, iptables, tc) and Debian's iproute2 + iptables.
#
# Usage: scripts/drill.sh <scenario>|all [-Dname=value ...]
#   scenario: 1|basic 2|delay 3|loss 4|partition 5|sigkill 6|volume 7|skew 8|bandwidth, or all
#   durations (defaults = what CI runs): -Ddrill.delaySeconds=15 -Ddrill.lossAfterSeconds=5
#   -Ddrill.restoreAfterSeconds=15 -Ddrill.afterRestoreSeconds=10 -Ddrill.partitionSeconds=20
#   -Ddrill.afterHealSeconds=10 -Ddrill.killLoadSeconds=60 -Ddrill.killIntervalSeconds=10 -Ddrill.seed=N
#   -Ddrill.volumeCallers=20 -Ddrill.volumeSeconds=15 -Ddrill.skewMs=10000 -Ddrill.skewLoadSeconds=10
#   -Ddrill.rate=1mbit -Ddrill.rateSeconds=10 -Ddrill.settleMs=3000 -Ddrill.logLevel=INFO
# Node logs: target/node-drill-n<i>-<start>-<pid>.log
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -lt 1 ]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
case "$1" in
  1|basic) it='NetworkDrill#scenario1*' ;;
  2|delay) it='NetworkDrill#scenario2*' ;;
  3|loss) it='NetworkDrill#scenario3*' ;;
  4|partition) it='NetworkDrill#scenario4*' ;;
  5|sigkill|kill) it='NetworkDrill#scenario5*' ;;
  6|volume) it='NetworkDrill#scenario6*' ;;
  7|skew) it='NetworkDrill#scenario7*' ;;
  8|bandwidth) it='NetworkDrill#scenario8*' ;;
  all) it='NetworkDrill' ;;
  *) echo "unknown scenario '$1' (1-8, a name, or all)" >&2; exit 2 ;;
esac
shift
if [ "$(id -u)" != 0 ]; then
  echo "the drills need root (network namespaces, iptables, tc)" >&2
  exit 2
fi
cd "$root"
mkdir -p target/drills
marker="$(mktemp)"
trap 'rm -f "$marker"' EXIT
# the unit tests are skipped (-Dtest=none): only failsafe's drill runs
./mvnw -B -q -Pdrills -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="$it" "$@" verify
echo "reports of this run:"
find target/drills -name '*.json' -newer "$marker" | sort
