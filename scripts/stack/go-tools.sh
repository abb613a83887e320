#!/usr/bin/env bash
# Pinned Go programs the platform's tooling runs, built from the Go module proxy into $STACK_DIR/bin (like helm in
# .ci/run) and rebuilt only when the pin changes (a `go install`ed binary does not know its version: a marker file
# beside it does). Go's module and build caches make a rebuild quick once they are warm; a cold build of Prometheus
# and promtool together takes minutes (see docs/operating.md).
#
#   bash scripts/stack/go-tools.sh promtool prometheus    install what is missing or outdated, in one `go install`
#   source scripts/stack/go-tools.sh                       defines go_tools_install for scripts/stack.sh
set -euo pipefail

# Prometheus 3.x as the Go module proxy serves it (module versions v0.3xx.y of github.com/prometheus/prometheus).
PROMETHEUS_VERSION=v0.316.0
PROMETHEUS_MODULE=github.com/prometheus/prometheus
# Without the service-discovery plugins (cloud providers, Kubernetes, Consul…): the local Prometheus and the tests
# scrape static targets. Their SDKs are most of the build: a cold build of both tools took 1,130 s instead of ~1,650 s.
PROMETHEUS_TAGS=remove_all_sd
PROMETHEUS_PIN="$PROMETHEUS_VERSION $PROMETHEUS_TAGS"

go_tools_install() { # <tool>... (promtool, prometheus)
  local root stack bin tool wanted=() pin
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
  stack="${STACK_DIR:-.stack}"
  [[ $stack == /* ]] || stack="$root/$stack"
  bin="$stack/bin"
  for tool in "$@"; do
    case $tool in
      promtool | prometheus) pin=$PROMETHEUS_PIN ;;
      *) echo "go-tools: unknown tool '$tool' (promtool, prometheus)" >&2; return 2 ;;
    esac
    if [[ ! -x $bin/$tool || "$(cat "$bin/$tool.version" 2>/dev/null)" != "$pin" ]]; then wanted+=("$PROMETHEUS_MODULE/cmd/$tool@$PROMETHEUS_VERSION"); fi
  done
  ((${#wanted[@]})) || return 0
  command -v go >/dev/null 2>&1 || { echo "go-tools: Go is needed to build ${wanted[*]} (Debian: apt-get install golang-go; or https://go.dev/dl)" >&2; return 1; }
  echo "go-tools: building ${wanted[*]} from the Go module proxy into $bin (minutes on a cold Go cache) …" >&2
  mkdir -p "$bin"
  local started=$SECONDS
  GOBIN="$bin" GOFLAGS=-buildvcs=false go install -tags "$PROMETHEUS_TAGS" "${wanted[@]}" >&2
  for tool in "$@"; do echo "$PROMETHEUS_PIN" >"$bin/$tool.version"; done
  echo "go-tools: built in $((SECONDS - started)) s" >&2
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  (($#)) || { echo "usage: bash scripts/stack/go-tools.sh promtool|prometheus..." >&2; exit 2; }
  go_tools_install "$@"
fi
