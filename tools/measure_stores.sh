#!/usr/bin/env bash
# Measures the conversation call with each store in one run: three
# firstline servers on the shipped pack (in memory, SQLite in a temporary
# folder, and a redis-server of this script's own on loopback), each driven
# in turn by `firstline load`, unary SendMessage and then the Converse
# stream. Prints one line per measurement and each store's throughput as a
# ratio to the in-memory store's.
#
# Usage: tools/measure_stores.sh [BUILD_DIR]     (default: build)
# Settings from the environment, with their defaults:
#   CONCURRENCY=32 CHANNELS=4 DURATION=10s WARMUP=2s LOCALE=en (as for
#   tools/measure_rpc.sh)
#   REDIS_FSYNC=everysec        Redis's appendfsync: everysec (its default
#                               for an append-only file) or always
# Needs redis-server (tools/install_deps.sh --test installs it).
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build}
concurrency=${CONCURRENCY:-32}
channels=${CHANNELS:-4}
duration=${DURATION:-10s}
warmup=${WARMUP:-2s}
locale=${LOCALE:-en}
redis_fsync=${REDIS_FSYNC:-everysec}
root=$PWD
messages=$root/tests/data/load_messages_${locale}.txt
firstline=$root/$build/bin/firstline
script=measure_stores
# shellcheck source=tools/measure_common.sh
source "$root/tools/measure_common.sh"

if ! command -v redis-server >/dev/null; then
  echo "$script: redis-server is missing (tools/install_deps.sh --test)" >&2
  exit 2
fi
redis_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/redis"
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work/redis" \
  --appendonly yes --appendfsync "$redis_fsync" --save "" \
  --logfile "$work/redis/redis.log" &
pids+=($!)
for _ in $(seq 100); do
  if redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG; then break; fi
  sleep 0.1
done

server=("$root/$build/bin/firstline-server" --listen=127.0.0.1:0
  --pack="$root" --cache_dir="$root/$build/cache" --watch_interval=0)
echo "starting three firstline servers (compiling the pack the first time) ..."
read -r memory_pid memory_port < <(start memory "${server[@]}" --store=memory)
pids+=("$memory_pid")
read -r sqlite_pid sqlite_port < <(start sqlite "${server[@]}" --store=sqlite \
  --data_dir="$work/sqlite")
pids+=("$sqlite_pid")
read -r redis_pid redis_store_port < <(start redis "${server[@]}" \
  --store="redis://127.0.0.1:$redis_port")
pids+=("$redis_pid")

closed=(--concurrency="$concurrency")
for call in send converse; do
  measure "memory_$call" "$memory_pid" "$memory_port" --call="$call" "${closed[@]}"
  measure "sqlite_$call" "$sqlite_pid" "$sqlite_port" --call="$call" "${closed[@]}"
  measure "redis_$call" "$redis_pid" "$redis_store_port" --call="$call" "${closed[@]}"
done

python3 - "$work" "$(nproc)" "$redis_fsync" <<'PY'
import json, os, sys

work, cores, fsync = sys.argv[1], sys.argv[2], sys.argv[3]
print()
print(f"{cores} cores shared by the client, the servers and Redis "
      f"(appendfsync {fsync}); SQLite syncs every commit")
print(f"{'store':<8} {'call':<9} {'msgs/s':>8} {'p50 us':>7} {'p99 us':>7} "
      f"{'errors':>6} {'vs memory':>9}")
for call in ["send", "converse"]:
    base = None
    for store in ["memory", "sqlite", "redis"]:
        with open(os.path.join(work, f"{store}_{call}.json")) as f:
            r = json.load(f)["report"]
        rate = r["messages_per_second"]
        base = base or rate
        lat = r["latency"]
        print(f"{store:<8} {call:<9} {rate:>8.0f} {lat['p50_us']:>7.0f} "
              f"{lat['p99_us']:>7.0f} {sum(r['errors'].values()):>6} "
              f"{rate / base:>9.2f}")
PY
