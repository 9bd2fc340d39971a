package storage

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/redis/go-redis/v9"
)

// TestConformance runs the same suite against a standalone server and a 3-master cluster.
func TestConformance(t *testing.T) {
	cases := []struct {
		name string
		run  func(t *testing.T, rdb redis.UniversalClient)
	}{
		{"CreateAndRead", testCreateAndRead},
		{"FileVersionsAndHistory", testFileVersionsAndHistory},
		{"Compression", testCompression},
		{"SizeBounds", testSizeBounds},
		{"StatusDerivation", testStatusDerivation},
		{"WritesKeepTTL", testWritesKeepTTL},
		{"ExtendMovesEverything", testExtendMovesEverything},
		{"Delete", testDelete},
		{"ListUserSessions", testListUserSessions},
		{"ExpiredNeverListed", testExpiredNeverListed},
		{"ListAllFilters", testListAllFilters},
		{"ListingRepairsIndexes", testListingRepairsIndexes},
		{"JanitorRepairsLostUpdate", testJanitorRepairsLostUpdate},
		{"Leases", testLeases},
		{"OrphanedSections", testOrphanedSections},
		{"Events", testEvents},
		{"Stats", testStats},
		{"RetriedWriteAppliedOnce", testRetriedWriteAppliedOnce},
		{"InvalidInput", testInvalidInput},
	}
	for _, tg := range targets {
		t.Run(tg.name, func(t *testing.T) {
			t.Parallel()
			rdb := tg.client(t)
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					t.Parallel()
					c.run(t, rdb)
				})
			}
		})
	}
}

var ignoreSeq = cmpopts.IgnoreUnexported(Summary{})

func testCreateAndRead(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{})
	input := []byte(`{"business_name":"Le Fournil","sector":"bakery"}`)
	created, err := s.WriteSession(ctx, NewSession{
		OwnerID: "u1", BusinessName: "Le Fournil", Sector: "bakery", City: "Lyon", Country: "FR", Language: "fr",
		Files:    map[string][]byte{"input": input},
		Sections: queued(),
		Fields:   map[string]string{"tone": "warm"},
	})
	if err != nil {
		t.Fatalf("WriteSession: %v", err)
	}
	if !validID(created.ID) {
		t.Fatalf("id %q is not a 22-character URL-safe id", created.ID)
	}
	got, err := s.ReadSession(ctx, created.ID)
	if err != nil {
		t.Fatalf("ReadSession: %v", err)
	}
	if diff := cmp.Diff(created, got.Summary, ignoreSeq); diff != "" {
		t.Errorf("ReadSession summary differs from WriteSession's (-created +read):\n%s", diff)
	}
	want := Summary{
		ID: created.ID, OwnerID: "u1", BusinessName: "Le Fournil", Sector: "bakery", City: "Lyon", Country: "FR",
		Language: "fr", Status: BriefGenerating, Fields: map[string]string{"tone": "warm"}, Versions: 1,
		CreatedAt: created.CreatedAt, ExpiresAt: created.CreatedAt.Add(DefaultTTL),
		StoredBytes: int64(got.Files["input"].StoredSize), Sections: map[string]SectionState{},
	}
	for _, sec := range sections {
		want.Sections[sec] = SectionState{Status: SectionQueued, Since: created.CreatedAt}
	}
	if diff := cmp.Diff(want, got.Summary, ignoreSeq); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	f := got.Files["input"]
	if f.Version != 1 || !bytes.Equal(f.Data, input) || f.Size != len(input) {
		t.Errorf("input file = version %d, %q, size %d; want version 1, %q", f.Version, f.Data, f.Size, input)
	}
	if _, err := s.ReadSession(ctx, newID()); !errors.Is(err, ErrNotFound) {
		t.Errorf("ReadSession of an unknown id: err = %v, want ErrNotFound", err)
	}
}

