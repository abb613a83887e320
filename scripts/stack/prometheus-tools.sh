#!/usr/bin/env bash
# Prometheus and promtool, pinned, for the alert rules' tests (scripts/deploy), the observability e2e and the stack's
# opt-in Prometheus (scripts/stack/prometheus.sh); .ci/run installs them. From Debian's package into
# $STACK_DIR/tools/prometheus/<version>/ (common.sh's deb_tool_install: a 19 MB download, no root needed).
#
#   bash scripts/stack/prometheus-tools.sh          install them when missing; print their directory on stdout
#   bash scripts/stack/prometheus-tools.sh --dir    print their directory, or fail saying how to install them
set -euo pipefail

# Debian 12's package (Prometheus 2.42): a bump means rerunning the rules' tests and the e2e with it.
PROMETHEUS_DEB_VERSION=2.42.0+ds-5+deb12u1

# shellcheck source=scripts/stack/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

dir=$STACK_DIR/tools/prometheus/$PROMETHEUS_DEB_VERSION
case ${1:-} in
  '') deb_tool_install "$dir" prometheus "$PROMETHEUS_DEB_VERSION" "version ${PROMETHEUS_DEB_VERSION%%+*}" prometheus promtool >&2 ;;
  --dir) [[ -x $dir/promtool && -x $dir/prometheus ]] ||
    die "prometheus: $PROMETHEUS_DEB_VERSION is not installed in $dir: run \`bash scripts/stack/prometheus-tools.sh\` (or \`bash .ci/run\`)" ;;
  *) die "usage: bash scripts/stack/prometheus-tools.sh [--dir]" ;;
esac
echo "$dir"
