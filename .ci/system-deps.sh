#!/usr/bin/env bash
# Installs the system parts the tests need on a Debian 12 machine: pgvector for the running
# PostgreSQL 15 (built from Debian trixie's source package; not packaged for bookworm) and Chromium.
# Idempotent: each step is skipped when its result is already there.
set -euo pipefail
PG_MAJOR=${PG_MAJOR:-15}
export DEBIAN_FRONTEND=noninteractive

need_update=1
apt_update() { if [ $need_update = 1 ]; then apt-get update -qq; need_update=0; fi; }

if [ ! -f "/usr/share/postgresql/$PG_MAJOR/extension/vector.control" ]; then
  echo "[system-deps] building pgvector for PostgreSQL $PG_MAJOR"
  src_list=/etc/apt/sources.list.d/trixie-src.sources
  cat > "$src_list" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  trap 'rm -f "$src_list"' EXIT
  apt_update
  apt-get install -y -qq "postgresql-server-dev-$PG_MAJOR" build-essential dpkg-dev >/dev/null
  work=$(mktemp -d)
  (cd "$work" && apt-get source -qq pgvector >/dev/null 2>&1 && cd pgvector-*/ &&
    make -s OPTFLAGS="" with_llvm=no PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config" >/dev/null &&
    make -s install with_llvm=no PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config" >/dev/null)
  rm -rf "$work" "$src_list"
  trap - EXIT
  need_update=1
  apt-get update -qq
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "[system-deps] installing chromium"
  apt_update
  apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
echo "[system-deps] pgvector and chromium present"
