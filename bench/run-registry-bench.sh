#!/usr/bin/env bash
# Builds the training jar (model/), the store, the runtime and the benchmark programs, then measures
# models:/diabetes@production resolution + load (logistic regression and gradient boosting, trained on
# synthetic rows and registered in a SQLite workspace) and runs/search over 30,000 runs with 20 metrics.
# Extra arguments go to the program, e.g. --only registry|search --loads 50 --runs 30000 --dir /tmp/bench.
set -Eeuo pipefail
trap 'echo "run-registry-bench.sh: exit code $? from \`$BASH_COMMAND\` at line $LINENO" >&2' ERR
cd "$(dirname "$0")/.."
./mvnw -q -pl model,bench -am package -DskipTests
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.mloop.bench.RegistryBench "$@"
