#!/bin/sh
# Provides Buildbot 4.3.0 (what CPython's production master runs) for the tests, in a
# Debian sid root under .buildbot/4.3/ (git-ignored): Debian 12, the host, only has 3.7.
#   sh scripts/buildbot-4.3.sh     # first run ~minutes and ~500 MB; then it only checks
# Needs root, debootstrap and network. The root is complete only once its marker file
# exists (written last); a root without it is from an interrupted run and is redone.
# Run commands inside with scripts/in-root.sh.
set -eu
cd "$(dirname "$0")/.."
ROOT="$PWD/.buildbot/4.3"
MARKER="$ROOT/.complete"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
PACKAGES="buildbot buildbot-worker python3-yaml git make python3-pyflakes python3-psycopg2"

die() { echo "buildbot-4.3: $*" >&2; exit 1; }

version() {
  chroot "$ROOT" /usr/bin/python3 -c 'import buildbot, buildbot_worker; print(buildbot.version, buildbot_worker.version)'
}

# Unmounts whatever is mounted under the root, deepest first (debootstrap and apt may
# leave /proc, /sys or /dev/pts mounted when interrupted).
unmount_all() {
  [ -d "$ROOT" ] || return 0
  awk -v r="$ROOT" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/self/mounts |
    sort -r | while read -r m; do umount -l "$m" || true; done
}

check() {
  v="$(version)" || die "$ROOT is broken: remove it and run again"
  case "$v" in
    "4.3."*" 4.3."*) echo "Buildbot $v (master, worker) in $ROOT" ;;
    *) die "got Buildbot $v in $ROOT, not 4.3.x (Debian sid moved on? pin a snapshot in DEBIAN_MIRROR)" ;;
  esac
}

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap and chroot)"

if [ -f "$MARKER" ]; then
  check
  # A root made before a package joined PACKAGES (python3-psycopg2: the PostgreSQL tests) gets it now.
  if ! chroot "$ROOT" /usr/bin/python3 -c 'import psycopg2' >/dev/null 2>&1; then
    echo "buildbot-4.3: installing python3-psycopg2 in $ROOT"
    chroot "$ROOT" /usr/bin/env DEBIAN_FRONTEND=noninteractive apt-get -q -o Acquire::Check-Valid-Until=false update
    chroot "$ROOT" /usr/bin/env DEBIAN_FRONTEND=noninteractive apt-get -q -o Acquire::Check-Valid-Until=false install -y --no-install-recommends python3-psycopg2
    chroot "$ROOT" apt-get clean
  fi
  exit 0
fi

command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap
}
PATH="$PATH:/usr/sbin:/sbin"

trap unmount_all EXIT
trap 'exit 130' INT TERM HUP

if [ -e "$ROOT" ]; then
  echo "buildbot-4.3: removing an incomplete root from an interrupted run"
  unmount_all
  # --one-file-system: never follow a mount that survived into the host.
  rm -rf --one-file-system "$ROOT"
fi
mkdir -p "$ROOT"

echo "buildbot-4.3: debootstrap sid into $ROOT"
debootstrap --variant=minbase sid "$ROOT" "$MIRROR" || die "debootstrap failed (see $ROOT/debootstrap/debootstrap.log)"

cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
# No service may start inside the root when its package is installed.
printf '#!/bin/sh\nexit 101\n' > "$ROOT/usr/sbin/policy-rc.d"
chmod 755 "$ROOT/usr/sbin/policy-rc.d"

# The sid index reachable here is a frozen snapshot whose Valid-Until has passed.
APT="apt-get -q -o Acquire::Check-Valid-Until=false"
chroot "$ROOT" /usr/bin/env DEBIAN_FRONTEND=noninteractive $APT update
chroot "$ROOT" /usr/bin/env DEBIAN_FRONTEND=noninteractive $APT install -y --no-install-recommends $PACKAGES
chroot "$ROOT" apt-get clean

check
touch "$MARKER"
