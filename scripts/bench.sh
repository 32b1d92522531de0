#!/usr/bin/env bash
# Side-by-side timing of gwsx against the parse floor and jq on generated snapshots of two
# finding densities (`gwsx generate --profile sparse|dense`), 50,000 agents by default.
# The floor is a bare typed-nothing parse of the same bytes (serde's IgnoredAny,
# examples/floor.rs); every time is also given as a ratio to it and to jq.
# Median of 5 runs each (wall seconds, bash's microsecond clock), peak RSS from /usr/bin/time; the TUI's first
# frames, peak RSS after load and after the what-if, and the what-if's time, from its own
# logs (GWSX_FIRST_FRAME_LOG, GWSX_WHATIF_LOG) in a pty.
# Usage: scripts/bench.sh [AGENTS] [PROFILE...]   (default 50000 sparse dense; RUNS=5)
# A PROFILE that is a file is measured as it is (a snapshot from elsewhere: data the
# generator's profiles were not tuned on); AGENTS is then not used for it.
set -euo pipefail
cd "$(dirname "$0")/.."
agents=${1:-50000}
shift || true
profiles=("$@")
((${#profiles[@]})) || profiles=(sparse dense)
runs=${RUNS:-5}

need() { command -v "$1" >/dev/null 2>&1; }
if ! need jq || [[ ! -x /usr/bin/time ]]; then
  echo "installing jq and time from the distribution" >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq jq time >/dev/null
fi

# GWSX_BIN (and FLOOR_BIN) measure other builds, e.g. a copy of the binaries before a change.
if [[ -z ${GWSX_BIN:-} ]]; then
  cargo build --release --quiet --bin gwsx --example floor
fi
bin=${GWSX_BIN:-target/release/gwsx}
floor=${FLOOR_BIN:-target/release/examples/floor}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

median_of() { sort -n | sed -n "$(( ($1 + 1) / 2 ))p"; }

# median wall seconds and peak RSS (KB) of a command, over $runs runs. The wall time is
# bash's microsecond clock around the run: /usr/bin/time's %e has 10 ms steps, 15 % of a
# 0.06 s floor.
measure() {
  local walls=() rss=0 start end r
  for _ in $(seq "$runs"); do
    start=$EPOCHREALTIME
    /usr/bin/time -o "$dir/time" -f '%M' "$@" >/dev/null 2>&1 || true
    end=$EPOCHREALTIME
    walls+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')")
    r=$(tail -n 1 "$dir/time")
    (( r > rss )) && rss=$r
  done
  echo "$(printf '%s\n' "${walls[@]}" | median_of "$runs") $rss"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(uptime | sed 's/.*load/load/')"
for profile in "${profiles[@]}"; do
  if [[ -f $profile ]]; then
    big=$profile
  else
    big="$dir/$profile.json"
    "$bin" generate --agents "$agents" --edge-cases --profile "$profile" --output "$big"
  fi
  size=$(stat -c %s "$big")
  findings=$("$bin" audit "$big" --format json --fail-on never | jq '.findings | length')
  echo
  echo "profile $profile: $agents agents, $(mib $((size / 1024))) MiB, $findings findings"
  # /usr/bin/time exits with the command's status: audit exits 1 when it finds errors.
  read -r floor_s floor_kb < <(measure "$floor" "$big")
  read -r audit_s audit_kb < <(measure "$bin" audit "$big" --format json --fail-on never)
  read -r agents_s agents_kb < <(measure "$bin" agents "$big" --format json)
  read -r jq_s jq_kb < <(measure jq -c . "$big")
  printf '%-30s %8s %8s %8s %9s %9s\n' "command" "median s" "÷ floor" "÷ jq" "peak MiB" "RSS÷file"
  for row in "floor (IgnoredAny):$floor_s:$floor_kb" "gwsx audit --format json:$audit_s:$audit_kb" \
    "gwsx agents --format json:$agents_s:$agents_kb" "jq -c .:$jq_s:$jq_kb"; do
    IFS=: read -r name s kb <<<"$row"
    printf '%-30s %8s %8s %8s %9s %9s\n' "$name" "$s" "$(ratio "$s" "$floor_s")" "$(ratio "$s" "$jq_s")" \
      "$(mib "$kb")" "$(ratio "$((kb * 1024))" "$size")"
  done

  # The TUI logs its first frames (line 1: the inventory, line 2: the findings too) and, with
  # GWSX_WHATIF_LOG, applies the what-if after them and logs "peak-after-load-KiB seconds
  # peak-after-what-if-KiB".
  data_frames=() audit_frames=() whatifs=() load_peaks=() whatif_peaks=()
  for _ in $(seq "$runs"); do
    rm -f "$dir/ff" "$dir/wi"
    GWSX_FIRST_FRAME_LOG="$dir/ff" GWSX_WHATIF_LOG="$dir/wi" timeout 60 \
      script -qec "$bin $big" /dev/null >/dev/null 2>&1 || true
    if [[ -s $dir/ff && -s $dir/wi ]]; then
      data_frames+=("$(sed -n 1p "$dir/ff")")
      audit_frames+=("$(sed -n 2p "$dir/ff")")
      read -r lp ws wp <"$dir/wi"
      load_peaks+=("$lp") whatifs+=("$ws") whatif_peaks+=("$wp")
    fi
  done
  if ((${#data_frames[@]})); then
    n=${#data_frames[@]}
    lp=$(printf '%s\n' "${load_peaks[@]}" | sort -n | tail -n 1)
    wp=$(printf '%s\n' "${whatif_peaks[@]}" | sort -n | tail -n 1)
    echo "TUI (median of $n): first frame with the inventory $(printf '%s\n' "${data_frames[@]}" | median_of "$n") s," \
      "with the findings $(printf '%s\n' "${audit_frames[@]}" | median_of "$n") s," \
      "what-if $(printf '%s\n' "${whatifs[@]}" | median_of "$n") s"
    echo "TUI peak RSS: after load $(mib "$lp") MiB ($(ratio "$((lp * 1024))" "$size") × file)," \
      "after the what-if $(mib "$wp") MiB ($(ratio "$((wp * 1024))" "$size") × file)"
  else
    echo "TUI: not measured (no pty: install util-linux's script)"
  fi
done
