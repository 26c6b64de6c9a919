#!/bin/sh
# Install what buildmaster-gen and its tests need on a fresh Debian machine:
# Debian's Buildbot master and worker (the judges of the generated config), pyflakes
# and git, then the npm packages (whose `prepare` step compiles the TypeScript).
set -eu
cd "$(dirname "$0")/.."

have_system_deps() {
  command -v buildbot >/dev/null 2>&1 &&
    command -v buildbot-worker >/dev/null 2>&1 &&
    command -v git >/dev/null 2>&1 &&
    /usr/bin/python3 -c 'import buildbot, pyflakes' >/dev/null 2>&1
}

if [ "${CI:-}" = "true" ] || ! have_system_deps; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends buildbot buildbot-worker python3-pyflakes git
fi

npm ci --no-audit --no-fund
