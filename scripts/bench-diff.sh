#!/usr/bin/env bash
# `gwsx diff` against one `gwsx audit` on a generated snapshot and a changed copy of it.
# Median of 5 runs each (wall seconds, taken alternately), peak RSS from /usr/bin/time.
# Usage: scripts/bench-diff.sh [AGENTS]   (default 50000)
set -euo pipefail
cd "$(dirname "$0")/.."
agents=${1:-50000}
runs=5

cargo build --release --quiet
bin=target/release/gwsx
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" generate --agents "$agents" --edge-cases --output "$dir/a.json"
# The changed copy: 1% of persons get another employee ID, 0.2% of DNs another annex key,
# ten places go, five agents come.
python3 - "$dir/a.json" "$dir/b.json" <<'PY'
import json, sys
root = json.load(open(sys.argv[1]))
r = root["responses"]
persons = r["/platform/configuration/persons"]["persons"]
for i, p in enumerate(persons):
    if i % 100 == 7:
        p["employeeID"] = "X" + str(p.get("employeeID"))
dns = r["/platform/configuration/dns"]["dns"]
for i, d in enumerate(dns):
    if i % 500 == 3 and isinstance(d.get("userProperties"), dict):
        d["userProperties"].setdefault("TServer", {})["bench-key"] = "changed"
del r["/platform/configuration/places"]["places"][-10:]
for n in range(5):
    new = json.loads(json.dumps(persons[0]))
    new["DBID"] = str(10_000_000 + n)
    new["userName"] = "bench.new%d" % n
    persons.append(new)
json.dump(root, open(sys.argv[2], "w"), ensure_ascii=False, separators=(",", ":"))
PY

times() { /usr/bin/time -o "$dir/time" -a -f "$1 %e %M" "${@:2}" >/dev/null 2>&1 || true; }
rm -f "$dir/time"
for _ in $(seq "$runs"); do
  times audit "$bin" audit "$dir/b.json" --format json --fail-on never
  times diff "$bin" diff "$dir/a.json" "$dir/b.json" --format json
done
median() { grep "^$1 " "$dir/time" | awk '{print $2}' | sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
peak() { grep "^$1 " "$dir/time" | awk '{print $3}' | sort -n | tail -n 1; }
a=$(median audit) d=$(median diff)
echo "machine: $(nproc) cores; $(uptime | sed 's/.*load/load/')"
echo "snapshot: $agents agents, $(awk -v s="$(stat -c %s "$dir/a.json")" 'BEGIN{printf "%.1f MiB", s/1048576}')"
echo "gwsx audit NEW --format json:    median $a s, peak $(( $(peak audit) / 1024 )) MiB"
echo "gwsx diff OLD NEW --format json: median $d s, peak $(( $(peak diff) / 1024 )) MiB"
awk -v a="$a" -v d="$d" 'BEGIN { printf "diff ÷ audit: %.2f (target ≤ 2.5)\n", d / a }'
"$bin" diff "$dir/a.json" "$dir/b.json" --format json | python3 -c 'import json,sys; print("summary:", json.dumps(json.load(sys.stdin)["summary"]))'
