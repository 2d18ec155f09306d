#!/usr/bin/env bash
# Whole-process timings of dopdeck against the process floor (`dopdeck --version`), one hyperfine
# run per binary, with peak RSS from GNU time. Quote medians: the ratio to the floor of the same
# run is the figure that survives a loaded machine.
#
#   scripts/perf/measure.sh FIXTURE_DIR BINARY [BINARY…]
#
# FIXTURE_DIR comes from `cargo run --release --example scale_fixture -- DIR ITEMS REVIEWS`
# (ITEMS 0: the shipped material, then the embedded copy is measured instead of --content).
# SEARCH (default cfn) is the query; a tree without the shipped topics needs another.
# Each binary gets its own cache directory and copy of the progress database. Needs hyperfine,
# sqlite3 and GNU time.
set -euo pipefail
dir=$1; shift
runs=${RUNS:-30}
export DOPDECK_NOW=${DOPDECK_NOW:-2026-12-02T09:00:00Z}
content=(--content "$dir")
if [[ -f $dir/embedded ]]; then content=(); fi
id=$(sqlite3 "$dir/progress.db" "SELECT item_id FROM revlog ORDER BY id DESC LIMIT 1")
n=0
for bin in "$@"; do
  n=$((n + 1))
  # Each binary gets its own cache directory (a build removes the snapshots of other builds
  # from its own) and its own copy of the progress database, and one hyperfine run of its own:
  # quote each ratio to the floor of the same run.
  export XDG_CACHE_HOME=$dir/cache-$n
  db=$dir/measure-$n.db
  rm -f "$db" "$db-wal" "$db-shm" "$db-checked"
  cp "$dir/progress.db" "$db"
  # Warm the snapshot cache, the search index and the daily integrity check once.
  "$bin" "${content[@]}" --db "$db" due >/dev/null
  "$bin" "${content[@]}" search "${SEARCH:-cfn}" >/dev/null
  cmds=("$bin --version"
        "$bin ${content[*]} --db $db due"
        "$bin ${content[*]} --db $db stats"
        "$bin ${content[*]} --db $db grade $id good"
        "$bin ${content[*]} search ${SEARCH:-cfn}")
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$dir/hyperfine-$n.json" "${cmds[@]}" >/dev/null
  python3 - "$dir/hyperfine-$n.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
floor = None
for r in results:
    cmd = r["command"]
    median = r["median"] * 1000
    if cmd.endswith("--version"):
        floor = median
    print(f"{median:8.1f} ms  {median / floor:5.1f} x floor   {cmd}")
PY
  for c in "${cmds[@]}"; do
    rss=$( { /usr/bin/time -f "%M" $c >/dev/null; } 2>&1 | tail -1)
    printf '%8s KB peak RSS   %s\n' "$rss" "$c"
  done
done
