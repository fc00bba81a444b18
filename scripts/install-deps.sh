#!/usr/bin/env bash
# Installs what MultiNet's build, demo and tests need on a fresh Debian machine (run as root):
# the CNI reference plugins, iproute2, kubectl (when absent), podman and runc (the image tests), binutils (readelf, the
# glibc test), and the NuGet packages (restore).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -x /usr/lib/cni/bridge ] || need_apt+=(containernetworking-plugins)
command -v ip >/dev/null 2>&1 || need_apt+=(iproute2)
# The crash-consistency tests kill multinet inside a checkpoint write with strace's fault injection.
command -v strace >/dev/null 2>&1 || need_apt+=(strace)
# NativeAOT links with clang (or gcc) and needs zlib.
command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || need_apt+=(clang)
[ -e /usr/lib/x86_64-linux-gnu/libz.so ] || [ -e /usr/lib/aarch64-linux-gnu/libz.so ] || need_apt+=(zlib1g-dev)
# The deploy tests render deploy/thin and deploy/thick with `kubectl kustomize`; Debian's kubectl (1.20) reads them too.
command -v kubectl >/dev/null 2>&1 || need_apt+=(kubernetes-client)
# The image tests build localhost/multinet offline and run its binaries with podman; crun (podman's default) fails
# on some cgroup layouts, so the tests run containers with runc.
command -v podman >/dev/null 2>&1 || need_apt+=(podman)
[ -x /usr/sbin/runc ] || need_apt+=(runc)
# The glibc test reads the highest GLIBC_x.y symbol version multinet needs with readelf.
command -v readelf >/dev/null 2>&1 || need_apt+=(binutils)

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "install-deps: installing ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "install-deps: the .NET 10 SDK is required (dotnet not found on PATH)" >&2
  exit 1
fi

dotnet restore MultiNet.sln --nologo -v quiet
