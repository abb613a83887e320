#!/usr/bin/env bash
# The platform's services on the local stack: `up | down | status | logs [service]`.
# `npm run up` = stack up + topics + services up; `npm run down` = services down + stack down.
# Each service runs from its TypeScript sources (node -r @swc-node/register), in the background, with
# its pid in .stack/services/<name>.pid and its log in .stack/logs/<name>.log; `up` waits until its
# /health answers 200, with a bounded timeout, and says which one failed and where its log is.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
STACK_DIR="${STACK_DIR:-$ROOT/.stack}"
case "$STACK_DIR" in /*) ;; *) STACK_DIR="$ROOT/$STACK_DIR" ;; esac
PIDS="$STACK_DIR/services"
LOGS="$STACK_DIR/logs"
TIMEOUT="${SERVICES_START_TIMEOUT:-90}"
# The services, the health checks and the web build run on the pinned Node (.nvmrc).
source scripts/node/run.sh

# name:port-variable:default-port, in start order (the gateway after the subgraphs it routes to, the web
# client last; stopped in reverse). A service whose sources are not there yet is skipped.
SERVICES=(ingestion:INGESTION_PORT:4001 training:TRAINING_PORT:4002 scoring:SCORING_PORT:4003 offers:OFFERS_PORT:4004 gateway:GATEWAY_PORT:4000 web:WEB_PORT:8080)
WEB_DIST="$ROOT/dist/services/web"

# The services read the environment, not .env: export .env's settings (set variables win).
source scripts/env/load-env.sh
seg_load_env || exit 1

# How people and machines sign in (the gateway's AUTH_MODE): local tokens of `npm run token`, or the stack's Keycloak
# (`AUTH_MODE=oidc npm run up`), whose realm issuer the gateway and the web client get unless set.
AUTH_MODE="${AUTH_MODE:-local}"
export AUTH_MODE
if [ "$AUTH_MODE" = oidc ]; then
  : "${GATEWAY_OIDC_ISSUER:=http://${KEYCLOAK_HOST:-127.0.0.1}:${KEYCLOAK_PORT:-8180}/realms/segmentation}"
  export GATEWAY_OIDC_ISSUER
fi
# The services whose behaviour depends on AUTH_MODE: restarted by `up` when they run in the other mode.
AUTH_AWARE=" gateway web "

say() { printf '[services] %s\n' "$*"; }
port_of() { local var="${1#*:}"; var="${var%%:*}"; echo "${!var:-${1##*:}}"; }
name_of() { echo "${1%%:*}"; }
running_pid() {
  local pidfile="$PIDS/$1.pid" pid
  [ -f "$pidfile" ] || return 1
  pid="$(cat "$pidfile")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}
healthy() { node -e "fetch('http://127.0.0.1:$1$2').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; }
health_path() { if [ "$1" = web ]; then echo /config.json; else echo /health; fi; }

# The web client is served as its production build, rebuilt when a source is newer than the build.
build_web() {
  if [ -f "$WEB_DIST/index.html" ] && [ -z "$(find services/web/src services/web/index.html services/web/public -newer "$WEB_DIST/index.html" -print -quit)" ]; then return 0; fi
  say "web: building the client (npm run web:build)"
  npm run --silent web:build >>"$LOGS/web.log" 2>&1 || { say "web: build failed; see $LOGS/web.log" >&2; return 1; }
}

# The build's config.json, as a deployment writes it: this gateway, and how people sign in.
write_web_config() {
  node -e '
    const [gateway, mode, issuer, clientId] = process.argv.slice(1);
    const auth = mode === "oidc" ? { mode, authority: issuer, clientId, scope: "openid profile" } : { mode: "local" };
    require("node:fs").writeFileSync(process.argv[5], JSON.stringify({ gatewayUrl: gateway, auth }, null, 2) + "\n");
  ' "http://127.0.0.1:${GATEWAY_PORT:-4000}/graphql" "$AUTH_MODE" "${GATEWAY_OIDC_ISSUER:-}" "${WEB_OIDC_CLIENT_ID:-segmentation-web}" "$WEB_DIST/config.json"
}

start_one() {
  local name port pid started
  name="$(name_of "$1")"
  port="$(port_of "$1")"
  local entry="services/$name/src/main.ts"
  [ "$name" = web ] && entry=services/web/index.html
  [ -f "$entry" ] || return 0
  if pid="$(running_pid "$name")"; then
    if [[ $AUTH_AWARE == *" $name "* ]] && [ "$(cat "$PIDS/$name.auth" 2>/dev/null || echo local)" != "$AUTH_MODE" ]; then
      say "$name: running with AUTH_MODE=$(cat "$PIDS/$name.auth" 2>/dev/null || echo local), restarting with AUTH_MODE=$AUTH_MODE"
      stop_one "$1"
    else
      say "$name: already running, pid $pid, http://127.0.0.1:$port"
      return 0
    fi
  fi
  mkdir -p "$PIDS" "$LOGS"
  started=$SECONDS
  if [ "$name" = web ]; then
    build_web
    write_web_config
    setsid node_modules/.bin/vite preview -c services/web/vite.config.mts --port "$port" >>"$LOGS/$name.log" 2>&1 < /dev/null &
  else
    setsid node -r @swc-node/register "$entry" >>"$LOGS/$name.log" 2>&1 < /dev/null &
  fi
  echo $! >"$PIDS/$name.pid"
  echo "$AUTH_MODE" >"$PIDS/$name.auth"
  until healthy "$port" "$(health_path "$name")"; do
    if ! running_pid "$name" >/dev/null; then
      say "$name: exited during start-up; last lines of $LOGS/$name.log:" >&2
      tail -n 20 "$LOGS/$name.log" >&2
      return 1
    fi
    if (( SECONDS - started > TIMEOUT )); then
      say "$name: no healthy answer on :$port after ${TIMEOUT}s; see $LOGS/$name.log" >&2
      return 1
    fi
    sleep 1
  done
  say "$name: up at http://127.0.0.1:$port ($((SECONDS - started)) s), log $LOGS/$name.log"
}

stop_one() {
  local name pid
  name="$(name_of "$1")"
  pid="$(running_pid "$name")" || { rm -f "$PIDS/$name.pid"; return 0; }
  # SIGTERM: Nest's shutdown hooks finish the Kafka batch in hand and commit before exiting.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -0 "$pid" 2>/dev/null && { say "$name: still running after 30 s, killing"; kill -KILL -- "-$pid" 2>/dev/null || true; }
  rm -f "$PIDS/$name.pid" "$PIDS/$name.auth"
  say "$name: stopped"
}

case "${1:-}" in
  up)
    for s in "${SERVICES[@]}"; do start_one "$s"; done ;;
  down)
    for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do stop_one "${SERVICES[i]}"; done ;;
  status)
    code=0
    for s in "${SERVICES[@]}"; do
      name="$(name_of "$s")"; port="$(port_of "$s")"
      [ -f "services/$name/src/main.ts" ] || continue
      if pid="$(running_pid "$name")"; then
        if healthy "$port" "$(health_path "$name")"; then state=healthy; else state=unhealthy; code=3; fi
        printf '%-10s %-9s pid %-7s http://127.0.0.1:%s\n' "$name" "$state" "$pid" "$port"
      else
        printf '%-10s %-9s %-11s http://127.0.0.1:%s\n' "$name" stopped - "$port"; code=3
      fi
    done
    exit $code ;;
  logs)
    for s in "${SERVICES[@]}"; do
      name="$(name_of "$s")"
      [ -z "${2:-}" ] || [ "$2" = "$name" ] || continue
      [ -f "$LOGS/$name.log" ] && { echo "== $LOGS/$name.log"; tail -n 50 "$LOGS/$name.log"; }
    done ;;
  *)
    echo "usage: scripts/services.sh up|down|status|logs [service]" >&2; exit 2 ;;
esac
