#!/usr/bin/env bash
# Runs a sweep on a real multi-process Pekko Cluster on this machine: one JVM for the coordinator
# (the seed node) and one JVM per worker, all on 127.0.0.1, then checks the table against a local
# run of the same sweep when one is given.
#
#   scripts/cluster-sweep.sh [SWEEP] [OUT] [WORKERS] [PORT] [LOCAL_OUT]
#     SWEEP      sweep file (default: sim-configs/sweeps/adc-x-size.conf)
#     OUT        the cluster run's folder (default: runs/cluster-sweep; replaced)
#     WORKERS    worker JVMs, one job each (default: 2)
#     PORT       the coordinator's port (default: 25520)
#     LOCAL_OUT  a local run's folder of the same sweep: summary.csv and summary.json must be equal
#   KILL_AFTER=S   kill -9 the first worker S seconds after it started (its points go to the others)
#
# Logs: OUT.coordinator.log and OUT.workerN.log beside OUT.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
sweep=${1:-sim-configs/sweeps/adc-x-size.conf}
out=${2:-runs/cluster-sweep}
workers=${3:-2}
port=${4:-25520}
local_out=${5:-}
name=$(sed -n 's/^name *= *"\([^"]*\)".*/\1/p' "$sweep" | head -n 1)
[[ -n "$name" ]] || { echo "cluster-sweep.sh: no name = \"...\" line in $sweep" >&2; exit 2; }
export XBARSIM_JAVA_OPTS=${XBARSIM_JAVA_OPTS:--Xmx1g}
mkdir -p "$(dirname "$out")"
./xbarsim --version >/dev/null   # build once, before several launchers start

started=$SECONDS
./xbarsim sweep --sweep "$sweep" --out "$out" --force --cluster --bind "127.0.0.1:$port" --quiet \
  >"$out.coordinator.log" 2>&1 &
coordinator=$!
pids=()
for i in $(seq 1 "$workers"); do
  ./xbarsim worker --join "127.0.0.1:$port" --name "$name" --jobs 1 >"$out.worker$i.log" 2>&1 &
  pids+=($!)
done
if [[ -n "${KILL_AFTER:-}" ]]; then
  sleep "$KILL_AFTER"
  # the worker's java process (the launcher execs java, so the pid is the JVM's)
  kill -9 "${pids[0]}" 2>/dev/null && echo "cluster-sweep.sh: killed worker 1 (pid ${pids[0]}) after $KILL_AFTER s" >&2
fi
status=0
wait "$coordinator" || status=$?
for p in "${pids[@]}"; do wait "$p" || true; done
echo "cluster-sweep.sh: sweep '$name' on $workers worker JVM(s): exit $status, $((SECONDS - started)) s wall" >&2
tail -n 2 "$out.coordinator.log" >&2
if [[ -n "$local_out" ]]; then
  for f in summary.csv summary.json; do
    if cmp -s "$out/$f" "$local_out/$f"; then
      echo "cluster-sweep.sh: $f equals the local run's" >&2
    else
      echo "cluster-sweep.sh: $f DIFFERS from $local_out/$f" >&2
      status=1
    fi
  done
fi
exit "$status"
