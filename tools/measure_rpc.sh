#!/usr/bin/env bash
# Measures firstline's calls over gRPC on loopback against the machine's own
# ceiling for gRPC calls, in one run: a firstline server on the shipped pack
# and the echo server of `firstline load`, each in its own process, driven by
# `firstline load` from a third. Prints one line per measurement and the
# ratios the performance budget asks for.
#
# Usage: tools/measure_rpc.sh [BUILD_DIR]     (default: build)
# Settings from the environment, with their defaults:
#   CONCURRENCY=32 CHANNELS=4   messages in flight, over that many connections
#   BATCH=100                   texts per classify_batch call, one call in
#                               flight per channel
#   DURATION=10s WARMUP=2s      of each measurement
#   ROUNDS=5                    open-loop measurements of send and of echo,
#                               taken in turn; their p99s are compared by
#                               median, as one p99 of milliseconds on a
#                               shared machine is mostly its other work
#   LOCALE=en                   messages from tests/data/load_messages_$LOCALE.txt
#   SERVER_FLAGS=               more flags for firstline-server, which runs in a
#                               temporary folder (its data goes there)
# The client shares the machine with both servers: its CPU use is shown, and
# the servers' CPU time (taken from /proc over the whole load, warm-up
# included), per message and as cores kept busy: with the client's, how near
# the machine is to full, which an open-loop p99 shows most.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build}
concurrency=${CONCURRENCY:-32}
channels=${CHANNELS:-4}
batch=${BATCH:-100}
duration=${DURATION:-10s}
warmup=${WARMUP:-2s}
rounds=${ROUNDS:-5}
locale=${LOCALE:-en}
read -r -a server_flags <<<"${SERVER_FLAGS:-}"
root=$PWD
messages=$root/tests/data/load_messages_${locale}.txt
firstline=$root/$build/bin/firstline

script=measure_rpc
# shellcheck source=tools/measure_common.sh
source "$root/tools/measure_common.sh"

echo "starting firstline-server (compiling the pack the first time) ..."
read -r server_pid server_port < <(start server \
  "$root/$build/bin/firstline-server" --listen=127.0.0.1:0 --pack="$root" \
  --cache_dir="$root/$build/cache" --watch_interval=0 "${server_flags[@]}")
pids+=("$server_pid")
head -1 "$work/server.out"
read -r echo_pid echo_port < <(start echo "$firstline" load --serve_echo \
  --listen=127.0.0.1:0)
pids+=("$echo_pid")

closed=(--concurrency="$concurrency")
measure echo "$echo_pid" "$echo_port" --call=echo "${closed[@]}"
measure send "$server_pid" "$server_port" --call=send "${closed[@]}"
measure echo_stream "$echo_pid" "$echo_port" --call=echo_stream "${closed[@]}"
measure converse "$server_pid" "$server_port" --call=converse "${closed[@]}"
measure classify "$server_pid" "$server_port" --call=classify "${closed[@]}"
measure classify_batch "$server_pid" "$server_port" --call=classify_batch \
  --batch="$batch" --concurrency="$channels"

# Open loop at half of what send managed closed loop, for send and echo.
half=$(python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['report']['messages_per_second'] / 2))" "$work/send.json")
for round in $(seq "$rounds"); do
  measure "send_open_$round" "$server_pid" "$server_port" --call=send \
    --rate="$half"
  measure "echo_open_$round" "$echo_pid" "$echo_port" --call=echo \
    --rate="$half"
done

python3 - "$work" "$(nproc)" "$rounds" <<'EOF'
import json, os, sys

work, cores, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
names = ["echo", "send", "echo_stream", "converse", "classify",
         "classify_batch"]
for round in range(1, rounds + 1):
    names += [f"send_open_{round}", f"echo_open_{round}"]
runs = {}
for name in names:
    with open(os.path.join(work, name + ".json")) as f:
        runs[name] = json.load(f)

print()
print(f"{cores} cores shared by the client and both servers; servers' CPU over "
      "the whole load, per message and in cores")
print(f"{'call':<15} {'loop':<12} {'msgs/s':>8} {'calls/s':>8} {'p50 us':>7} "
      f"{'p99 us':>7} {'p99.9 us':>8} {'errors':>6} {'client':>6} "
      f"{'server us/msg':>13} {'server cores':>12}")
for name, run in runs.items():
    r = run["report"]
    loop = (f"open {r['rate']:.0f}/s" if r["loop"] == "open"
            else f"closed {r['concurrency']}")
    server_cores = (run["server_ticks"] / run["ticks_per_second"] /
                    run["wall_seconds"])
    per_message = (server_cores / r["messages_per_second"] * 1e6
                   if r["messages_per_second"] else 0)
    lat = r["latency"]
    # A stream per channel makes a fraction of a call per second.
    calls = r["calls_per_second"]
    calls = f"{calls:>8.0f}" if calls >= 10 else f"{calls:>8.2f}"
    print(f"{r['call']:<15} {loop:<12} {r['messages_per_second']:>8.0f} "
          f"{calls} {lat['p50_us']:>7.0f} "
          f"{lat['p99_us']:>7.0f} {lat['p999_us']:>8.0f} "
          f"{sum(r['errors'].values()):>6} {r['client_cpu_cores']:>6.2f} "
          f"{per_message:>13.1f} {server_cores:>12.2f}")

def rate(name):
    return runs[name]["report"]["messages_per_second"]

def p99(name):
    return runs[name]["report"]["latency"]["p99_us"]

def median_p99(call):
    p99s = sorted(p99(f"{call}_open_{r}") for r in range(1, rounds + 1))
    return p99s[len(p99s) // 2]

print()
print(f"open loop, {rounds} rounds in turn: median p99 send "
      f"{median_p99('send'):.0f} us, echo {median_p99('echo'):.0f} us")
checks = [
    ("send / echo, msgs/s, closed loop", rate("send") / rate("echo"), ">=", 0.6),
    ("send p99 / echo p99, open loop at half of send's max",
     median_p99("send") / median_p99("echo"), "<=", 1.5),
    ("converse / send, msgs/s", rate("converse") / rate("send"), ">=", 3.0),
]
for what, ratio, sense, bound in checks:
    held = ratio >= bound if sense == ">=" else ratio <= bound
    print(f"{what:<55} {ratio:6.2f}  (budget {sense} {bound}: "
          f"{'holds' if held else 'missed'})")
EOF
