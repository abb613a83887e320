# shellcheck shell=bash
# What every part of the stack shares: where it lives, the settings from .env, and the helpers that install,
# start, wait for and stop a component. Sourced by scripts/stack.sh (and the tool scripts beside this file)
# after `set -euo pipefail`; each component file (postgres.sh, kafka.sh, …) adds its own settings and
# <prefix>_up / _down / _status.

# Repository root from this file's location, so it works from any cwd and in any fresh clone.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)

# <repo>/.env, read by the project's one loader (scripts/env/load-env.js), without overriding variables
# already set in the environment (CI and one-off `POSTGRES_PORT=5544 npm run stack -- up` win).
# shellcheck source=scripts/env/load-env.sh
source "$ROOT/scripts/env/load-env.sh"
seg_load_env || exit 1

: "${STACK_DIR:=.stack}"
# A relative STACK_DIR is relative to the repository, not to the caller's cwd.
[[ $STACK_DIR == /* ]] || STACK_DIR="$ROOT/$STACK_DIR"
LOG_DIR="$STACK_DIR/logs"

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

# Programs of one pinned Debian package, for the project's tools (ShellCheck, Prometheus): `apt-get download` and
# `dpkg-deb -x` into <dir>, so no root is needed (root refreshes the package lists when the version is missing).
# <check> is text the first program's --version must print: the binary runs on this machine.
deb_tool_install() { # <dir> <package> <version> <check> <program…>
  local dir=$1 pkg=$2 version=$3 check=$4 tmp program out
  shift 4
  [[ -x $dir/$1 ]] && return 0
  if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
    die "$pkg: installing it needs apt-get and dpkg-deb (a Debian machine); or put $* of $pkg $version in $dir"
  fi
  say "$pkg: installing $version from Debian's packages into $dir …"
  mkdir -p "$(dirname "$dir")"
  tmp=$(mktemp -d "$dir.partial.XXXXXX")
  # apt-get download works without root from the package lists already there; root may refresh them.
  if ! (cd "$tmp" && apt-get download -qq "$pkg=$version") >>"$tmp/install.log" 2>&1; then
    if is_root && apt-get update -qq >>"$tmp/install.log" 2>&1 &&
      (cd "$tmp" && apt-get download -qq "$pkg=$version") >>"$tmp/install.log" 2>&1; then :; else
      sed 's/^/    | /' "$tmp/install.log" >&2
      rm -rf "$tmp"
      die "$pkg: apt-get could not download $pkg=$version (\`apt-cache policy $pkg\` lists the versions this machine sees)"
    fi
  fi
  dpkg-deb -x "$tmp/${pkg}_"*.deb "$tmp/root"
  mkdir -p "$tmp/bin"
  for program; do mv "$tmp/root/usr/bin/$program" "$tmp/bin/"; done
  out=$("$tmp/bin/$1" --version 2>&1) || true
  if [[ $out != *"$check"* ]]; then
    rm -rf "$tmp"
    die "$pkg: the downloaded $1 does not run here (--version says '${out:-nothing}'; expected '$check')"
  fi
  # One rename: a concurrent run never sees half an install (the loser of a race keeps the winner's).
  mv -T "$tmp/bin" "$dir" 2>/dev/null || true
  rm -rf "$tmp"
  [[ -x $dir/$1 ]] || die "$pkg: could not install it into $dir"
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

# `down` of a server started in the background with a pid file: stop it if it runs, forget the pid file.
stop_component() { # <component> <running check> <pidfile> <grace seconds> <group: yes|no> [more of the message]
  local pid
  if "$2"; then
    pid=$(<"$3")
    say "$1: stopping (pid $pid${6:-}) …"
    stop_pid "$pid" "$4" "$5"
    say "$1: stopped"
  else
    say "$1: not running"
  fi
  rm -f "$3"
}

# One line of `status`: component, state, pid, address, details.
status_line() { printf '%-9s %-8s %-10s %-22s %s\n' "$@"; }

# `status` of a server started with a pid file; 1 when it is not running.
status_of() { # <component> <running check> <pidfile> <address> <details if running> <details if stopped>
  if "$2"; then
    status_line "$1" running "pid $(<"$3")" "$4" "$5"
  else
    status_line "$1" stopped - "$4" "$6"
    return 1
  fi
}

# Before starting a server: a pid file left by one that died is reported and removed.
clear_stale_pid() { # <component> <pidfile>
  if [[ -f $2 ]]; then say "$1: stale pid file (pid $(<"$2") is gone), restarting"; fi
  rm -f "$2"
}

# After starting one in the background: its pid, and the address it was given (see same_address).
record_start() { # <pid> <pidfile> <address file> <address>
  echo "$1" >"$2"
  echo "$4" >"$3"
}

ensure_stack_dir() {
  mkdir -p "$STACK_DIR" "$LOG_DIR"
  # The postgres user (root mode) must be able to traverse the stack dir to reach its data dir.
  chmod 755 "$STACK_DIR"
}
