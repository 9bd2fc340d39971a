package storage

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"

	"genesis/storage/redistest"
)

// TestConsole covers what the admin console reads and writes beyond briefs, on every deployment.
func TestConsole(t *testing.T) {
	for _, target := range targets {
		t.Run(target.name, func(t *testing.T) {
			t.Parallel()
			rdb := target.client(t)
			t.Run("audit log", func(t *testing.T) { testAuditLog(t, rdb) })
			t.Run("created per day", func(t *testing.T) { testCreatedPerDay(t, rdb) })
			t.Run("counts", func(t *testing.T) { testConsoleCounts(t, rdb) })
		})
	}
}

func testAuditLog(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{})
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	const n = AuditLength + 5
	for i := range n {
		target := "brief-a"
		if i%2 == 1 {
			target = "brief-b"
		}
		e := AuditEntry{At: start.Add(time.Duration(i) * time.Second), ActorID: "admin1", Actor: "boss@example.com",
			Action: "extend", Target: target, Detail: fmt.Sprint(i)}
		if err := s.RecordAudit(ctx, e); err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
	}
	if got, err := rdb.LLen(ctx, s.auditKey()).Result(); err != nil || got != AuditLength {
		t.Fatalf("log length %d (%v), want the bound %d", got, err, AuditLength)
	}
	recent, err := s.AuditLog(ctx, "", 3)
	if err != nil {
		t.Fatal(err)
	}
	var details []string
	for _, e := range recent {
		details = append(details, e.Detail)
	}
	if diff := cmp.Diff([]string{"1004", "1003", "1002"}, details); diff != "" {
		t.Errorf("newest entries (-want +got):\n%s", diff)
	}
	want := AuditEntry{At: start.Add(1004 * time.Second), ActorID: "admin1", Actor: "boss@example.com", Action: "extend", Target: "brief-a", Detail: "1004"}
	if diff := cmp.Diff(want, recent[0]); diff != "" {
		t.Errorf("newest entry (-want +got):\n%s", diff)
	}
	forB, err := s.AuditLog(ctx, "brief-b", 2)
	if err != nil {
		t.Fatal(err)
	}
	details = nil
	for _, e := range forB {
		details = append(details, e.Target+"/"+e.Detail)
	}
	if diff := cmp.Diff([]string{"brief-b/1003", "brief-b/1001"}, details); diff != "" {
		t.Errorf("entries about one target (-want +got):\n%s", diff)
	}
	if err := s.RecordAudit(ctx, AuditEntry{Action: "delete"}); err == nil {
		t.Error("an entry without an actor was recorded")
	}
}

func testCreatedPerDay(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	now := time.Now().In(time.FixedZone("WAT", 3600))
	y, m, d := now.Date()
	var mu sync.Mutex
	clock := now
	s := newStore(t, rdb, Options{TTL: 60 * 24 * time.Hour, Clock: func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return clock
	}})
	at := func(daysAgo, hour int) {
		mu.Lock()
		clock = time.Date(y, m, d-daysAgo, hour, 30, 0, 0, now.Location())
		mu.Unlock()
		mustCreate(t, ctx, s, NewSession{Sections: queued()})
	}
	at(0, 0)
	at(0, 0)
	at(2, 23)
	at(4, 0)
	at(4, 12)
	at(4, 23)
	at(9, 12) // before the window

	got, err := s.CreatedPerDay(ctx, now, 5)
	if err != nil {
		t.Fatal(err)
	}
	var counts []int64
	for i, dc := range got {
		counts = append(counts, dc.Count)
		if want := time.Date(y, m, d-4+i, 0, 0, 0, 0, now.Location()); !dc.Day.Equal(want) {
			t.Errorf("day %d starts %v, want %v", i, dc.Day, want)
		}
	}
	if diff := cmp.Diff([]int64{3, 0, 1, 0, 2}, counts); diff != "" {
		t.Errorf("briefs per day, oldest first (-want +got):\n%s", diff)
	}
	if _, err := s.CreatedPerDay(ctx, now, 0); err == nil {
		t.Error("zero days accepted")
	}
}

func testConsoleCounts(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{})
	done := map[string]SectionStatus{}
	failed := map[string]SectionStatus{}
	for _, sec := range sections {
		done[sec], failed[sec] = SectionDone, SectionDone
	}
	failed["seo_optimization"] = SectionFailed
	mustCreate(t, ctx, s, NewSession{OwnerID: "ana", Sections: queued()})
	mustCreate(t, ctx, s, NewSession{OwnerID: "ana", Sections: done})
	mustCreate(t, ctx, s, NewSession{OwnerID: "ben", Sections: failed})

	byStatus, err := s.CountByStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[BriefStatus]int64{BriefGenerating: 1, BriefDone: 1, BriefFailed: 1}, byStatus); diff != "" {
		t.Errorf("briefs by status (-want +got):\n%s", diff)
	}
	perUser, err := s.CountUserBriefs(ctx, []string{"ben", "nobody", "ana", "not an id!"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int64{1, 0, 2, 0}, perUser); diff != "" {
		t.Errorf("briefs per owner (-want +got):\n%s", diff)
	}

	accounts := NewAccounts(rdb, s.Prefix())
	ada, err := accounts.CreateUser(ctx, "ada@example.com", "Ada", "hash", RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	users, err := accounts.UsersByID(ctx, []string{ada.ID, "missing"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]User{ada.ID: ada}, users); diff != "" {
		t.Errorf("users by id (-want +got):\n%s", diff)
	}
}

// commandLog records what the hook reports.
type commandLog struct {
	mu        sync.Mutex
	commands  map[string]int
	failures  map[string]int
	pipelines int
	singles   int
}

func (l *commandLog) RedisCommand(name string, failed bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.commands[name]++
	if failed {
		l.failures[name]++
	}
}

func (l *commandLog) RedisRoundTrip(pipeline bool, d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if pipeline {
		l.pipelines++
	} else {
		l.singles++
	}
}

var _ CommandObserver = (*commandLog)(nil)

func TestObserveCommands(t *testing.T) {
	rdb := redistest.Standalone(t)
	ctx := testContext(t)
	key := redistest.Prefix(t) + ":observed"
	log := &commandLog{commands: map[string]int{}, failures: map[string]int{}}
	rdb.AddHook(ObserveCommands(log))

	rdb.Set(ctx, key, "not a number", time.Minute)
	rdb.Get(ctx, key+":missing") // a miss is an answer
	rdb.Incr(ctx, key)           // WRONGTYPE-like error: a failure
	_, _ = rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Get(ctx, key)
		p.Del(ctx, key)
		return nil
	})
	_ = redis.NewScript("return 1 -- "+key).Run(context.Background(), rdb, []string{key}).Err()

	log.mu.Lock()
	defer log.mu.Unlock()
	want := map[string]int{"set": 1, "get": 2, "incr": 1, "del": 1, "evalsha": 1, "eval": 1}
	// Only the commands above are compared: opening a connection sends some of its own.
	got, failed := map[string]int{}, map[string]int{}
	for name := range want {
		got[name] = log.commands[name]
		if n := log.failures[name]; n > 0 {
			failed[name] = n
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("commands seen (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int{"incr": 1}, failed); diff != "" {
		t.Errorf("failures (-want +got):\n%s", diff)
	}
	if log.pipelines < 1 || log.singles < 4 {
		t.Errorf("round trips: %d pipelines, %d single commands", log.pipelines, log.singles)
	}
	if ps := ReadPoolStats(rdb); ps.TotalConns == 0 {
		t.Errorf("pool stats %+v: no connection after commands", ps)
	}
}
