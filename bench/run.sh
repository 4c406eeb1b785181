#!/usr/bin/env bash
# run.sh — builds custkit and measures it: against DuckDB on the shared peer
# benchmark, and on shops made by our own generator (cmd/custkit-gendata),
# including the check that memory stays flat as the sales file grows.
#
#   bench/run.sh [SIZE] [TASK...]
#
# SIZE is S (10k customers / 100k sales lines), M (100k / 1M, the default)
# or L (1M / 10M, about 1 GB of sales: the size the performance targets are
# set at). TASK is any of the peer tasks T1 T2 T3 T4 (default T1, join).
#
# Six parts, each printing a table:
#   1. peers    ../shared/bench/peers.sh CUSTKIT DATA SIZE TASK...: custkit
#               against DuckDB on the same data, in the same run, with the
#               ratio custkit / DuckDB (see that script's head for the tasks).
#   2. own      custkit join --format csv on our generator's shop of SIZE.
#   3. flat     the same join with the customers of SIZE and two sales files,
#               one and ten lines per customer (at L: 1M customers, 1M vs 10M
#               lines); peak RSS must not follow the number of lines. Then
#               ledger on the ten-lines file in date order and with its lines
#               shuffled (made once beside it): peak RSS must not follow the
#               order of the lines either.
#   4. purge    custkit purge on a copy of our generator's shop of SIZE (not
#               in the default PARTS): customers inactive for two years are
#               deleted and their newer lines pseudonymised, as of 2026-06-01,
#               so that both files are rewritten and the old versions shredded.
#               Target at L: at most 60 s, under 1 GiB.
#   5. ratios   custkit against itself on the data of peers.sh (not in the
#               default PARTS), each pair taking turns: segment's time over
#               ledger's (target at most 1.5), history for one customer
#               over one read of the sales file, a buyers run that matches
#               nothing (target at most 1.5), sales --by month,store over
#               ledger (target at most 1.0) and report over ledger with
#               the same customers file (target at most 1.5); A_MiB and
#               B_MiB are their peak RSS (report: at most 1.2 times
#               ledger's).
#   6. multi    the sales file of peers.sh split into one file per month
#               (36 at L), read with one glob by ledger and buyers, against
#               the one file, taking turns (not in the default PARTS;
#               target at most 1.1).
#   7. encrypted  ledger over the sales file of peers.sh encrypted to the
#               demonstration key (examples/keys/demo.key), against the
#               plain file, taking turns (not in the default PARTS; target
#               at most 1.3 times the time, and A_MiB at most B_MiB + 16).
#   8. turns    the tasks of peers.sh, with its queries and commands, DuckDB
#               and custkit taking turns (not in the default PARTS): the
#               ratio is the median of each turn's. peers.sh times RUNS of
#               DuckDB and then RUNS of custkit, and on a shared machine
#               whose speed drifts from one minute to the next the two can
#               meet different speeds; taking turns, both see the same.
#
# Environment: BENCH_DATA (default /tmp/custkit-bench) receives the binaries
# and the generated data; keep it outside the repository (data for L takes
# about 3 GB). RUNS (default 3) runs per measurement, the median wall time
# is printed. PARTS (default "peers own flat") chooses the parts.
#
# Needs: go, python3 (for peers.sh) and GNU time as /usr/bin/time
# (Debian/Ubuntu: apt-get install -y time).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZE=${1:-M}
shift $(($# < 1 ? $# : 1))
TASKS=${*:-T1}
DATA=${BENCH_DATA:-/tmp/custkit-bench}
RUNS=${RUNS:-3}
PARTS=${PARTS:-peers own flat}
PEERS_SH=${PEERS_SH:-$ROOT/../shared/bench/peers.sh}

case $SIZE in
S) NC=10000 NS=100000 ;;
M) NC=100000 NS=1000000 ;;
L) NC=1000000 NS=10000000 ;;
*) echo "run.sh: SIZE must be S, M or L" >&2; exit 2 ;;
esac
if [ ! -x /usr/bin/time ] || ! /usr/bin/time -f '%e %M' true >/dev/null 2>&1; then
	echo "run.sh: needs GNU time as /usr/bin/time (Debian/Ubuntu: apt-get install -y time)" >&2
	exit 2
