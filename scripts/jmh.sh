#!/usr/bin/env bash
# JMH micro-benchmarks (package org.xbarsim.bench.micro): an Adam step, one golden-engine inference, one crossbar read,
# loading a model file. Builds the classes first (through the xbarsim launcher), then passes every
# argument to JMH, for example:
#   scripts/jmh.sh                          # all of them (a few minutes)
#   scripts/jmh.sh GoldenEngineBenchmark    # one class (a regular expression over benchmark names)
#   scripts/jmh.sh -p arch=lenet5 Adam      # one parameter value
#   scripts/jmh.sh -l                       # list them
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
"$here/xbarsim" --version >/dev/null
exec java -cp "$here/target/classes:$(cat "$here/target/runtime-classpath.txt")" org.openjdk.jmh.Main "$@"
