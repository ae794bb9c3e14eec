package batch_test

import (
	"context"
	"io"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/fineprint/fineprint/audit/batch"
	"github.com/fineprint/fineprint/audit/batch/batchtest"
	"github.com/fineprint/fineprint/audit/report"
)

// BenchmarkBatch1000 audits 1,000 real-looking terms pages served on
// loopback with the default concurrency, streaming JSON Lines the way
// `fineprint audit --format jsonl` does. It reports pages/s, MB/s of HTML,
// and the peak Go heap (which includes the server's pages, held in memory).
// scripts/bench-batch.sh measures the same through the CLI binary.
func BenchmarkBatch1000(b *testing.B) {
	bases, err := batchtest.Bases(offers, "../../../shared/corpus/ota")
	if err != nil {
		b.Fatal(err)
	}
	pages := batchtest.Pages(1000, bases)
	srv := batchtest.NewServer(pages)
	defer srv.Close()
	items := batch.Expand(batchtest.URLs(srv, pages))
	size := 0
	for _, p := range pages {
		size += len(p.Body)
	}
	opts := batch.Options{Rules: builtin(b)}
	peak := watchHeap(b)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		out := report.NewJSONL(io.Discard, report.Tool{Name: "fineprint", Version: "bench"})
		err := batch.Run(context.Background(), items, opts, func(r batch.Result) error {
			if r.Report.Error != nil {
				b.Fatalf("%s", *r.Report.Error)
			}
			return out.Write(r.Report)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(pages))/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MB")
}

// watchHeap samples the Go heap until the benchmark ends and returns a
// function giving the largest sample.
func watchHeap(b *testing.B) func() uint64 {
	var mu sync.Mutex
	var top uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				runtime.ReadMemStats(&ms)
				mu.Lock()
				top = max(top, ms.HeapAlloc)
				mu.Unlock()
			}
		}
	})
	b.Cleanup(func() { close(done); wg.Wait() })
	return func() uint64 {
		mu.Lock()
		defer mu.Unlock()
		return top
	}
}
