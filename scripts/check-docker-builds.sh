#!/usr/bin/env bash
# Runs each docker/<app>.Dockerfile's build steps outside Docker (this machine has no Docker
# engine): a clean copy of the tracked files → `turbo prune <app> --docker` → npm ci on the pruned
# package.json set (+ prisma/) → copy the full pruned source → build. Then checks the compose file.
# Keep it in step with the Dockerfiles.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
apps=("${@:-web staff worker}")
read -r -a apps <<<"${apps[*]}"
work=$(mktemp -d /tmp/undersigned-docker-XXXXXX)
trap 'rm -rf "$work"' EXIT
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1

# The Docker build context: tracked files minus .dockerignore'd ones.
mkdir -p "$work/context"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | grep -zv -E '(^|/)(node_modules|\.next)/|^\.env$' | xargs -0 tar -cf - ) | tar -xf - -C "$work/context"

for app in "${apps[@]}"; do
  echo "== docker/$app.Dockerfile (outside Docker)"
  df="$root/docker/$app.Dockerfile"
  grep -q "turbo@.* prune @undersigned/$app --docker" "$df" || { echo "$df no longer prunes @undersigned/$app"; exit 1; }
  out="$work/out-$app"; build="$work/build-$app"
  (cd "$work/context" && npx --yes turbo@2.11.11 prune "@undersigned/$app" --docker --out-dir "$out" >/dev/null)
  mkdir -p "$build"
  cp -R "$out/json/." "$build/"
  cp -R "$work/context/prisma" "$build/prisma"
  cp "$work/context/packages/db/prisma.config.ts" "$build/packages/db/prisma.config.ts"
  cp "$work/context/packages/config/load-env-file.ts" "$build/packages/config/load-env-file.ts"
  (cd "$build" && npm ci --no-audit --no-fund --loglevel=error)
  cp -R "$out/full/." "$build/"
  if [ "$app" = worker ]; then
    (cd "$build" && npx turbo run typecheck --filter=@undersigned/worker --output-logs=errors-only)
  else
    (cd "$build" && npx turbo run build --filter="@undersigned/$app" --output-logs=errors-only)
  fi
  echo "== $app: pruned install + build OK"
  rm -rf "$build" "$out"
done

if docker compose version >/dev/null 2>&1; then
  (cd "$root" && IP_HASH_SECRET=x CONFIRM_TOKEN_SECRET=x AUTH_SECRET=x docker compose -f docker/compose.yaml config -q)
elif command -v docker-compose >/dev/null 2>&1; then
  (cd "$root" && IP_HASH_SECRET=x CONFIRM_TOKEN_SECRET=x AUTH_SECRET=x docker-compose -f docker/compose.yaml config -q)
else
  echo "no docker compose client to validate docker/compose.yaml"; exit 1
fi
echo "== docker/compose.yaml: valid"
