package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"

	"genesis/storage/redistest"
)

// TestAcknowledgedWritesSurviveKill writes from several goroutines to a redis-server with the
// managed settings (AOF, fsync always), kills it with SIGKILL mid-stream and lets its supervisor
// restart it: every write that was acknowledged must be there afterwards.
func TestAcknowledgedWritesSurviveKill(t *testing.T) {
	t.Parallel()
	srv, rdb := redistest.Private(t)
	ctx := testContext(t)
	s := newStore(t, rdb, Options{Timeout: 2 * time.Second})
	var briefs []Summary
	for range 4 {
		briefs = append(briefs, mustCreate(t, ctx, s, NewSession{Sections: queued()}))
	}
	type ack struct {
		version int64
		data    []byte
	}
	var mu sync.Mutex
	acked := map[string]ack{} // brief/file -> last acknowledged write
	var ackedBefore, ackedAfter, unavailable int
	killed := make(chan struct{})
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for _, b := range briefs {
		for _, sec := range sections {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					data := fmt.Appendf(nil, `{"section":%q,"write":%d}`, sec, i)
					f, err := s.WriteFile(ctx, b.ID, sec, data, WriteOptions{ExpectVersion: AnyVersion, Fields: SectionFields(sec, SectionRunning, "")})
					mu.Lock()
					switch {
					case err == nil:
						acked[b.ID+"/"+sec] = ack{f.Version, data}
						select {
						case <-killed:
							ackedAfter++
						default:
							ackedBefore++
						}
					case errors.Is(err, ErrUnavailable):
						unavailable++
					default:
						t.Errorf("write during the outage: %v (want ErrUnavailable)", err)
					}
					mu.Unlock()
					if err != nil {
						time.Sleep(20 * time.Millisecond)
					}
				}
			}()
		}
	}
	time.Sleep(300 * time.Millisecond)
	pid := srv.PID()
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	close(killed)
	// Wait for the restarted server to take writes again, then a little more.
	deadline := time.Now().Add(20 * time.Second)
	for {
		mu.Lock()
		n := ackedAfter
		mu.Unlock()
		if n > 20 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no acknowledged writes within 20s of the kill")
		}
		time.Sleep(20 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	if srv.PID() == pid {
		t.Fatal("the server was not restarted")
	}
	t.Logf("acknowledged %d writes before the kill, %d after; %d refused as unavailable", ackedBefore, ackedAfter, unavailable)
	if ackedBefore == 0 {
		t.Fatal("nothing was written before the kill")
	}
	for key, a := range acked {
		id, sec, _ := bytes.Cut([]byte(key), []byte("/"))
		f, err := s.ReadFile(ctx, string(id), string(sec))
		if err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		if f.Version < a.version || f.Version == a.version && !bytes.Equal(f.Data, a.data) {
			t.Errorf("%s: found version %d %q, acknowledged version %d %q", key, f.Version, f.Data, a.version, a.data)
		}
	}
	for _, b := range briefs {
		if _, err := s.ReadSession(ctx, b.ID); err != nil {
			t.Errorf("brief %s after restart: %v", b.ID, err)
		}
	}
}

