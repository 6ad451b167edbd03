#!/usr/bin/env bash
# Mutation testing (PIT) of each package against its own tests, one package at a time.
#   scripts/mutation.sh                 every measured package
#   scripts/mutation.sh model mapping   only these
#   scripts/mutation.sh --threads 1 hw  with one PIT worker (default 2), on a busy machine
# A package's run takes in its subpackages too (PIT's glob org.xbarsim.hw.* matches
# org.xbarsim.hw.crossbar.Crossbar), so does the equivalent-mutant list below; scripts/mutation.sh
# hw.crossbar runs one subpackage alone.
# Reports: target/pit-reports/PACKAGE/index.html (and mutations.xml, mutations.csv); a summary
# line per package (mutants, killed, survived, no coverage, score, score of covered) at the end.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
threads=2
if [[ ${1:-} == --threads ]]; then
  threads=${2:?--threads needs a number}
  shift 2
fi
packages=("$@")
if [[ ${#packages[@]} -eq 0 ]]; then
  packages=(model mapping cost trace sim hw config)
fi
summary=()
mkdir -p target
equivalents=src/test/resources/mutation/equivalent-mutants.tsv
for p in "${packages[@]}"; do
  echo "== mutation testing of org.xbarsim.$p" >&2
  started=$SECONDS
  mvn -B -P mutation -Dpit.package="$p" -Dpit.threads="$threads" test-compile org.pitest:pitest-maven:mutationCoverage \
    > "target/pit-$p.log" 2>&1 || { tail -n 30 "target/pit-$p.log" >&2; echo "PIT failed for $p (log: target/pit-$p.log)" >&2; exit 1; }
  csv="target/pit-reports/$p/mutations.csv"
  # Equivalent mutants (they cannot change behaviour; docs/mutation-testing.md gives each reason)
  # are listed in $equivalents by class, method, line and mutator, and left out of "of covered".
  line=$(awk -F'\t' -v pkg="org.xbarsim.$p." '
    FNR == NR { if ($0 !~ /^#/ && NF >= 4 && index($1, pkg) == 1) {
                  eq[$1 "|" $2 "|" $3 "|" $4] = 1; listed++ }
                next }
    { split($0, f, ","); n++; st = f[6]; s[st]++
      m = f[3]; sub(/.*\./, "", m)
      k = f[2] "|" f[4] "|" f[5] "|" m
      if (st == "SURVIVED" && (k in eq)) { equiv++; used[k] = 1 } }
    END {
      for (k in eq) if (!(k in used)) printf "stale equivalent-mutant entry (no surviving mutant matches): %s\n", k > "/dev/stderr"
      killed = s["KILLED"] + s["TIMED_OUT"] + s["MEMORY_ERROR"] + s["RUN_ERROR"]
      covered = n - s["NO_COVERAGE"] - equiv
      printf "%-8s %6d mutants %6d killed %5d survived (%d of them equivalent) %5d no coverage  score %3.0f %%  of covered %3.0f %%  (%d s)\n",
        substr(pkg, 13, length(pkg) - 13), n, killed, s["SURVIVED"], equiv, s["NO_COVERAGE"], n ? 100 * killed / n : 0,
        covered ? 100 * killed / covered : 0, secs
    }' secs=$((SECONDS - started)) "$equivalents" "$csv")
  echo "$line" >&2
  summary+=("$line")
done
printf '%s\n' "${summary[@]}"
