#!/bin/sh
# Cold `check` in instructions executed, a count that a busy machine does not change (wall
# time does): valgrind's callgrind counts every instruction of the process, all threads.
#
#   sh bench/cold-instructions.sh [BUILD_ROOT]
#
# BUILD_ROOT is a checkout with a built dist/ (default: this one); compare two builds by
# running it on each (e.g. `git worktree add /tmp/old <rev>`, node_modules linked, `npm run
# build` there). For `node -e ""` and a cold `check` of each fleet (the memo cannot answer: a
# cache directory no run has used), prints the count and its ratio to `node -e ""`.
# Needs valgrind (Debian: apt-get install valgrind); each line takes about a minute.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "${1:-$here}" && pwd)
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}
base=$(count node -e "")
echo "node -e \"\": $base instructions"
for fleet in . fleets/cpython-2026; do
  cache=$(mktemp -d)
  n=$(cd "$here" && BUILDMASTER_GEN_CACHE="$cache" count node "$root/dist/cli/main.cjs" check --fleet "$fleet")
  rm -rf "$cache"
  echo "cold check --fleet $fleet: $n instructions, $(awk "BEGIN { printf \"%.2f\", $n / $base }")x node -e \"\""
done
