#!/bin/bash
# Two-server wrk run (pg21b): one overblik serve on SpatiaLite vs two on one PostgreSQL database.
BIN=${BIN:-.build/release/overblik}
HERE=$(cd "$(dirname "$0")" && pwd)
D=${D:-/tmp/pg21b-bench}  # holds bench.sqlite, tokens-benchsqlite, tokens-bench (see docs/postgres.md)
PG=${PG:-postgres://postgres@127.0.0.1:55421/bench}
SL=$D/bench.sqlite
DUR=${DUR:-20s}
start() { # port db
  $BIN serve --db $2 --port $1 --log-level warning > $D/serve-$1.log 2>&1 &
  echo $! >> $D/pids
  for i in $(seq 1 600); do curl -sf "http://127.0.0.1:$1/api/near?place=9.92,57.05&limit=1" >/dev/null && break; sleep 0.2; done
}
: > $D/pids
start 18501 $SL; start 18502 $PG; start 18503 $PG
sleep 2
for p in 18501 18502 18503; do curl -s "http://127.0.0.1:$p/ogc/collections/facilities/items?limit=10" >/dev/null; done
NEAR="/api/near?place=9.92,57.05&limit=5"
OGC="/ogc/collections/facilities/items?limit=10"
for name in near ogc mix; do
  case $name in near) path=$NEAR; script=;; ogc) path=$OGC; script=;; mix) path=/; script="-s $HERE/mix.lua";; esac
  echo "=== $name SpatiaLite, one server (wrk -t2 -c16 -d$DUR) load: $(cut -d' ' -f1-3 /proc/loadavg)"
  TOKENS=$D/tokens-benchsqlite SEED=1 wrk -t2 -c16 -d$DUR --latency $script "http://127.0.0.1:18501$path"
  echo "=== $name PostgreSQL, two servers (two wrk -t1 -c8 -d$DUR at once) load: $(cut -d' ' -f1-3 /proc/loadavg)"
  TOKENS=$D/tokens-bench SEED=2 wrk -t1 -c8 -d$DUR --latency $script "http://127.0.0.1:18502$path" > $D/wrk-a.txt &
  wrkpid=$!
  TOKENS=$D/tokens-bench SEED=3 wrk -t1 -c8 -d$DUR --latency $script "http://127.0.0.1:18503$path" > $D/wrk-b.txt
  wait $wrkpid; sleep 1
  echo "--- server A"; cat $D/wrk-a.txt; echo "--- server B"; cat $D/wrk-b.txt
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bookings: SpatiaLite $($BIN info --db $SL --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["bookings"])') PostgreSQL $($BIN info --db $PG --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["bookings"])')"
kill $(cat $D/pids)
