#!/usr/bin/env bash
# Side-by-side timing of gwsx against jq on a generated 50,000-agent snapshot.
# Median of 5 runs each (wall seconds), peak RSS from /usr/bin/time -v, ratios printed.
# Usage: scripts/bench.sh [AGENTS]   (default 50000)
set -euo pipefail
cd "$(dirname "$0")/.."
agents=${1:-50000}
runs=5

need() { command -v "$1" >/dev/null 2>&1; }
if ! need jq || [[ ! -x /usr/bin/time ]]; then
  echo "installing jq and time from the distribution" >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq jq time >/dev/null
fi

cargo build --release --quiet
bin=target/release/gwsx
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
big="$dir/big.json"
"$bin" generate --agents "$agents" --edge-cases --output "$big"
size=$(stat -c %s "$big")

# median wall seconds and peak RSS (KB) of a command, over $runs runs
measure() {
  local walls=() rss=0 out
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$dir/time" -f '%e %M' "$@" >/dev/null 2>&1 || true
    out=$(tail -n 1 "$dir/time")
    walls+=("${out% *}")
    local r=${out#* }
    (( r > rss )) && rss=$r
  done
  local median
  median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  echo "$median $rss"
}

# /usr/bin/time exits with the command's status: audit exits 1 when it finds errors.
read -r audit_s audit_kb < <(measure "$bin" audit "$big" --format json --fail-on never)
read -r agents_s agents_kb < <(measure "$bin" agents "$big" --format json)
read -r jq_s jq_kb < <(measure jq -c . "$big")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
mb=$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }')
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(uptime | sed 's/.*load/load/')"
echo "snapshot: $agents agents, $mb MiB"
printf '%-34s %8s %10s %10s %10s\n' "command" "median s" "peak MiB" "÷ jq time" "RSS÷file"
for row in "gwsx audit --format json:$audit_s:$audit_kb" "gwsx agents --format json:$agents_s:$agents_kb" "jq -c .:$jq_s:$jq_kb"; do
  IFS=: read -r name s kb <<<"$row"
  printf '%-34s %8s %10.1f %10s %10s\n' "$name" "$s" "$(awk -v k="$kb" 'BEGIN{print k/1024}')" "$(ratio "$s" "$jq_s")" "$(ratio "$((kb * 1024))" "$size")"
done

# Time to the first TUI frame: the TUI logs it when GWSX_FIRST_FRAME_LOG names a file: the
# first frame with the inventory on line 1, the first with the audit's findings on line 2.
median_of() { sort -n | sed -n "$(( ($1 + 1) / 2 ))p"; }
log="$dir/first-frame.log"
data_frames=() audit_frames=()
for _ in $(seq "$runs"); do
  rm -f "$log"
  GWSX_FIRST_FRAME_LOG="$log" GWSX_EXIT_AFTER_FIRST_FRAME=1 timeout 30 script -qec "$bin $big" /dev/null >/dev/null 2>&1 || true
  if [[ -s $log ]]; then
    data_frames+=("$(sed -n 1p "$log")")
    audit_frames+=("$(sed -n 2p "$log")")
  fi
done
if ((${#data_frames[@]})); then
  n=${#data_frames[@]}
  echo "first TUI frame with the inventory (median of $n): $(printf '%s\n' "${data_frames[@]}" | median_of "$n") s"
  echo "first TUI frame with the findings  (median of $n): $(printf '%s\n' "${audit_frames[@]}" | median_of "$n") s"
else
  echo "first TUI frame: not measured (no pty: install util-linux's script)"
fi