func testFileVersionsAndHistory(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{})
	b := mustCreate(t, ctx, s, NewSession{Sections: queued()})
	const name = "market_research"
	if _, err := s.ReadFile(ctx, b.ID, name); !errors.Is(err, ErrNotFound) {
		t.Fatalf("ReadFile before any write: err = %v, want ErrNotFound", err)
	}
	if _, err := s.WriteFile(ctx, b.ID, name, []byte("v1"), WriteOptions{ExpectVersion: 1}); !errors.Is(err, ErrConflict) {
		t.Fatalf("write expecting version 1 of a new file: err = %v, want ErrConflict", err)
	}
	for v := int64(1); v <= 13; v++ {
		f, err := s.WriteFile(ctx, b.ID, name, fmt.Appendf(nil, "content %d", v), WriteOptions{ExpectVersion: v - 1})
		if err != nil {
			t.Fatalf("write version %d: %v", v, err)
		}
		if f.Version != v {
			t.Fatalf("write %d gave version %d", v, f.Version)
		}
	}
	if _, err := s.WriteFile(ctx, b.ID, name, []byte("stale"), WriteOptions{ExpectVersion: 12}); !errors.Is(err, ErrConflict) {
		t.Fatalf("write expecting an old version: err = %v, want ErrConflict", err)
	}
	f, err := s.WriteFile(ctx, b.ID, name, []byte("content 14"), WriteOptions{ExpectVersion: AnyVersion})
	if err != nil || f.Version != 14 {
		t.Fatalf("write with AnyVersion: version %d, err %v; want 14", f.Version, err)
	}
	got, err := s.ReadFile(ctx, b.ID, name)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 14 || string(got.Data) != "content 14" || got.UpdatedAt.IsZero() {
		t.Errorf("ReadFile = version %d %q at %v", got.Version, got.Data, got.UpdatedAt)
	}
	hist, err := s.FileHistory(ctx, b.ID, name)
	if err != nil {
		t.Fatal(err)
	}
	var versions []int64
	for _, h := range hist {
		versions = append(versions, h.Version)
		if want := fmt.Sprintf("content %d", h.Version); string(h.Data) != want {
			t.Errorf("history version %d holds %q, want %q", h.Version, h.Data, want)
		}
	}
	if diff := cmp.Diff([]int64{13, 12, 11, 10, 9, 8, 7, 6, 5, 4}, versions); diff != "" {
		t.Errorf("history versions (-want +got):\n%s", diff)
	}
	sess, err := s.ReadSession(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	var histBytes int64
	for _, h := range hist {
		histBytes += int64(h.StoredSize)
	}
	if sess.Versions != 15 || sess.HistoryBytes != histBytes ||
		sess.StoredBytes != int64(sess.Files["input"].StoredSize)+int64(sess.Files[name].StoredSize) {
		t.Errorf("totals: versions %d (want 15), history bytes %d (want %d), stored %d", sess.Versions, sess.HistoryBytes, histBytes, sess.StoredBytes)
	}
	// Every file's history at once, from the versions ReadSession gave: the same as one by one.
	all, err := s.FileHistories(ctx, b.ID, map[string]int64{name: sess.Files[name].Version, "input": sess.Files["input"].Version})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string][]File{name: hist}, all); diff != "" {
		t.Errorf("FileHistories (-want +got):\n%s", diff)
	}
	if h, err := s.FileHistory(ctx, b.ID, "seo_optimization"); err != nil || len(h) != 0 {
		t.Errorf("history of a never-written file = %v, %v; want empty", h, err)
	}
	if _, err := s.FileHistory(ctx, newID(), name); !errors.Is(err, ErrNotFound) {
		t.Errorf("history of an unknown brief: err = %v, want ErrNotFound", err)
	}
}

func testCompression(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{CompressAbove: 100})
	b := mustCreate(t, ctx, s, NewSession{})
	big := []byte(strings.Repeat(`{"headline":"Fresh bread every morning","body":"Baked at dawn in Lyon."}`, 50))
	tests := []struct {
		name       string
		data       []byte
		compressed bool
	}{
		{"small", []byte(`{"a":1}`), false},
		{"large", big, true},
		{"incompressible", randomBytes(4096), false},
		{"empty", []byte{}, false},
	}
	for _, tt := range tests {
		w, err := s.WriteFile(ctx, b.ID, tt.name, tt.data, WriteOptions{ExpectVersion: 0})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		f, err := s.ReadFile(ctx, b.ID, tt.name)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !bytes.Equal(f.Data, tt.data) {
			t.Errorf("%s: read back %d bytes that differ from the %d written", tt.name, len(f.Data), len(tt.data))
		}
		if got := int64(f.StoredSize) < int64(f.Size); got != tt.compressed {
			t.Errorf("%s: stored %d bytes for %d, compressed = %v, want %v", tt.name, int64(f.StoredSize), f.Size, got, tt.compressed)
		}
		if w.StoredSize != f.StoredSize {
			t.Errorf("%s: WriteFile says %d stored bytes, ReadFile %d", tt.name, w.StoredSize, f.StoredSize)
		}
	}
}

