# Helpers sourced by the workflow scripts in this folder. Every mloop call runs against $MLOOP_WORKSPACE /
# $MLOOP_TOKEN with, in this order: $MLOOP_CLI when set; the `mloop` on PATH (the local runner's push hook
# puts the build it was installed from there, so a clone without the platform's sources builds nothing);
# else ./mloop at the root of the checkout (the launcher builds the CLI once per checkout, as on GitHub).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# resolved before the function below shadows the name (type -P finds files on PATH only)
MLOOP_CLI="${MLOOP_CLI:-$(type -P mloop || true)}"
MLOOP_CLI="${MLOOP_CLI:-$ROOT/mloop}"

# Each call is a short-lived JVM: the C1 compiler alone and the serial collector start it faster.
export MLOOP_JAVA_OPTS="${MLOOP_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
# With a runner-provided mloop (a fixed build), class-data sharing too: one probe call per build records
# the classes a workspace call loads in an archive (keyed by the launcher's text, which names the jars,
# and its time: the push hook rewrites it when reinstalled after a rebuild); later calls map it instead
# of loading those classes again. A JVM that cannot archive (classes in folders, not jars) fails the
# probe, and that build then runs without. MLOOP_CDS=off turns it off.
if [ "${MLOOP_CDS:-on}" != off ] && [ "$MLOOP_CLI" != "$ROOT/mloop" ] && [ -f "$MLOOP_CLI" ] &&
  [ -n "${MLOOP_WORKSPACE:-}" ]; then
  cds_dir="${RUNNER_TOOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}}/mloop-cds"
  cds_archive="$cds_dir/mloop-$(cksum <"$MLOOP_CLI" | cut -d' ' -f1)-$(stat -c %Y "$MLOOP_CLI" 2>/dev/null || echo 0).jsa"
  cds_quiet="-Xlog:cds=off -Xlog:cds+dynamic=off"
  if [ ! -f "$cds_archive" ] && [ ! -f "$cds_archive.off" ] && mkdir -p "$cds_dir" 2>/dev/null; then
    cds_tmp="$cds_archive.$$.tmp"
    if MLOOP_JAVA_OPTS="$MLOOP_JAVA_OPTS -XX:ArchiveClassesAtExit=$cds_tmp $cds_quiet" \
      "$MLOOP_CLI" endpoint list --output json >/dev/null 2>&1 && [ -f "$cds_tmp" ]; then
      mv -f "$cds_tmp" "$cds_archive"
      # ~16 MB each: keep the five newest builds' archives
      { ls -t "$cds_dir"/mloop-*.jsa 2>/dev/null || true; } | tail -n +6 | xargs -r rm -f
      { ls -t "$cds_dir"/mloop-*.jsa.off 2>/dev/null || true; } | tail -n +6 | xargs -r rm -f
    else
      rm -f "$cds_tmp"
      touch "$cds_archive.off"
    fi
  fi
  if [ -f "$cds_archive" ]; then
    MLOOP_JAVA_OPTS+=" -XX:SharedArchiveFile=$cds_archive $cds_quiet"
  fi
fi

mloop() {
  "$MLOOP_CLI" "$@"
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

# The version MODEL@ALIAS names ("" when it names none), from its history.
alias_version() {
  mloop model history "$1" --alias "$2" --output json | jq -r 'last | .toVersion // ""'
}

# After `model alias set` reported a failure: an alias move whose answer was lost (a timeout, a dropped
# connection) may still have happened. When MODEL@ALIAS names TO (and BEFORE, what it named before, is
# another version or "" for none), it is put back to BEFORE and "undone" is printed. Fails when the alias
# cannot be read or put back.
# Usage: undo_alias_move MODEL ALIAS BEFORE TO REASON
undo_alias_move() {
  local model="$1" alias="$2" before="$3" to="$4" reason="$5" now
  now="$(alias_version "$model" "$alias")" || return 1
  [ "$now" = "$to" ] && [ "$before" != "$to" ] || return 0
  log "$model@$alias moved to $to despite the error: putting it back to ${before:-(none)}"
  if [ -n "$before" ]; then
    mloop model alias set --name "$model" --alias "$alias" --version "$before" --reason "$reason" >&2
  else
    mloop model alias delete --name "$model" --alias "$alias" --reason "$reason" >&2
  fi || return 1
  echo undone
}
