#!/usr/bin/env bash
# Benchmarks multinet against calling the same delegates directly (needs root). Prints a Markdown report;
# `./bench.sh --readme README.md` also writes it into the README's "## Performance" section. --help for options.
set -euo pipefail
cd "$(dirname "$0")"
./build.sh
dotnet run -c Release --project bench/MultiNet.Benchmarks -- "$@"
