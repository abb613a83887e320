#!/usr/bin/env bash
# ShellCheck, pinned, for the project's shell scripts (scripts/**/*.sh and .ci/run): `npm run lint` and
# `npm test` (so CI) run this file. Installed on first use from Debian's packages into
# $STACK_DIR/tools/shellcheck/<version>/, like the stack's components: `apt-get download` and
# `dpkg-deb -x`, so no root is needed (root refreshes the package lists when the pinned version is missing).
#
#   bash scripts/stack/shellcheck.sh [file…]   check these files (default: all of them); exit 1 on findings
set -euo pipefail

# Debian 12's package; a bump means fixing what the new version finds. The binary links libffi8 and libgmp10.
SHELLCHECK_VERSION=0.9.0-1

# shellcheck source=scripts/stack/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Sets SHELLCHECK to the pinned binary, installing it when missing.
shellcheck_install() {
  local dir=$STACK_DIR/tools/shellcheck/$SHELLCHECK_VERSION tmp version
  SHELLCHECK=$dir/shellcheck
  [[ -x $SHELLCHECK ]] && return 0
  command -v apt-get >/dev/null 2>&1 || die "shellcheck: installing it needs apt-get (a Debian machine); or put ShellCheck ${SHELLCHECK_VERSION%-*} at $SHELLCHECK"
  command -v dpkg-deb >/dev/null 2>&1 ||
    die "shellcheck: installing it needs dpkg-deb (a Debian machine); or put ShellCheck ${SHELLCHECK_VERSION%-*} at $SHELLCHECK"
  say "shellcheck: installing $SHELLCHECK_VERSION from Debian's packages into $dir …"
  mkdir -p "$(dirname "$dir")"
  tmp=$(mktemp -d "$dir.partial.XXXXXX")
  # apt-get download works without root from the package lists already there; root may refresh them.
  if ! (cd "$tmp" && apt-get download -qq "shellcheck=$SHELLCHECK_VERSION") >>"$tmp/install.log" 2>&1; then
    if is_root && apt-get update -qq >>"$tmp/install.log" 2>&1 &&
      (cd "$tmp" && apt-get download -qq "shellcheck=$SHELLCHECK_VERSION") >>"$tmp/install.log" 2>&1; then :; else
      sed 's/^/    | /' "$tmp/install.log" >&2
      rm -rf "$tmp"
      die "shellcheck: apt-get could not download shellcheck=$SHELLCHECK_VERSION (\`apt-cache policy shellcheck\` lists the versions this machine sees)"
    fi
  fi
  dpkg-deb -x "$tmp"/shellcheck_*.deb "$tmp/root"
  version=$("$tmp/root/usr/bin/shellcheck" --version 2>&1 | awk '/^version:/ { print $2 }') || true
  if [[ $version != "${SHELLCHECK_VERSION%-*}" ]]; then
    rm -rf "$tmp"
    die "shellcheck: the downloaded binary does not run here (reports '${version:-nothing}'; it needs libffi8 and libgmp10)"
  fi
  mkdir -p "$tmp/bin"
  mv "$tmp/root/usr/bin/shellcheck" "$tmp/bin/"
  # One rename: a concurrent run never sees half an install (the loser of a race keeps the winner's).
  mv -T "$tmp/bin" "$dir" 2>/dev/null || true
  rm -rf "$tmp"
  [[ -x $SHELLCHECK ]] || die "shellcheck: could not install it into $dir"
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
