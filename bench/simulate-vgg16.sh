#!/usr/bin/env bash
# Times the whole one-image VGG-16 `simulate` command of docs/simulation.md ("Performance"): the
# `sim-vgg16` bench case's model (seeded random 8-bit weights, 3x32x32, width 64, 20 MB) and image,
# written once to a folder, then simulated on sim-configs/isaac.conf with --ideal-adc, trace written.
#
#   bench/simulate-vgg16.sh [ROUNDS] [FOLDER]     (defaults: 5 rounds, out/bench-vgg16 in the repository)
#
# Prints each run's wall time, CPU (user + system), peak resident memory and page faults, then the
# median [min .. max] of the wall times, after the runtime that ran them. The first run after a build
# also writes the launcher's class-data archive for `simulate` (Java 25's ahead-of-time cache where
# the launcher runs it on Java 25); a warm-up run before the timed ones takes that cost out.
# XBARSIM_JAVA_OPTS is passed on, so JVM options can be screened with the same command. The model and
# image are kept in FOLDER and reused; delete them to write them again (after a change to
# model.RandomModels or the model file format, say).
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
rounds=${1:-5}
dir=${2:-$here/out/bench-vgg16}
if ! [[ "$rounds" =~ ^[0-9]{1,3}$ ]] || (( 10#$rounds < 1 || 10#$rounds > 100 )); then
  echo "simulate-vgg16.sh: ROUNDS must be 1 to 100, got '$rounds'" >&2
  exit 2
fi
rounds=$((10#$rounds))
if [[ ! -x /usr/bin/time ]]; then
  echo "simulate-vgg16.sh: needs /usr/bin/time (apt-get install -y time)" >&2
  exit 1
fi
mkdir -p "$dir"
model="$dir/vgg16.json"
image="$dir/vgg16-image.json"
if [[ ! -f "$model" || ! -f "$image" ]]; then
  "$here/xbarsim" --version >/dev/null    # builds target/ and target/runtime-classpath.txt
  script="$dir/write-inputs.jsh"
  # the paths reach jshell as properties, so no character in them can break the Java source
  cat > "$script" <<'JSH'
import org.xbarsim.model.*;
import java.nio.file.*;
ModelFile.write(Path.of(System.getProperty("vgg16.model")), RandomModels.vgg16(1, 64, new Shape(3, 32, 32)));
var r = new java.util.Random(1);
var sb = new StringBuilder("[");
for (int i = 0; i < 3 * 32 * 32; i++) { if (i > 0) sb.append(','); sb.append(r.nextInt(256)); }
Files.writeString(Path.of(System.getProperty("vgg16.image")), sb.append(']').toString());
/exit
JSH
  echo "simulate-vgg16.sh: writing $model and $image (jshell, a few seconds)" >&2
  rm -f "$model.tmp" "$image.tmp"
  jshell -R-Xmx4g -R-Dvgg16.model="$model.tmp" -R-Dvgg16.image="$image.tmp" \
    --class-path "$here/target/classes:$(cat "$here/target/runtime-classpath.txt")" "$script" >/dev/null || true
  rm -f "$script"
  # jshell exits 0 even when a statement fails, so the files themselves tell
  if [[ ! -s "$model.tmp" || ! -s "$image.tmp" ]]; then
    rm -f "$model.tmp" "$image.tmp"
    echo "simulate-vgg16.sh: jshell did not write the model and image (its errors are above)" >&2
    exit 1
  fi
  mv -f "$model.tmp" "$model"
  mv -f "$image.tmp" "$image"
fi
cmd=("$here/xbarsim" simulate --model "$model" --config "$here/sim-configs/isaac.conf" --input "$image"
     --ideal-adc --quiet --force --out "$dir/run")
if ! "${cmd[@]}" >/dev/null; then    # warm-up (and the class-data archive or Java 25's cache after a build)
  echo "simulate-vgg16.sh: the warm-up run failed (its error is above)" >&2
  exit 1
fi
# the launcher runs simulate on Java 25 where one is installed (XBARSIM_SIM_JAVA=0: the PATH's java)
jvm=$(sed -n 's/^ *"jvm" *: *"\(.*\)",*$/\1/p' "$dir/run/run-info.json" 2>/dev/null | head -n 1 || true)
echo "runtime: ${jvm:-unknown}"
walls=()
trap 'rm -f "$dir/time.txt"' EXIT
for i in $(seq 1 "$rounds"); do
  if ! /usr/bin/time -f "%e %U %S %M %R" -o "$dir/time.txt" "${cmd[@]}" >/dev/null; then
    echo "run $i: failed (its error is above); left out" >&2
    continue
  fi
  read -r wall user sys rss faults < <(tail -n 1 "$dir/time.txt")
  awk -v i="$i" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v f="$faults" 'BEGIN {
    printf "run %d: %s s wall, %.2f s CPU, %d MB peak resident, %d page faults\n", i, w, u + s, m / 1024, f }'
  walls+=("$wall")
done
if (( ${#walls[@]} == 0 )); then
  echo "simulate-vgg16.sh: no run succeeded" >&2
  exit 1
fi
printf '%s\n' "${walls[@]}" | sort -g | awk '{ v[NR] = $1 } END {
  m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
  printf "whole command, %d runs: median %.2f s [%.2f .. %.2f]\n", NR, m, v[1], v[NR] }'
