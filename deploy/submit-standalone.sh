#!/usr/bin/env bash
# Run snn-spark on a Spark standalone cluster. Arguments after the master go to 'snn'.
#
# Example (data on HDFS, readable by every executor, which then read their share themselves):
#   deploy/submit-standalone.sh spark://master:7077 run \
#       --data hdfs://namenode:8020/datasets/mnist --out hdfs://namenode:8020/runs/mnist-1
set -euo pipefail
source "$(dirname "$0")/common.sh"
master=${1:?usage: submit-standalone.sh spark://HOST:7077 COMMAND [ARGS...]}
shift
exec "$SPARK_SUBMIT" \
  --master "$master" \
  --deploy-mode client \
  --properties-file "$deploy_dir/spark-defaults.conf" \
  --conf "spark.driver.extraJavaOptions=$JAVA17_OPTS" \
  --conf "spark.executor.extraJavaOptions=$JAVA17_OPTS" \
  --class snnspark.driver.Main \
  "$SNN_JAR" "$@"
