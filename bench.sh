#!/usr/bin/env bash
# ./bench.sh runs every benchmark in Release; ./bench.sh NAME [NAME...] runs the named ones.
# Each prints a table, then one JSON object per figure and line. Benchmarks start their own servers.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_prerequisites
dotnet build bench/Gonghui.Bench -c Release --no-restore --nologo -v q -clp:ErrorsOnly
dotnet bench/Gonghui.Bench/bin/Release/net10.0/Gonghui.Bench.dll "$@"
