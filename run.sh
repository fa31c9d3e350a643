#!/usr/bin/env bash
# Starts Azurite and maildev on loopback (data kept in ./.azurite), then the function app on
# http://127.0.0.1:7071 with demo data. Ctrl-C stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_prerequisites

pids=()
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "==> stopping"
  # The app first, while storage still answers: it releases its durable task hub leases as it stops.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
}
trap stop_all INT TERM EXIT

mkdir -p .azurite
echo "==> Azurite: blob 10000, queue 10001, table 10002 (data in .azurite/)"
# Long keep-alive: with Azurite's 5 s default, a request sent as an idle connection closes is dropped (Node bug).
# The preload keeps Azurite's database from re-sorting its indexes on every removal (see the README).
node --require ./tests/Gonghui.Testing/azurite-loki-speedups.cjs node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --loose --disableProductStyleUrl --disableTelemetry \
  --blobKeepAliveTimeout 300 --queueKeepAliveTimeout 300 --tableKeepAliveTimeout 300 \
  --location .azurite --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
pids+=($!)

echo "==> maildev: SMTP 127.0.0.1:1025, inbox http://127.0.0.1:1080"
node node_modules/maildev/bin/maildev --smtp 1025 --web 1080 --ip 127.0.0.1 --web-ip 127.0.0.1 --silent &
pids+=($!)

if [ ! -f local.settings.json ]; then
  cp local.settings.sample.json local.settings.json
  echo "==> created local.settings.json from local.settings.sample.json"
fi

if ! grep -q '"Gonghui__Approvals__LinkKeys"' local.settings.json; then
  echo "==> local.settings.json has no Gonghui__Approvals__LinkKeys: copy the relief settings from local.settings.sample.json"
fi
if ! grep -q '"Gonghui__StaffPages__SessionKey"' local.settings.json; then
  echo "==> local.settings.json has no Gonghui__StaffPages__SessionKey: copy it from local.settings.sample.json (staff pages need it)"
fi

echo "==> function app on http://127.0.0.1:7071 (demo data seeded on first start)"
echo "    relief demo: an application waits for approval in http://127.0.0.1:1080 (click 查看并审批)"
echo "    staff pages: http://127.0.0.1:7071/api/staff (sign in with a key from local.settings.json, e.g. the admin key)"
dotnet build functions/Gonghui.Functions.csproj --no-restore --nologo -v q -clp:ErrorsOnly
dotnet build runtime/LocalHost/Gonghui.LocalHost.csproj --no-restore --nologo -v q -clp:ErrorsOnly
# The local host runs the compiled app as the Functions host would (Core Tools: `func start` in functions/bin/Debug/net10.0).
Gonghui__Hotline__SeedDemo=true Gonghui__Relief__SeedDemo=true \
  dotnet runtime/LocalHost/bin/Debug/net10.0/Gonghui.LocalHost.dll --app functions/bin/Debug/net10.0 &
pids+=($!)
wait -n "${pids[@]}"