func testSizeBounds(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{MaxFileSize: 1000, MaxBriefSize: 2500, CompressAbove: 1 << 20})
	b := mustCreate(t, ctx, s, NewSession{})
	if _, err := s.WriteFile(ctx, b.ID, "big", make([]byte, 1001), WriteOptions{ExpectVersion: AnyVersion}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("file over MaxFileSize: err = %v, want ErrTooLarge", err)
	}
	for _, name := range []string{"a", "b"} {
		if _, err := s.WriteFile(ctx, b.ID, name, make([]byte, 1000), WriteOptions{ExpectVersion: AnyVersion}); err != nil {
			t.Fatalf("write %s: %v", name, err)
		}
	}
	before, err := s.ReadSession(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.WriteFile(ctx, b.ID, "c", make([]byte, 1000), WriteOptions{ExpectVersion: AnyVersion, Fields: map[string]string{"note": "x"}})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("file over MaxBriefSize: err = %v, want ErrTooLarge", err)
	}
	after, err := s.ReadSession(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, after, ignoreSeq); diff != "" {
		t.Errorf("a refused write changed the brief (-before +after):\n%s", diff)
	}
	// Overwriting a file frees its old size first.
	if _, err := s.WriteFile(ctx, b.ID, "a", make([]byte, 900), WriteOptions{ExpectVersion: 1}); err != nil {
		t.Errorf("overwrite within bounds: %v", err)
	}
	_, err = s.WriteSession(ctx, NewSession{OwnerID: "u", Files: map[string][]byte{"x": make([]byte, 1000), "y": make([]byte, 1000), "z": make([]byte, 1000)}})
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("creating a brief over MaxBriefSize: err = %v, want ErrTooLarge", err)
	}
}

func testStatusDerivation(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{})
	b := mustCreate(t, ctx, s, NewSession{Sections: map[string]SectionStatus{"market_research": SectionQueued, "logo_creation": SectionQueued}})
	steps := []struct {
		section string
		status  SectionStatus
		file    bool
		want    BriefStatus
	}{
		{"market_research", SectionRunning, false, BriefGenerating},
		{"market_research", SectionDone, true, BriefGenerating},
		{"logo_creation", SectionRunning, false, BriefGenerating},
		{"logo_creation", SectionFailed, false, BriefFailed},
		{"logo_creation", SectionQueued, false, BriefGenerating},
		{"logo_creation", SectionDone, true, BriefDone},
	}
	for i, st := range steps {
		fields := SectionFields(st.section, st.status, "")
		if st.status == SectionFailed {
			fields[ErrorField(st.section)] = "provider timed out"
		}
		var got BriefStatus
		if st.file {
			if _, err := s.WriteFile(ctx, b.ID, st.section, []byte(`{"ok":true}`), WriteOptions{ExpectVersion: AnyVersion, Fields: fields}); err != nil {
				t.Fatalf("step %d: %v", i, err)
			}
			sess, err := s.ReadSession(ctx, b.ID)
			if err != nil {
				t.Fatal(err)
			}
			got = sess.Status
		} else {
			var err error
			if got, err = s.UpdateFields(ctx, b.ID, fields); err != nil {
				t.Fatalf("step %d: %v", i, err)
			}
		}
		if got != st.want {
			t.Errorf("step %d (%s %s): brief status %q, want %q", i, st.section, st.status, got, st.want)
		}
		for _, status := range []BriefStatus{BriefGenerating, BriefDone, BriefFailed} {
			list, _, err := s.ListAll(ctx, Filter{Status: status}, "", 10)
			if err != nil {
				t.Fatal(err)
			}
			if listed := len(list) == 1; listed != (status == st.want) {
				t.Errorf("step %d: listed under %q = %v", i, status, listed)
			}
		}
	}
	sess, err := s.ReadSession(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := sess.Sections["logo_creation"]; got.Status != SectionDone || got.Error != "" || got.Since.IsZero() {
		t.Errorf("logo_creation state = %+v, want done without error", got)
	}
	if _, err := s.UpdateFields(ctx, newID(), SectionFields("market_research", SectionRunning, "")); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateFields of an unknown brief: err = %v, want ErrNotFound", err)
	}
}

// expiryTimes returns the expiry time (ms) of each key, -2 for a missing key, -1 for none.
func expiryTimes(t *testing.T, rdb redis.UniversalClient, keys ...string) []int64 {
	t.Helper()
	ctx := testContext(t)
	var out []int64
	for _, k := range keys {
		d, err := rdb.PExpireTime(ctx, k).Result()
		if err != nil {
			t.Fatalf("PEXPIRETIME %s: %v", k, err)
		}
		out = append(out, int64(d/time.Millisecond))
	}
	return out
}

// briefKeys are the brief's summary, the current keys of files and the history keys of the
// versions given as name:version.
func briefKeys(s *Store, id string, files ...string) []string {
	keys := []string{s.metaKey(id)}
	for _, f := range files {
		if name, v, ok := strings.Cut(f, ":"); ok {
			n, _ := strconv.ParseInt(v, 10, 64)
			keys = append(keys, s.histKey(id, name, n))
			continue
		}
		keys = append(keys, s.fileKey(id, f))
	}
	return keys
}

func testWritesKeepTTL(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{TTL: time.Hour})
	b := mustCreate(t, ctx, s, NewSession{})
	first := expiryTimes(t, rdb, s.metaKey(b.ID))[0]
	if first <= 0 {
		t.Fatalf("new brief has no expiry (%d)", first)
	}
	time.Sleep(20 * time.Millisecond)
	for range 3 {
		if _, err := s.WriteFile(ctx, b.ID, "input", []byte("changed"), WriteOptions{ExpectVersion: AnyVersion, Fields: map[string]string{"tone": "calm"}}); err != nil {
			t.Fatal(err)
		}
	}
	got := expiryTimes(t, rdb, briefKeys(s, b.ID, "input", "input:1", "input:2", "input:3")...)
	for i, e := range got {
		if e != first {
			t.Errorf("key %d expires at %d after writes, want %d as at creation", i, e, first)
		}
	}
}

