# Helpers sourced by the workflow scripts in this folder. Every mloop call goes through ./mloop at the
# root of the checkout (the launcher builds the CLI when needed) against $MLOOP_WORKSPACE / $MLOOP_TOKEN.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

mloop() {
  "$ROOT/mloop" "$@"
}

log() {
  echo "[$(date -u +%H:%M:%S)] $*" >&2
}

die() {
  echo "error: $*" >&2
  exit 1
}

# Appends markdown to the job summary when there is one (GitHub, or mloop ci run).
summary() {
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    printf '%s\n' "$@" >>"$GITHUB_STEP_SUMMARY"
  fi
}

# Writes NAME=VALUE to the step outputs when there are some.
output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  fi
}

require_workspace() {
  [ -n "${MLOOP_WORKSPACE:-}" ] || die "MLOOP_WORKSPACE is not set: add the secret MLOOP_WORKSPACE (the workspace server URL) to this GitHub environment (docs/ci.md)"
  command -v jq >/dev/null 2>&1 || die "jq is missing (apt-get install jq)"
}

# The endpoint as JSON (`mloop endpoint show --output json`), or nothing when it does not exist.
endpoint_json() {
  mloop endpoint show --name "$1" --output json 2>/dev/null || true
}

# Prints the endpoint as JSON, creating it first when it does not exist ("" for a new endpoint).
ensure_endpoint() {
  local name="$1" description="$2" json
  json="$(endpoint_json "$name")"
  if [ -z "$json" ]; then
    log "creating endpoint $name"
    mloop endpoint create --name "$name" --description "$description" >&2
  fi
  echo "$json"
}

# The deployment with the largest live share ("" when nothing has traffic).
live_deployment() {
  jq -r '(.traffic // {}) | to_entries | map(select(.value > 0)) | sort_by(-.value) | (.[0].key // "")' <<<"$1"
}

# The live split as DEPLOYMENT=PERCENT,... (what `endpoint update --traffic` takes back), "" if none.
traffic_split() {
  jq -r '(.traffic // {}) | to_entries | map(select(.value > 0)) | map("\(.key)=\(.value)") | join(",")' <<<"$1"
}

# A fresh deployment name for model version VERSION: m<version>-r<run>-<attempt>, e.g. m7-r12-1.
# Deployment names are 3-32 letters, digits or '-' and start with a letter; run number and attempt keep
# them unique across runs and re-runs, and the version keeps them readable in `endpoint show`.
deployment_name() {
  echo "m$1-r${GITHUB_RUN_NUMBER:-0}-${GITHUB_RUN_ATTEMPT:-1}"
}

# Scores model/sample-request.json on ENDPOINT (through its traffic split, or on DEPLOYMENT directly).
# A deployment just created may still be loading its model: a few retries before giving up.
smoke_test() {
  local endpoint="$1" deployment="${2:-}" attempts="${SMOKE_TEST_ATTEMPTS:-5}" i response
  local args=(endpoint invoke --name "$endpoint" --request-file "$ROOT/model/sample-request.json")
  [ -n "$deployment" ] && args+=(--deployment "$deployment")
  for ((i = 1; i <= attempts; i++)); do
    if response="$(mloop "${args[@]}")" && [ -n "$response" ]; then
      log "smoke test passed on $endpoint${deployment:+ (deployment $deployment)}"
      echo "$response"
      return 0
    fi
    [ "$i" -lt "$attempts" ] && sleep 2
  done
  echo "error: smoke test failed on $endpoint${deployment:+ (deployment $deployment)} after $attempts attempts" >&2
  return 1
}

# Deletes the deployments listed in endpoint JSON that are not named in KEEP and have no mirror traffic
# (callers pass the JSON read before their own traffic change and keep what now has live traffic).
# Usage: prune_deployments ENDPOINT JSON KEEP...
prune_deployments() {
  local endpoint="$1" json="$2"
  shift 2
  [ -n "$json" ] || return 0
  local keep
  keep="$(printf '%s\n' "$@" | jq -R . | jq -s .)"
  jq -r --argjson keep "$keep" '
      (.mirrorTraffic // {}) as $m
      | .deployments[] | .name
      | select(($m[.] // 0) == 0 and (. as $n | $keep | index($n) | not))' <<<"$json" |
    while read -r old; do
      log "deleting deployment $old of $endpoint (no traffic, not kept for rollback)"
      mloop deployment delete --endpoint "$endpoint" --name "$old" --yes >&2
    done
}
