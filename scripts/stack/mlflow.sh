# shellcheck shell=bash
# MLflow tracking server from PyPI in a virtualenv, backend store in PostgreSQL, artifacts proxied.
# Sourced by scripts/stack.sh after common.sh and postgres.sh (its database): mlflow_up, mlflow_down,
# mlflow_status.

# Pinned versions; the install marker makes `up` reinstall on a change.
# MLflow 3.18.0 is listed on PyPI but its mlflow-skinny/mlflow-tracing 3.18.0 are not (pip fails to
# resolve): 3.17.2 is the newest complete release.
MLFLOW_VERSION=3.17.2
PSYCOPG2_BINARY_VERSION=2.9.11

: "${MLFLOW_HOST:=127.0.0.1}"
: "${MLFLOW_PORT:=5000}"
: "${MLFLOW_TRACKING_URI:=http://$MLFLOW_HOST:$MLFLOW_PORT}"
: "${STACK_MLFLOW_TIMEOUT:=180}"

MLFLOW_HOME=$STACK_DIR/mlflow
MLFLOW_VENV=$MLFLOW_HOME/venv
MLFLOW_ARTIFACTS=$MLFLOW_HOME/artifacts
MLFLOW_PID=$MLFLOW_HOME/mlflow.pid
MLFLOW_LOG=$LOG_DIR/mlflow.log

mlflow_install() {
  local marker="$MLFLOW_VENV/.installed" want="mlflow==$MLFLOW_VERSION psycopg2-binary==$PSYCOPG2_BINARY_VERSION"
  # A venv whose interpreter vanished (pyenv version removed, python upgraded) is rebuilt.
  if [[ -d $MLFLOW_VENV ]] && ! "$MLFLOW_VENV/bin/python" -c '' >/dev/null 2>&1; then
    warn "mlflow: virtualenv at $MLFLOW_VENV is broken, recreating it"
    rm -rf "$MLFLOW_VENV"
  fi
  if [[ -f $marker && $(<"$marker") == "$want" ]]; then return 0; fi
  command -v python3 >/dev/null 2>&1 || apt_install python3 python3-venv
  if [[ ! -x $MLFLOW_VENV/bin/python ]]; then
    say "mlflow: creating virtualenv $MLFLOW_VENV …"
    rm -rf "$MLFLOW_VENV"
    # Debian's python3 ships without ensurepip until python3-venv is installed.
    if ! python3 -m venv "$MLFLOW_VENV" >>"$MLFLOW_LOG" 2>&1; then
      rm -rf "$MLFLOW_VENV"
      apt_install python3-venv
      python3 -m venv "$MLFLOW_VENV" >>"$MLFLOW_LOG" 2>&1 ||
        fail_component mlflow "$MLFLOW_LOG" "python3 -m venv failed"
    fi
  fi
  say "mlflow: installing $want (a few minutes on first run) …"
  # No pip cache: everything stays under the stack dir.
  PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 "$MLFLOW_VENV/bin/python" -m pip install -q \
    "mlflow==$MLFLOW_VERSION" "psycopg2-binary==$PSYCOPG2_BINARY_VERSION" >>"$MLFLOW_LOG" 2>&1 ||
    fail_component mlflow "$MLFLOW_LOG" "pip install $want failed"
  printf '%s' "$want" >"$marker"
}

mlflow_running() { pid_alive "$MLFLOW_PID" 'bin/mlflow server '; }

# Ready = /health says OK and the REST API answers from the database (the DB migrations ran).
# Python from the venv, not curl: curl is not on a bare Debian.
mlflow_ready() {
  "$MLFLOW_VENV/bin/python" - "$MLFLOW_HOST" "$MLFLOW_PORT" >/dev/null 2>&1 <<'PY'
import sys, urllib.request
base = f"http://{sys.argv[1]}:{sys.argv[2]}"
with urllib.request.urlopen(base + "/health", timeout=5) as r:
    assert r.status == 200 and r.read().strip() == b"OK"
with urllib.request.urlopen(base + "/api/2.0/mlflow/experiments/search?max_results=1", timeout=10) as r:
    assert r.status == 200
PY
}

