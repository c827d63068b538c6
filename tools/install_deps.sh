#!/usr/bin/env bash
# Installs the Debian 12 packages firstline needs to build, skipping those
# already installed; with --test, also what its tests run against (a real
# redis-server). Run as root (or through sudo).
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libre2-dev libhyperscan-dev libyaml-cpp-dev libicu-dev
  libstemmer-dev libssl-dev libsqlite3-dev libgtest-dev libgmock-dev tzdata
  libtinyxml2-dev libcsv-dev libbenchmark-dev libhiredis-dev
)
if [[ ${1:-} == --test ]]; then
  packages+=(redis-server)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "Installing: ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
    --no-install-recommends "${missing[@]}"
fi
