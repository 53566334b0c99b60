#!/bin/sh
# Loads the exported models with ONNX Runtime Java and the DJL tokenizer (both resolved from ~/.m2, as the
# engine resolves them) and compares against the reference data export.py wrote.
set -e
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
m2="${M2_REPO:-$HOME/.m2/repository}"
cp=""
for jar in com/microsoft/onnxruntime/onnxruntime/1.29.0/onnxruntime-1.29.0.jar \
           ai/djl/huggingface/tokenizers/0.36.0/tokenizers-0.36.0.jar ai/djl/api/0.36.0/api-0.36.0.jar \
           com/google/code/gson/gson/2.13.1/gson-2.13.1.jar net/java/dev/jna/jna/5.17.0/jna-5.17.0.jar \
           org/apache/commons/commons-compress/1.27.1/commons-compress-1.27.1.jar; do
  [ -f "$m2/$jar" ] || { echo "missing $m2/$jar (resolve it with Maven first)" >&2; exit 2; }
  cp="$cp:$m2/$jar"
done
slf4j=$(ls "$m2"/org/slf4j/slf4j-api/2.*/slf4j-api-2.*.jar 2>/dev/null | tail -1)
exec java -cp "${cp#:}${slf4j:+:$slf4j}" "$here/CheckExport.java" "${1:-$repo/models/game24}" "${2:-$here/../out/reference}"
