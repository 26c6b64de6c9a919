#!/bin/sh
# Runs a command in the Buildbot 4.3 root that scripts/buildbot-4.3.sh provides:
#   sh scripts/in-root.sh /usr/bin/buildbot --version
# The checkout and /tmp (and $TMPDIR) are bind-mounted at the same paths inside, so
# paths mean the same inside and out; the command starts in the same directory when it
# is reachable there. It gets /proc and a private devpts (builds that use a PTY).
# Everything is mounted in a mount namespace of the command's own (unshare): the mounts
# vanish with its last process however it ends, even SIGKILL, and nothing leaks into the
# host's mount table. Each layer execs the next, so the command keeps this script's pid
# and a signal sent to it reaches the command. Needs root.
set -eu
REPO="$(cd "$(dirname "$0")/.." && pwd -P)"
ROOT="$REPO/.buildbot/4.3"
if [ $# -eq 0 ]; then echo "usage: $0 COMMAND [ARG...]" >&2; exit 2; fi
if [ ! -f "$ROOT/.complete" ]; then
  echo "in-root: no Buildbot 4.3 root in $ROOT: run \`sh scripts/buildbot-4.3.sh\` (as root)" >&2
  exit 127
fi
exec unshare --mount --propagation private /bin/sh -c '
set -eu
root=$1 repo=$2 tmp=$3; shift 3
mount -t proc proc "$root/proc"
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$root/dev/pts"
for dir in /tmp "$tmp" "$repo"; do
  [ -d "$root$dir" ] || mkdir -p "$root$dir"
  mount --bind "$dir" "$root$dir"
done
exec chroot "$root" /bin/sh -c "cd \"\$1\" 2>/dev/null || cd /; shift; exec \"\$@\"" in-root "$PWD" "$@"
' in-root "$ROOT" "$REPO" "${TMPDIR:-/tmp}" "$@"