func testExtendMovesEverything(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{TTL: time.Hour})
	b := mustCreate(t, ctx, s, NewSession{Sections: queued()})
	for range 2 {
		if _, err := s.WriteFile(ctx, b.ID, "market_research", []byte("x"), WriteOptions{ExpectVersion: AnyVersion}); err != nil {
			t.Fatal(err)
		}
	}
	exp, err := s.ExtendSessionTTL(ctx, b.ID, 48*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Until(exp); d < 47*time.Hour || d > 49*time.Hour {
		t.Fatalf("new expiry is %v away, want about 48h", d)
	}
	got := expiryTimes(t, rdb, briefKeys(s, b.ID, "input", "market_research", "market_research:1")...)
	for i, e := range got[1:] {
		if e != got[0] {
			t.Errorf("key %d expires at %d, the summary at %d", i+1, e, got[0])
		}
	}
	if diff := got[0] - exp.UnixMilli(); diff < -1000 || diff > 1000 {
		t.Errorf("keys expire at %d, ExtendSessionTTL said %d", got[0], exp.UnixMilli())
	}
	score, err := rdb.ZScore(ctx, s.idxKey("exp"), b.ID).Result()
	if err != nil || int64(score) != exp.UnixMilli() {
		t.Errorf("expiry index score %v (err %v), want %d", int64(score), err, exp.UnixMilli())
	}
	sess, err := s.ReadSession(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !sess.ExpiresAt.Equal(exp) {
		t.Errorf("summary ExpiresAt %v, want %v", sess.ExpiresAt, exp)
	}
	list, _, err := s.ListAll(ctx, Filter{Sort: SortExpiry}, "", 10)
	if err != nil || len(list) != 1 || !list[0].ExpiresAt.Equal(exp) {
		t.Errorf("ListAll by expiry = %v, %v", list, err)
	}
	if _, err := s.ExtendSessionTTL(ctx, newID(), time.Hour); !errors.Is(err, ErrNotFound) {
		t.Errorf("extend an unknown brief: err = %v, want ErrNotFound", err)
	}
}

func testDelete(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{})
	keep := mustCreate(t, ctx, s, NewSession{Sector: "bakery"})
	b := mustCreate(t, ctx, s, NewSession{Sector: "bakery", Sections: queued()})
	if _, err := s.WriteFile(ctx, b.ID, "input", []byte("v2"), WriteOptions{ExpectVersion: 1}); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.AcquireLease(ctx, b.ID, "market_research", "worker", time.Minute); !ok || err != nil {
		t.Fatalf("AcquireLease = %v, %v", ok, err)
	}
	if err := s.DeleteSession(ctx, b.ID); err != nil {
		t.Fatalf("DeleteSession: %v", err)
	}
	for _, k := range append(briefKeys(s, b.ID, "input", "input:1"), s.leaseKey(b.ID, "market_research")) {
		if n, err := rdb.Exists(ctx, k).Result(); err != nil || n != 0 {
			t.Errorf("key %s still exists after delete", k)
		}
	}
	if _, err := s.ReadSession(ctx, b.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("ReadSession after delete: err = %v, want ErrNotFound", err)
	}
	if err := s.DeleteSession(ctx, b.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: err = %v, want ErrNotFound", err)
	}
	for _, key := range []string{s.idxKey("all"), s.idxKey("exp"), s.statusKey(BriefGenerating), s.sectorKey("bakery"), s.userKey("owner1")} {
		if _, err := rdb.ZScore(ctx, key, b.ID).Result(); !errors.Is(err, redis.Nil) {
			t.Errorf("deleted brief still in index %s (err %v)", key, err)
		}
	}
	list, _, err := s.ListUserSessions(ctx, "owner1", "", 10)
	if err != nil || len(list) != 1 || list[0].ID != keep.ID {
		t.Errorf("listing after delete = %v, %v; want only %s", ids(list), err, keep.ID)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Briefs != 1 || st.StoredBytes != keep.StoredBytes {
		t.Errorf("Stats after delete = %d briefs, %d bytes; want 1, %d", st.Briefs, st.StoredBytes, keep.StoredBytes)
	}
}

func ids(list []Summary) []string {
	var out []string
	for _, s := range list {
		out = append(out, s.ID)
	}
	return out
}

// steppingClock advances by one millisecond per reading, so briefs created in a row have distinct,
// ordered creation times, close to real time (Redis expires keys on its own clock).
func steppingClock() func() time.Time {
	var n int64
	start := time.Now()
	var mu = make(chan struct{}, 1)
	return func() time.Time {
		mu <- struct{}{}
		n++
		v := n
		<-mu
		return start.Add(time.Duration(v) * time.Millisecond)
	}
}

func testListUserSessions(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{Clock: steppingClock()})
	var want []string
	for i := range 25 {
		b := mustCreate(t, ctx, s, NewSession{OwnerID: "alice", BusinessName: fmt.Sprint("biz ", i)})
		want = append(want, b.ID)
		if i < 3 {
			mustCreate(t, ctx, s, NewSession{OwnerID: "bob"})
		}
	}
	slices.Reverse(want)
	var got []string
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 5 {
			t.Fatal("more pages than expected")
		}
		list, next, err := s.ListUserSessions(ctx, "alice", cursor, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, sum := range list {
			if sum.OwnerID != "alice" {
				t.Errorf("alice's listing has a brief of %s", sum.OwnerID)
			}
		}
		got = append(got, ids(list)...)
		if next == "" {
			break
		}
		cursor = next
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("alice's briefs newest first (-want +got):\n%s", diff)
	}
	bob, _, err := s.ListUserSessions(ctx, "bob", "", 0)
	if err != nil || len(bob) != 3 {
		t.Errorf("bob's listing = %d briefs, %v; want 3", len(bob), err)
	}
	if _, _, err := s.ListUserSessions(ctx, "alice", "garbage!", 10); !errors.Is(err, ErrInvalid) {
		t.Errorf("bad cursor: err = %v, want ErrInvalid", err)
	}
}

