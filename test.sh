#!/usr/bin/env bash
# Runs every MultiNet test (unit and integration; integration tests need root and run the published binaries).
# Prints "N passed, N failed" at the end.
set -uo pipefail
cd "$(dirname "$0")"
./scripts/install-deps.sh || exit 1
./build.sh || exit 1

# What the tests leave on the machine is a failure too: every test names its netns and host links "mn…" and removes them.
leftovers() { { ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | sed 's/@.*//' | grep '^mn' | sed 's/^/link /'; ip netns list 2>/dev/null | awk '{print $1}' | grep '^mn' | sed 's/^/netns /'; } | sort; }
before=$(leftovers)

results="$PWD/artifacts/test-results"
rm -rf "$results"
# The node end-to-end test bind-mounts temporary folders over the host's CNI folders (/etc/cni/net.d, /opt/cni/bin,
# /var/lib/cni, ...) for its whole run, and dotnet test runs the test projects side by side: it runs alone, after
# the rest, so no other test writes into those folders while they are covered.
node_e2e='FullyQualifiedName~MultiNet.Daemon.Tests.NodeEndToEnd'
dotnet test MultiNet.sln -c Release --nologo --logger "trx" --results-directory "$results" --filter "FullyQualifiedName!~MultiNet.Daemon.Tests.NodeEndToEnd" -- RunConfiguration.TreatNoTestsAsError=false
status=$?
dotnet test tests/MultiNet.Daemon.Tests -c Release --nologo --no-build --logger "trx;LogFileName=node-end-to-end.trx" --results-directory "$results" --filter "$node_e2e"
[ $? -ne 0 ] && status=1

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  t=$(echo "$counters" | sed -n 's/.* total="\([0-9]*\)".*/\1/p'); e=$(echo "$counters" | sed -n 's/.* executed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
leaked=$(comm -13 <(echo "$before") <(leftovers) | grep . || true)
if [ -n "$leaked" ]; then
  failed=$((failed + 1))
  echo "test: the tests left these behind (counted as one failure):" >&2
  echo "$leaked" | sed 's/^/  /' >&2
fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "test: no test ran" >&2; fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "test: dotnet test failed (exit $status) before reporting a failure" >&2; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
