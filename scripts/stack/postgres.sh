# shellcheck shell=bash
# PostgreSQL (Debian package), a project-owned cluster on $POSTGRES_PORT, never the system one on 5432.
# Sourced by scripts/stack.sh after common.sh: pg_up, pg_down, pg_status.

: "${POSTGRES_HOST:=127.0.0.1}"
: "${POSTGRES_PORT:=5433}"
: "${POSTGRES_USER:=segmentation}"
: "${POSTGRES_PASSWORD:=segmentation}"
: "${POSTGRES_DB:=segmentation}"
# MLflow's backend store; the cluster creates it with the platform's database.
: "${MLFLOW_BACKEND_DB:=mlflow}"
: "${STACK_POSTGRES_TIMEOUT:=60}"

PG_BIN=''
pg_find_bin() {
  local d
  PG_BIN=''
  # The newest major version wins when several are installed.
  while IFS= read -r d; do
    if [[ -x $d/initdb ]]; then PG_BIN=$d; fi
  done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V)
  [[ -n $PG_BIN ]]
}

# initdb refuses to run as root, so as root the server runs as the `postgres` user (created by the
# Debian package); as anyone else it simply runs as that user.
pg_runas() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# Where the cluster lives. Default: $STACK_DIR/postgres. As root, the `postgres` user must be able to
# traverse every directory up to it; a checkout under a 0700 home (e.g. /root/…) is not, so then the
# cluster goes to /var/lib/segmentation-stack/<hash of the repo path>/postgres and $STACK_DIR/postgres
# becomes a symlink to it (one cluster per checkout, found again on every run). The unix socket sits
# in the cluster's run/ dir, unless that path would pass the kernel's 107-byte limit for socket paths.
PG_BASE='' PG_DATA='' PG_SOCK='' PG_LOG='' PG_EXTERNAL=''
pg_layout() {
  local hash link="$STACK_DIR/postgres"
  hash=$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)
  PG_EXTERNAL=''
  if [[ -L $link ]]; then
    PG_BASE=$(readlink -f "$link")
    PG_EXTERNAL=1
  elif [[ -d $link ]] || ! is_root || pg_can_reach "$STACK_DIR"; then
    PG_BASE=$link
  else
    PG_BASE=/var/lib/segmentation-stack/$hash/postgres
    PG_EXTERNAL=1
  fi
  PG_DATA=$PG_BASE/data
  PG_SOCK=$PG_BASE/run
  if ((${#PG_SOCK} + 20 > 107)); then PG_SOCK=/tmp/segmentation-stack-$hash; fi
  if [[ -n $PG_EXTERNAL ]]; then PG_LOG=$PG_BASE/postgres.log; else PG_LOG=$LOG_DIR/postgres.log; fi
}

pg_can_reach() { runuser -u postgres -- test -x "$1" -a -r "$1" 2>/dev/null; }

pg_running() { [[ -f $PG_DATA/PG_VERSION ]] && pg_runas "$PG_BIN/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1; }
pg_pid() { head -n1 "$PG_DATA/postmaster.pid" 2>/dev/null || true; }

# psql over the unix socket as the cluster's superuser (peer auth), for provisioning.
pg_psql() { pg_runas "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$POSTGRES_PORT" -d postgres "$@"; }

pg_install() {
  if ! pg_find_bin; then
    apt_install postgresql
    pg_find_bin || die "postgresql was installed but no initdb under /usr/lib/postgresql/*/bin"
  fi
  if is_root && ! id postgres >/dev/null 2>&1; then
    die "user 'postgres' does not exist (it comes with the Debian package postgresql-common)"
  fi
  pg_layout
  local owner
  owner=$(id -un)
  is_root && owner=postgres
  mkdir -p "$PG_BASE" "$PG_SOCK"
  if [[ -n $PG_EXTERNAL ]]; then
    chmod 755 "$(dirname "$(dirname "$PG_BASE")")" "$(dirname "$PG_BASE")"
    [[ -L $STACK_DIR/postgres ]] || ln -sfn "$PG_BASE" "$STACK_DIR/postgres"
    ln -sfn "$PG_LOG" "$LOG_DIR/postgres.log"
  fi
  touch "$PG_LOG"
  if is_root; then chown postgres: "$PG_BASE" "$PG_SOCK" "$PG_LOG"; fi
  chmod 700 "$PG_BASE" "$PG_SOCK"

  if [[ ! -f $PG_DATA/PG_VERSION ]]; then
    say "postgres: initialising cluster in $PG_DATA ($(basename "$(dirname "$PG_BIN")"), run as $owner) …"
    # C.UTF-8 exists on every Debian; relying on $LANG gives SQL_ASCII under CI's bare environment.
    # Local socket: peer (the OS user is the superuser); TCP: passwords only, scram.
    pg_runas "$PG_BIN/initdb" -D "$PG_DATA" --encoding=UTF8 --locale=C.UTF-8 \
      --auth-local=peer --auth-host=scram-sha-256 >>"$PG_LOG" 2>&1 ||
      fail_component postgres "$PG_LOG" "initdb failed"
    # Our settings live in their own file, rewritten on every `up`, so a changed .env takes effect.
    pg_runas sh -c "echo \"include_if_exists = 'stack.conf'\" >> '$PG_DATA/postgresql.conf'"
  fi
}

pg_write_conf() {
  pg_runas tee "$PG_DATA/stack.conf" >/dev/null <<EOF
# Written by scripts/stack.sh on every \`up\`; edit .env instead.
listen_addresses = '$POSTGRES_HOST'
port = $POSTGRES_PORT
unix_socket_directories = '$PG_SOCK'
# Each service keeps a pool and integration tests open their own: 100 is tight, 200 costs little.
max_connections = 200
password_encryption = 'scram-sha-256'
EOF
}

pg_up() {
  local t0 pid how=''
  t0=$(now)
  pg_install
  if pg_running; then
    how="already running"
    # postmaster.pid line 4 is the port, line 6 the listen address.
    same_address postgres "$(sed -n 6p "$PG_DATA/postmaster.pid"):$(sed -n 4p "$PG_DATA/postmaster.pid")" \
      "$POSTGRES_HOST:$POSTGRES_PORT"
  else
    port_free postgres "$POSTGRES_HOST" "$POSTGRES_PORT"
    pg_write_conf
    say "postgres: starting on $POSTGRES_HOST:$POSTGRES_PORT (data $PG_DATA) …"
    # 9>&-: the server must not inherit the lock fd (see take_lock).
    pg_runas "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t "$STACK_POSTGRES_TIMEOUT" >/dev/null 2>&1 9>&- ||
      fail_component postgres "$PG_LOG" "server did not start within ${STACK_POSTGRES_TIMEOUT}s"
  fi
  wait_for "$STACK_POSTGRES_TIMEOUT" "$PG_BIN/pg_isready" -q -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" ||
    fail_component postgres "$PG_LOG" "no answer on $POSTGRES_HOST:$POSTGRES_PORT"
  pg_provision
  pid=$(pg_pid)
  say "postgres: up at $POSTGRES_HOST:$POSTGRES_PORT, pid $pid, data $PG_DATA (${how:-$(since "$t0")})"
}

# Idempotent: the role (password re-synced with .env), the platform database and MLflow's database.
# Not a superuser on purpose: services create their own schemas in databases this role owns, as they
# will in a cluster; CREATEDB/CREATEROLE cover test databases and per-service roles.
pg_provision() {
  pg_psql -v role="$POSTGRES_USER" -v pass="$POSTGRES_PASSWORD" \
    -v db="$POSTGRES_DB" -v mlflowdb="$MLFLOW_BACKEND_DB" >>"$PG_LOG" 2>&1 <<'SQL' ||
SELECT format('CREATE ROLE %I', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN CREATEDB CREATEROLE PASSWORD %L', :'role', :'pass') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'mlflowdb', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'mlflowdb') \gexec
SQL
    fail_component postgres "$PG_LOG" "could not create role/databases"
  # Prove the password path the services use (TCP + scram), not just the socket.
  PGPASSWORD=$POSTGRES_PASSWORD PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" \
    -U "$POSTGRES_USER" -d "$POSTGRES_DB" -c 'select 1' >/dev/null 2>>"$PG_LOG" ||
    fail_component postgres "$PG_LOG" "cannot log in as $POSTGRES_USER over TCP"
}

pg_down() {
  pg_find_bin || {
    say "postgres: not installed"
    return 0
  }
  pg_layout
  if pg_running; then
    say "postgres: stopping (pid $(pg_pid)) …"
    # fast = roll back open transactions and checkpoint: nothing committed is lost.
    pg_runas "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 60 >/dev/null
    say "postgres: stopped"
  else
    say "postgres: not running"
  fi
}

pg_status() {
  pg_find_bin || {
    status_line postgres stopped - "$POSTGRES_HOST:$POSTGRES_PORT" "(not installed)"
    return 1
  }
  pg_layout
  if pg_running; then
    status_line postgres running "pid $(pg_pid)" "$POSTGRES_HOST:$POSTGRES_PORT" "$PG_DATA"
  else
    status_line postgres stopped - "$POSTGRES_HOST:$POSTGRES_PORT" "$PG_DATA"
    return 1
  fi
}
