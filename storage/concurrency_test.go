package storage

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"
)

// TestConcurrentWritesLoseNothing has many goroutines write different files of the same briefs, and
// the same file with compare-and-set retries: every acknowledged write must be there, versions must
// only go up, and the briefs must keep their expiry.
func TestConcurrentWritesLoseNothing(t *testing.T) {
	const (
		briefs       = 3
		sectionWrite = 12 // versions each section writer writes
		counters     = 6  // goroutines incrementing one shared file per brief
		increments   = 12 // increments per counter goroutine
	)
	for _, tg := range targets {
		t.Run(tg.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			rdb := tg.client(t)
			s := newStore(t, rdb, Options{TTL: time.Hour})
			var created []Summary
			for range briefs {
				created = append(created, mustCreate(t, ctx, s, NewSession{Sections: queued()}))
			}
			expiry := map[string]int64{}
			for _, b := range created {
				expiry[b.ID] = expiryTimes(t, rdb, s.metaKey(b.ID))[0]
			}

			var wg sync.WaitGroup
			errs := make(chan error, briefs*(len(sections)+counters))
			for _, b := range created {
				for _, sec := range sections {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for v := int64(1); v <= sectionWrite; v++ {
							status := SectionRunning
							if v == sectionWrite {
								status = SectionDone
							}
							f, err := s.WriteFile(ctx, b.ID, sec, fmt.Appendf(nil, `{"v":%d}`, v),
								WriteOptions{ExpectVersion: v - 1, Fields: SectionFields(sec, status, "")})
							if err != nil {
								errs <- fmt.Errorf("%s v%d: %w", sec, v, err)
								return
							}
							if f.Version != v {
								errs <- fmt.Errorf("%s: write %d got version %d", sec, v, f.Version)
								return
							}
						}
					}()
				}
				for g := range counters {
					wg.Add(1)
					go func() {
						defer wg.Done()
						last := int64(0)
						for range increments {
							v, err := increment(s, b.ID, g)
							if err != nil {
								errs <- err
								return
							}
							if v <= last {
								errs <- fmt.Errorf("counter version went from %d to %d", last, v)
								return
							}
							last = v
						}
					}()
				}
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
			for _, b := range created {
				sess, err := s.ReadSession(ctx, b.ID)
				if err != nil {
					t.Fatal(err)
				}
				c := sess.Files["counter"]
				if string(c.Data) != strconv.Itoa(counters*increments) || c.Version != counters*increments {
					t.Errorf("counter = %q at version %d; want %d at %d (lost increments)", c.Data, c.Version, counters*increments, counters*increments)
				}
				for _, sec := range sections {
					if f := sess.Files[sec]; f.Version != sectionWrite || string(f.Data) != fmt.Sprintf(`{"v":%d}`, sectionWrite) {
						t.Errorf("%s = %q at version %d; want the last write", sec, f.Data, f.Version)
					}
				}
				if want := int64(1 + len(sections)*sectionWrite + counters*increments); sess.Versions != want {
					t.Errorf("brief counts %d versions, want %d", sess.Versions, want)
				}
				if sess.Status != BriefDone {
					t.Errorf("brief status %q after every section is done, want done", sess.Status)
				}
				keys := []string{"input", "counter", "counter:71"}
				for _, sec := range sections {
					keys = append(keys, sec, fmt.Sprint(sec, ":", sectionWrite-1))
				}
				for i, e := range expiryTimes(t, rdb, briefKeys(s, b.ID, keys...)...) {
					if e != expiry[b.ID] {
						t.Errorf("key %d of brief expires at %d, want %d as at creation", i, e, expiry[b.ID])
					}
				}
			}
			done, _, err := s.ListAll(ctx, Filter{Status: BriefDone}, "", 10)
			if err != nil || len(done) != briefs {
				t.Errorf("done briefs listed: %d, %v; want %d", len(done), err, briefs)
			}
		})
	}
}

// increment adds one to the brief's counter file with compare-and-set, retrying on conflicts, and
// returns the version it wrote.
func increment(s *Store, id string, g int) (int64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for attempt := 0; attempt < 2000; attempt++ {
		n, version := 0, int64(0)
		f, err := s.ReadFile(ctx, id, "counter")
		switch {
		case err == nil:
			version = f.Version
			if n, err = strconv.Atoi(string(f.Data)); err != nil {
				return 0, err
			}
		case !errors.Is(err, ErrNotFound):
			return 0, err
		}
		w, err := s.WriteFile(ctx, id, "counter", []byte(strconv.Itoa(n+1)), WriteOptions{ExpectVersion: version})
		if errors.Is(err, ErrConflict) {
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("counter goroutine %d: %w", g, err)
		}
		return w.Version, nil
	}
	return 0, fmt.Errorf("counter goroutine %d: no successful write in 2000 attempts", g)
}