func testExpiredNeverListed(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{})
	live := mustCreate(t, ctx, s, NewSession{Sector: "bakery", Sections: queued()})
	short := mustCreate(t, ctx, s, NewSession{Sector: "bakery", Sections: queued(), TTL: 300 * time.Millisecond})
	time.Sleep(400 * time.Millisecond)
	listings := map[string]func() ([]Summary, error){
		"user": func() ([]Summary, error) { l, _, err := s.ListUserSessions(ctx, "owner1", "", 10); return l, err },
		"all":  func() ([]Summary, error) { l, _, err := s.ListAll(ctx, Filter{}, "", 10); return l, err },
		"sector+status": func() ([]Summary, error) {
			l, _, err := s.ListAll(ctx, Filter{Sector: "bakery", Status: BriefGenerating}, "", 10)
			return l, err
		},
		"expiry": func() ([]Summary, error) {
			l, _, err := s.ListAll(ctx, Filter{Sort: SortExpiry}, "", 10)
			return l, err
		},
		"owner by expiry": func() ([]Summary, error) {
			l, _, err := s.ListAll(ctx, Filter{OwnerID: "owner1", Sort: SortExpiry}, "", 10)
			return l, err
		},
	}
	for name, list := range listings {
		got, err := list()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff([]string{live.ID}, ids(got)); diff != "" {
			t.Errorf("%s listing (-want +got):\n%s", name, diff)
		}
	}
	if _, err := s.ReadSession(ctx, short.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("ReadSession of an expired brief: err = %v, want ErrNotFound", err)
	}
	if _, err := s.PruneExpired(ctx, 100); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{s.idxKey("all"), s.idxKey("exp"), s.statusKey(BriefGenerating), s.sectorKey("bakery"), s.userKey("owner1")} {
		if _, err := rdb.ZScore(ctx, key, short.ID).Result(); !errors.Is(err, redis.Nil) {
			t.Errorf("expired brief still in index %s after pruning (err %v)", key, err)
		}
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Briefs != 1 || st.StoredBytes != live.StoredBytes {
		t.Errorf("Stats after pruning = %d briefs, %d bytes; want 1, %d", st.Briefs, st.StoredBytes, live.StoredBytes)
	}
}

