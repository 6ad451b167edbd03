#!/usr/bin/env bash
# Mutation testing (PIT) of each package against its own tests, one package at a time.
#   scripts/mutation.sh                 every measured package
#   scripts/mutation.sh model mapping   only these
# Reports: target/pit-reports/PACKAGE/index.html (and mutations.xml, mutations.csv); a summary
# line per package (mutants, killed, survived, no coverage, score, score of covered) at the end.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
packages=("$@")
if [[ ${#packages[@]} -eq 0 ]]; then
  packages=(model mapping cost trace sim hw config)
fi
summary=()
for p in "${packages[@]}"; do
  echo "== mutation testing of org.xbarsim.$p" >&2
  started=$SECONDS
  mvn -B -P mutation -Dpit.package="$p" test-compile org.pitest:pitest-maven:mutationCoverage \
    > "target/pit-$p.log" 2>&1 || { tail -n 30 "target/pit-$p.log" >&2; echo "PIT failed for $p (log: target/pit-$p.log)" >&2; exit 1; }
  csv="target/pit-reports/$p/mutations.csv"
  line=$(awk -F, -v pkg="$p" -v secs=$((SECONDS - started)) '
    { n++; s[$6]++ }
    END {
      killed = s["KILLED"] + s["TIMED_OUT"] + s["MEMORY_ERROR"] + s["RUN_ERROR"]
      covered = n - s["NO_COVERAGE"]
      printf "%-8s %6d mutants %6d killed %5d survived %5d no coverage  score %3.0f %%  of covered %3.0f %%  (%d s)\n",
        pkg, n, killed, s["SURVIVED"], s["NO_COVERAGE"], n ? 100 * killed / n : 0, covered ? 100 * killed / covered : 0, secs
    }' "$csv")
  echo "$line" >&2
  summary+=("$line")
done
printf '%s\n' "${summary[@]}"
