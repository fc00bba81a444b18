#!/usr/bin/env bash
# MultiNet demo: attaches a network namespace to the cluster network plus two NADs from examples/ through the
# real CNI reference plugins, shows network-status and the interfaces, tears everything down and shows that
# nothing was left behind. Run as root on a machine with the .NET 10 SDK.
set -euo pipefail
cd "$(dirname "$0")"

if [ "$(id -u)" != 0 ]; then echo "demo: run as root (it creates network namespaces)" >&2; exit 1; fi
./scripts/install-deps.sh
./build.sh

ctl="$PWD/artifacts/bin/multinetctl"
ns="mn-demo-$$"
master="mn-demo0"
cid="demo-$$"

cleanup() {
  "$ctl" detach --netns "$ns" --config examples/multinet.conf --container-id "$cid" >/dev/null 2>&1 || true
  ip netns del "$ns" 2>/dev/null || true
  for l in "$master" mn-cluster0 mn-storage0; do ip link del "$l" 2>/dev/null || true; done
}
trap cleanup EXIT

echo "== creating network namespace $ns and the macvlan master $master (a bridge: this kernel has no dummy links)"
ip netns add "$ns"
ip link add "$master" type bridge
ip link set "$master" up

echo
echo "== multinetctl attach: cluster network + macvlan-a + storage@data0"
"$ctl" attach --netns "$ns" --config examples/multinet.conf --manifests examples/networks.yaml \
  --networks "macvlan-a, storage@data0" --pod-name demo --container-id "$cid"

echo
echo "== ip addr inside $ns"
ip -n "$ns" -br addr
echo
ip -n "$ns" route

echo
echo "== multinetctl detach"
"$ctl" detach --netns "$ns" --config examples/multinet.conf --container-id "$cid"

echo
echo "== what is left"
links=$(ip -n "$ns" -br link | awk '$1 != "lo" {print $1}')
leases=$(grep -rls "$cid" /var/lib/cni/networks 2>/dev/null || true)
checkpoint=$(ls /var/lib/cni/multinet/"$cid".json 2>/dev/null || true)
echo "links in $ns besides lo: ${links:-none}"
echo "host-local leases of $cid: ${leases:-none}"
echo "checkpoint of $cid: ${checkpoint:-none}"
trap - EXIT
cleanup
echo "namespace $ns: $(ip netns list | grep -c "^$ns\b" || true) left; links: $(ip -br link | grep -cE '^(mn-demo0|mn-cluster0|mn-storage0)\b' || true) left"
[ -z "$links$leases$checkpoint" ] && echo "demo: clean" || { echo "demo: something was left behind" >&2; exit 1; }