func testListAllFilters(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	clock := steppingClock()
	s := newStore(t, rdb, Options{Clock: clock})
	owners := []string{"ann", "ben", "cat"}
	sectors := []string{"bakery", "florist"}
	var all []Summary
	for i := range 30 {
		n := NewSession{OwnerID: owners[i%3], Sector: sectors[i%2], TTL: time.Duration(100-i) * time.Hour}
		if i%5 == 0 {
			n.Sections = queued()
		}
		if i%7 == 0 {
			n.Sections = map[string]SectionStatus{"logo_creation": SectionFailed}
		}
		all = append(all, mustCreate(t, ctx, s, n))
	}
	mid := all[10].CreatedAt
	tests := []struct {
		name string
		f    Filter
	}{
		{"everything", Filter{}},
		{"everything desc", Filter{Desc: true}},
		{"owner", Filter{OwnerID: "ben"}},
		{"sector", Filter{Sector: "florist", Desc: true}},
		{"status", Filter{Status: BriefGenerating}},
		{"owner+sector+status", Filter{OwnerID: "ann", Sector: "bakery", Status: BriefDone}},
		{"created range", Filter{CreatedFrom: mid, CreatedTo: all[20].CreatedAt}},
		{"sector+created range", Filter{Sector: "bakery", CreatedFrom: mid}},
		{"by expiry", Filter{Sort: SortExpiry}},
		{"by expiry desc", Filter{Sort: SortExpiry, Desc: true}},
		{"owner by expiry", Filter{OwnerID: "cat", Sort: SortExpiry}},
		{"status by expiry desc", Filter{Status: BriefDone, Sort: SortExpiry, Desc: true}},
		{"created range by expiry", Filter{CreatedTo: mid, Sort: SortExpiry}},
		{"nothing", Filter{OwnerID: "nobody"}},
		{"unknown sector", Filter{Sector: "shipyard"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []string
			matching := slices.Clone(all)
			matching = slices.DeleteFunc(matching, func(s Summary) bool { return !tt.f.accept(s) })
			slices.SortFunc(matching, func(a, b Summary) int {
				ka, kb := a.CreatedAt.UnixMilli(), b.CreatedAt.UnixMilli()
				if tt.f.Sort == SortExpiry {
					ka, kb = a.ExpiresAt.UnixMilli(), b.ExpiresAt.UnixMilli()
				}
				c := int(ka - kb)
				if c == 0 {
					c = strings.Compare(a.ID, b.ID)
				}
				if tt.f.Desc {
					return -c
				}
				return c
			})
			want = ids(matching)
			var got []string
			cursor := ""
			for pages := 0; ; pages++ {
				if pages > 40 {
					t.Fatal("too many pages")
				}
				list, next, err := s.ListAll(ctx, tt.f, cursor, 4)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, ids(list)...)
				if next == "" {
					break
				}
				cursor = next
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ListAll(%+v) (-want +got):\n%s", tt.f, diff)
			}
		})
	}
	if _, _, err := s.ListAll(ctx, Filter{Status: "lost"}, "", 10); !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown status: err = %v, want ErrInvalid", err)
	}
	c := encodeCursor(cursorCreated, &position{score: 1, id: all[0].ID})
	if _, _, err := s.ListAll(ctx, Filter{Sort: SortExpiry}, c, 10); !errors.Is(err, ErrInvalid) {
		t.Errorf("cursor of another sort: err = %v, want ErrInvalid", err)
	}
}

func testListingRepairsIndexes(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{})
	b := mustCreate(t, ctx, s, NewSession{Sector: "bakery"})
	// A dangling entry, as a create that failed after indexing leaves behind.
	ghost := newID()
	old := float64(time.Now().Add(-time.Hour).UnixMilli())
	for _, key := range []string{s.userKey("owner1"), s.idxKey("all"), s.statusKey(BriefDone), s.sectorKey("bakery")} {
		if err := rdb.ZAdd(ctx, key, redis.Z{Score: old, Member: ghost}).Err(); err != nil {
			t.Fatal(err)
		}
	}
	// A status entry left stale by a lost index update.
	if err := rdb.ZRem(ctx, s.statusKey(BriefDone), b.ID).Err(); err != nil {
		t.Fatal(err)
	}
	if err := rdb.ZAdd(ctx, s.statusKey(BriefFailed), redis.Z{Score: float64(b.CreatedAt.UnixMilli()), Member: b.ID}).Err(); err != nil {
		t.Fatal(err)
	}
	failed, _, err := s.ListAll(ctx, Filter{Status: BriefFailed}, "", 10)
	if err != nil || len(failed) != 0 {
		t.Errorf("listing failed briefs = %v, %v; want none (the entry is stale)", ids(failed), err)
	}
	done, _, err := s.ListAll(ctx, Filter{Status: BriefDone, Sector: "bakery"}, "", 10)
	if err != nil || len(done) != 1 || done[0].ID != b.ID {
		t.Errorf("after repair, done briefs = %v, %v; want [%s]", ids(done), err, b.ID)
	}
	mine, _, err := s.ListUserSessions(ctx, "owner1", "", 10)
	if err != nil || len(mine) != 1 {
		t.Errorf("user listing = %v, %v; want only the real brief", ids(mine), err)
	}
	for _, key := range []string{s.userKey("owner1"), s.idxKey("all"), s.statusKey(BriefDone), s.sectorKey("bakery")} {
		if _, err := rdb.ZScore(ctx, key, ghost).Result(); !errors.Is(err, redis.Nil) {
			t.Errorf("dangling entry still in %s (err %v)", key, err)
		}
	}
}

