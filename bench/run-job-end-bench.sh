#!/usr/bin/env bash
# How soon a streamed job's end is noticed: runs `mloop job create --stream` REPEATS times (default 5)
# on a job that prints, sleeps half a second and prints, against a fresh local workspace or, with
# --server, a fresh `mloop server` on a free loopback port (as the CI workflows' training steps do).
# For each job it prints the milliseconds from the job's recorded end (endedAt) to the follower
# printing its end line, and to the CLI returning.
# Usage: bench/run-job-end-bench.sh [REPEATS] [--server]
set -Eeuo pipefail
trap 'echo "run-job-end-bench.sh: exit code $? from \`$BASH_COMMAND\` at line $LINENO" >&2' ERR
cd "$(dirname "$0")/.."
repeats="${1:-5}"
./mloop --version >/dev/null # builds what is missing first, outside the timings
work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/code"
cat > "$work/code/job.yml" <<'YAML'
type: command
code: .
command: echo a && sleep 0.5 && echo b
environment:
  name: jvm-17
compute: local
experiment_name: job-end-bench
YAML
export MLOOP_WORKSPACE="$work/.mloop"
if [ "${2:-}" = "--server" ]; then
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  ./mloop server --workspace "$work/.mloop" --port "$port" >"$work/server.log" 2>&1 &
  server=$!
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do
    kill -0 "$server" || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.2 # waiting for the server to start, outside the timings
  done
  export MLOOP_WORKSPACE="http://127.0.0.1:$port"
fi
for ((i = 1; i <= repeats; i++)); do
  name="end-bench-$i"
  ./mloop job create --file "$work/code/job.yml" --name "$name" --stream 2>"$work/stderr" \
    | python3 -c 'import sys, time
for line in sys.stdin:
    if line.startswith("[") and "Completed" in line:
        print(int(time.time() * 1000))' >"$work/printed" || { cat "$work/stderr" >&2; exit 1; }
  returned="$(date +%s%3N)"
  ended="$(./mloop job show "$name" --output json | python3 -c 'import json, sys; print(json.load(sys.stdin)["job"]["endedAt"])')"
  echo "job $i: end line printed $(($(cat "$work/printed") - ended)) ms after the job ended, CLI returned after $((returned - ended)) ms"
done
