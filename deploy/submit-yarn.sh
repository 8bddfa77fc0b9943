#!/usr/bin/env bash
# Run snn-spark on YARN. In cluster mode (the default) the driver runs in the cluster too, so every
# path must be on HDFS or S3; SNN_DEPLOY_MODE=client keeps the driver, and its progress lines, on
# this console. HADOOP_CONF_DIR must point at the cluster's configuration. docs/cluster.md says
# what a real cluster needs (queue, memory overhead for ND4J, Java 17 on the nodes, GPUs).
#
# Example:
#   hdfs dfs -put data/mnist /datasets/mnist
#   deploy/submit-yarn.sh run --data hdfs:///datasets/mnist --out hdfs:///runs/mnist-1 --workers 8
#
# Environment: SNN_EXECUTORS (default 8), SNN_DEPLOY_MODE (cluster or client), SNN_SUBMIT_OPTS
# (more spark-submit options, split on spaces, e.g. "--queue analytics --conf
# spark.executor.memory=8g"; they override deploy/spark-defaults.conf), SPARK_SUBMIT, SNN_JAR,
# SNN_BLAS_KERNEL (the OpenBLAS kernel of the driver and executors; deploy/blas-kernel).
set -euo pipefail
source "$(dirname "$0")/common.sh"
: "${HADOOP_CONF_DIR:?set HADOOP_CONF_DIR to the folder of the cluster configuration (yarn-site.xml)}"
deploy_mode=${SNN_DEPLOY_MODE:-cluster}
case "$deploy_mode" in
  cluster | client) ;;
  *)
    echo "snn: SNN_DEPLOY_MODE must be cluster or client, not '$deploy_mode'" >&2
    exit 2
    ;;
esac
read -r -a extra_opts <<<"${SNN_SUBMIT_OPTS:-}"
exec "$SPARK_SUBMIT" \
  --master yarn \
  --deploy-mode "$deploy_mode" \
  --num-executors "${SNN_EXECUTORS:-8}" \
  --properties-file "$deploy_dir/spark-defaults.conf" \
  --conf "spark.driver.extraJavaOptions=$JAVA17_OPTS" \
  --conf "spark.executor.extraJavaOptions=$JAVA17_OPTS" \
  ${blas_kernel:+--conf "spark.yarn.appMasterEnv.OPENBLAS_CORETYPE=$blas_kernel"} \
  "${extra_opts[@]}" \
  --class snnspark.driver.Main \
  "$SNN_JAR" "$@"
