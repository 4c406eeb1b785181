#!/usr/bin/env bash
# Measures "custkit redact --policy" with hash, mask and generalise rules on
# a customers file (the L file: 1M customers, about 184 MB), as recorded in
# docs/benchmarks.md. Prints wall time, throughput and peak memory.
#
#   bench/redact.sh bench/data/L/customers.csv [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:?usage: bench/redact.sh CUSTOMERS.csv [runs]}
runs=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -trimpath -o "$work/custkit" ./cmd/custkit
cat >"$work/bench.yaml" <<'YAML'
redact:
  policies:
    bench:
      drop: [name_kana, email]
      hash: [customer_id]
      mask: {name: "", phone: ""}
      generalise: {birthday: age-band, postal_code: postal3, address: prefecture-city}
YAML
export XDG_STATE_HOME="$work/state"
export CUSTKIT_HASH_KEY=bench-key-0123456789abcdef
bytes=$(wc -c <"$file")
for i in $(seq "$runs"); do
	start=$(date +%s.%N)
	/usr/bin/time -f '%M' -o "$work/rss" \
		"$work/custkit" redact -q --config "$work/bench.yaml" --policy bench --as-of 2026-11-22 \
		"$file" -o "$work/out.csv"
	end=$(date +%s.%N)
	awk -v b="$bytes" -v s="$start" -v e="$end" -v rss="$(cat "$work/rss")" \
		'BEGIN { t = e - s; printf "redact --policy: %.2f s, %.0f MB/s, max RSS %.0f MB\n", t, b / t / 1e6, rss / 1024 }'
done
