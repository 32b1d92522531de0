#!/usr/bin/env bash
# Live fetch vs offline load on a large snapshot.
#
#   scripts/bench-live.sh            # 50,000 agents, best of 3 runs
#   AGENTS=10000 RUNS=5 scripts/bench-live.sh
#
# 1. makes a snapshot of $AGENTS agents with `gwsx generate` (or, when this build has no
#    `generate` yet, by scaling tests/fixtures/snapshot-101.json with python3);
# 2. replays it with `gwsx serve` on 127.0.0.1 (an ephemeral port);
# 3. times `gwsx dump URL` (the live fetch) and `gwsx agents URL --format json` (live fetch +
#    inventory) against `gwsx agents FILE --format json` (the offline load);
# 4. prints the three times and the ratio dump / offline (target: at most 2).
#
# Environment: GWSX (binary; default: a release build of this checkout), AGENTS, RUNS,
# BIG (the snapshot file; default /tmp/big.json), KEEP_BIG=1 to reuse an existing BIG.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
agents=${AGENTS:-50000}
runs=${RUNS:-3}
big=${BIG:-/tmp/big.json}

if [[ -z "${GWSX:-}" ]]; then
    (cd "$root" && cargo build --release --quiet)
    GWSX="${CARGO_TARGET_DIR:-$root/target}/release/gwsx"
fi

work=$(mktemp -d)
serve_pid=""
cleanup() {
    if [[ -n "$serve_pid" ]]; then
        kill "$serve_pid" 2>/dev/null || true
        wait "$serve_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# --- 1. the snapshot --------------------------------------------------------------------
if [[ "${KEEP_BIG:-0}" == 1 && -f "$big" ]]; then
    echo "using existing $big"
elif "$GWSX" generate --agents "$agents" --output "$big" 2>"$work/generate.err"; then
    echo "generated $big with gwsx generate ($agents agents)"
else
    echo "gwsx generate unavailable ($(head -n1 "$work/generate.err")); scaling the fixture with python3"
    python3 - "$root/tests/fixtures/snapshot-101.json" "$big" "$agents" <<'PY'
import json, sys

src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(src, encoding="utf-8") as f:
    snap = json.load(f)
r = snap["responses"]
persons = r["/platform/configuration/persons"]["persons"]
places = {str(p["DBID"]): p for p in r["/platform/configuration/places"]["places"]}
dns = {str(d["DBID"]): d for d in r["/platform/configuration/dns"]["dns"]}
logins = {str(l["DBID"]): l for l in r["/platform/configuration/agent-logins"]["agent-logins"]}
groups = r["/platform/configuration/agent-groups"]["agent-groups"]
member_of = {}
for g in groups:
    for a in g.get("agentDBIDs") or []:
        member_of.setdefault(str(a), []).append(g)

out_persons, out_places, out_dns, out_logins = [], [], [], []
next_dn = 30_000_000
next_login = 40_000_000
for i in range(n):
    t = persons[i % len(persons)]
    p = json.loads(json.dumps(t))
    pid = 10_000_000 + i
    p["DBID"] = str(pid)
    p["userName"] = f"{t.get('userName', 'agent')}.{i}"
    for key in ("employeeID", "employeeId"):
        if p.get(key):
            p[key] = f"{p[key]}{i}"
    info = p.get("agentInfo") or {}
    place = places.get(str(info.get("placeDBID")))
    if place is not None:
        q = json.loads(json.dumps(place))
        q["DBID"] = str(20_000_000 + i)
        q["name"] = f"{place.get('name', 'Place')}_{i}"
        new_dns = []
        for d in place.get("DNDBIDs") or []:
            dn = dns.get(str(d))
            if dn is None:
                new_dns.append(d)
                continue
            c = json.loads(json.dumps(dn))
            c["DBID"] = str(next_dn)
            c["number"] = f"{dn.get('number', '')}{i}"
            new_dns.append(next_dn)
            next_dn += 1
            out_dns.append(c)
        q["DNDBIDs"] = new_dns
        out_places.append(q)
        info["placeDBID"] = q["DBID"]
    new_logins = []
    for al in info.get("agentLogins") or []:
        login = logins.get(str(al.get("agentLoginDBID")))
        if login is None:
            new_logins.append(al)
            continue
        c = json.loads(json.dumps(login))
        c["DBID"] = str(next_login)
        c["loginCode"] = f"{login.get('loginCode', '')}{i}"
        a = dict(al)
        a["agentLoginDBID"] = str(next_login)
        next_login += 1
        new_logins.append(a)
        out_logins.append(c)
    if "agentLogins" in info:
        info["agentLogins"] = new_logins
    for g in member_of.get(str(t["DBID"]), []):
        g.setdefault("agentDBIDs", []).append(str(pid))
    out_persons.append(p)

# Keep the originals' non-agent objects (switch-level DNs, the fixture's own places and
# logins) so every reference still resolves.
r["/platform/configuration/persons"]["persons"] = out_persons
r["/platform/configuration/places"]["places"] = list(places.values()) + out_places
r["/platform/configuration/dns"]["dns"] = list(dns.values()) + out_dns
r["/platform/configuration/agent-logins"]["agent-logins"] = list(logins.values()) + out_logins
with open(dst, "w", encoding="utf-8") as f:
    json.dump(snap, f, ensure_ascii=False, separators=(",", ":"))
PY
    echo "built $big ($agents agents)"
fi
echo "snapshot: $(du -h "$big" | cut -f1)"

# --- 2. serve it ------------------------------------------------------------------------
"$GWSX" serve "$big" --listen 127.0.0.1:0 2>"$work/serve.log" &
serve_pid=$!
url=""
for _ in $(seq 1 600); do
    url=$(sed -n 's/^gwsx serve: listening on //p' "$work/serve.log" | head -n1)
    [[ -n "$url" ]] && break
    kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 2; }
    sleep 0.1
