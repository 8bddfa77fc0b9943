# Shared by deploy/local-cluster/{start,stop,submit}: where the cluster keeps its state.
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
