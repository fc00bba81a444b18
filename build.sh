#!/usr/bin/env bash
# Publishes MultiNet's four executables to artifacts/bin/: multinet (NativeAOT CNI plugin), multinetd (NativeAOT
# node daemon), multinet-controller and multinetctl.
# ./build.sh --image then builds the image from them with podman, offline (scripts/build-image.sh), tags it
# localhost/multinet:<version> and prints that reference as the last line.
set -euo pipefail
cd "$(dirname "$0")"
image=false
for arg in "$@"; do
  case "$arg" in
    --image) image=true ;;
    -h|--help) echo "usage: ./build.sh [--image]"; exit 0 ;;
    *) echo "build: unknown argument \"$arg\" (usage: ./build.sh [--image])" >&2; exit 2 ;;
  esac
done
out="$PWD/artifacts/bin"
mkdir -p "$out"
rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
# The commit is stamped into every binary (--version, the build_info metric) when this is a git checkout; a tarball
# builds the same binaries with commit "unknown". The Dockerfile passes it as a build argument instead.
if [ -z "${MULTINET_COMMIT:-}" ]; then
  MULTINET_COMMIT=$(git rev-parse --short=12 HEAD 2>/dev/null || true)
fi
export MULTINET_COMMIT

dotnet publish src/MultiNet.Plugin/MultiNet.Plugin.csproj -c Release -r "$rid" -o "$out" --nologo -v quiet
dotnet publish src/MultiNet.Daemon/MultiNet.Daemon.csproj -c Release -r "$rid" -o "$out" --nologo -v quiet
for project in Cli Controller; do
  dotnet publish "src/MultiNet.$project/MultiNet.$project.csproj" -c Release -r "$rid" --self-contained false \
    -p:PublishSingleFile=true -o "$out" --nologo -v quiet
done
rm -f "$out"/*.pdb "$out"/*.dbg "$out"/*.xml
echo "build: $(ls "$out" | tr '\n' ' ')"
if [ "$image" = true ]; then
  scripts/build-image.sh
fi
