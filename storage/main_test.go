package storage

import (
	"context"
	"crypto/rand"
	"os"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"genesis/storage/redistest"
)

func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }

// targets are the deployments the conformance suite runs against.
var targets = []struct {
	name   string
	client func(testing.TB) redis.UniversalClient
}{
	{"standalone", redistest.Standalone},
	{"cluster", redistest.Cluster},
}

// newStore is a Store on rdb with a key prefix of the test's own.
func newStore(t testing.TB, rdb redis.UniversalClient, opts Options) *Store {
	t.Helper()
	opts.Prefix = redistest.Prefix(t)
	if opts.Timeout == 0 {
		// -race and a shared 2-core machine slow everything down; the bound is tested on its own.
		opts.Timeout = 5 * time.Second
	}
	return New(rdb, opts)
}

func testContext(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// mustCreate creates a brief for owner with an input file and the five sections queued.
func mustCreate(t testing.TB, ctx context.Context, s *Store, n NewSession) Summary {
	t.Helper()
	if n.OwnerID == "" {
		n.OwnerID = "owner1"
	}
	if n.Files == nil {
		n.Files = map[string][]byte{"input": []byte(`{"business_name":"Le Fournil"}`)}
	}
	sum, err := s.WriteSession(ctx, n)
	if err != nil {
		t.Fatalf("WriteSession: %v", err)
	}
	return sum
}

var sections = []string{"market_research", "content_generation", "logo_creation", "seo_optimization", "template_selection"}

func queued() map[string]SectionStatus {
	m := map[string]SectionStatus{}
	for _, s := range sections {
		m[s] = SectionQueued
	}
	return m
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}
