#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: unit tests, the
# end-to-end tests against a real server on loopback, and the content tests
# of the shipped rule pack.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install_deps.sh --test
tools/build.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
