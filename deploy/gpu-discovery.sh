#!/usr/bin/env bash
# Spark resource discovery for NVIDIA GPUs: prints {"name":"gpu","addresses":["0","1",...]}.
# Spark gives each task the addresses it may use; snnspark.worker.spark.GpuBinding binds ND4J to them.
set -euo pipefail
addresses=$(nvidia-smi --query-gpu=index --format=csv,noheader 2>/dev/null | sed 's/.*/"&"/' | paste -sd, -)
echo "{\"name\": \"gpu\", \"addresses\": [${addresses}]}"
