#!/bin/bash
# The new-owner path on a fresh clone, timed: edit, validate, explain, generate, try, onboard.
# Usage: bash bench/owner-path.sh REPO   (REPO: this repository; clones it to /tmp/fresh,
# npm ci, a stand-in CPython from test/e2e/fixture-repo in /tmp/cpython-standin)
set -u
SRC=$1
rm -rf /tmp/fresh /tmp/cpython-standin
t() { local s=$(date +%s.%N); "$@"; local rc=$?; echo "TIME $(echo "$(date +%s.%N) - $s" | bc) s (exit $rc): $*" >&2; return $rc; }
t git clone -q "$SRC" /tmp/fresh
cd /tmp/fresh
t npm ci --no-audit --no-fund --silent >/dev/null 2>&1
# A stand-in CPython (the e2e suites' fixture) with a `main` branch.
mkdir -p /tmp/cpython-standin && cp -r test/e2e/fixture-repo/. /tmp/cpython-standin/
( cd /tmp/cpython-standin && grep -rl '@FIXTURE_VERSION@' . | xargs sed -i 's/@FIXTURE_VERSION@/3.16/g'; chmod +x configure; git init -q -b main && git add -A && git -c user.email=a@b -c user.name=n commit -qm standin )
F=fleets/cpython-2026
# The edit: the README's example (a worker above the owners table, its owner, one builder line).
s=$(date +%s.%N)
python3 - <<'PY'
import re
p='fleets/cpython-2026/workers.yaml'
lines=open(p).read().rstrip('\n').split('\n')
at=next(i for i,l in enumerate(lines) if l.startswith('owners:'))
while at>0 and (lines[at-1]=='' or lines[at-1].startswith('#')): at-=1
w=['  - name: jdoe-fedora-aarch64','    owner: jdoe','    os: { family: linux, distribution: fedora, version: "43" }','    arch: aarch64','    parallel: 4']
lines[at:at]=w
open(p,'w').write('\n'.join(lines)+'\n  jdoe: { github: jdoe, name: Jane Doe }\n')
open('fleets/cpython-2026/builders.yaml','a').write('  - { name: aarch64 Fedora 43, worker: jdoe-fedora-aarch64, variant: debug, tier: tier-3 }\n')
PY
echo "TIME $(echo "$(date +%s.%N) - $s" | bc) s (exit 0): the YAML edit (scripted)" >&2
t npx buildmaster-gen validate --strict --fleet $F
t npx buildmaster-gen explain jdoe-fedora-aarch64 --fleet $F > /tmp/explain.out
t npx buildmaster-gen generate --fleet $F
t npx buildmaster-gen try "aarch64 Fedora 43 3.x" --fleet $F --repo /tmp/cpython-standin > /tmp/try.out 2>&1
tail -5 /tmp/try.out
t npx buildmaster-gen onboard jdoe-fedora-aarch64 --fleet $F > /tmp/onboard.out
head -12 /tmp/onboard.out
