#!/usr/bin/env bash
# The benchmarks, in one run (needs root): multinet thin and thick (shim + multinetd) against calling the same
# delegates directly, then multinet-controller's admission latency and memory. Prints Markdown reports;
# `./bench.sh --readme README.md` also writes them into the README's "## Performance" and
# "## Controller performance" sections. --help for the node benchmark's options.
set -euo pipefail
cd "$(dirname "$0")"
./build.sh

readme=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[$i]}" = "--readme" ] && [ $((i + 1)) -lt ${#args[@]} ]; then readme="${args[$((i + 1))]}"; fi
done

dotnet run -c Release --project bench/MultiNet.Benchmarks -- "$@"
case " $* " in *" --help "*|*" -h "*) exit 0 ;; esac

report=$(mktemp)
trap 'rm -f "$report"' EXIT
dotnet run -c Release --project bench/MultiNet.Controller.Benchmarks | tee "$report"
if [ -n "$readme" ]; then
  # Replace the body of "## Controller performance" (up to the next "## " heading) with the new report.
  awk -v report="$report" -v when="$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)" '
    /^## / { if (inside) { inside = 0 } }
    /^## Controller performance$/ {
      print; print ""; print "Measured by `./bench.sh` on " when ":"; print ""
      while ((getline line < report) > 0) print line
      print ""; inside = 1; next
    }
    !inside { print }
  ' "$readme" > "$readme.tmp" && mv "$readme.tmp" "$readme"
fi
