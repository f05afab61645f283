# Helpers sourced by the workflow scripts in this folder. Every mloop call runs against $MLOOP_WORKSPACE /
# $MLOOP_TOKEN with, in this order: $MLOOP_CLI when set; the `mloop` on PATH (the local runner's push hook
# puts the build it was installed from there, so a clone without the platform's sources builds nothing);
# else ./mloop at the root of the checkout (the launcher builds the CLI once per checkout, as on GitHub).
set -Eeuo pipefail
shopt -s inherit_errexit
# A failing command says what it was and where, so a step never ends with an exit code and an empty
# log: errtrace (-E) carries the trap into functions and command substitutions, inherit_errexit stops a
# substitution at its first failure, and each level prints its line (the failing command first, then
# the line that called it).
trap 'on_error "${PIPESTATUS[*]}" "$?" "$BASH_COMMAND" "$*" "$LINENO"' ERR
on_error() {
  local statuses="$1" code="$2" command="$3" args="$4" i=0 frame where=""
  # inside a function, which call it was: "mloop model list ..." rather than only "$MLOOP_CLI" "$@"
  [ "${#FUNCNAME[@]}" -gt 2 ] && command+=" in ${FUNCNAME[1]}${args:+ $args}"
  while frame="$(caller "$i")"; do
    where+="${where:+, called from }${frame#* * }:${frame%% *}"
    i=$((i + 1))
  done
  where="${where//"${ROOT:-/nonexistent}/"/}"
  where="${where:-line $5}" # a script given to bash -c has no file name
  [[ "$statuses" == *" "* ]] && command+=" (in a pipeline whose commands exited $statuses)"
  echo "error: exit code $code from \`$command\` at $where" >&2
}
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# resolved before the function below shadows the name (type -P finds files on PATH only)
MLOOP_CLI="${MLOOP_CLI:-$(type -P mloop || true)}"
MLOOP_CLI="${MLOOP_CLI:-$ROOT/mloop}"

# Each call is a short-lived JVM: the C1 compiler alone and the serial collector start it faster.
export MLOOP_JAVA_OPTS="${MLOOP_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
# The mloop the local runner's push hook installs also maps the class-data archive recorded when the
# hook was installed (`mloop ci install-hook`): its classes load from there instead of the jars.

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

# A fresh deployment name for model version VERSION: m<version>-r<run>-<attempt>, e.g. m7-r12-1.
# Deployment names are 3-32 letters, digits or '-' and start with a letter; run number and attempt keep
# them unique across runs and re-runs, and the version keeps them readable in `endpoint show`.
deployment_name() {
  echo "m$1-r${GITHUB_RUN_NUMBER:-0}-${GITHUB_RUN_ATTEMPT:-1}"
}

# Runs `mloop endpoint rollout|restore ARGS` with model/sample-request.json as the smoke test: its result
# as JSON on stdout, its steps with their times on stderr (the log). Fails as the command does.
rollout() {
  mloop "$@" --smoke-test "$ROOT/model/sample-request.json" --output json
}

# The live split FIELD (trafficBefore or trafficAfter) of a rollout result as DEPLOYMENT=PERCENT,...
split_of() {
  [ -n "$1" ] || return 0
  jq -r --arg f "$2" '(.[$f] // {}) | to_entries | map(select(.value > 0)) | map("\(.key)=\(.value)") | join(",")' <<<"$1"
}