done
[[ -n "$url" ]] || { echo "gwsx serve did not start" >&2; exit 2; }
echo "serving at $url"

# --- 3. time ----------------------------------------------------------------------------
now() { date +%s%N; }
# best_of NAME CMD...: runs CMD $runs times, prints the best wall time in seconds.
best_of() {
    local best="" t0 t1 ms
    for _ in $(seq 1 "$runs"); do
        t0=$(now)
        "$@" >/dev/null 2>"$work/last.err" || { cat "$work/last.err" >&2; exit 2; }
        t1=$(now)
        ms=$(( (t1 - t0) / 1000000 ))
        if [[ -z "$best" || $ms -lt $best ]]; then best=$ms; fi
    done
    echo "$best"
}

offline_ms=$(best_of "$GWSX" agents "$big" --format json)
dump_ms=$(best_of "$GWSX" dump "$url" --output "$work/dump.json")
live_agents_ms=$(best_of "$GWSX" agents "$url" --format json)

# The dump must hold exactly the responses that were served.
python3 - "$big" "$work/dump.json" <<'PY' || { echo "the dumped snapshot differs from the served one" >&2; exit 2; }
import json, sys
a, b = (json.load(open(p, encoding="utf-8"))["responses"] for p in sys.argv[1:3])
sys.exit(0 if a == b else 1)
PY

# --- 4. report --------------------------------------------------------------------------
fmt() { awk -v ms="$1" 'BEGIN { printf "%.3f s", ms / 1000 }'; }
ratio=$(awk -v a="$dump_ms" -v b="$offline_ms" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
echo
echo "agents:                              $agents (best of $runs runs)"
echo "offline load (agents FILE --format json): $(fmt "$offline_ms")"
echo "live fetch   (dump URL):                  $(fmt "$dump_ms")"
echo "live load    (agents URL --format json):  $(fmt "$live_agents_ms")"
echo "ratio dump / offline:                     ${ratio}x (target <= 2x)"
if awk -v r="$ratio" 'BEGIN { exit !(r <= 2.0) }'; then
    echo "PASS"
else
    echo "FAIL: live fetch is more than 2x the offline load"
    exit 1
fi
