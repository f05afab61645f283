#!/usr/bin/env bash
# Builds the CLI and the benchmark programs, then measures the overhead of a job from submit to its
# command's first line (`echo "first $(date +%s%N)"`), in server mode (in-process server, HTTP
# submit) and embedded mode (a detached `mloop job execute` JVM per job). Extra arguments go to the
# program, e.g. --jobs 20 --warmup 3 --mode server|server-direct|embedded|all --dir /tmp/bench.
set -Eeuo pipefail
trap 'echo "run-job-bench.sh: exit code $? from \`$BASH_COMMAND\` at line $LINENO" >&2' ERR
cd "$(dirname "$0")/.."
./mvnw -q -pl bench -am package -Dmaven.test.skip=true
export MLOOP_LOG_LEVEL=DEBUG # executors log their phase timings (see PhaseLog)
exec java -cp "bench/target/mloop-bench.jar:$(cat bench/target/classpath.txt)" org.mloop.bench.JobOverheadBench "$@"
