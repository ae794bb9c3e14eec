#!/bin/sh
# bench-batch.sh: audit 1,000 real-looking terms pages served on loopback
# with the fineprint binary, through the same code path as the CLI
# (--from-file, default --concurrency), several times; print the wall time
# and the peak RSS of each run (GNU time). DESIGN.md asks for <= 10 s on 2
# cores. The machine should be quiet: the load average is printed per run.
#
#   scripts/bench-batch.sh [RUNS] [PAGES] [extra audit flags...]
#   FORMAT=json scripts/bench-batch.sh   # jsonl (the default), json, csv or text
#
# Pages are made from testdata/offers and, when present, the long real terms
# in ../shared/corpus/ota, each one varied (brand, date, paragraphs left out).
set -eu
cd "$(dirname "$0")/.."
format=${FORMAT:-jsonl}
runs=${1:-5}
pages=${2:-1000}
[ $# -ge 2 ] && shift 2 || shift $#
tmp=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$tmp"' EXIT INT TERM

go build -o "$tmp/fineprint" ./cmd/fineprint
go build -o "$tmp/benchpages" ./scripts/benchpages
mkfifo "$tmp/hold"
"$tmp/benchpages" -n "$pages" -list "$tmp/urls.txt" <"$tmp/hold" &
server=$!
exec 3>"$tmp/hold" # keeps the server's stdin open until this script ends
while [ ! -s "$tmp/urls.txt" ]; do sleep 0.1; done
sleep 0.2

# summary counts the documents and errors in a report.
summary() {
	case $format in
	jsonl) echo "documents $(wc -l <"$1")  errors $(grep -vc '"error":null}]}$' "$1")" ;;
	json) echo "documents $(grep -c '^      "source": ' "$1")  errors $(grep -c '^      "error": "' "$1")" ;;
	csv) echo "documents $(($(wc -l <"$1") - 1))  errors $(grep -c ',,,,,,,,,' "$1")" ;;
	*) echo "report $(wc -c <"$1") bytes" ;;
	esac
}

echo "cpus: $(nproc)  go: $(go env GOVERSION)  pages: $pages  format: $format"
i=1
while [ "$i" -le "$runs" ]; do
	load=$(cut -d' ' -f1 /proc/loadavg)
	status=0
	/usr/bin/time -v -o "$tmp/time.txt" "$tmp/fineprint" audit --quiet --format "$format" \
		--output "$tmp/out" --from-file "$tmp/urls.txt" "$@" || status=$?
	wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time.txt")
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time.txt")
	cpu=$(sed -n 's/.*Percent of CPU this job got: //p' "$tmp/time.txt")
	echo "run $i: wall $wall  peak RSS $((rss / 1024)) MB  CPU $cpu  exit $status  load before $load  $(summary "$tmp/out")"
	i=$((i + 1))
done
