# Shared by deploy/local-cluster/{start,stop,submit,spark-submit}: where the cluster keeps its state.
# shellcheck shell=bash
cluster_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$cluster_dir/../.." && pwd)
# Pid files, logs, work folders and the SPARK_HOME live here (git ignores target/).
state=${SNN_CLUSTER_DIR:-$root/target/local-cluster}
spark_home=$state/spark-home
master_port=${SNN_CLUSTER_PORT:-7077}
master_ui_port=${SNN_CLUSTER_UI_PORT:-8080}
master_url=spark://127.0.0.1:$master_port
mapfile -t java17_flags < <(grep -v '^\s*#' "$root/deploy/java17-flags" | sed '/^\s*$/d')
export SPARK_HOME=$spark_home
# Spark's launcher reads the Scala version from here when it builds executor commands.
export SPARK_SCALA_VERSION=2.12
export SPARK_LOCAL_IP=127.0.0.1

# Makes $spark_home: a jars/ folder of links to the jars Maven resolved for the local launcher
# (driver/target/local-classpath.txt: Spark, spark-yarn, Hadoop and what they need at the versions
# this build resolved) and the RELEASE marker Spark's launcher looks for; nothing is downloaded.
# This project's modules and DL4J/ND4J/JavaCPP stay out, so executors get those only from the
# shaded jar, as on a real cluster.
make_spark_home() {
  local classpath_file=$root/driver/target/local-classpath.txt
  if [ ! -f "$classpath_file" ]; then
    echo "local-cluster: $classpath_file is missing; build first: mvn -B -DskipTests install" >&2
    exit 2
  fi
  rm -rf "$spark_home"
  mkdir -p "$spark_home/jars"
  touch "$spark_home/RELEASE"
  tr ':' '\n' <"$classpath_file" |
    grep -v -E '/org/deeplearning4j/|/org/nd4j/|/org/bytedeco/|/snn-spark-' |
    while read -r jar; do
      [ -n "$jar" ] && ln -sf "$jar" "$spark_home/jars/"
    done
}
