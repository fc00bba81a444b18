# The MultiNet image: multinet (the CNI plugin), multinetd, multinet-controller and multinetctl in /usr/local/bin.
#
#   docker build --build-arg MULTINET_COMMIT=$(git rev-parse --short=12 HEAD) -t registry.example/multinet:0.9.0 .
#   (podman build works the same)
#
# It builds with the same ./build.sh as a checkout. Without a registry (no base image to pull), build it with
# ./build.sh --image instead: FROM scratch with what the binaries need, tagged localhost/multinet:<version>.
# The default user is non-root (multinet-controller runs as it); the node DaemonSet's containers run as root,
# privileged, set in their manifests.

# Ubuntu 24.04: .NET 10 ships no Debian images. NativeAOT links with clang and needs zlib.
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends clang zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The version is Directory.Build.props's <Version>; this copy only labels the image, and the build stops when the
# two differ. The commit (not in the build context: .git is ignored) is stamped into every binary when given.
ARG MULTINET_VERSION=0.9.0
ARG MULTINET_COMMIT=""
RUN props=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props) \
 && if [ "$props" != "$MULTINET_VERSION" ]; then echo "Dockerfile: MULTINET_VERSION $MULTINET_VERSION differs from Directory.Build.props $props" >&2; exit 1; fi
RUN MULTINET_COMMIT="$MULTINET_COMMIT" ./build.sh

# Chiseled: no shell, no package manager; glibc, OpenSSL, CA certificates and the ASP.NET Core runtime, which
# multinet-controller and multinetctl run on (multinet and multinetd are NativeAOT and need only glibc and OpenSSL).
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled
ARG MULTINET_VERSION=0.9.0
ARG MULTINET_COMMIT=""
COPY --from=build /src/artifacts/bin/ /usr/local/bin/
LABEL org.opencontainers.image.title="multinet" \
      org.opencontainers.image.description="MultiNet: multinet (CNI plugin), multinetd, multinet-controller, multinetctl" \
      org.opencontainers.image.version="${MULTINET_VERSION}" \
      org.opencontainers.image.revision="${MULTINET_COMMIT}" \
      org.opencontainers.image.source="https://github.com/multinet/multinet" \
      org.opencontainers.image.base.name="mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled"
USER 65532:65532
CMD ["/usr/local/bin/multinetd", "--help"]
