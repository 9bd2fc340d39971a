package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"genesis/storage/redistest"
)

// Benchmarks run only with -bench. Each reports p50/p99 latencies and, where it compares with a
// baseline, the baseline in the same run on the same server. Commands and figures: BENCHMARKS.md.

// latencies collects call durations from parallel goroutines.
type latencies struct {
	mu  sync.Mutex
	all []time.Duration
}

func (l *latencies) add(d []time.Duration) {
	l.mu.Lock()
	l.all = append(l.all, d...)
	l.mu.Unlock()
}

func (l *latencies) report(b *testing.B, elapsed time.Duration) {
	if len(l.all) == 0 {
		return
	}
	slices.Sort(l.all)
	pct := func(p float64) float64 {
		return float64(l.all[int(float64(len(l.all)-1)*p)].Microseconds())
	}
	b.ReportMetric(pct(0.50), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
	b.ReportMetric(float64(len(l.all))/elapsed.Seconds(), "ops/s")
}

// serverCost reports the CPU time the Redis process spent per operation (INFO cpu: user and
// system, main and background threads) while run ran b.N operations: what the server spends,
// whatever the client spends. It counts reading, parsing, replies and the append-only file, which
// per-command statistics leave out.
func serverCost(b *testing.B, rdb redis.UniversalClient, run func()) {
	ctx := context.Background()
	before := redisCPU(b, ctx, rdb)
	run()
	b.ReportMetric((redisCPU(b, ctx, rdb)-before)*1e6/float64(b.N), "redis-cpu-µs/op")
}

// redisCPU is the CPU time in seconds the Redis server used so far.
func redisCPU(b *testing.B, ctx context.Context, rdb redis.UniversalClient) float64 {
	raw, err := rdb.Info(ctx, "cpu").Result()
	if err != nil {
		b.Fatal(err)
	}
	var total float64
	for _, line := range strings.Split(raw, "\r\n") {
		k, v, _ := strings.Cut(line, ":")
		if k == "used_cpu_sys" || k == "used_cpu_user" {
			var n float64
			fmt.Sscan(v, &n)
			total += n
		}
	}
	return total
}

// timed runs one call per iteration on parallelism×GOMAXPROCS goroutines and reports latencies
// and throughput; call gets the goroutine's number.
func timed(b *testing.B, parallelism int, call func(g int) error) {
	var lat latencies
	var next atomic.Int64
	b.SetParallelism(parallelism)
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		g := int(next.Add(1) - 1)
		local := make([]time.Duration, 0, 1024)
		for pb.Next() {
			t0 := time.Now()
			if err := call(g); err != nil {
				b.Error(err)
				return
			}
			local = append(local, time.Since(t0))
		}
		lat.add(local)
	})
	elapsed := time.Since(start)
	b.StopTimer()
	lat.report(b, elapsed)
}

// timedSerial runs one call per iteration, one after the other, and reports latencies and
// throughput.
func timedSerial(b *testing.B, call func() error) {
	var lat latencies
	local := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		t0 := time.Now()
		if err := call(); err != nil {
			b.Fatal(err)
		}
		local = append(local, time.Since(t0))
	}
	elapsed := time.Since(start)
	b.StopTimer()
	lat.add(local)
	lat.report(b, elapsed)
}

// testBrief is a brief the builtin agents wrote (testdata/brief.json): the input and the five
// sections as the orchestrator stores them.
func testBrief(tb testing.TB) map[string][]byte {
	tb.Helper()
	raw, err := os.ReadFile("testdata/brief.json")
	if err != nil {
		tb.Fatal(err)
	}
	var files map[string]json.RawMessage
	if err := json.Unmarshal(raw, &files); err != nil {
		tb.Fatal(err)
	}
	out := map[string][]byte{}
	for name, f := range files {
		var buf bytes.Buffer
		if err := json.Compact(&buf, f); err != nil {
			tb.Fatal(err)
		}
		out[name] = buf.Bytes()
	}
	return out
}