mlflow_up() {
  local t0 how=''
  t0=$(now)
  mkdir -p "$MLFLOW_HOME" "$MLFLOW_ARTIFACTS"
  if mlflow_running; then
    how="already running"
    same_address mlflow "$(cat "$MLFLOW_HOME/mlflow.addr" 2>/dev/null)" "$MLFLOW_HOST:$MLFLOW_PORT"
  else
    clear_stale_pid mlflow "$MLFLOW_PID"
    port_free mlflow "$MLFLOW_HOST" "$MLFLOW_PORT"
    mlflow_install
    local pass backend hosts origins
    # The password goes into a URL: percent-encode it.
    pass=$("$MLFLOW_VENV/bin/python" -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$POSTGRES_PASSWORD")
    # +psycopg2 names the driver we install: SQLAlchemy 2.1 (pulled in unpinned by MLflow) made psycopg 3
    # the default for plain postgresql:// and the server would die with "No module named 'psycopg'".
    backend="postgresql+psycopg2://$POSTGRES_USER:$pass@$POSTGRES_HOST:$POSTGRES_PORT/$MLFLOW_BACKEND_DB"
    # MLflow 3 rejects requests whose Host header it does not know (DNS-rebinding protection).
    hosts="127.0.0.1,127.0.0.1:$MLFLOW_PORT,localhost,localhost:$MLFLOW_PORT"
    case $MLFLOW_HOST in 127.0.0.1 | localhost) ;; *) hosts="$MLFLOW_HOST,$MLFLOW_HOST:$MLFLOW_PORT,$hosts" ;; esac
    # The web app and browser e2e tests call it from other local ports.
    origins="http://127.0.0.1:*,http://localhost:*"
    say "mlflow: starting $MLFLOW_VERSION on http://$MLFLOW_HOST:$MLFLOW_PORT …"
    # setsid: the server and its workers form one process group, stopped together by `down`.
    # Telemetry off: this machine has no route to it and local runs should not phone home.
    # Job execution off: it starts ~7 extra huey worker processes for GenAI features (judges, prompt
    # optimisation) that the platform does not use; turn it back on here if that changes.
    # --default-artifact-root mlflow-artifacts:/ makes clients upload through the server (no shared disk).
    (cd "$MLFLOW_HOME" && MLFLOW_DISABLE_TELEMETRY=true DO_NOT_TRACK=true \
      MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false exec setsid nohup \
      "$MLFLOW_VENV/bin/mlflow" server \
      --backend-store-uri "$backend" \
      --serve-artifacts --artifacts-destination "$MLFLOW_ARTIFACTS" \
      --default-artifact-root mlflow-artifacts:/ \
      --host "$MLFLOW_HOST" --port "$MLFLOW_PORT" --workers 2 \
      --allowed-hosts "$hosts" --cors-allowed-origins "$origins" \
      >>"$MLFLOW_LOG" 2>&1 </dev/null 9>&-) &
    record_start "$!" "$MLFLOW_PID" "$MLFLOW_HOME/mlflow.addr" "$MLFLOW_HOST:$MLFLOW_PORT"
  fi
  wait_ready mlflow "$MLFLOW_LOG" "$STACK_MLFLOW_TIMEOUT" "$MLFLOW_PID" mlflow_ready
  say "mlflow: up at http://$MLFLOW_HOST:$MLFLOW_PORT, pid $(<"$MLFLOW_PID") (${how:-$(since "$t0")})"
}

mlflow_down() { stop_component mlflow mlflow_running "$MLFLOW_PID" 20 yes ' and its workers'; }

mlflow_status() {
  status_of mlflow mlflow_running "$MLFLOW_PID" "$MLFLOW_HOST:$MLFLOW_PORT" \
    "$MLFLOW_ARTIFACTS (runs in postgres db $MLFLOW_BACKEND_DB)" "$MLFLOW_ARTIFACTS"
}
