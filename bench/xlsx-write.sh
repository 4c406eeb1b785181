#!/usr/bin/env bash
# Measures writing a 1,000,000-row sales sheet (.xlsx): custkit's xlsx
# writer (pkg/output) against a bare loop over excelize's stream writer on
# the same rows, and the whole command with -o out.xlsx against the same
# command with -o out.csv, as recorded in docs/benchmarks.md. Prints, per
# run, the rows, wall and CPU time and peak RSS (and, for the two loops,
# the bytes allocated).
#
#   bench/xlsx-write.sh [SALES.csv] [runs]
#
# Without SALES.csv, the sales of cmd/custkit-gendata -customers 1000000
# -sales 1000000 -seed 1 are used, as bench/xlsx.sh reads them.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${2:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -trimpath -o "$work/xlsxbench" ./bench/xlsxbench
go build -trimpath -o "$work/custkit" ./cmd/custkit
csv=${1:-}
if [ -z "$csv" ]; then
	go run ./cmd/custkit-gendata -q -customers 1000000 -sales 1000000 -seed 1 -out "$work/shop"
	csv=$work/shop/sales.csv
fi
# The command keeps its access log and manifest under a home of its own.
export HOME=$work/home XDG_STATE_HOME=$work/state XDG_CONFIG_HOME=$work/config
export CUSTKIT_HASH_KEY=xlsx-write-bench-key-0123456789
mkdir -p "$HOME"
echo "# $(wc -l <"$csv") CSV lines, load $(cut -d' ' -f1 /proc/loadavg)"
for i in $(seq "$runs"); do
	"$work/xlsxbench" write-bare "$csv" "$work/bare.xlsx"
	"$work/xlsxbench" write-custkit "$csv" "$work/custkit.xlsx"
	echo "# $(($(wc -c <"$work/bare.xlsx") >> 20)) MiB bare, $(($(wc -c <"$work/custkit.xlsx") >> 20)) MiB custkit"
	rm -f "$work/bare.xlsx" "$work/custkit.xlsx"
	# The same rows through a command: redact changes one column only.
	for out in out.xlsx out.csv; do
		/usr/bin/time -f "command -o $out  wall %es  cpu %Us+%Ss  peak RSS %MKiB" \
			"$work/custkit" redact "$csv" --hash customer_id -q -o "$work/$out"
		rm -f "$work/$out"
	done
done
