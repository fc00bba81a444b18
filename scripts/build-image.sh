#!/usr/bin/env bash
# Builds the MultiNet image with podman and no registry, from the binaries ./build.sh published to artifacts/bin.
# Nothing can be pulled here, so the image starts FROM scratch and gets what the binaries need, copied from this
# machine: the shared libraries ldd lists (and the OpenSSL that .NET loads at run time for TLS), the .NET shared
# runtime that multinet-controller and multinetctl (framework-dependent) run on, and the CA certificates.
# Tags it localhost/multinet:<version> and prints that reference as its last line of stdout.
# ./build.sh --image runs ./build.sh and then this; the tests call this alone (the binaries are built already).
# podman reuses the layer when the binaries did not change, so a second run costs a copy, not a new image.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$PWD/artifacts/bin"
work="$PWD/artifacts/image"
rootfs="$work/rootfs"
binaries=(multinet multinetd multinet-controller multinetctl)

for b in "${binaries[@]}"; do
  [ -x "$bin/$b" ] || { echo "build-image: $bin/$b is missing: run ./build.sh first" >&2; exit 1; }
done
command -v podman >/dev/null 2>&1 || { echo "build-image: podman is not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -1)
[ -n "$version" ] || { echo "build-image: no <Version> in Directory.Build.props" >&2; exit 1; }
# The commit the binaries were stamped with (not the checkout's HEAD, which may be newer than the build).
commit=$("$bin/multinetd" --version | sed -n 's/.*(commit \(.*\))$/\1/p')
ref="localhost/multinet:$version"

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
newest() { find "$1" -mindepth 1 -maxdepth 1 -type d -name "$2" -printf '%f\n' | sort -V | tail -1; }
netcore=$(newest "$dotnet_root/shared/Microsoft.NETCore.App" '10.*')
aspnet=$(newest "$dotnet_root/shared/Microsoft.AspNetCore.App" '10.*')
fxr=$(newest "$dotnet_root/host/fxr" '10.*')
[ -n "$netcore" ] && [ -n "$aspnet" ] && [ -n "$fxr" ] \
  || { echo "build-image: the .NET 10 shared runtime (Microsoft.NETCore.App, Microsoft.AspNetCore.App) is not under $dotnet_root" >&2; exit 1; }

# One build at a time (test assemblies run in parallel processes and may all ask for the image).
mkdir -p "$PWD/artifacts"
exec 9>"$PWD/artifacts/.image.lock"
flock 9
rm -rf "$work"
install -d -m 0755 "$rootfs/usr/local/bin" "$rootfs/etc/ssl/certs" "$rootfs/usr/share/dotnet/host/fxr" \
  "$rootfs/usr/share/dotnet/shared/Microsoft.NETCore.App" "$rootfs/usr/share/dotnet/shared/Microsoft.AspNetCore.App"
install -d -m 1777 "$rootfs/tmp"
for b in "${binaries[@]}"; do install -m 0755 "$bin/$b" "$rootfs/usr/local/bin/$b"; done

# The shared runtime without its debugger support (DAC, DBI, createdump): nothing attaches a debugger in the image.
copy_runtime() {
  cp -a "$1" "$2"
  rm -f "$2"/libmscordaccore.so "$2"/libmscordbi.so "$2"/createdump
}
copy_runtime "$dotnet_root/shared/Microsoft.NETCore.App/$netcore" "$rootfs/usr/share/dotnet/shared/Microsoft.NETCore.App/$netcore"
copy_runtime "$dotnet_root/shared/Microsoft.AspNetCore.App/$aspnet" "$rootfs/usr/share/dotnet/shared/Microsoft.AspNetCore.App/$aspnet"
cp -a "$dotnet_root/host/fxr/$fxr" "$rootfs/usr/share/dotnet/host/fxr/$fxr"

# Every library the binaries and the runtime link, at the path the loader finds it; OpenSSL is dlopen'ed by .NET
# (the daemon's and the controller's TLS), so ldd does not list it.
openssl=$(ldconfig -p | awk '$1 == "libssl.so.3" || $1 == "libcrypto.so.3" { print $NF }' | sort -u)
[ -n "$openssl" ] || { echo "build-image: libssl.so.3 not found (ldconfig -p)" >&2; exit 1; }
libraries=$(
  { find "$rootfs/usr/local/bin" "$rootfs/usr/share/dotnet" -type f \( -perm -u+x -o -name '*.so' \) -print0 \
      | xargs -0 -n 1 ldd 2>/dev/null || true
    for lib in $openssl; do echo "$lib => $lib"; ldd "$lib"; done
  } | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | grep -v "^$rootfs" | sort -u)
for lib in $libraries; do
  install -d "$rootfs$(dirname "$lib")"
  cp -L "$lib" "$rootfs$lib"
done

cp -L /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/tmp:/sbin/nologin\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$rootfs/etc/group"

cat > "$work/Containerfile" <<EOF
FROM scratch
COPY rootfs/ /
ENV PATH=/usr/local/bin DOTNET_ROOT=/usr/share/dotnet SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
LABEL org.opencontainers.image.title="multinet" \\
      org.opencontainers.image.description="MultiNet: multinet (CNI plugin), multinetd, multinet-controller, multinetctl" \\
      org.opencontainers.image.version="$version" \\
      org.opencontainers.image.revision="$commit" \\
      org.opencontainers.image.source="https://github.com/multinet/multinet" \\
      org.opencontainers.image.base.name="scratch"
# multinet-controller runs as this user; the node DaemonSet's containers set runAsUser 0 (they write host folders,
# enter network namespaces and run delegates).
USER 65532:65532
CMD ["/usr/local/bin/multinetd", "--help"]
EOF

previous=$(podman image inspect --format '{{.Id}}' "$ref" 2>/dev/null || true)
podman build --quiet --tag "$ref" --file "$work/Containerfile" "$work" >&2
# A rebuild moves the tag: the image it left untagged would stay behind as <none> on every build.
current=$(podman image inspect --format '{{.Id}}' "$ref")
if [ -n "$previous" ] && [ "$previous" != "$current" ]; then
  podman rmi "$previous" >/dev/null 2>&1 || true
fi
size=$(podman image inspect --format '{{.Size}}' "$ref")
echo "build-image: $ref, $((size / 1024 / 1024)) MiB uncompressed" >&2
echo "$ref"