func testJanitorRepairsLostUpdate(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{})
	b := mustCreate(t, ctx, s, NewSession{Sections: map[string]SectionStatus{"seo_optimization": SectionQueued}})
	// The brief turns done, but the index update after the write is lost: simulate by writing
	// the brief with the script alone.
	_, err := s.scripts.mutate.Run(ctx, rdb, []string{s.metaKey(b.ID), s.fileKey(b.ID, "seo_optimization")},
		"seo_optimization", AnyVersion, s.encodePayload([]byte("{}")), "0", time.Now().UnixMilli(), s.opts.MaxBriefSize,
		HistoryLength, newOp(), s.histPrefix(b.ID)+"seo_optimization:", 1, StatusField("seo_optimization"), string(SectionDone)).Result()
	if err != nil {
		t.Fatal(err)
	}
	var sweeps [2]*position
	if err := s.janitorPass(ctx, &sweeps); err != nil {
		t.Fatal(err)
	}
	if _, err := rdb.ZScore(ctx, s.statusKey(BriefDone), b.ID).Result(); err != nil {
		t.Errorf("janitor did not move the brief to the done index: %v", err)
	}
	if _, err := rdb.ZScore(ctx, s.statusKey(BriefGenerating), b.ID).Result(); !errors.Is(err, redis.Nil) {
		t.Errorf("brief still in the generating index after the janitor (err %v)", err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sess, err := s.ReadSession(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if st.StoredBytes != sess.StoredBytes+sess.HistoryBytes {
		t.Errorf("Stats bytes %d after repair, brief holds %d", st.StoredBytes, sess.StoredBytes+sess.HistoryBytes)
	}
}

func testLeases(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{})
	b := mustCreate(t, ctx, s, NewSession{})
	const sec = "logo_creation"
	steps := []struct {
		name string
		do   func() (bool, error)
		want bool
	}{
		{"A acquires", func() (bool, error) { return s.AcquireLease(ctx, b.ID, sec, "A", time.Minute) }, true},
		{"B cannot", func() (bool, error) { return s.AcquireLease(ctx, b.ID, sec, "B", time.Minute) }, false},
		{"A again", func() (bool, error) { return s.AcquireLease(ctx, b.ID, sec, "A", time.Minute) }, true},
		{"A renews", func() (bool, error) { return s.RenewLease(ctx, b.ID, sec, "A", time.Minute) }, true},
		{"B cannot renew", func() (bool, error) { return s.RenewLease(ctx, b.ID, sec, "B", time.Minute) }, false},
		{"B releases nothing", func() (bool, error) { return true, s.ReleaseLease(ctx, b.ID, sec, "B") }, true},
		{"B still cannot", func() (bool, error) { return s.AcquireLease(ctx, b.ID, sec, "B", time.Minute) }, false},
		{"A releases", func() (bool, error) { return true, s.ReleaseLease(ctx, b.ID, sec, "A") }, true},
		{"B acquires briefly", func() (bool, error) { return s.AcquireLease(ctx, b.ID, sec, "B", 100*time.Millisecond) }, true},
		{"after B's lease expires, A acquires", func() (bool, error) {
			time.Sleep(200 * time.Millisecond)
			return s.AcquireLease(ctx, b.ID, sec, "A", time.Minute)
		}, true},
		{"B cannot renew a lost lease", func() (bool, error) { return s.RenewLease(ctx, b.ID, sec, "B", time.Minute) }, false},
	}
	for _, st := range steps {
		got, err := st.do()
		if err != nil || got != st.want {
			t.Fatalf("%s: got %v, %v; want %v", st.name, got, err, st.want)
		}
	}
	if _, err := s.AcquireLease(ctx, newID(), sec, "A", time.Minute); !errors.Is(err, ErrNotFound) {
		t.Errorf("lease on an unknown brief: err = %v, want ErrNotFound", err)
	}
}

func testOrphanedSections(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{})
	b := mustCreate(t, ctx, s, NewSession{Sections: map[string]SectionStatus{
		"market_research": SectionQueued, "logo_creation": SectionQueued, "seo_optimization": SectionDone,
	}})
	if _, err := s.UpdateFields(ctx, b.ID, SectionFields("logo_creation", SectionRunning, "")); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.AcquireLease(ctx, b.ID, "market_research", "alive", time.Minute); !ok || err != nil {
		t.Fatalf("AcquireLease = %v, %v", ok, err)
	}
	if got, err := s.OrphanedSections(ctx, time.Minute, 10); err != nil || len(got) != 0 {
		t.Errorf("within the grace period: orphans = %v, %v; want none", got, err)
	}
	time.Sleep(50 * time.Millisecond)
	got, err := s.OrphanedSections(ctx, 10*time.Millisecond, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].BriefID != b.ID || got[0].Section != "logo_creation" || got[0].Status != SectionRunning {
		t.Errorf("orphans = %+v; want logo_creation running (market_research holds a lease)", got)
	}
}