// twentyKB is 20 KB of brief JSON: the brief's files one after another.
func twentyKB(tb testing.TB) []byte {
	var all []byte
	brief := testBrief(tb)
	for _, name := range slices.Sorted(maps.Keys(brief)) {
		all = append(all, brief[name]...)
	}
	return all[:20<<10]
}

const benchParallelism = 8 // 8 × GOMAXPROCS goroutines

// writeSweep are the numbers of concurrent callers at which the managed server's writes are also
// measured: with fsync always, few callers leave Redis waiting on the disk and many leave the
// client compressing. 8 is how many agents one instance runs at once by default.
var writeSweep = []int{4, 8, 64}

// BenchmarkFileIO reads and writes a 20 KB brief file through the Store and, as the baseline, GETs
// and SETs the same 20 KB with go-redis on the same server at the same concurrency. "managed" is
// the embedded default (AOF, fsync always); "memory" has no persistence, so Redis CPU and the
// client are all that is measured; "random" is incompressible content. "compressed-set" SETs the
// value as WriteFile would store it, compressed in the call: the most any write that compresses
// can reach here, without compare-and-set, history or accounting.
func BenchmarkFileIO(b *testing.B) {
	configs := []struct {
		name string
		args []string
		data func(testing.TB) []byte
	}{
		{"managed", nil, twentyKB},
		{"memory", []string{"--appendonly", "no"}, twentyKB},
		{"memory-random", []string{"--appendonly", "no"}, func(testing.TB) []byte { return randomBytes(20 << 10) }},
	}
	for _, c := range configs {
		b.Run(c.name, func(b *testing.B) {
			_, rdb := redistest.Private(b, c.args...)
			ctx := context.Background()
			s := New(rdb, Options{Prefix: "bench"})
			// uncached reads every value as if for the first time: what a read costs before the
			// decoded-file cache has seen the file.
			uncached := New(rdb, Options{Prefix: "bench", ReadCacheBytes: -1})
			data := c.data(b)
			goroutines := max(benchParallelism*runtime.GOMAXPROCS(0), slices.Max(writeSweep))
			var briefs []string
			for range goroutines {
				sum, err := s.WriteSession(ctx, NewSession{OwnerID: "bench", Files: map[string][]byte{"content_generation": data}})
				if err != nil {
					b.Fatal(err)
				}
				briefs = append(briefs, sum.ID)
				if err := rdb.Set(ctx, "raw:"+sum.ID, data, time.Hour).Err(); err != nil {
					b.Fatal(err)
				}
			}
			// Each goroutine owns one brief; the versions survive from one b.N round to the next.
			versions := make([]atomic.Int64, len(briefs))
			for i := range versions {
				versions[i].Store(1)
			}
			ops := map[string]func(g int) error{
				"raw-set": func(g int) error {
					return rdb.Set(ctx, "raw:"+briefs[g%len(briefs)], data, time.Hour).Err()
				},
				"compressed-set": func(g int) error {
					value := s.storedValue(versions[g%len(briefs)].Load()+1, time.Now(), data)
					return rdb.Set(ctx, "compressed:"+briefs[g%len(briefs)], value, time.Hour).Err()
				},
				"store-write": func(g int) error {
					// As the orchestrator writes: compare-and-set on the version it last saw.
					id := briefs[g%len(briefs)]
					f, err := s.WriteFile(ctx, id, "content_generation", data, WriteOptions{ExpectVersion: versions[g%len(briefs)].Load()})
					if err == nil {
						versions[g%len(briefs)].Store(f.Version)
					}
					return err
				},
				"raw-get": func(g int) error {
					got, err := rdb.Get(ctx, "raw:"+briefs[g%len(briefs)]).Bytes()
					if err == nil && len(got) != len(data) {
						err = fmt.Errorf("GET gave %d bytes", len(got))
					}
					return err
				},
				"store-read": func(g int) error {
					f, err := s.ReadFile(ctx, briefs[g%len(briefs)], "content_generation")
					if err == nil && len(f.Data) != len(data) {
						err = fmt.Errorf("ReadFile gave %d bytes", len(f.Data))
					}
					return err
				},
				"store-read-uncached": func(g int) error {
					f, err := uncached.ReadFile(ctx, briefs[g%len(briefs)], "content_generation")
					if err == nil && len(f.Data) != len(data) {
						err = fmt.Errorf("ReadFile gave %d bytes", len(f.Data))
					}
					return err
				},
			}
			measure := func(label, name string, parallelism int) {
				b.Run(label, func(b *testing.B) {
					serverCost(b, rdb, func() { timed(b, parallelism, ops[name]) })
				})
			}
			// Reads first: thousands of writes make the managed server rewrite its AOF in the
			// background, which would slow whatever runs next.
			for _, name := range []string{"raw-get", "store-read", "store-read-uncached", "raw-set", "compressed-set", "store-write"} {
				measure(name, name, benchParallelism)
			}
			if c.args != nil {
				return
			}
			for _, callers := range writeSweep {
				for _, name := range []string{"raw-set", "compressed-set", "store-write"} {
					measure(fmt.Sprintf("%s-%dcallers", name, callers), name, max(1, callers/runtime.GOMAXPROCS(0)))
				}
			}
		})
	}
}

