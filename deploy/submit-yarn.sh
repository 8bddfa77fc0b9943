#!/usr/bin/env bash
# Run snn-spark on YARN in cluster mode (the driver runs in the cluster too, so every path must be
# on HDFS or S3). HADOOP_CONF_DIR must point at the cluster's configuration.
#
# Example:
#   hdfs dfs -put data/mnist /datasets/mnist
#   deploy/submit-yarn.sh run --data hdfs:///datasets/mnist --out hdfs:///runs/mnist-1 --workers 8
set -euo pipefail
source "$(dirname "$0")/common.sh"
: "${HADOOP_CONF_DIR:?set HADOOP_CONF_DIR to the cluster's Hadoop configuration}"
exec "$SPARK_SUBMIT" \
  --master yarn \
  --deploy-mode cluster \
  --num-executors "${SNN_EXECUTORS:-8}" \
  --properties-file "$deploy_dir/spark-defaults.conf" \
  --conf "spark.driver.extraJavaOptions=$JAVA17_OPTS" \
  --conf "spark.executor.extraJavaOptions=$JAVA17_OPTS" \
  --class snnspark.driver.Main \
  "$SNN_JAR" "$@"
