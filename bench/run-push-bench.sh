#!/usr/bin/env bash
# Push to production, timed: `./mloop quickstart --auto-approve` in a fresh temporary workspace and
# folder (server on a free loopback port, bare repository with the push hook, clone, data), whose two
# pushes of model/ go through .github/workflows/train-deploy.yml to diabetes-prod with automatic
# approval. Each push is timed from `git push` returning to its CI run's end, after which diabetes-prod
# answers model/sample-request.json with the new version (the quickstart checks it).
# Usage: bench/run-push-bench.sh [REPEATS]   (default 1; each repeat is a fresh quickstart)
set -Eeuo pipefail
trap 'echo "run-push-bench.sh: exit code $? from \`$BASH_COMMAND\` at line $LINENO" >&2' ERR
cd "$(dirname "$0")/.."
repeats="${1:-1}"
./mloop --version >/dev/null # builds what is missing first, outside the timings
for ((i = 1; i <= repeats; i++)); do
  dir="$(mktemp -d)"
  MLOOP_WORKSPACE="$dir/.mloop" ./mloop quickstart --auto-approve --dir "$dir/loop" | tee "$dir/out.txt" >&2
  grep '^Push to production' "$dir/out.txt"
  rm -rf "$dir"
done