// BenchmarkListUserSessions lists one user's 20 briefs with 1,000,000 other keys in Redis, from the
// user's index, and as the baseline the older service's way: SCAN the keyspace for brief keys,
// GET each and keep the user's.
func BenchmarkListUserSessions(b *testing.B) {
	_, rdb := redistest.Private(b, "--appendonly", "no", "--enable-debug-command", "local")
	ctx := context.Background()
	if err := rdb.Do(ctx, "DEBUG", "POPULATE", 1_000_000, "other", 100).Err(); err != nil {
		b.Fatal(err)
	}
	s := New(rdb, Options{Prefix: "genesis"})
	brief := testBrief(b)
	for i := range 20 {
		sum, err := s.WriteSession(ctx, NewSession{
			OwnerID: "alice", BusinessName: fmt.Sprint("Bakery ", i), Sector: "bakery", City: "Lyon",
			Files: map[string][]byte{"input": brief["input"]}, Sections: queued(),
		})
		if err != nil {
			b.Fatal(err)
		}
		// The older service's layout: one JSON document per brief.
		doc, _ := json.Marshal(map[string]any{"session_id": sum.ID, "user_id": "alice", "input": json.RawMessage(brief["input"])})
		if err := rdb.Set(ctx, "session:"+sum.ID, doc, time.Hour).Err(); err != nil {
			b.Fatal(err)
		}
	}
	dbsize, _ := rdb.DBSize(ctx).Result()
	b.Logf("keys in Redis: %d", dbsize)
	b.Run("index", func(b *testing.B) {
		timedSerial(b, func() error {
			list, _, err := s.ListUserSessions(ctx, "alice", "", 20)
			if err == nil && len(list) != 20 {
				err = fmt.Errorf("listed %d briefs", len(list))
			}
			return err
		})
	})
	b.Run("scan-baseline", func(b *testing.B) {
		timedSerial(b, func() error {
			n, err := scanListing(ctx, rdb, "alice")
			if err == nil && n != 20 {
				err = fmt.Errorf("listed %d briefs", n)
			}
			return err
		})
	})
}

// scanListing is the older service's listing: SCAN every key, GET the brief documents, keep the
// user's.
func scanListing(ctx context.Context, rdb redis.UniversalClient, user string) (int, error) {
	n := 0
	iter := rdb.Scan(ctx, 0, "session:*", 1000).Iterator()
	for iter.Next(ctx) {
		doc, err := rdb.Get(ctx, iter.Val()).Bytes()
		if err != nil {
			return 0, err
		}
		var d struct {
			UserID string `json:"user_id"`
		}
		if json.Unmarshal(doc, &d) == nil && d.UserID == user {
			n++
		}
	}
	return n, iter.Err()
}

