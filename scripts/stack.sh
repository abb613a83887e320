#!/usr/bin/env bash
# Local infrastructure for the segmentation platform: PostgreSQL, Apache Kafka (KRaft, one node) and an
# MLflow tracking server, all on loopback, installed on first use, no Docker.
#
#   scripts/stack.sh up     [component]   install what is missing, start, wait until each answers
#   scripts/stack.sh down   [component]   stop what `up` started (data is kept)
#   scripts/stack.sh status [component]   one line per component; exit 0 if all running, 3 otherwise
#   scripts/stack.sh logs   [component] [-f]   log paths and their last 50 lines (-f follows)
#
# Components: postgres, kafka, mlflow (started in that order, stopped in reverse), and the opt-in
# keycloak (the identity provider of AUTH_MODE=oidc): `up` starts it when named or when AUTH_MODE=oidc;
# and prometheus (scripts/stack/prometheus.sh): `up` starts it when named or when STACK_PROMETHEUS=true;
# `down` stops them too.
# Everything it installs or writes lives under $STACK_DIR (default <repo>/.stack), except Debian packages
# and, when run as root from a checkout the `postgres` user cannot reach, the PostgreSQL data directory
# (see pg_layout). Settings come from the environment, then <repo>/.env (read by scripts/env/load-env.js, as
# in node), then the defaults atop each component's file; every variable is documented in .env.example.
# This file is the entry and the commands; each component lives in scripts/stack/<component>.sh, beside
# the helpers they share (scripts/stack/common.sh).
set -euo pipefail

STACK_LIB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/stack"
# shellcheck source=scripts/stack/common.sh
source "$STACK_LIB/common.sh"
# shellcheck source=scripts/stack/postgres.sh
source "$STACK_LIB/postgres.sh"
# shellcheck source=scripts/stack/kafka.sh
source "$STACK_LIB/kafka.sh"
# shellcheck source=scripts/stack/mlflow.sh
source "$STACK_LIB/mlflow.sh"
# shellcheck source=scripts/stack/keycloak.sh
source "$STACK_LIB/keycloak.sh"
# shellcheck source=scripts/stack/prometheus.sh
source "$STACK_LIB/prometheus.sh"

COMPONENTS=(postgres kafka mlflow)
# Started only when named (`up keycloak`); `down` and `status` without a name include them.
OPT_IN_COMPONENTS=(keycloak)
# Prometheus: with the others when STACK_PROMETHEUS=true, else only when named.
if [[ ${STACK_PROMETHEUS:-false} == true ]]; then COMPONENTS+=(prometheus); else OPT_IN_COMPONENTS+=(prometheus); fi

# ===================================================================================================
# Commands
# ===================================================================================================
fn_prefix() { case $1 in postgres) echo pg ;; keycloak) echo kc ;; *) echo "$1" ;; esac; }

# The clients read KAFKA_BROKERS and MLFLOW_TRACKING_URI; the servers are placed by HOST/PORT. Say so
# when the two disagree instead of leaving a service talking to nothing.
check_consistency() {
  [[ $KAFKA_BROKERS == "$KAFKA_HOST:$KAFKA_PORT" ]] ||
    warn "KAFKA_BROKERS=$KAFKA_BROKERS but the broker listens on $KAFKA_HOST:$KAFKA_PORT"
  [[ ${MLFLOW_TRACKING_URI%/} == "http://$MLFLOW_HOST:$MLFLOW_PORT" ]] ||
    warn "MLFLOW_TRACKING_URI=$MLFLOW_TRACKING_URI but the server listens on http://$MLFLOW_HOST:$MLFLOW_PORT"
}

# One `up`/`down` at a time per stack dir (two npm scripts starting the stack would race the installs).
# Every server we start closes fd 9 (`9>&-`): a daemon inheriting it would hold the lock for as long
# as it runs and the next `up` or `down` would hang on it.
# The opt-in Keycloak has a lock of its own: starting it (a minute or more) never holds up the shared stack.
take_lock() { # <components…>
  local lock=$STACK_DIR/.lock
  if [[ $* == keycloak ]]; then
    mkdir -p "$KC_BASE"
    lock=$KC_BASE/.lock
  fi
  exec 9>"$lock"
  flock -w 1200 9 || die "another scripts/stack.sh is still running on $STACK_DIR"
}

cmd_up() {
  local c t0
  t0=$(now)
  ensure_stack_dir
  take_lock "$@"
  check_consistency
  for c in "$@"; do "$(fn_prefix "$c")_up"; done
  if (($# >= ${#COMPONENTS[@]})); then
    say "all up ($(since "$t0")): postgresql://$POSTGRES_USER:***@$POSTGRES_HOST:$POSTGRES_PORT/$POSTGRES_DB" \
      "· kafka $KAFKA_BROKERS · mlflow $MLFLOW_TRACKING_URI"
  fi
}

cmd_down() {
  local i
  [[ -d $STACK_DIR ]] || {
    say "nothing to stop ($STACK_DIR does not exist)"
    return 0
  }
  take_lock "$@"
  for ((i = $# ; i >= 1; i--)); do "$(fn_prefix "${!i}")_down"; done
}

cmd_status() {
  local c rc=0
  for c in "$@"; do "$(fn_prefix "$c")_status" || rc=3; done
  return $rc
}

cmd_logs() {
  local follow='' c files=() f
  local comps=()
  for c in "$@"; do
    if [[ $c == -f ]]; then follow=1; else comps+=("$c"); fi
  done
  ((${#comps[@]})) || comps=("${COMPONENTS[@]}" "${OPT_IN_COMPONENTS[@]}")
  for c in "${comps[@]}"; do
    valid_component "$c"
    f=$LOG_DIR/$c.log
    if [[ -e $f ]]; then files+=("$f"); else say "$c: no log yet ($f)"; fi
  done
  ((${#files[@]})) || return 0
  if [[ -n $follow ]]; then
    exec tail -n 50 -F "${files[@]}"
  fi
  for f in "${files[@]}"; do
    printf '==> %s <==\n' "$f"
    tail -n 50 "$f"
    echo
  done
}

valid_component() {
  case $1 in postgres | kafka | mlflow | keycloak | prometheus) ;; *) die "unknown component '$1' (postgres, kafka, mlflow, keycloak, prometheus)" ;; esac
}

usage() {
  sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-2}"
}

main() {
  local cmd=${1:-}
  [[ -n $cmd ]] || usage 2
  shift
  [[ $cmd == logs ]] && {
    cmd_logs "$@"
    return
  }
  local comps=() rc=0
  if (($#)); then
    valid_component "$1"
    comps=("$1")
    # MLflow keeps its runs in PostgreSQL: bringing it up alone brings up its database first.
    [[ $cmd == up && $1 == mlflow ]] && comps=(postgres mlflow)
  else
    comps=("${COMPONENTS[@]}")
    # The platform signs people in through Keycloak: bring it up with the rest.
    [[ $cmd == up && ${AUTH_MODE:-local} == oidc ]] && comps+=(keycloak)
  fi
  case $cmd in
  up) cmd_up "${comps[@]}" ;;
  down) if (($#)); then cmd_down "${comps[@]}"; else cmd_down "${comps[@]}" "${OPT_IN_COMPONENTS[@]}"; fi ;;
  status)
    cmd_status "${comps[@]}" || rc=$?
    # An opt-in component that is not running is no failure unless it was asked about.
    if ((!$#)); then cmd_status "${OPT_IN_COMPONENTS[@]}" || true; fi
    return "$rc"
    ;;
  -h | --help | help) usage 0 ;;
  *) usage 2 ;;
  esac
}

main "$@"
