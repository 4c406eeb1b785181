#!/usr/bin/env bash
# Measures reading a 1,000,000-row sales sheet (.xlsx) through custkit's
# workbook reader against a bare loop over excelize's streaming row reader
# on the same file (cells as their number formats show them, and as stored), as recorded in docs/benchmarks.md. Prints, per run, the
# rows, wall and CPU time, bytes allocated and peak RSS.
#
#   bench/xlsx.sh [SALES.csv] [runs]
#
# Without SALES.csv, the sales of cmd/custkit-gendata -customers 1000000
# -sales 1000000 -seed 1 are used (the L shop's customers and columns). Give
# the first million lines of the L sales file instead with
#   head -n 1000001 bench/data/L/sales.csv > /tmp/sales1m.csv
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${2:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -trimpath -o "$work/xlsxbench" ./bench/xlsxbench
csv=${1:-}
if [ -z "$csv" ]; then
	go run ./cmd/custkit-gendata -q -customers 1000000 -sales 1000000 -seed 1 -out "$work/shop"
	csv=$work/shop/sales.csv
fi
"$work/xlsxbench" make "$csv" "$work/sales.xlsx"
echo "# $(wc -l <"$csv") CSV lines, $(($(wc -c <"$work/sales.xlsx") >> 20)) MiB of .xlsx, load $(cut -d' ' -f1 /proc/loadavg)"
for i in $(seq "$runs"); do
	"$work/xlsxbench" bare "$work/sales.xlsx"
	"$work/xlsxbench" raw "$work/sales.xlsx"
	"$work/xlsxbench" reader "$work/sales.xlsx"
done
