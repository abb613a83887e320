# shellcheck shell=bash
# The local stack's Prometheus, an opt-in component of scripts/stack.sh (sourced by it): `npm run stack -- up
# prometheus`, or with the others when STACK_PROMETHEUS=true. Installed from Debian's package on first use
# (scripts/stack/prometheus-tools.sh, into $STACK_DIR/tools/prometheus/), it scrapes the metrics port of every service
# of `npm run up` and loads the platform's alert rules (helm/segmentation/files/prometheus/alerts.yaml). HTTP API on
# http://$PROMETHEUS_HOST:$PROMETHEUS_PORT (/api/v1/query, /api/v1/alerts, /api/v1/targets); no web UI, which Debian's
# build reads from /usr/share/prometheus/web, outside an unpacked package. Data in $STACK_DIR/prometheus/data, 2 days.

: "${PROMETHEUS_HOST:=127.0.0.1}"
: "${PROMETHEUS_PORT:=9090}"
: "${STACK_PROMETHEUS_TIMEOUT:=60}"
: "${STACK_PROMETHEUS:=false}"

PROMETHEUS_HOME=$STACK_DIR/prometheus
PROMETHEUS_PID=$PROMETHEUS_HOME/prometheus.pid
PROMETHEUS_LOG=$LOG_DIR/prometheus.log
PROMETHEUS_RULES=$ROOT/helm/segmentation/files/prometheus/alerts.yaml

# Every service's metrics port, as the services read it (their defaults unless .env moves them).
prometheus_targets() {
  local entry name var port
  for entry in gateway:GATEWAY_METRICS_PORT:9400 ingestion:INGESTION_METRICS_PORT:9401 training:TRAINING_METRICS_PORT:9402 \
    scoring:SCORING_METRICS_PORT:9403 offers:OFFERS_METRICS_PORT:9404; do
    name=${entry%%:*}
    var=${entry#*:}
    var=${var%%:*}
    port=${!var:-${entry##*:}}
    printf '  - job_name: %s\n    static_configs:\n      - targets: ["127.0.0.1:%s"]\n        labels: { service: %s }\n' "$name" "$port" "$name"
  done
}

prometheus_write_config() {
  mkdir -p "$PROMETHEUS_HOME/data"
  # Rewritten on every `up`, so ports from .env apply.
  {
    printf '# Written by scripts/stack.sh on every "up"; edit .env instead.\n'
    printf 'global:\n  scrape_interval: 15s\n  evaluation_interval: 15s\n'
    printf 'rule_files:\n  - %s\n' "$PROMETHEUS_RULES"
    printf 'scrape_configs:\n'
    prometheus_targets
  } >"$PROMETHEUS_HOME/prometheus.yml"
}

prometheus_running() { pid_alive "$PROMETHEUS_PID" 'prometheus --config.file='; }

# Ready = /-/ready answers 200 (the TSDB is open and the rules are loaded); bash's /dev/tcp, as curl may be missing.
prometheus_ready() {
  timeout 3 bash -c "exec 3<>/dev/tcp/$PROMETHEUS_HOST/$PROMETHEUS_PORT && printf 'GET /-/ready HTTP/1.0\r\n\r\n' >&3 && head -n 1 <&3 | grep -q ' 200 '" 2>/dev/null
}

prometheus_up() {
  local t0 how='' bin
  t0=$(now)
  mkdir -p "$PROMETHEUS_HOME"
  if prometheus_running; then
    how="already running"
    same_address prometheus "$(cat "$PROMETHEUS_HOME/prometheus.addr" 2>/dev/null)" "$PROMETHEUS_HOST:$PROMETHEUS_PORT"
  else
    rm -f "$PROMETHEUS_PID"
    port_free prometheus "$PROMETHEUS_HOST" "$PROMETHEUS_PORT"
    # Installs on first use (seconds); its progress and errors go to the terminal, the directory to $bin.
    bin=$(STACK_DIR=$STACK_DIR bash "$ROOT/scripts/stack/prometheus-tools.sh") || exit 1
    prometheus_write_config
    "$bin/promtool" check config "$PROMETHEUS_HOME/prometheus.yml" >>"$PROMETHEUS_LOG" 2>&1 ||
      fail_component prometheus "$PROMETHEUS_LOG" "promtool check config refused the configuration or the alert rules"
    say "prometheus: starting on http://$PROMETHEUS_HOST:$PROMETHEUS_PORT …"
    (cd "$PROMETHEUS_HOME" && exec setsid nohup "$bin/prometheus" \
      --config.file="$PROMETHEUS_HOME/prometheus.yml" --storage.tsdb.path="$PROMETHEUS_HOME/data" \
      --storage.tsdb.retention.time=2d --web.listen-address="$PROMETHEUS_HOST:$PROMETHEUS_PORT" \
      >>"$PROMETHEUS_LOG" 2>&1 </dev/null 9>&-) &
    echo $! >"$PROMETHEUS_PID"
    echo "$PROMETHEUS_HOST:$PROMETHEUS_PORT" >"$PROMETHEUS_HOME/prometheus.addr"
  fi
  wait_ready prometheus "$PROMETHEUS_LOG" "$STACK_PROMETHEUS_TIMEOUT" "$PROMETHEUS_PID" prometheus_ready
  say "prometheus: up at http://$PROMETHEUS_HOST:$PROMETHEUS_PORT, pid $(<"$PROMETHEUS_PID"), scraping the services' metrics ports (${how:-$(since "$t0")})"
}

prometheus_down() { stop_component prometheus prometheus_running "$PROMETHEUS_PID" 20 no; }

# Not running counts as a failure only when it is meant to run (STACK_PROMETHEUS=true): it is opt-in.
prometheus_status() {
  status_of prometheus prometheus_running "$PROMETHEUS_PID" "$PROMETHEUS_HOST:$PROMETHEUS_PORT" "$PROMETHEUS_HOME/data" \
    "(opt-in: up prometheus, or STACK_PROMETHEUS=true)" || [[ $STACK_PROMETHEUS != true ]]
}
