# shellcheck shell=bash
# The shell side of scripts/env/load-env.js: `source scripts/env/load-env.sh && seg_load_env` exports what <repo>/.env
# sets (variables already set win), as that one loader parses it, so the shell scripts and node read the same syntax.
# Any Node on PATH will do (plain CommonJS); the scripts need one anyway.

seg_load_env() { seg_load_env_file "$(dirname "${BASH_SOURCE[0]}")/../../.env"; }

seg_load_env_file() { # <env file>
  local loader pair
  loader="$(dirname "${BASH_SOURCE[0]}")/load-env.js"
  if ! command -v node >/dev/null 2>&1; then
    echo "env: node is not on PATH; it reads .env (scripts/env/load-env.js): install Node (see .nvmrc)" >&2
    return 1
  fi
  while IFS= read -r -d '' pair; do export "${pair?}"; done < <(node "$loader" "$1")
  # $! is the loader's pid: a file it could not read is an error, not an empty configuration.
  wait "$!" || {
    echo "env: $loader could not read $1 (see above)" >&2
    return 1
  }
}
