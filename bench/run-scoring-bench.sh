#!/usr/bin/env bash
# The online scoring benchmark (a few minutes, loopback only): wrk drives single-row and 1,000-row JSON
# scoring requests against a no-op handler on the scoring host's HTTP stack, a Python server doing what
# `mlflow models serve` does (FastAPI + uvicorn + pandas + scikit-learn, same model weights) and the
# scoring host, then prints req/s, p50/p99 and the ratios against the targets of docs/benchmarks.md.
# Installs what is missing with apt-get (wrk, python3-fastapi, python3-uvicorn, python3-sklearn,
# python3-pandas). The Python side runs on Debian's /usr/bin/python3, not a python3 found first on PATH.
# The figures are printed and appended to docs/benchmarks.md as a dated section (--docs none: print only).
# Extra arguments go to the program and win over the defaults below, e.g. --seconds 10 --warmup 5
# --connections 64 --cases noop,python,host --docs none.
set -Eeuo pipefail
trap 'echo "run-scoring-bench.sh: exit code $? from \`$BASH_COMMAND\` at line $LINENO" >&2' ERR
cd "$(dirname "$0")/.."
PYTHON=/usr/bin/python3

missing=()
command -v wrk >/dev/null || missing+=(wrk)
for module in fastapi:python3-fastapi uvicorn:python3-uvicorn sklearn:python3-sklearn pandas:python3-pandas; do
  "$PYTHON" -c "import ${module%%:*}" 2>/dev/null || missing+=("${module#*:}")
done
if ((${#missing[@]})); then
  echo "installing ${missing[*]} with apt-get"
  as_root=()
  if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to apt-get install ${missing[*]}" >&2; exit 1; }
    as_root=(sudo)
  fi
  "${as_root[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

./mvnw -q -pl model,bench -am package -DskipTests
# The program takes the first occurrence of an option: the caller's, then these defaults.
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.mloop.bench.ScoringBench \
  "$@" --python "$PYTHON" --docs docs/benchmarks.md
