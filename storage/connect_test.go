package storage

import (
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
)

func TestConnectURLForms(t *testing.T) {
	for _, tc := range []struct {
		url  string
		mode Mode
		addr []string
	}{
		{"redis://:secret@10.0.0.5:6379/2", Standalone, []string{"10.0.0.5:6379"}},
		{"unix:///tmp/redis.sock?db=1", Standalone, []string{"/tmp/redis.sock"}},
		{"redis+cluster://:secret@10.0.0.5:7000,10.0.0.6:7000,10.0.0.7:7000", Cluster, []string{"10.0.0.5:7000", "10.0.0.6:7000", "10.0.0.7:7000"}},
		{"redis+sentinel://:secret@10.0.0.5:26379,10.0.0.6:26379/mymaster?db=0", Sentinel, nil},
	} {
		t.Run(tc.url, func(t *testing.T) {
			rdb, mode, err := Connect(tc.url)
			if err != nil {
				t.Fatalf("Connect: %v", err)
			}
			defer rdb.Close()
			if mode != tc.mode {
				t.Errorf("mode = %s, want %s", mode, tc.mode)
			}
			switch c := rdb.(type) {
			case *redis.Client:
				o := c.Options()
				if (tc.addr != nil && o.Addr != tc.addr[0]) || !o.ContextTimeoutEnabled || o.ReadTimeout != ioTimeout || !o.DisableIdentity {
					t.Errorf("options: addr %q, context timeouts %v, read timeout %v", o.Addr, o.ContextTimeoutEnabled, o.ReadTimeout)
				}
			case *redis.ClusterClient:
				o := c.Options()
				if strings.Join(o.Addrs, ",") != strings.Join(tc.addr, ",") || o.Password != "secret" || o.DialTimeout != dialTimeout {
					t.Errorf("cluster options: addrs %v, dial timeout %v", o.Addrs, o.DialTimeout)
				}
			}
		})
	}
	for _, bad := range []string{"localhost:6379", "http://x", "redis+sentinel://h:1", "redis+cluster://", "redis+cluster://a:1,,b:2"} {
		if _, _, err := Connect(bad); err == nil {
			t.Errorf("Connect(%q) accepted a bad URL", bad)
		}
	}
	if _, _, err := Connect("redis+cluster://user:hunter2@"); err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("an error shows the password: %v", err)
	}
}
