#!/bin/sh
# Compiles one service and the libs it imports to CommonJS under OUT, laid out like the repository
# (OUT/services/<service>/src, OUT/libs/<lib>/src), and points each lib's package.json at its compiled
# entries (the package's main, and its `exports` such as @seg/observability/tracing), so `@seg/*` resolves through the workspace links in node_modules at run time.
# usage: docker/build-service.sh <service> <out-dir> [extra entry file relative to the root]...
set -eu
service="$1"
out="$2"
shift 2
files="\"../services/$service/src/main.ts\""
for extra in "$@"; do files="$files, \"../$extra\""; done
root="$(cd "$(dirname "$0")/.." && pwd)"
config="$root/docker/tsconfig.$service.build.json"
trap 'rm -f "$config"' EXIT
printf '{ "extends": "./tsconfig.build.json", "compilerOptions": { "outDir": "%s" }, "files": [%s] }\n' "$out" "$files" > "$config"
"$root/node_modules/.bin/tsc" -p "$config"
for lib in "$out"/libs/*/; do
  name="$(basename "$lib")"
  sed 's#\(src/[a-z/-]*\)\.ts"#\1.js"#g' "$root/libs/$name/package.json" > "$lib/package.json"
done
cp "$root/services/$service/package.json" "$out/services/$service/package.json"
sed -i 's#"src/main.ts"#"src/main.js"#' "$out/services/$service/package.json"
# Schema files the service reads at run time (subgraph SDL, the gateway's composed supergraph).
(cd "$root" && find "services/$service" -name '*.graphql' -not -path '*/node_modules/*' -exec cp --parents {} "$out" \;)
cp "$root/docker/migrate.cjs" "$out/migrate.cjs"
