# syntax=docker/dockerfile:1
# @undersigned/staff — built from a `turbo prune --docker` of the monorepo. scripts/check-docker-builds.sh
# runs these same steps outside Docker in CI (no Docker engine there), so this file cannot rot unnoticed.
# Build from the repo root: docker build -f docker/staff.Dockerfile -t undersigned-staff .
FROM node:24.22-bookworm-slim AS base
ENV NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
WORKDIR /app

FROM base AS prune
COPY . .
RUN npx --yes turbo@2.11.11 prune @undersigned/staff --docker

FROM base AS build
# Lockfile + the package.json files of staff and the workspaces it depends on: a cached npm ci layer.
COPY --from=prune /app/out/json/ .
# prisma/ (schema + migrations) sits outside the workspaces; postinstall generates the client from it.
COPY --from=prune /app/prisma ./prisma
# …with the Prisma CLI config that keeps `prisma generate` offline (no engine download), and the
# .env loader it imports.
COPY --from=prune /app/packages/db/prisma.config.ts ./packages/db/prisma.config.ts
COPY --from=prune /app/packages/config/load-env-file.ts ./packages/config/load-env-file.ts
RUN npm ci --no-audit --no-fund
COPY --from=prune /app/out/full/ .
RUN npx turbo run build --filter=@undersigned/staff

FROM base AS run
ENV NODE_ENV=production
RUN groupadd --system app && useradd --system --gid app --home /app app
COPY --from=build --chown=app:app /app .
USER app
EXPOSE 3001
# Migrations run once per deploy in the `migrate` service of docker/compose.yaml
# (prisma migrate deploy) before this starts.
CMD ["npm", "run", "start", "-w", "@undersigned/staff"]
