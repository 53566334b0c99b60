#!/usr/bin/env bash
# Spark's GPU discovery script (spark.executor.resource.gpu.discoveryScript): prints the executor's GPUs as
# {"name": "gpu", "addresses": ["0", "1", ...]}, the CUDA device ordinals that nvidia-smi lists. The job runs each
# task on cuda:ADDRESS of the first GPU Spark assigned it. Where YARN or Kubernetes isolate GPUs per container,
# nvidia-smi lists only the container's, numbered from 0, as CUDA numbers them there.
set -eu
addresses=$( (nvidia-smi --query-gpu=index --format=csv,noheader 2>/dev/null || true) | sed -e 's/^ *//' -e 's/ *$//' \
  | awk 'NF { printf "%s\"%s\"", (n++ ? ", " : ""), $0 }')
echo "{\"name\": \"gpu\", \"addresses\": [${addresses}]}"
