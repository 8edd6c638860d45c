#!/usr/bin/env bash
# netsim.sh: network conditions for ONE node of docker-compose.yml, applied inside that node's
# network namespace (the netsim service shares it: network_mode "service:${NETSIM_TARGET}").
#
#   NETSIM_TARGET=node2 docker compose run --rm netsim delay 100ms 20ms
#   NETSIM_TARGET=node2 docker compose run --rm netsim loss 20%
#   NETSIM_TARGET=node2 docker compose run --rm netsim partition
#   NETSIM_TARGET=node2 docker compose run --rm netsim restore
#
# delay, jitter, loss and bandwidth are parameters of one `tc netem` qdisc on the node's interface;
# each command changes its own parameter and keeps the others (kept per target in
# $NETSIM_STATE_DIR, a volume shared by every netsim run), so "500 ms delay, then 20 % loss on top"
# is two commands. A partition is an iptables chain that drops traffic to and from the other nodes
# (Prometheus and the published ports still reach the node). Everything lives in the node's
# namespace: it ends with `restore`, or when the node's container is restarted or recreated.
#
# netem needs the kernel module sch_netem: present on ordinary Docker hosts (Docker Desktop, most
# distribution kernels); where it is missing tc says "Specified qdisc kind is unknown".
set -euo pipefail

dev="${NETSIM_DEV:-eth0}"
target="${NETSIM_TARGET:-node1}"
nodes="${NETSIM_NODES:-node1 node2 node3}"
state_dir="${NETSIM_STATE_DIR:-/var/lib/netsim}"
state="$state_dir/$target.netem"
chain="JUICE_NETSIM"

usage() {
  cat >&2 <<'USAGE'
usage: netsim.sh COMMAND [ARGS]
  delay TIME [JITTER]   one-way delay on the node's outgoing packets, e.g. delay 100ms 20ms
  loss PERCENT          random loss of outgoing packets, e.g. loss 20%
  bandwidth RATE        rate limit of outgoing traffic, e.g. bandwidth 1mbit
  partition [PEER...]   drop all traffic to and from the peers (names or IPv4 addresses;
                        default: every node of NETSIM_NODES but NETSIM_TARGET)
  heal                  remove the partition only
  restore               remove every condition (netem qdisc and partition)
  status                show the qdisc and the partition rules
environment: NETSIM_TARGET (node1), NETSIM_DEV (eth0), NETSIM_NODES ("node1 node2 node3"),
             NETSIM_STATE_DIR (/var/lib/netsim), NETSIM_DRY_RUN=1 prints the commands only
USAGE
  exit 2
}

die() {
  echo "netsim: $*" >&2
  exit 2
}

# Runs a command, or prints it when NETSIM_DRY_RUN=1 (the build checks the commands that way).
run() {
  if [ "${NETSIM_DRY_RUN:-0}" = 1 ]; then
    echo "$*"
  else
    "$@"
  fi
}

time_arg() { [[ "$1" =~ ^[0-9]+(\.[0-9]+)?(us|ms|s)$ ]] || die "'$1' is not a time like 100ms"; }
percent_arg() { [[ "$1" =~ ^[0-9]+(\.[0-9]+)?%$ ]] || die "'$1' is not a percentage like 20%"; }
rate_arg() { [[ "$1" =~ ^[0-9]+(\.[0-9]+)?(bit|kbit|mbit|gbit|bps|kbps|mbps|gbps)$ ]] || die "'$1' is not a rate like 1mbit"; }

# The netem parameters in force for the target: delay, jitter, loss, rate (empty = none).
delay="" jitter="" loss="" rate=""
load_state() {
  if [ -f "$state" ]; then
    # shellcheck disable=SC1090
    . "$state"
  fi
}

save_state() {
  mkdir -p "$state_dir"
  printf 'delay=%q\njitter=%q\nloss=%q\nrate=%q\n' "$delay" "$jitter" "$loss" "$rate" > "$state"
}

apply_netem() {
  local args=()
  if [ -n "$delay" ]; then
    args+=(delay "$delay")
    if [ -n "$jitter" ]; then
      args+=("$jitter" distribution normal)
    fi
  fi
  [ -n "$loss" ] && args+=(loss "$loss")
  [ -n "$rate" ] && args+=(rate "$rate")
  save_state
  if [ "${#args[@]}" -eq 0 ]; then
    run tc qdisc del dev "$dev" root 2>/dev/null || true
  else
    run tc qdisc replace dev "$dev" root netem "${args[@]}"
  fi
}

# IPv4 addresses of a peer given by name or address (docker's DNS answers service names).
addresses() {
  if [[ "$1" =~ ^[0-9]+(\.[0-9]+){3}$ ]]; then
    echo "$1"
  else
    getent ahostsv4 "$1" | awk '{print $1}' | sort -u | grep . || die "cannot resolve peer '$1'"
  fi
}

partition() {
  local peers=("$@")
  if [ "${#peers[@]}" -eq 0 ]; then
    for n in $nodes; do
      [ "$n" = "$target" ] || peers+=("$n")
    done
  fi
  [ "${#peers[@]}" -gt 0 ] || die "no peers to cut off"
  local resolved=() addrs
  for peer in "${peers[@]}"; do
    # resolved before any rule is added: an unknown peer changes nothing
    addrs="$(addresses "$peer")" || exit 2
    resolved+=($addrs)
  done
  heal
  run iptables -N "$chain"
  for addr in "${resolved[@]}"; do
    run iptables -A "$chain" -s "$addr" -j DROP
    run iptables -A "$chain" -d "$addr" -j DROP
  done
  run iptables -I INPUT 1 -j "$chain"
  run iptables -I OUTPUT 1 -j "$chain"
}

heal() {
  if [ "${NETSIM_DRY_RUN:-0}" = 1 ] || iptables -nL "$chain" >/dev/null 2>&1; then
    run iptables -D INPUT -j "$chain" 2>/dev/null || true
    run iptables -D OUTPUT -j "$chain" 2>/dev/null || true
    run iptables -F "$chain"
    run iptables -X "$chain"
  fi
}

[ $# -ge 1 ] || usage
command="$1"
shift
load_state
case "$command" in
  delay)
    [ $# -ge 1 ] && [ $# -le 2 ] || usage
    time_arg "$1"
    [ $# -eq 2 ] && time_arg "$2"
    delay="$1" jitter="${2:-}"
    apply_netem
    ;;
  loss)
    [ $# -eq 1 ] || usage
    percent_arg "$1"
    loss="$1"
    apply_netem
    ;;
  bandwidth)
    [ $# -eq 1 ] || usage
    rate_arg "$1"
    rate="$1"
    apply_netem
    ;;
  partition)
    partition "$@"
    ;;
  heal)
    heal
    ;;
  restore)
    delay="" jitter="" loss="" rate=""
    apply_netem
    heal
    ;;
  status)
    echo "target $target, device $dev"
    # what later commands build on; after the node's container was restarted it may no longer be in force
    echo "remembered: delay=${delay:-none} jitter=${jitter:-none} loss=${loss:-none} rate=${rate:-none}"
    run tc qdisc show dev "$dev"
    run iptables -nL "$chain" 2>/dev/null || echo "no partition"
    ;;
  *)
    usage
    ;;
esac
