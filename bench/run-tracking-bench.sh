#!/usr/bin/env bash
# Builds the store and the benchmark programs, then measures the tracking store on SQLite:
# log-batch ingestion rate and runs/search latency over 10,000 runs. Extra arguments go to the
# program, e.g. --batches 500 --runs 10000 --searches 50 --dir /tmp/bench.
set -Eeuo pipefail
trap 'echo "run-tracking-bench.sh: exit code $? from \`$BASH_COMMAND\` at line $LINENO" >&2' ERR
cd "$(dirname "$0")/.."
./mvnw -q -pl bench -am package -DskipTests
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.mloop.bench.TrackingBench "$@"
