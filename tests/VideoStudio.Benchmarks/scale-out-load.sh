#!/usr/bin/env bash
# scale-out-load.sh HOSTS [JOBS] [STORE]: the 10,000-job load with HOSTS server processes on one store, STORE =
# postgres (default) or sqlite (then the hosts share one data directory, as on one machine).
# Starts its own PostgreSQL (Debian's package, initdb + pg_ctl in a temporary directory, loopback), one simulator
# process (tasks take 25 s; every output the bundled sample clip, as in jobs-load) and HOSTS `videostudio serve` processes on one database and one output folder; POSTs
# JOBS jobs round-robin over HTTP (32 at a time), waits until every job is terminal, and prints wall time, peak
# resident memory of each host (engine only: the simulator is its own process), committed store transactions per
# job and what the simulator saw. Everything listens on 127.0.0.1 and is stopped at the end. Run from the repo
# root after `dotnet build -c Release`.
set -euo pipefail
hosts=${1:-1}; jobs=${2:-10000}; store=${3:-postgres}
cli="dotnet engine/VideoStudio.Cli/bin/Release/net10.0/videostudio.dll"
work=$(mktemp -d /tmp/videostudio-scale-XXXXXX); chmod 755 "$work"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

mkdir -p "$work/pg" "$work/outputs"; [ "$(id -u)" = 0 ] && chown postgres "$work/pg"
pgport=$(port)
as_pg "$pgbin/initdb" -D "$work/pg" -U videostudio --auth=trust --no-sync -E UTF8 --locale=C >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w -o "-c listen_addresses=127.0.0.1 -c port=$pgport -c unix_socket_directories=$work/pg -c max_connections=400" start >/dev/null
psql() { command psql -h 127.0.0.1 -p "$pgport" -U videostudio -d "$@"; }
psql postgres -qc "CREATE DATABASE load" >/dev/null
cs="Host=127.0.0.1;Port=$pgport;Username=videostudio;Database=load;Maximum Pool Size=100"

sim="http://127.0.0.1:$(port)"
$cli simulator --urls "$sim" --api-key load-key --latency-scale 0.5556 --ffmpeg none --balance 1000000 >"$work/sim.log" 2>&1 & pids+=($!)
export WAVESPEED_API_KEY=load-key WaveSpeed__BaseUrl=$sim VideoStudio__Jobs__Store=$store VideoStudio__Jobs__ConnectionString=$cs \
  VideoStudio__Jobs__OutputDirectory=$work/outputs VideoStudio__Jobs__MaxConcurrentJobs=20000 VideoStudio__Jobs__SubmitsPerMinute=1000000 \
  VideoStudio__Jobs__ProcessingTimeScale=0.5556 Logging__LogLevel__Default=Warning
urls=(); hostpids=()
for i in $(seq 1 "$hosts"); do
  u="http://127.0.0.1:$(port)"; urls+=("$u")
  $cli --data-dir "$work/data$([ "$store" = postgres ] && echo "$i")" serve --urls "$u" >"$work/host$i.log" 2>&1 & pids+=($!); hostpids+=($!)
done
for u in "$sim/_simulator/stats" "${urls[@]/%//health/live}"; do
  for _ in $(seq 1 240); do curl -sf -o /dev/null "$u" && break; sleep 0.25; done
done
tx0=$(psql load -tAc "SELECT pg_stat_force_next_flush(); SELECT xact_commit FROM pg_stat_database WHERE datname = 'load'" | tail -1)

start=$(date +%s.%N)
seq 0 $((jobs - 1)) | xargs -P 32 -I{} sh -c 'n={}; set -- '"${urls[*]}"'; shift $((n % $#)); curl -sf -o /dev/null -X POST "$1/v1/jobs" -H "Content-Type: application/json" -H "Idempotency-Key: load-$n" -d "{\"model\":\"lightricks/ltx-2-fast/text-to-video\",\"input\":{\"prompt\":\"load job $n\",\"duration\":6}}"'
submitted=$(date +%s.%N)
for _ in $(seq 1 1200); do
  q="SELECT COUNT(*) FROM jobs WHERE state IN ('Completed','Failed','Cancelled','NeedsDecision')"
  if [ "$store" = postgres ]; then done_jobs=$(psql load -tAc "$q"); else done_jobs=$(python3 -c "import sqlite3,sys; print(sqlite3.connect('file:$work/data/videostudio.db?mode=ro', uri=True).execute(sys.argv[1]).fetchone()[0])" "$q" 2>/dev/null || echo 0); fi
  [ "$done_jobs" -ge "$jobs" ] && break; sleep 1
done
end=$(date +%s.%N)
tx1=$(psql load -tAc "SELECT pg_stat_force_next_flush(); SELECT xact_commit FROM pg_stat_database WHERE datname = 'load'" | tail -1)

echo "## scale-out-load: $hosts host(s), $jobs jobs, store $store, PostgreSQL $(basename "$(dirname "$pgbin")"), $(nproc) cores"
echo "accepted in             $(echo "$submitted - $start" | bc) s"
echo "wall time               $(echo "$end - $start" | bc) s (first POST to last job terminal)"
sq="SELECT group_concat(state || '=' || n, ' ') FROM (SELECT state, COUNT(*) n FROM jobs GROUP BY state)"
if [ "$store" = postgres ]; then states=$(psql load -tAc "SELECT string_agg(state || '=' || n, ' ') FROM (SELECT state, COUNT(*) n FROM jobs GROUP BY state) s"); else states=$(python3 -c "import sqlite3,sys; print(sqlite3.connect('file:$work/data/videostudio.db?mode=ro', uri=True).execute(sys.argv[1]).fetchone()[0])" "$sq"); fi
echo "states                  $states"
for i in "${!hostpids[@]}"; do echo "host $((i + 1)) peak RSS         $(awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/${hostpids[$i]}/status")"; done
[ "$store" = postgres ] && echo "store transactions      $((tx1 - tx0)) committed, $(echo "scale=1; ($tx1 - $tx0) / $jobs" | bc) per job (this script's progress queries included)"
curl -s "$sim/_simulator/stats" | python3 -c 'import json,sys; d=json.load(sys.stdin)["data"]; s=d["submissions"]; print("simulator submissions  ", d["total_submissions"], "(distinct prompts:", len({x["input"]["prompt"] for x in s}), ")"); print("result GETs            ", d["result_gets"])'
