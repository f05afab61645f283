#!/usr/bin/env bash
# Builds the training jar (model/), the monitor and the benchmark programs, then measures a monitor run
# (org.mloop.monitor.MonitorEvaluator) over 1,000,000 collected rows x 8 features (target: under 5 s) and
# its live heap at 250,000, 1,000,000 and 4,000,000 rows in a JVM with -Xmx192m (target: flat). The rows
# are synthetic patients scored by a model trained on the 10,000-row baseline and written by the scoring
# host's data collector into a workspace in a temporary folder (about 1.3 GB for 4,000,000 rows).
# Extra arguments go to the program, e.g. --rows 1000000 --memory-rows 250000,1000000 --repeats 5
# --heap 192m --dir /tmp/monbench (kept, and reused by later runs).
set -Eeuo pipefail
trap 'echo "run-monitor-bench.sh: exit code $? from \`$BASH_COMMAND\` at line $LINENO" >&2' ERR
cd "$(dirname "$0")/.."
./mvnw -q -pl model,bench -am package -DskipTests
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.mloop.bench.MonitorBench "$@"