// BenchmarkListAll pages through the admin listing with 100,000 briefs of 5,000 owners seeded
// (BENCH_BRIEFS overrides the count), for filters of different selectivity.
func BenchmarkListAll(b *testing.B) {
	n := 100_000
	if v := os.Getenv("BENCH_BRIEFS"); v != "" {
		fmt.Sscan(v, &n)
	}
	_, rdb := redistest.Private(b, "--appendonly", "no")
	ctx := context.Background()
	s := New(rdb, Options{Prefix: "genesis", Timeout: 10 * time.Second})
	start := time.Now()
	if err := seedBriefs(ctx, s, n); err != nil {
		b.Fatal(err)
	}
	info, err := ReadServerInfo(ctx, rdb, Standalone)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %d briefs in %v; Redis uses %d MB", n, time.Since(start).Round(time.Millisecond), info.UsedMemory>>20)
	sample, _, err := s.ListAll(ctx, Filter{Sector: "florist"}, "", 1)
	if err != nil || len(sample) == 0 {
		b.Fatalf("sample: %v, %v", sample, err)
	}
	owner := sample[0].OwnerID
	week := time.Now().Add(-2 * 24 * time.Hour)
	filters := []struct {
		name string
		f    Filter
	}{
		{"all", Filter{Desc: true}},
		{"sector", Filter{Sector: "florist", Desc: true}},
		{"status-failed", Filter{Status: BriefFailed, Desc: true}},
		{"sector+status", Filter{Sector: "florist", Status: BriefGenerating}},
		{"owner", Filter{OwnerID: owner, Desc: true}},
		{"created-range", Filter{CreatedFrom: week, CreatedTo: week.Add(6 * time.Hour)}},
		{"expiry", Filter{Sort: SortExpiry}},
		{"sector-by-expiry", Filter{Sector: "florist", Sort: SortExpiry}},
		{"owner+sector-by-expiry", Filter{OwnerID: owner, Sector: "florist", Sort: SortExpiry}},
	}
	for _, tt := range filters {
		b.Run(tt.name, func(b *testing.B) {
			// Every iteration reads one page of 20; every tenth starts over, the others go on
			// from the previous page's cursor.
			cursor := ""
			i := 0
			timedSerial(b, func() error {
				if i%10 == 0 {
					cursor = ""
				}
				i++
				list, next, err := s.ListAll(ctx, tt.f, cursor, 20)
				if err == nil && cursor == "" && len(list) == 0 {
					err = fmt.Errorf("first page of %+v is empty", tt.f)
				}
				cursor = next
				return err
			})
		})
	}
}

var benchSectors = []string{"bakery", "florist", "plumber", "restaurant", "hair_salon", "bookshop", "gym", "dentist", "garage", "cafe"}

