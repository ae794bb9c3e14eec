// Command benchpages serves real-looking terms pages on loopback for
// scripts/bench-batch.sh: it writes their URLs to a list file, one a line,
// and serves them until its standard input is closed or it is killed.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/fineprint/fineprint/audit/batch/batchtest"
)

func main() {
	n := flag.Int("n", 1000, "how many pages")
	offers := flag.String("offers", "testdata/offers", "offer fixtures `DIR`")
	corpus := flag.String("corpus", "../shared/corpus/ota", "long real terms `DIR`, used when present")
	list := flag.String("list", "urls.txt", "write the pages' URLs to this `FILE`")
	flag.Parse()
	if err := serve(*n, *offers, *corpus, *list); err != nil {
		fmt.Fprintln(os.Stderr, "benchpages:", err)
		os.Exit(1)
	}
}

func serve(n int, offers, corpus, list string) error {
	bases, err := batchtest.Bases(offers, corpus)
	if err != nil {
		return err
	}
	pages := batchtest.Pages(n, bases)
	srv := batchtest.NewServer(pages)
	defer srv.Close()
	size := 0
	for _, p := range pages {
		size += len(p.Body)
	}
	urls := batchtest.URLs(srv, pages)
	if err := os.WriteFile(list, []byte(strings.Join(urls, "\n")+"\n"), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "benchpages: %d pages from %d documents, %.1f MB of HTML, on %s\n",
		n, len(bases), float64(size)/(1<<20), srv.URL)
	_, _ = io.Copy(io.Discard, os.Stdin) // serve until stdin closes
	return nil
}
