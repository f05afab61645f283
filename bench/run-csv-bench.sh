#!/usr/bin/env bash
# Builds the benchmark programs, then measures the one CSV reader (CsvReader, FastCSV) on a synthetic
# 1,000,000-row diabetes CSV and the scoring host's CSV request codec beside it. Extra arguments go to the
# program: --rows N, --rounds N.
set -Eeuo pipefail
trap 'echo "run-csv-bench.sh: exit code $? from \`$BASH_COMMAND\` at line $LINENO" >&2' ERR
cd "$(dirname "$0")/.."
./mvnw -q -pl bench -am package -DskipTests
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.mloop.bench.CsvBench "$@"