// seedBriefs writes n small briefs and their index entries with pipelined script calls, the way
// WriteSession does one at a time: 5,000 owners, ten sectors, statuses 80% done, 15% generating,
// 5% failed, created over the last five days.
func seedBriefs(ctx context.Context, s *Store, n int) error {
	for _, sc := range []*redis.Script{s.scripts.create, s.scripts.indexSync} {
		if err := sc.Load(ctx, s.rdb).Err(); err != nil {
			return err
		}
	}
	input := []byte(`{"business_name":"Seeded","sector":"bakery","location":{"city":"Lyon","country":"France"}}`)
	now := time.Now()
	const batch = 1000
	for from := 0; from < n; from += batch {
		_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i := from; i < min(from+batch, n); i++ {
				created := now.Add(-5 * 24 * time.Hour).Add(time.Duration(i) * (5 * 24 * time.Hour / time.Duration(n)))
				sum := Summary{
					ID: newID(), OwnerID: fmt.Sprintf("owner%04d", i%5000), Sector: benchSectors[i%len(benchSectors)],
					CreatedAt: time.UnixMilli(created.UnixMilli()), ExpiresAt: time.UnixMilli(created.Add(DefaultTTL).UnixMilli()),
					Status: BriefDone, seq: 1,
				}
				st := SectionDone
				switch {
				case i%20 == 7:
					sum.Status, st = BriefFailed, SectionFailed
				case i%20 < 3:
					sum.Status, st = BriefGenerating, SectionRunning
				}
				args := []any{newOp(), sum.ExpiresAt.UnixMilli(), s.opts.MaxBriefSize, s.filePrefix(sum.ID), 0}
				fields := []any{"owner", sum.OwnerID, "created", sum.CreatedAt.UnixMilli(),
					"status", string(sum.Status), "seq", 1, FieldBusinessName, fmt.Sprint("Business ", i), FieldSector, sum.Sector,
					FieldCity, "Lyon", FieldCountry, "France", FieldLanguage, "en"}
				for _, sec := range sections {
					fields = append(fields, StatusField(sec), string(st), "since:"+sec, sum.CreatedAt.UnixMilli())
				}
				args[4] = len(fields) / 2
				args = append(args, fields...)
				value := s.storedValue(1, sum.CreatedAt, input)
				args = append(args, "input", value)
				p.EvalSha(ctx, s.scripts.create.Hash(), []string{s.metaKey(sum.ID)}, args...)
				sum.StoredBytes = int64(len(value))
				p.ZAdd(ctx, s.userKey(sum.OwnerID), redis.Z{Score: float64(sum.CreatedAt.UnixMilli()), Member: sum.ID})
				p.EvalSha(ctx, s.scripts.indexSync.Hash(), []string{
					s.idxKey("all"), s.idxKey("exp"), s.statusKey(BriefGenerating), s.statusKey(BriefDone), s.statusKey(BriefFailed),
					s.idxKey("rec"), s.idxKey("bytes"), s.sectorKey(sum.Sector),
				}, sum.ID, sum.CreatedAt.UnixMilli(), sum.ExpiresAt.UnixMilli(), string(sum.Status), sum.StoredBytes,
					sum.OwnerID, sum.Sector, s.sectorKey(""), 1)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkCodec is the client's share of a write and of a first read of the 20 KB file of
// BenchmarkFileIO: encoding it as WriteFile stores it, and decoding that value.
func BenchmarkCodec(b *testing.B) {
	s := New(nil, Options{})
	data := twentyKB(b)
	value := s.storedValue(1, time.Now(), data)
	b.Run("encode", func(b *testing.B) {
		for b.Loop() {
			s.storedValue(1, time.Now(), data)
		}
		b.ReportMetric(float64(len(value)), "stored-bytes")
	})
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.decodeStored(value); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkBriefStoredSize stores the builtin agents' brief (input and five sections, the logo
// with its SVG) and reports what it takes in Redis against the same brief as one plain JSON
// document, the older service's layout.
func BenchmarkBriefStoredSize(b *testing.B) {
	rdb := redistest.Standalone(b)
	ctx := context.Background()
	s := New(rdb, Options{Prefix: redistest.Prefix(b)})
	brief := testBrief(b)
	doc := map[string]json.RawMessage{}
	for name, f := range brief {
		doc[name] = f
	}
	plain, err := json.Marshal(doc)
	if err != nil {
		b.Fatal(err)
	}
	var sum Summary
	for b.Loop() {
		if sum, err = s.WriteSession(ctx, NewSession{OwnerID: "bench", Files: brief}); err != nil {
			b.Fatal(err)
		}
	}
	if err := rdb.Set(ctx, s.Prefix()+":plain", plain, time.Hour).Err(); err != nil {
		b.Fatal(err)
	}
	memory := func(keys ...string) int64 {
		var n int64
		for _, k := range keys {
			m, err := rdb.MemoryUsage(ctx, k, 0).Result()
			if err != nil {
				b.Fatal(err)
			}
			n += m
		}
		return n
	}
	keys := []string{s.metaKey(sum.ID)}
	for name := range brief {
		keys = append(keys, s.fileKey(sum.ID, name))
	}
	briefMem := memory(keys...)
	plainMem := memory(s.Prefix() + ":plain")
	b.ReportMetric(float64(len(plain)), "json-bytes")
	b.ReportMetric(float64(sum.StoredBytes), "stored-bytes")
	b.ReportMetric(100*float64(sum.StoredBytes)/float64(len(plain)), "stored-%")
	b.ReportMetric(float64(briefMem), "redis-mem-bytes")
	b.ReportMetric(100*float64(briefMem)/float64(plainMem), "redis-mem-%")
	if !strings.Contains(string(brief["logo_creation"]), "svg") {
		b.Error("the test brief has no SVG logo")
	}
}