func testEvents(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{})
	b := mustCreate(t, ctx, s, NewSession{})
	events, stop, err := s.Subscribe(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	other := mustCreate(t, ctx, s, NewSession{})
	if err := s.Publish(ctx, other.ID, []byte("not for us")); err != nil {
		t.Fatal(err)
	}
	// Enough events that a reordering between cluster nodes would show.
	var want []string
	for i := range 20 {
		want = append(want, fmt.Sprintf(`{"section":"logo_creation","seq":%d}`, i))
	}
	for _, e := range want {
		if err := s.Publish(ctx, b.ID, []byte(e)); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for range want {
		select {
		case e := <-events:
			got = append(got, string(e))
		case <-time.After(5 * time.Second):
			t.Fatalf("received %q, then nothing for 5s", got)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	select {
	case _, ok := <-events:
		if ok {
			t.Error("event after stop")
		}
	case <-time.After(5 * time.Second):
		t.Error("channel not closed after stop")
	}
}

func testStats(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{})
	var bytes int64
	for i := range 3 {
		b := mustCreate(t, ctx, s, NewSession{Sections: queued()})
		if _, err := s.WriteFile(ctx, b.ID, "market_research", []byte(strings.Repeat("market ", 100*(i+1))), WriteOptions{ExpectVersion: 0}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.WriteFile(ctx, b.ID, "market_research", []byte("short"), WriteOptions{ExpectVersion: 1}); err != nil {
			t.Fatal(err)
		}
		sess, err := s.ReadSession(ctx, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		bytes += sess.StoredBytes + sess.HistoryBytes
	}
	// Writes that leave a brief's status as it was reach the sizes in the indexes with the
	// janitor's sweep.
	var sweeps [2]*position
	if err := s.janitorPass(ctx, &sweeps); err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Briefs != 3 || st.StoredBytes != bytes {
		t.Errorf("Stats = %d briefs, %d bytes; want 3, %d", st.Briefs, st.StoredBytes, bytes)
	}
	if st.Server.Version == "" || st.Server.Mode != s.opts.Mode {
		t.Errorf("Stats server info = %+v", st.Server)
	}
	if err := s.HealthCheck(ctx); err != nil {
		t.Errorf("HealthCheck: %v", err)
	}
}

func testRetriedWriteAppliedOnce(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{})
	b := mustCreate(t, ctx, s, NewSession{})
	op := newOp()
	keys := []string{s.metaKey(b.ID), s.fileKey(b.ID, "input")}
	var versions []int64
	for range 2 {
		res, err := s.scripts.mutate.Run(ctx, rdb, keys, "input", 1, s.storedValue(2, time.Now(), []byte("v2")), "1",
			time.Now().UnixMilli(), s.opts.MaxBriefSize, HistoryLength, op, s.histPrefix(b.ID)+"input:", 0).Slice()
		if err != nil {
			t.Fatal(err)
		}
		if res[0] != "OK" {
			t.Fatalf("replayed write answered %v", res)
		}
		versions = append(versions, res[1].(int64))
	}
	if diff := cmp.Diff([]int64{2, 2}, versions); diff != "" {
		t.Errorf("a replayed call must report the version it wrote (-want +got):\n%s", diff)
	}
	sess, err := s.ReadSession(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if sess.Versions != 2 || sess.Files["input"].Version != 2 {
		t.Errorf("after a replay: %d versions, file at %d; want 2, 2", sess.Versions, sess.Files["input"].Version)
	}
}

func testInvalidInput(t *testing.T, rdb redis.UniversalClient) {
	ctx := testContext(t)
	s := newStore(t, rdb, Options{})
	b := mustCreate(t, ctx, s, NewSession{})
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"bad owner", func() error { _, err := s.WriteSession(ctx, NewSession{OwnerID: "a}b"}); return err }(), ErrInvalid},
		{"bad file name", func() error { _, err := s.WriteFile(ctx, b.ID, "../x", nil, WriteOptions{}); return err }(), ErrInvalid},
		{"reserved field", func() error { _, err := s.UpdateFields(ctx, b.ID, map[string]string{"owner": "me"}); return err }(), ErrInvalid},
		{"sector is fixed", func() error { _, err := s.UpdateFields(ctx, b.ID, map[string]string{"sector": "x"}); return err }(), ErrInvalid},
		{"bad status", func() error { _, err := s.UpdateFields(ctx, b.ID, map[string]string{"status:seo": "lost"}); return err }(), ErrInvalid},
		{"huge field", func() error {
			_, err := s.UpdateFields(ctx, b.ID, map[string]string{"note": strings.Repeat("x", maxFieldValue+1)})
			return err
		}(), ErrTooLarge},
		{"malformed id read", func() error { _, err := s.ReadSession(ctx, "nope"); return err }(), ErrNotFound},
		{"malformed id file", func() error { _, err := s.ReadFile(ctx, "nope", "input"); return err }(), ErrNotFound},
		{"write to unknown brief", func() error {
			_, err := s.WriteFile(ctx, newID(), "input", nil, WriteOptions{ExpectVersion: AnyVersion})
			return err
		}(), ErrNotFound},
		{"short extension", func() error { _, err := s.ExtendSessionTTL(ctx, b.ID, time.Millisecond); return err }(), ErrInvalid},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, tt.err, tt.want)
		}
	}
}
