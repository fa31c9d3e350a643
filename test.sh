#!/usr/bin/env bash
# Runs every test project (unit, integration on Azurite, end-to-end) after installing what is missing.
# Tests start the servers they need themselves on free loopback ports and stop them.
# The last line sums all projects: "N passed, N failed[, N skipped]". Exit status is non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_prerequisites || exit 1
ensure_test_browser || { echo "0 passed, 1 failed"; exit 1; }

results=.test-results
rm -rf "$results"

echo "==> dotnet build"
dotnet build Gonghui.slnx --no-restore --nologo -v q -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }

echo "==> dotnet test"
dotnet test Gonghui.slnx --no-build --nologo --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$results" -- RunConfiguration.TestSessionTimeout=1500000
status=$?

passed=0; failed=0; skipped=0; reports=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  reports=$((reports + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
  skipped=$((skipped + $(count notExecuted)))
done

# Repeat the failed tests' names and first message line here, so the end of a long log says what failed.
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  awk '
    /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1 }
    want && /<Message>/ { sub(/.*<Message>/, ""); sub(/<\/Message>.*/, ""); print "FAILED " name ": " $0; want = 0 }
  ' "$trx"
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "A test project failed without reporting a failed test (crash or abort; see above)." >&2
  failed=1
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ] && [ "$reports" -gt 0 ]
