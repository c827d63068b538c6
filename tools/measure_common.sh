# What the measuring scripts share: the binaries, a temporary folder that
# goes away with the servers started in it, and one measurement of a call
# with `firstline load`. Sourced with these set: build, root, firstline,
# messages, locale, channels, duration, warmup; `script` names the caller in
# messages.

for binary in "$firstline" "$root/$build/bin/firstline-server"; do
  if [[ ! -x $binary ]]; then
    echo "$script: $binary is missing; build first (tools/build.sh)" >&2
    exit 2
  fi
done

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Starts a server in the background, in $work; prints its pid, then its
# port once it says "port N" on stdout.
start() {
  local name=$1
  shift
  (cd "$work" && exec "$@") >"$work/$name.out" 2>"$work/$name.err" &
  pids+=($!)
  local pid=$!
  for _ in $(seq 600); do
    if grep -q "port [0-9]*" "$work/$name.out"; then
      echo "$pid $(grep -o "port [0-9]*" "$work/$name.out" | cut -d' ' -f2)"
      return
    fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "$script: $name did not start:" >&2
  cat "$work/$name.err" >&2
  exit 1
}

ticks_per_second=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# measure NAME PID PORT FLAGS...: one load; its report in $work/NAME.json,
# with the server's CPU time and the wall time around it.
measure() {
  local name=$1 pid=$2 port=$3
  shift 3
  echo "measuring $name ..."
  local ticks_before started report ticks_after ended
  ticks_before=$(cpu_ticks "$pid")
  started=$(date +%s.%N)
  report=$("$firstline" load --server="127.0.0.1:$port" \
    --messages="$messages" --locale="$locale" --channels="$channels" \
    --duration="$duration" --warmup="$warmup" --format=json "$@")
  ticks_after=$(cpu_ticks "$pid")
  ended=$(date +%s.%N)
  printf '{"server_ticks": %s, "ticks_per_second": %s, "wall_seconds": %s, "report": %s}\n' \
    "$((ticks_after - ticks_before))" "$ticks_per_second" \
    "$(awk -v a="$ended" -v b="$started" 'BEGIN { print a - b }')" \
    "$report" >"$work/$name.json"
}

