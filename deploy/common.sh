# Shared by the submit scripts: the jar, the Java 17 flags and the defaults file.
# shellcheck shell=bash
deploy_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$deploy_dir/.." && pwd)
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -n 1)
SNN_JAR=${SNN_JAR:-$root/driver/target/snn-spark-$version.jar}
JAVA17_OPTS=$(grep -v '^\s*#' "$deploy_dir/java17-flags" | sed '/^\s*$/d' | xargs)
SPARK_SUBMIT=${SPARK_SUBMIT:-spark-submit}
# The BLAS kernel every JVM of the job loads (deploy/blas-kernel says why): exported for a driver
# that runs here (client mode); the submit scripts pass it to a driver in the cluster; the driver
# passes the kernel it loaded on to its executors.
blas_kernel=$("$deploy_dir/blas-kernel")
if [ -n "$blas_kernel" ]; then export OPENBLAS_CORETYPE=$blas_kernel; else unset OPENBLAS_CORETYPE; fi
if [ ! -f "$SNN_JAR" ]; then
  echo "snn: $SNN_JAR is missing; build it with: mvn -B -DskipTests package" >&2
  exit 2
fi