fi
command -v go >/dev/null || { echo "run.sh: needs go" >&2; exit 2; }

mkdir -p "$DATA/bin"
DATA=$(cd "$DATA" && pwd)
case $DATA/ in "$ROOT"/*) echo "run.sh: BENCH_DATA must be outside the repository" >&2; exit 2 ;; esac
BIN=$DATA/bin
(cd "$ROOT" && go build -o "$BIN/custkit" ./cmd/custkit && go build -o "$BIN/custkit-gendata" ./cmd/custkit-gendata)

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) custkit $(cd "$ROOT" && git describe --always --dirty 2>/dev/null || echo unknown), $(go version | cut -d' ' -f3)"
echo "# $(nproc) CPUs, $(free -h | awk '/^Mem:/ {print $2}') memory, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# shop NC NS: the directory of our generator's shop with NC customers and NS
# sales lines, generated (seed 1) if missing.
shop() {
	local d=$DATA/own/$1-$2
	[ -s "$d/sales.csv" ] || "$BIN/custkit-gendata" -customers "$1" -sales "$2" -seed 1 -out "$d" >&2
	echo "$d"
}

# median X...: the median of the numbers given.
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# timed_cmd CMD...: runs CMD RUNS times, output to /dev/null; prints
# "median_wall_s max_rss_mib".
timed_cmd() {
	local walls=() rss=0 i w m t
	t=$(mktemp)
	for ((i = 1; i <= RUNS; i++)); do
		/usr/bin/time -f '%e %M' -o "$t" "$@" >/dev/null
		read -r w m <"$t"
		walls+=("$w")
		((m > rss)) && rss=$m
	done
	rm -f "$t"
	printf '%s %d\n' "$(median "${walls[@]}")" $((rss / 1024))
}

# timed DIR: the join on DIR's files, as timed_cmd.
timed() { timed_cmd "$BIN/custkit" join -q --customers "$1/customers.csv" --sales "$1/sales.csv" --format csv; }

# pair NAME TARGET "CMD A" "CMD B": runs custkit with the arguments A and B
# in turn, RUNS times each, and prints their median wall times, their peak
# RSS and the ratio A / B against TARGET. Taking turns lets both see the
# same load.
pair() {
	local wa=() wb=() rss=0 rssb=0 i w m t
	t=$(mktemp)
	for ((i = 1; i <= RUNS; i++)); do
		# shellcheck disable=SC2086 # the arguments are split on purpose
		/usr/bin/time -f '%e %M' -o "$t" "$BIN/custkit" $3 >/dev/null
		read -r w m <"$t"
		wa+=("$w")
		((m > rss)) && rss=$m
		# shellcheck disable=SC2086
		/usr/bin/time -f '%e %M' -o "$t" "$BIN/custkit" $4 >/dev/null
		read -r w m <"$t"
		wb+=("$w")
		((m > rssb)) && rssb=$m
	done
	rm -f "$t"
	awk -v n="$1" -v target="$2" -v a="$(median "${wa[@]}")" -v b="$(median "${wb[@]}")" -v m=$((rss / 1024)) -v mb=$((rssb / 1024)) \
		'BEGIN {printf "%-34s %8.2f %8d %10.2f %8d %7.2f %7s\n", n, a, m, b, mb, a / b, "<= " target}'
}

# turns TASK: runs DuckDB and custkit on a task of peers.sh in turn, RUNS
# times each, and prints their median wall times and the median of the
# ratios custkit / DuckDB of each turn. duck_sql and ck_args are
# peers.sh's.
turns() {
	local wd=() wc=() r=() i w1 w2 t sql
	t=$(mktemp)
	sql=$(duck_sql "$1")
	for ((i = 1; i <= RUNS; i++)); do
		/usr/bin/time -f '%e' -o "$t" "$BIN/duckq" -threads 0 "$sql" >/dev/null
		read -r w1 <"$t"
		# shellcheck disable=SC2046 # the arguments are split on purpose
		/usr/bin/time -f '%e' -o "$t" "$BIN/custkit" $(ck_args "$1") >/dev/null 2>&1
		read -r w2 <"$t"
		wd+=("$w1") wc+=("$w2") r+=("$(awk -v a="$w2" -v b="$w1" 'BEGIN {print a / b}')")
	done
	rm -f "$t"
	awk -v n="$1" -v d="$(median "${wd[@]}")" -v c="$(median "${wc[@]}")" -v r="$(median "${r[@]}")" \
		'BEGIN {printf "%-6s %10.2f %10.2f %8.2f\n", n, d, c, r}'
}

# pair_header: the head of a table of pair lines.
pair_header() { printf '%-34s %8s %8s %10s %8s %7s %7s\n' "A / B" A_wall_s A_MiB B_wall_s B_MiB ratio target; }

# timed_purge DIR: copies DIR's shop RUNS times and purges each copy
# (the copy is not timed); prints "median_wall_s max_rss_mib".
timed_purge() {
	local walls=() rss=0 i w m t p=$DATA/purge
	t=$(mktemp)
	for ((i = 1; i <= RUNS; i++)); do
		rm -rf "$p" && mkdir -p "$p" && cp "$1/customers.csv" "$1/sales.csv" "$p/"
		printf 'customers: customers.csv\nsales: sales.csv\nretention:\n  customers: {inactive_after: 2y, action: delete}\n  sales: {keep: 7y, on_customer_purge: pseudonymize}\n  max_delete: 100%%\n' >"$p/custkit.yaml"
		sync
		CUSTKIT_HASH_KEY=bench-key-0123456789abcdef XDG_STATE_HOME=$p/state \
			/usr/bin/time -f '%e %M' -o "$t" "$BIN/custkit" purge --config "$p/custkit.yaml" --as-of 2026-06-01
		read -r w m <"$t"
		walls+=("$w")
		((m > rss)) && rss=$m
	done
	rm -f "$t"
	rm -rf "$p"
	printf '%s %d\n' "$(median "${walls[@]}")" $((rss / 1024))
}

# peers_data: the directory of the data peers.sh makes for SIZE, made the
# same way (seed 1) if missing.
peers_data() {
	local d=$DATA/$SIZE
	if [ ! -s "$d/sales.csv" ]; then
		[ -x "$BIN/benchgen" ] || (cd "$ROOT/../shared/bench/gen" && go build -o "$BIN/benchgen" .)
		"$BIN/benchgen" -customers "$NC" -sales "$NS" -seed 1 -out "$d" >&2
	fi
	echo "$d"
}

# shuffled DIR: DIR's sales with the lines in a fixed random order, the
# header first, made once as DIR/sales-shuffled.csv.
shuffled() {
	local f=$1/sales-shuffled.csv
	if [ ! -s "$f" ]; then
		{ head -n 1 "$1/sales.csv" && tail -n +2 "$1/sales.csv" | shuf --random-source=<(yes); } >"$f.tmp"
		mv "$f.tmp" "$f"
	fi
	echo "$f"
}

# order_row NAME FILE: one line of the shuffled table, ledger on FILE.
order_row() {
	local w m
	cat "$2" >/dev/null
	read -r w m < <(timed_cmd "$BIN/custkit" ledger -q --sales "$2" --format csv)
	printf '%10s %12s %10s %8s %8s\n' "$NC" $((10 * NC)) "$1" "$w" "$m"
	LAST_RSS=$m
}

# row NC NS: one line of the own/flat tables.
row() {
	local d w m
	d=$(shop "$1" "$2")
	cat "$d/customers.csv" "$d/sales.csv" >/dev/null # same page cache state as peers.sh
	read -r w m < <(timed "$d")
	printf '%10s %12s %10s %8s %8s\n' "$1" "$2" $(($(stat -c %s "$d/sales.csv") / 1000000)) "$w" "$m"
	LAST_RSS=$m
}

for part in $PARTS; do
	case $part in
	peers)
		[ -x "$PEERS_SH" ] || { echo "run.sh: no peer benchmark at $PEERS_SH (set PEERS_SH)" >&2; exit 2; }
		PEERS_SH=$(cd "$(dirname "$PEERS_SH")" && pwd)/$(basename "$PEERS_SH")
		echo
		echo "## peers: $PEERS_SH $BIN/custkit $DATA $SIZE $TASKS (RUNS=$RUNS)"
		RUNS=$RUNS "$PEERS_SH" "$BIN/custkit" "$DATA" "$SIZE" $TASKS
		;;
	own)
		echo
		echo "## own: custkit join --format csv on custkit-gendata data, size $SIZE (median of $RUNS, max RSS)"
		printf '%10s %12s %10s %8s %8s\n' customers sales_lines sales_MB wall_s rss_MiB
		row "$NC" "$NS"
		;;
	flat)
		echo
		echo "## flat: the same customers, ten times the sales lines (median of $RUNS, max RSS)"
		printf '%10s %12s %10s %8s %8s\n' customers sales_lines sales_MB wall_s rss_MiB
		row "$NC" "$NC"
		small=$LAST_RSS
		row "$NC" $((10 * NC))
		big=$LAST_RSS
		awk -v a="$small" -v b="$big" 'BEGIN {printf "peak RSS with 10x the lines / with 1x: %.2f\n", b / a}'
		echo
		echo "## flat, shuffled: ledger on the ten-times sales, in date order and shuffled (median of $RUNS, max RSS)"
		printf '%10s %12s %10s %8s %8s\n' customers sales_lines order wall_s rss_MiB
		d=$(shop "$NC" $((10 * NC)))
		order_row sorted "$d/sales.csv"
		sorted=$LAST_RSS
		order_row shuffled "$(shuffled "$d")"
		awk -v a="$sorted" -v b="$LAST_RSS" 'BEGIN {printf "peak RSS shuffled / in date order: %.2f\n", b / a}'
		;;
	purge)
		echo
		echo "## purge: custkit purge on a copy of custkit-gendata data, size $SIZE (median of $RUNS, max RSS)"
		printf '%10s %12s %10s %8s %8s\n' customers sales_lines sales_MB wall_s rss_MiB
		d=$(shop "$NC" "$NS")
		read -r w m < <(timed_purge "$d")
		printf '%10s %12s %10s %8s %8s\n' "$NC" "$NS" $(($(stat -c %s "$d/sales.csv") / 1000000)) "$w" "$m"
		;;
	ratios)
		d=$(peers_data)
		C=$d/customers.csv S=$d/sales.csv
		cat "$C" "$S" >/dev/null
		echo
		echo "## ratios: custkit against itself on the data of peers.sh, size $SIZE (median of $RUNS, taking turns)"
		pair_header
		pair "segment / ledger" 1.5 "segment -q --sales $S --as-of 2026-01-01 --format csv" \
			"ledger -q --sales $S --as-of 2026-01-01 --format csv"
		pair "history (1 customer) / one read" 1.5 "history -q C0000001 --customers $C --sales $S --format csv" \
			"buyers -q --sales $S --product NO-SUCH --format csv"
		pair "sales --by month,store / ledger" 1.0 "sales -q --sales $S --by month,store --format csv" \
			"ledger -q --sales $S --as-of 2026-01-01 --format csv"
		# report writes a file: -o into the data directory, replaced each run
		# report ranks the customers of the customers file: against the
		# ledger of the same two files (the ledger of the sales alone
		# holds no customers file and lists only those who bought)
		pair "report / ledger --customers" 1.5 "report -q --customers $C --sales $S --as-of 2026-01-01 -o $DATA/report.html --expires 1d" \
			"ledger -q --customers $C --sales $S --as-of 2026-01-01 --format csv"
		;;
	multi)
		d=$(peers_data)
		C=$d/customers.csv S=$d/sales.csv m=$d/monthly
		if [ ! -e "$m/done" ]; then
			# One file per month of sold_at (the fourth field; the three
			# before it are never quoted), each with the header, as a
			# register exports a month at a time.
			rm -rf "$m" && mkdir -p "$m"
			awk -F, -v dir="$m" 'NR == 1 {h = $0; next}
				{f = dir "/sales-" substr($4, 1, 7) ".csv"; if (!(f in seen)) {seen[f] = 1; print h > f} print > f}' "$S"
			touch "$m/done"
		fi
		cat "$C" "$S" "$m"/sales-*.csv >/dev/null
		echo
		echo "## multi: the sales of peers.sh as $(ls "$m"/sales-*.csv | wc -l) monthly files read with one glob, against the one file, size $SIZE (median of $RUNS, taking turns)"
		pair_header
		set -f # the glob is custkit's to expand, not the shell's
		pair "ledger: monthly files / one file" 1.1 "ledger -q --sales $m/sales-*.csv --top 100 --by spend --format csv" \
			"ledger -q --sales $S --top 100 --by spend --format csv"
		pair "buyers: monthly files / one file" 1.1 "buyers -q --customers $C --sales $m/sales-*.csv --product P04876 --since 2025-01-01 --format csv" \
			"buyers -q --customers $C --sales $S --product P04876 --since 2025-01-01 --format csv"
		set +f
		;;
	encrypted)
		d=$(peers_data)
		S=$d/sales.csv e=$d/encrypted key=$d/encrypted/demo.key
		if [ ! -s "$e/sales.csv.age" ] || [ "$e/sales.csv.age" -ot "$S" ]; then
			# encrypt shreds the file it encrypts: give it a copy
			rm -rf "$e" && mkdir -p "$e" && cp "$S" "$e/sales.csv" >&2
			"$BIN/custkit" encrypt -q --to "$(sed -n 's/^# public key: //p' "$ROOT/examples/keys/demo.key")" "$e/sales.csv" >&2
		fi
		# custkit refuses an identity others can read; git keeps it 0644
		install -m 600 "$ROOT/examples/keys/demo.key" "$key"
		cat "$S" "$e/sales.csv.age" >/dev/null
		echo
		echo "## encrypted: ledger over the sales of peers.sh encrypted with age, against the plain file, size $SIZE (median of $RUNS, taking turns)"
		pair_header
		pair "ledger: sales.csv.age / sales.csv" 1.3 "ledger -q --identity $key --sales $e/sales.csv.age --as-of 2026-01-01 --format csv" \
			"ledger -q --sales $S --as-of 2026-01-01 --format csv"
		;;
	turns)
		[ -x "$PEERS_SH" ] || { echo "run.sh: no peer benchmark at $PEERS_SH (set PEERS_SH)" >&2; exit 2; }
		d=$(peers_data)
		C=$d/customers.csv S=$d/sales.csv PRODUCT=${PRODUCT:-P04876} SINCE=${SINCE:-2025-01-01}
		[ -x "$BIN/duckq" ] || (cd "$(dirname "$PEERS_SH")/duckq" && go build -o "$BIN/duckq" .)
		# peers.sh's queries and commands, read from it rather than copied
		eval "$(sed -n '/^duck_sql() {/,/^}/p; /^ck_args() {/,/^}/p' "$PEERS_SH")"
		cat "$C" "$S" >/dev/null
		echo
		echo "## turns: DuckDB and custkit taking turns on the tasks of peers.sh, size $SIZE (median of $RUNS; ratio: median of each turn's)"
		printf '%-6s %10s %10s %8s\n' task duck_s custkit_s ratio
		for t in $TASKS; do
			turns "$t"
		done
		;;
	*)
		echo "run.sh: unknown part $part (choose from peers own flat purge ratios multi encrypted turns)" >&2
		exit 2
		;;
	esac
done
