#!/usr/bin/env bash
# Installs what is missing, builds, and starts the server on the shipped rule
# pack at 127.0.0.1:50051 (override with LISTEN=host:port).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install_deps.sh
tools/build.sh
listen="${LISTEN:-127.0.0.1:50051}"
cat <<EOM

firstline is starting on ${listen}. Talk to it from another terminal:
  build/bin/firstline send --server ${listen} --locale en "Where is my order 12345?"
  build/bin/firstline send --server ${listen} --locale ru --trace "Где мой заказ?"
Label messages without a server:
  echo "I want my money back" | build/bin/firstline classify --locale en
Conversations and handoffs are kept in data/firstline.db across restarts.
Stop it with Ctrl-C.

EOM
exec build/bin/firstline-server --listen="${listen}" --pack=. \
  --cache_dir=build/cache --data_dir=data
