#!/usr/bin/env bash
# Installs exactly the Debian packages that building, testing and the tools of
# spendcast need and that are missing. Idempotent; silent and fast when nothing is
# missing; fails loudly, naming the package, when it cannot install one.
set -euo pipefail

packages=(
  g++ cmake make pkg-config git
  libeigen3-dev libtbb-dev libboost-program-options-dev libboost-dev
  libtomlplusplus-dev librandom123-dev nlohmann-json3-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-14 libfuzzer-14-dev
  libopenmpi-dev openmpi-bin
  pybind11-dev python3-dev python3-pybind11
  python3 python3-numpy python3-scipy python3-matplotlib
  python3-pandas python3-jsonschema python3-pytest
  chromium
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null || { echo "install-deps: apt-get update failed" >&2; exit 1; }
if ! $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
  for p in "${missing[@]}"; do
    $sudo apt-get install -y -qq --no-install-recommends "$p" >/dev/null 2>&1 \
      || { echo "install-deps: cannot install Debian package '$p'" >&2; exit 1; }
  done
fi
