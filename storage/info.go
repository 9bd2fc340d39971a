package storage

import (
	"bufio"
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// ServerInfo is what Genesis reports about the Redis it stores briefs in. On a cluster, counters
// are summed over the masters and the other fields come from the first one that answered.
type ServerInfo struct {
	Mode             Mode             `json:"mode"`
	Version          string           `json:"version"`
	Nodes            int              `json:"nodes"`
	UsedMemory       int64            `json:"used_memory"`
	MaxMemory        int64            `json:"maxmemory"`
	MaxMemoryPolicy  string           `json:"maxmemory_policy"`
	EvictedKeys      int64            `json:"evicted_keys"`
	ExpiredKeys      int64            `json:"expired_keys"`
	AOFEnabled       bool             `json:"aof_enabled"`
	AOFLastRewrite   string           `json:"aof_last_rewrite_status"`
	AOFLastWriteOK   bool             `json:"aof_last_write_ok"`
	ConnectedClients int64            `json:"connected_clients"`
	OpsPerSec        int64            `json:"ops_per_sec"`
	KeysPerDB        map[string]int64 `json:"keys_per_db"`
	Latency          time.Duration    `json:"-"`
}

// EvictionUnsafe reports whether the eviction policy may silently delete briefs and indexes.
func (i ServerInfo) EvictionUnsafe() bool {
	return strings.HasPrefix(i.MaxMemoryPolicy, "allkeys-")
}

// ReadServerInfo asks Redis (every master, on a cluster) for its INFO and configuration.
func ReadServerInfo(ctx context.Context, rdb redis.UniversalClient, mode Mode) (ServerInfo, error) {
	start := time.Now()
	info := ServerInfo{Mode: mode, KeysPerDB: map[string]int64{}}
	var mu sync.Mutex
	collect := func(ctx context.Context, node redis.UniversalClient) error {
		raw, err := node.Info(ctx, "server", "memory", "persistence", "stats", "clients", "keyspace").Result()
		if err != nil {
			return fmt.Errorf("redis INFO: %w", err)
		}
		// Managed services may forbid CONFIG; INFO memory carries the policy too, so an error here
		// only means falling back to it.
		policy, _ := node.ConfigGet(ctx, "maxmemory-policy").Result()
		mu.Lock()
		defer mu.Unlock()
		info.add(parseInfo(raw), policy["maxmemory-policy"])
		return nil
	}
	var err error
	if cluster, ok := rdb.(*redis.ClusterClient); ok {
		err = cluster.ForEachMaster(ctx, func(ctx context.Context, node *redis.Client) error {
			return collect(ctx, node)
		})
	} else {
		err = collect(ctx, rdb)
	}
	if err != nil {
		return ServerInfo{}, err
	}
	info.Latency = time.Since(start)
	return info, nil
}

func (i *ServerInfo) add(f map[string]string, policy string) {
	num := func(key string) int64 {
		n, _ := strconv.ParseInt(f[key], 10, 64)
		return n
	}
	i.Nodes++
	if i.Version == "" {
		i.Version = f["redis_version"]
		i.AOFEnabled = f["aof_enabled"] == "1"
		i.AOFLastRewrite = f["aof_last_bgrewrite_status"]
		i.AOFLastWriteOK = f["aof_last_write_status"] == "ok"
		i.MaxMemoryPolicy = policy
		if i.MaxMemoryPolicy == "" {
			i.MaxMemoryPolicy = f["maxmemory_policy"]
		}
	}
	i.UsedMemory += num("used_memory")
	i.MaxMemory += num("maxmemory")
	i.EvictedKeys += num("evicted_keys")
	i.ExpiredKeys += num("expired_keys")
	i.ConnectedClients += num("connected_clients")
	i.OpsPerSec += num("instantaneous_ops_per_sec")
	for k, v := range f {
		if !strings.HasPrefix(k, "db") {
			continue
		}
		// "keys=12,expires=3,avg_ttl=0"
		keys, _, _ := strings.Cut(strings.TrimPrefix(v, "keys="), ",")
		n, err := strconv.ParseInt(keys, 10, 64)
		if err == nil {
			i.KeysPerDB[k] += n
		}
	}
}

// parseInfo reads INFO's "key:value" lines.
func parseInfo(raw string) map[string]string {
	f := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(raw))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		if k, v, ok := strings.Cut(line, ":"); ok {
			f[k] = v
		}
	}
	return f
}
