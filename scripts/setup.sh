#!/bin/sh
# Install what buildmaster-gen and its tests need.
#   1. npm ci: the npm packages; its `prepare` step compiles the TypeScript into dist/.
#      That alone is enough for validate, generate, check, explain and matrix, on any
#      system with Node.js: no root, no apt-get.
#   2. For the Buildbot and browser tests of `npm test` only: Debian's Buildbot master and
#      worker (the judges of the generated config), pyflakes, aiosmtpd (the e2e tests' mail
#      server), PostgreSQL and psycopg2 (the e2e tests' production-like database: they start
#      and remove a cluster of their own; the packaged service is not used), git, and chromium (the report's browser tests drive it with playwright-core:
#      no browser download), with apt-get (sudo when not root). Skipped when they are already
#      there (except under CI=true), and where there is no apt-get (Fedora, macOS, ...), with a
#      note on what to install instead.
set -eu
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund

have_system_deps() {
  command -v buildbot >/dev/null 2>&1 &&
    command -v buildbot-worker >/dev/null 2>&1 &&
    command -v git >/dev/null 2>&1 &&
    [ -x /usr/bin/chromium ] &&
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 &&
    /usr/bin/python3 -c 'import buildbot, pyflakes, aiosmtpd, psycopg2' >/dev/null 2>&1
}

if [ "${CI:-}" != "true" ] && have_system_deps; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: the CLI is ready (npm ci). No apt-get here: the Buildbot tests of npm test also need" \
    "Buildbot 3.x or 4.x (master and worker), pyflakes, aiosmtpd and git; install them with your system's" \
    "packages (see the README), or skip those tests." >&2
  exit 0
fi

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends buildbot buildbot-worker python3-pyflakes python3-aiosmtpd postgresql python3-psycopg2 git chromium
