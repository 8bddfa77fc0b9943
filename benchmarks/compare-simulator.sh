#!/usr/bin/env bash
# The event-driven simulator of another checkout against this one's, in one JVM, taking turns
# (benchmarks/compare/CompareSimulators.java): tells apart changes of a few percent that separate
# runs of `deploy/snn bench spiking` or `evaluate` cannot on a shared machine. Not part of CI.
#
#   benchmarks/compare-simulator.sh OTHER_CHECKOUT [MODEL] [IMAGES] [ROUNDS]
#
# OTHER_CHECKOUT: another clone, e.g. `git clone . /tmp/old && git -C /tmp/old checkout <commit>`;
# both need their data/mnist and a build (`deploy/snn --version` builds one). MODEL defaults to
# out/model.zip; IMAGES (300) per pass, ROUNDS (16, at least 3). Prints each side's speed on one
# thread and the per-round speed-up of this checkout over the other (above 1: this one is faster).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
other=$(cd "${1:?usage: benchmarks/compare-simulator.sh OTHER_CHECKOUT [MODEL] [IMAGES] [ROUNDS]}" && pwd)
model=${2:-$root/out/model.zip}
images=${3:-300}
rounds=${4:-16}
[[ $images =~ ^[0-9]+$ && $images -ge 1 && $rounds =~ ^[0-9]+$ && $rounds -ge 3 ]] ||
  { echo "compare-simulator: IMAGES must be at least 1 and ROUNDS at least 3" >&2; exit 2; }
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
sides=()
for checkout in "$other" "$root"; do
  (cd "$checkout" && deploy/snn --version >/dev/null)
  version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$checkout/pom.xml" | head -n 1)
  jar="$checkout/driver/target/snn-spark-driver-$version.jar"
  out="$classes/side-${#sides[@]}"
  javac -nowarn -d "$out" -cp "$jar:$(cat "$checkout/driver/target/local-classpath.txt")" \
    "$root/benchmarks/compare/SimulatorRun.java"
  sides+=("$checkout" "$jar" "$out")
done
javac -d "$classes/main" "$root/benchmarks/compare/CompareSimulators.java"
mapfile -t flags < <(grep -v '^#' "$root/deploy/java17-flags" | grep .)
# Spark's and SLF4J's start-up warnings go; everything else on stderr stays.
java "${flags[@]}" -Xmx4g -cp "$classes/main" CompareSimulators "$model" "$images" "$rounds" "${sides[@]}" \
  2>"$classes/stderr" || { grep -v ' WARN \|^SLF4J' "$classes/stderr" >&2; exit 1; }
grep -v ' WARN \|^SLF4J' "$classes/stderr" >&2 || true
