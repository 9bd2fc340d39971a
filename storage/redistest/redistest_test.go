package redistest

import (
	"context"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestMain(m *testing.M) { os.Exit(Main(m)) }

func TestSharedServersAnswer(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	standalone := Standalone(t)
	cluster := Cluster(t)
	prefix := Prefix(t)
	// Keys in many slots prove every master serves its share.
	for i := range 50 {
		key := prefix + ":" + strings.Repeat("k", i)
		if err := cluster.Set(ctx, key, "v", time.Minute).Err(); err != nil {
			t.Fatalf("cluster SET %s: %v", key, err)
		}
	}
	if err := standalone.Set(ctx, prefix+":k", "v", time.Minute).Err(); err != nil {
		t.Fatalf("standalone SET: %v", err)
	}
	if !strings.HasPrefix(StandaloneURL(t), "unix://") {
		t.Errorf("StandaloneURL = %q, want unix://…", StandaloneURL(t))
	}
	if got := strings.Count(ClusterURL(t), ","); got != 2 {
		t.Errorf("ClusterURL = %q, want three nodes", ClusterURL(t))
	}
}

func TestPrefixesDiffer(t *testing.T) {
	if a, b := Prefix(t), Prefix(t); a == b {
		t.Errorf("two prefixes of one test are both %q", a)
	}
}

func TestPrivateServerSurvivesKillWithAOF(t *testing.T) {
	t.Parallel()
	srv, rdb := Private(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := rdb.Set(ctx, "k", "acknowledged", 0).Err(); err != nil {
		t.Fatal(err)
	}
	first := srv.PID()
	if err := syscall.Kill(first, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for ctx.Err() == nil {
		got, err := rdb.Get(ctx, "k").Result()
		if err == nil && srv.PID() != first {
			if got != "acknowledged" {
				t.Fatalf("after restart k = %q", got)
			}
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("server did not come back within 20s")
}
