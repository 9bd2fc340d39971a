package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"genesis/storage"
)

// TestSoak runs mixed load against one Genesis for GENESIS_SOAK (e.g. 10m) and reports, minute by
// minute, errors, latency, heap, goroutines and Redis memory. It is run by `make soak`, not by
// `make test`. Briefs live BRIEF_TTL=2m here, so Redis memory must level off once the first ones
// expire, while new briefs keep coming; the decoded-file cache is kept small for the same reason.
func TestSoak(t *testing.T) {
	length, err := time.ParseDuration(os.Getenv("GENESIS_SOAK"))
	if err != nil {
		t.Skip("set GENESIS_SOAK to a duration (make soak) to run the soak test")
	}
	const (
		rate      = 40 // requests per second, all kinds
		workers   = 8
		createsPS = 1 // new briefs per second, beside the mix
	)
	// A small read cache fills within the first minute, so any heap growth after it is a leak.
	a := startApp(t, map[string]string{"BRIEF_TTL": "2m", "GENERATE_RATE_PER_MIN": "100000", "LOG_LEVEL": "warn", "READ_CACHE_MB": "2"})
	o := newOwner(t)
	o.signUp(a.base, "soak@example.com")
	csrf := o.csrf(a.base)
	var ids []string
	for i := 0; i < 20; i++ {
		id, _, err := o.createBrief(a.base, csrf, fmt.Sprintf("Soak %d", i))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	rdb := redisClient(t, a.dataDir)

	type sample struct {
		kind string
		took time.Duration
		ok   bool
	}
	samples := make(chan sample, 1024)
	ctx, cancel := context.WithTimeout(context.Background(), length)
	defer cancel()

	var idsMu sync.Mutex
	pick := func() string {
		idsMu.Lock()
		defer idsMu.Unlock()
		return ids[rand.IntN(len(ids))]
	}
	tick := time.NewTicker(time.Second / rate)
	defer tick.Stop()
	jobs := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range jobs {
				kind, r := "list", rand.IntN(100)
				start := time.Now()
				var status int
				var err error
				switch {
				case r < 60:
					status, _, err = timedGet(o.http, a.base+"/briefs")
				case r < 90:
					kind = "view"
					status, _, err = timedGet(o.http, a.base+"/briefs/"+pick())
				default:
					kind = "regenerate"
					status, _, err = o.post(a.base, "/briefs/"+pick()+"/sections/seo_optimization/regenerate", url.Values{}, csrf)
				}
				ok := err == nil && (status == http.StatusOK || status == http.StatusSeeOther)
				samples <- sample{kind, time.Since(start), ok}
			}
		}()
	}
	// New briefs replace the expiring ones, so views keep finding briefs.
	go func() {
		t := time.NewTicker(time.Second / createsPS)
		defer t.Stop()
		for i := 0; ; i++ {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			if id, _, err := o.createBrief(a.base, csrf, fmt.Sprintf("Fresh %d", i)); err == nil {
				idsMu.Lock()
				ids = append(ids[max(0, len(ids)-100):], id)
				idsMu.Unlock()
			}
		}
	}()
	go func() {
		defer close(jobs)
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				select {
				case jobs <- struct{}{}:
				default: // workers busy: the load stays bounded rather than queueing
				}
			}
		}
	}()
	go func() {
		wg.Wait()
		close(samples)
	}()

	minute := time.NewTicker(time.Minute)
	defer minute.Stop()
	var lat []time.Duration
	var n, failed int
	report := func(m int) {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		info, _ := storage.ReadServerInfo(context.Background(), rdb, storage.Standalone)
		slices.Sort(lat)
		p := func(q float64) time.Duration {
			if len(lat) == 0 {
				return 0
			}
			return lat[int(q*float64(len(lat)-1))]
		}
		t.Logf("minute %2d: %5d requests, %d errors, p50 %6.1f ms, p99 %6.1f ms, heap %5.1f MiB, goroutines %4d, redis %5.1f MiB, %d keys",
			m, n, failed, ms2(p(0.5)), ms2(p(0.99)), float64(ms.HeapAlloc)/(1<<20), runtime.NumGoroutine(),
			float64(info.UsedMemory)/(1<<20), info.KeysPerDB["db0"])
		lat, n, failed = lat[:0], 0, 0
	}
	t.Logf("soak: %v at %d req/s (list 60%%, view 30%%, regenerate 10%%) plus %d new brief/s, BRIEF_TTL 2m", length, rate, createsPS)
	var totalFailed int
	for m := 1; ; {
		select {
		case s, ok := <-samples:
			if !ok {
				report(m)
				if totalFailed > 0 {
					t.Errorf("%d requests failed during the soak", totalFailed)
				}
				return
			}
			n++
			lat = append(lat, s.took)
			if !s.ok {
				failed++
				totalFailed++
			}
		case <-minute.C:
			report(m)
			m++
		}
	}
}

func ms2(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
