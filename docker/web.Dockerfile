# syntax=docker/dockerfile:1
# The web client: a Vite build served as static files by unprivileged nginx on 8080.
# Build from the repository root: docker build -f docker/web.Dockerfile -t <registry>/web:<tag> .
FROM node:24.22.3-bookworm-slim AS build
WORKDIR /repo
COPY package.json package-lock.json ./
COPY libs libs
COPY services services
COPY e2e/package.json e2e/package.json
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.base.json .nvmrc ./
# The npm scripts run through the pinned-Node wrapper; in this image the base's Node is already the pinned one.
COPY scripts/node scripts/node
# Type checks, then the Vite build into dist/services/web; the gateway address is read at run time from config.json.
RUN npm run web:build

FROM nginxinc/nginx-unprivileged:1.28.0-alpine AS runtime
COPY --chown=root:root docker/web/nginx.conf /etc/nginx/conf.d/default.conf
COPY --chown=root:root docker/web/config.json /etc/segmentation-web/config.json
COPY --from=build --chown=root:root /repo/dist/services/web /usr/share/nginx/html
# nginx-unprivileged's numeric user; no root, no privileged port.
USER 101:101
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"]
