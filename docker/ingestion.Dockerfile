# syntax=docker/dockerfile:1
# The ingestion service. Build from the repository root: docker build -f docker/ingestion.Dockerfile -t <registry>/ingestion:<tag> .
# Base pinned to the exact Node release of .nvmrc; bump both together (and every docker/*.Dockerfile).
FROM node:24.22.3-bookworm-slim AS build
WORKDIR /repo
ENV NX_DAEMON=false NX_NO_CLOUD=true
# Manifests first: the dependency layer is rebuilt only when the lockfile or a workspace manifest changes.
COPY package.json package-lock.json ./
COPY libs libs
COPY services services
COPY e2e/package.json e2e/package.json
# --ignore-scripts skips our postinstall too: the dependency patches are applied explicitly.
RUN npm ci --no-audit --no-fund --ignore-scripts && npx patch-package --patch-dir libs/kafka/patches --error-on-fail
COPY tsconfig.base.json ./
COPY docker docker
RUN sh docker/build-service.sh ingestion /out libs/kafka/src/cli/dlq.ts \
 && npm prune --omit=dev --no-audit --no-fund --ignore-scripts \
 && rm -rf node_modules/.cache

FROM node:24.22.3-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
RUN groupadd --gid 10001 app && useradd --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app
COPY --from=build --chown=root:root /repo/node_modules node_modules
COPY --from=build --chown=root:root /out ./
# Numeric user, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
USER 10001:10001
EXPOSE 4001
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4001/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/app/services/ingestion/src/main.js"]
