#!/usr/bin/env bash
# Times the whole one-image VGG-16 `simulate` command of docs/simulation.md ("Performance"): the
# `sim-vgg16` bench case's model (seeded random 8-bit weights, 3x32x32, width 64, 20 MB) and image,
# written once to a folder, then simulated on sim-configs/isaac.conf with --ideal-adc, trace written.
#
#   bench/simulate-vgg16.sh [ROUNDS] [FOLDER]     (defaults: 5 rounds, out/bench-vgg16)
#
# Prints each run's wall time, CPU (user + system), peak resident memory and page faults, then the
# median [min .. max] of the wall times. The first run after a build also writes the launcher's
# class-data archive for `simulate`; a warm-up run before the timed ones takes that cost out.
# XBARSIM_JAVA_OPTS is passed on, so JVM options can be screened with the same command.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
rounds=${1:-5}
dir=${2:-out/bench-vgg16}
if ! [[ "$rounds" =~ ^[0-9]+$ ]] || (( rounds < 1 || rounds > 100 )); then
  echo "simulate-vgg16.sh: ROUNDS must be 1 to 100, got '$rounds'" >&2
  exit 2
fi
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
  cat > "$script" <<EOF
import org.xbarsim.model.*;
import java.nio.file.*;
ModelFile.write(Path.of("$model.tmp"), RandomModels.vgg16(1, 64, new Shape(3, 32, 32)));
var r = new java.util.Random(1);
var sb = new StringBuilder("[");
for (int i = 0; i < 3 * 32 * 32; i++) { if (i > 0) sb.append(','); sb.append(r.nextInt(256)); }
Files.writeString(Path.of("$image.tmp"), sb.append(']').toString());
/exit
EOF
  echo "simulate-vgg16.sh: writing $model and $image (jshell, a few seconds)" >&2
  jshell -R-Xmx4g --class-path "$here/target/classes:$(cat "$here/target/runtime-classpath.txt")" "$script" >/dev/null
  mv -f "$model.tmp" "$model"
  mv -f "$image.tmp" "$image"
  rm -f "$script"
fi
cmd=("$here/xbarsim" simulate --model "$model" --config "$here/sim-configs/isaac.conf" --input "$image"
     --ideal-adc --quiet --force --out "$dir/run")
"${cmd[@]}" >/dev/null    # warm-up (and the class-data archive after a build)
walls=()
for i in $(seq 1 "$rounds"); do
  /usr/bin/time -f "%e %U %S %M %R" -o "$dir/time.txt" "${cmd[@]}" >/dev/null
  read -r wall user sys rss faults < "$dir/time.txt"
  awk -v i="$i" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v f="$faults" 'BEGIN {
    printf "run %d: %s s wall, %.2f s CPU, %d MB peak resident, %d page faults\n", i, w, u + s, m / 1024, f }'
  walls+=("$wall")
done
rm -f "$dir/time.txt"
printf '%s\n' "${walls[@]}" | sort -g | awk '{ v[NR] = $1 } END {
  m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
  printf "whole command, %d runs: median %.2f s [%.2f .. %.2f]\n", NR, m, v[1], v[NR] }'
