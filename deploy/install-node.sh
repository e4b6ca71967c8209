#!/usr/bin/env bash
# Make sure Node.js >= 20 is installed (the hub's proxy, configurable-http-proxy, runs on it).
# Debian 12's own nodejs is 18.20 and Ubuntu 22.04's is 12, too old: this installs the official
# binaries of the newest Node.js 22 from nodejs.org into /usr/local (checked against nodejs.org's
# SHA256SUMS), which works the same on Debian 12 and Ubuntu 22.04/24.04 (x86-64 and arm64).
#   sudo bash deploy/install-node.sh          # does nothing if node >= 20 is already on PATH
# Exit status 0 when node >= 20 is there afterwards; otherwise 1 and a line saying why.
set -euo pipefail
MAJOR_NEEDED=20
LINE=22                                       # the Node.js release line to install (an LTS)
PREFIX=${PREFIX:-/usr/local}

have_major() { command -v node >/dev/null 2>&1 && node -p 'process.versions.node.split(".")[0]' 2>/dev/null; }
current=$(have_major || true)
if [ -n "$current" ] && [ "$current" -ge "$MAJOR_NEEDED" ]; then
  echo "install-node: node $(node --version) is already there (>= $MAJOR_NEEDED needed); nothing to do"
  exit 0
fi
[ -n "$current" ] && echo "install-node: node $(node --version) is too old (>= $MAJOR_NEEDED needed)"
if [ "$(id -u)" != 0 ] && [ ! -w "$PREFIX" ]; then
  echo "install-node: cannot write to $PREFIX: run as root (sudo bash deploy/install-node.sh)"; exit 1
fi
case "$(uname -m)" in
  x86_64) arch=x64 ;; aarch64|arm64) arch=arm64 ;;
  *) echo "install-node: no official Node.js binaries for $(uname -m); install Node.js >= $MAJOR_NEEDED by hand"; exit 1 ;;
esac
base="https://nodejs.org/dist/latest-v$LINE.x"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if ! curl -fsSL --max-time 60 "$base/SHASUMS256.txt" -o "$tmp/SHASUMS256.txt"; then
  echo "install-node: could not reach $base (no internet?); install Node.js >= $MAJOR_NEEDED by hand"; exit 1
fi
file=$(grep -o "node-v[0-9.]*-linux-$arch.tar.xz" "$tmp/SHASUMS256.txt" | head -1)
curl -fsSL --max-time 300 "$base/$file" -o "$tmp/$file"
(cd "$tmp" && grep " $file\$" SHASUMS256.txt | sha256sum -c --quiet -) \
  || { echo "install-node: $file does not match nodejs.org's SHA256SUMS; not installed"; exit 1; }
tar -xJf "$tmp/$file" -C "$PREFIX" --strip-components=1 --no-same-owner \
  "${file%.tar.xz}/bin" "${file%.tar.xz}/lib" "${file%.tar.xz}/include" "${file%.tar.xz}/share"
hash -r
echo "install-node: installed $("$PREFIX/bin/node" --version) and npm $("$PREFIX/bin/npm" --version) into $PREFIX"
