#!/usr/bin/env bash
# ShellCheck, pinned, for the project's shell scripts (scripts/**/*.sh and .ci/run): `npm run lint` and
# `npm test` (so CI) run this file. Installed on first use from Debian's packages into
# $STACK_DIR/tools/shellcheck/<version>/ (common.sh's deb_tool_install: no root needed).
#
#   bash scripts/stack/shellcheck.sh [file…]   check these files (default: all of them); exit 1 on findings
set -euo pipefail

# Debian 12's package; a bump means fixing what the new version finds. The binary links libffi8 and libgmp10.
SHELLCHECK_VERSION=0.9.0-1

# shellcheck source=scripts/stack/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Sets SHELLCHECK to the pinned binary, installing it when missing.
shellcheck_install() {
  local dir=$STACK_DIR/tools/shellcheck/$SHELLCHECK_VERSION
  SHELLCHECK=$dir/shellcheck
  deb_tool_install "$dir" shellcheck "$SHELLCHECK_VERSION" "version: ${SHELLCHECK_VERSION%-*}" shellcheck
}

# Every shell script of the repository, relative to its root.
shellcheck_files() {
  (cd "$ROOT" && find scripts -name '*.sh' -type f | sort && echo .ci/run)
}

shellcheck_run() { # [file…]
  local files=("$@")
  shellcheck_install
  ((${#files[@]})) || mapfile -t files < <(shellcheck_files)
  # From the root, so the `# shellcheck source=scripts/…` directives resolve; -x follows them.
  (cd "$ROOT" && "$SHELLCHECK" --external-sources "${files[@]}") || {
    printf '[stack] shellcheck: findings above (ShellCheck %s)\n' "${SHELLCHECK_VERSION%-*}" >&2
    return 1
  }
  say "shellcheck: ${#files[@]} scripts clean (ShellCheck ${SHELLCHECK_VERSION%-*})"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then shellcheck_run "$@"; fi