// TestHungRedisAnswersWithinTimeout stops the server (SIGSTOP): calls must fail with ErrUnavailable
// within their bound, and work again once it continues.
func TestHungRedisAnswersWithinTimeout(t *testing.T) {
	t.Parallel()
	srv, rdb := redistest.Private(t)
	ctx := testContext(t)
	// The brief is made with the suite's generous bound (a loaded machine may need it); the calls
	// under test have 300 ms.
	setup := newStore(t, rdb, Options{})
	b := mustCreate(t, ctx, setup, NewSession{})
	s := New(rdb, Options{Prefix: setup.Prefix(), Timeout: 300 * time.Millisecond})
	if err := syscall.Kill(srv.PID(), syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	calls := map[string]func() error{
		"read": func() error { _, err := s.ReadSession(ctx, b.ID); return err },
		"write": func() error {
			_, err := s.WriteFile(ctx, b.ID, "input", []byte("x"), WriteOptions{ExpectVersion: AnyVersion})
			return err
		},
		"list":   func() error { _, _, err := s.ListUserSessions(ctx, "owner1", "", 10); return err },
		"health": func() error { return s.HealthCheck(ctx) },
	}
	for name, call := range calls {
		start := time.Now()
		err := call()
		if took := time.Since(start); took > time.Second {
			t.Errorf("%s took %v with Redis hung, want about the 300ms bound", name, took)
		}
		if !errors.Is(err, ErrUnavailable) {
			t.Errorf("%s with Redis hung: err = %v, want ErrUnavailable", name, err)
		}
	}
	if err := syscall.Kill(srv.PID(), syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for s.HealthCheck(ctx) != nil {
		if time.Now().After(deadline) {
			t.Fatal("no recovery within 5s of SIGCONT")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if _, err := setup.ReadSession(ctx, b.ID); err != nil {
		t.Errorf("read after recovery: %v", err)
	}
}

func TestRedisDownIsUnavailable(t *testing.T) {
	t.Parallel()
	rdb := redis.NewClient(&redis.Options{Network: "unix", Addr: "/nonexistent/redis.sock", MaxRetries: -1})
	defer rdb.Close()
	s := New(rdb, Options{Timeout: 300 * time.Millisecond})
	ctx := testContext(t)
	if _, err := s.ReadFile(ctx, newID(), "input"); !errors.Is(err, ErrUnavailable) {
		t.Errorf("ReadFile with Redis down: err = %v, want ErrUnavailable", err)
	}
	if _, err := s.WriteSession(ctx, NewSession{OwnerID: "u"}); !errors.Is(err, ErrUnavailable) {
		t.Errorf("WriteSession with Redis down: err = %v, want ErrUnavailable", err)
	}
	if err := s.HealthCheck(ctx); !errors.Is(err, ErrUnavailable) {
		t.Errorf("HealthCheck with Redis down: err = %v, want ErrUnavailable", err)
	}
}

// TestFullRedisRefusesWritesAndKeepsBriefs fills a server under noeviction: writes fail with
// ErrFull, nothing is half-written, reads and deletes still work, and writes work again once
// space is freed.
func TestFullRedisRefusesWritesAndKeepsBriefs(t *testing.T) {
	t.Parallel()
	_, rdb := redistest.Private(t)
	ctx := testContext(t)
	s := newStore(t, rdb, Options{})
	keep := mustCreate(t, ctx, s, NewSession{Sections: queued()})
	filler := mustCreate(t, ctx, s, NewSession{})
	for i := range 3 {
		if _, err := s.WriteFile(ctx, filler.ID, fmt.Sprintf("blob%d", i), randomBytes(500<<10), WriteOptions{ExpectVersion: 0}); err != nil {
			t.Fatal(err)
		}
	}
	// Full: the limit below what is used, as when data grew up to it. (Filling up to the limit
	// byte by byte is not deterministic: Redis frees client buffers on its own schedule.)
	used, err := rdb.MemoryUsage(ctx, s.fileKey(filler.ID, "blob0")).Result()
	if err != nil {
		t.Fatal(err)
	}
	info, err := ReadServerInfo(ctx, rdb, Standalone)
	if err != nil {
		t.Fatal(err)
	}
	if err := rdb.ConfigSet(ctx, "maxmemory", fmt.Sprint(info.UsedMemory-used/2)).Err(); err != nil {
		t.Fatal(err)
	}
	before, err := s.ReadSession(ctx, keep.ID)
	if err != nil {
		t.Fatalf("read with Redis full: %v", err)
	}
	refused := map[string]error{
		"write file": func() error {
			_, err := s.WriteFile(ctx, keep.ID, "market_research", []byte(`{"x":1}`),
				WriteOptions{ExpectVersion: AnyVersion, Fields: SectionFields("market_research", SectionDone, "")})
			return err
		}(),
		"update fields": func() error {
			_, err := s.UpdateFields(ctx, keep.ID, SectionFields("market_research", SectionRunning, ""))
			return err
		}(),
		"create": func() error { _, err := s.WriteSession(ctx, NewSession{OwnerID: "u"}); return err }(),
		"lease":  func() error { _, err := s.AcquireLease(ctx, keep.ID, "market_research", "w", time.Minute); return err }(),
	}
	for name, err := range refused {
		if !errors.Is(err, ErrFull) {
			t.Errorf("%s with Redis full: err = %v, want ErrFull", name, err)
		}
	}
	after, err := s.ReadSession(ctx, keep.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, after, ignoreSeq); diff != "" {
		t.Errorf("a refused write changed the brief (-before +after):\n%s", diff)
	}
	if list, _, err := s.ListUserSessions(ctx, "owner1", "", 10); err != nil || len(list) != 2 {
		t.Errorf("listing with Redis full = %d briefs, %v; want 2", len(list), err)
	}
	if err := s.DeleteSession(ctx, filler.ID); err != nil {
		t.Fatalf("delete with Redis full: %v", err)
	}
	if _, err := s.WriteFile(ctx, keep.ID, "market_research", []byte(`{"ok":true}`), WriteOptions{ExpectVersion: 0}); err != nil {
		t.Errorf("write after freeing space: %v", err)
	}
}

// TestCallsAreBounded checks that a call whose context has no deadline still gets the Store's.
func TestCallsAreBounded(t *testing.T) {
	s := New(nil, Options{Timeout: 250 * time.Millisecond})
	ctx, cancel := s.bound(context.Background())
	defer cancel()
	dl, ok := ctx.Deadline()
	if !ok || time.Until(dl) > 250*time.Millisecond {
		t.Errorf("bound gave deadline %v (set %v), want within 250ms", time.Until(dl), ok)
	}
	early, cancelEarly := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancelEarly()
	ctx2, cancel2 := s.bound(early)
	defer cancel2()
	if dl2, _ := ctx2.Deadline(); time.Until(dl2) > 50*time.Millisecond {
		t.Errorf("bound extended an earlier deadline to %v", time.Until(dl2))
	}
}
