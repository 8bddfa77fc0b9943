#!/usr/bin/env bash
# Run snn-spark on Kubernetes with one NVIDIA GPU per executor, in cluster mode. The image is
# deploy/docker/Dockerfile (built with the -Pcuda jar); data and outputs on S3 (s3a://) or HDFS.
#
# Example:
#   mvn -B -Pcuda -DskipTests package
#   docker build -f deploy/docker/Dockerfile -t registry.example/snn-spark:cuda .
#   SNN_IMAGE=registry.example/snn-spark:cuda deploy/submit-k8s.sh https://k8s-api:6443 \
#       run --data s3a://bucket/mnist --out s3a://bucket/runs/1 --workers 4
set -euo pipefail
source "$(dirname "$0")/common.sh"
api=${1:?usage: submit-k8s.sh https://K8S-API:PORT COMMAND [ARGS...]}
shift
: "${SNN_IMAGE:?set SNN_IMAGE to the image built from deploy/docker/Dockerfile}"
exec "$SPARK_SUBMIT" \
  --master "k8s://$api" \
  --deploy-mode cluster \
  --name snn-spark \
  --properties-file "$deploy_dir/spark-defaults.conf" \
  --conf "spark.kubernetes.container.image=$SNN_IMAGE" \
  --conf "spark.kubernetes.driver.podTemplateFile=$deploy_dir/k8s/driver-pod-template.yaml" \
  --conf "spark.kubernetes.executor.podTemplateFile=$deploy_dir/k8s/executor-pod-template.yaml" \
  --conf "spark.executor.instances=${SNN_EXECUTORS:-4}" \
  --conf spark.executor.resource.gpu.amount=1 \
  --conf spark.executor.resource.gpu.vendor=nvidia.com \
  --conf spark.executor.resource.gpu.discoveryScript=/opt/snn-spark/gpu-discovery.sh \
  --conf spark.task.resource.gpu.amount=1 \
  --conf spark.executor.cores=1 \
  --conf "spark.driver.extraJavaOptions=$JAVA17_OPTS" \
  --conf "spark.executor.extraJavaOptions=$JAVA17_OPTS" \
  ${blas_kernel:+--conf "spark.kubernetes.driverEnv.OPENBLAS_CORETYPE=$blas_kernel"} \
  --class snnspark.driver.Main \
  local:///opt/snn-spark/snn-spark.jar "$@"
