// Package redistest starts real redis-server processes for tests: one standalone server and one
// local 3-master Redis Cluster shared by all tests of a package, and private servers a test may
// kill, stop or restart. Every process is a redisserver child, so none outlives the test binary,
// not even when a test panics or the binary is killed.
//
// A package using the shared servers runs its tests through Main:
//
//	func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }
//
// and keeps tests apart with a key prefix per test (Prefix), so they may run in parallel.
package redistest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"genesis/storage/redisserver"
)

// EnvTarget selects the server FromEnv returns: "cluster" for the local cluster, anything else
// for the standalone server.
const EnvTarget = "GENESIS_TEST_REDIS"

// Test servers trade durability for speed; durability tests use Private, which keeps the managed
// defaults (AOF with fsync on every write).
var fastArgs = []string{"--appendonly", "no", "--enable-debug-command", "local"}

// registry holds the servers shared by one test binary. It is package state because the tests of a
// package reach it through plain functions, the way they reach t.TempDir; Main owns its lifetime.
type registry struct {
	mu         sync.Mutex
	active     bool
	standalone *redisserver.Server
	cluster    *cluster
	err        error // the first start failure, so later tests fail fast with the same reason
	dirs       []string
}

var shared registry

// Main runs the tests of a package and then stops every shared server they started. Use its result
// as the exit code.
func Main(m *testing.M) int {
	shared.mu.Lock()
	shared.active = true
	shared.mu.Unlock()
	defer shared.stop()
	return m.Run()
}

func (r *registry) stop() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cluster != nil {
		r.cluster.stop()
		r.cluster = nil
	}
	if r.standalone != nil {
		r.standalone.Stop()
		r.standalone = nil
	}
	for _, d := range r.dirs {
		_ = os.RemoveAll(d)
	}
	r.dirs = nil
	r.active = false
}

// tempDir is short on purpose: a unix socket path must fit in 107 bytes, and t.TempDir names can
// exceed that.
func (r *registry) tempDir() (string, error) {
	dir, err := os.MkdirTemp("", "gr")
	if err != nil {
		return "", fmt.Errorf("redis test dir: %w", err)
	}
	r.dirs = append(r.dirs, dir)
	return dir, nil
}

func (r *registry) usable(t testing.TB) {
	t.Helper()
	if !r.active {
		t.Fatal("redistest: call redistest.Main from TestMain to use the shared servers")
	}
	if r.err != nil {
		t.Fatalf("redistest: %v", r.err)
	}
}

// StandaloneURL is the shared standalone server's address ("unix://…"), started on first use.
func StandaloneURL(t testing.TB) string {
	t.Helper()
	srv := startShared(t, &shared.standalone, func(dir string) (*redisserver.Server, error) {
		return startServer(dir, fastArgs)
	})
	return srv.URL()
}

// Standalone returns a client of the shared standalone server, closed when the test ends.
func Standalone(t testing.TB) redis.UniversalClient {
	t.Helper()
	return unixClient(t, strings.TrimPrefix(StandaloneURL(t), "unix://"))
}

// ClusterURL is the shared cluster's address in REDIS_URL form ("redis+cluster://h1:p1,h2:p2,h3:p3"),
// started on first use.
func ClusterURL(t testing.TB) string {
	t.Helper()
	return "redis+cluster://" + strings.Join(clusterAddrs(t), ",")
}

// Cluster returns a client of the shared 3-master cluster, closed when the test ends.
func Cluster(t testing.TB) redis.UniversalClient {
	t.Helper()
	c := redis.NewClusterClient(&redis.ClusterOptions{
		Addrs:                 clusterAddrs(t),
		DialTimeout:           time.Second,
		ReadTimeout:           2 * time.Second,
		WriteTimeout:          2 * time.Second,
		ContextTimeoutEnabled: true,
	})
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func clusterAddrs(t testing.TB) []string {
	t.Helper()
	return startShared(t, &shared.cluster, startCluster).addrs
}

// startShared returns the shared server in slot, started with start in a directory of its own on
// first use. A failure is kept, so later tests fail fast with the same reason.
func startShared[T comparable](t testing.TB, slot *T, start func(dir string) (T, error)) T {
	t.Helper()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	shared.usable(t)
	var none T
	if *slot == none {
		dir, err := shared.tempDir()
		if err == nil {
			*slot, err = start(dir)
		}
		if err != nil {
			shared.err = err
			t.Fatalf("redistest: %v", err)
		}
	}
	return *slot
}

// FromEnv returns the cluster when GENESIS_TEST_REDIS=cluster and the standalone server otherwise,
// with its REDIS_URL, so a whole suite can be run against either.
func FromEnv(t testing.TB) (redis.UniversalClient, string) {
	t.Helper()
	if os.Getenv(EnvTarget) == "cluster" {
		return Cluster(t), ClusterURL(t)
	}
	return Standalone(t), StandaloneURL(t)
}

// Prefix is a key prefix no other test uses, so tests sharing a server stay apart.
func Prefix(t testing.TB) string {
	name := []byte(t.Name())
	for i, c := range name {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			name[i] = '_'
		}
	}
	if len(name) > 24 {
		name = name[:24]
	}
	var b [4]byte
	_, _ = rand.Read(b[:])
	return "t" + string(name) + "_" + hex.EncodeToString(b[:])
}

// Private starts a server for this test alone, with the managed defaults (AOF, fsync always,
// noeviction) plus args, so the test may kill -9, SIGSTOP or fill it. It is stopped, continued
// first if it was stopped, and its files removed when the test ends.
func Private(t testing.TB, args ...string) (*redisserver.Server, redis.UniversalClient) {
	t.Helper()
	dir, err := os.MkdirTemp("", "gr")
	if err != nil {
		t.Fatalf("redistest: %v", err)
	}
	srv, err := startServer(dir, args)
	if err != nil {
		_ = os.RemoveAll(dir)
		t.Fatalf("redistest: %v", err)
	}
	t.Cleanup(func() {
		if pid := srv.PID(); pid != 0 {
			_ = syscall.Kill(pid, syscall.SIGCONT)
		}
		srv.Stop()
		_ = os.RemoveAll(dir)
	})
	return srv, unixClient(t, srv.Socket())
}

func startServer(dir string, args []string) (*redisserver.Server, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return redisserver.Start(ctx, redisserver.Config{Dir: dir, Args: args})
}

func unixClient(t testing.TB, socket string) redis.UniversalClient {
	c := redis.NewClient(&redis.Options{
		Network:               "unix",
		Addr:                  socket,
		DialTimeout:           time.Second,
		ReadTimeout:           2 * time.Second,
		WriteTimeout:          2 * time.Second,
		ContextTimeoutEnabled: true,
	})
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// cluster is three masters on loopback TCP ports (Redis Cluster needs TCP: the cluster bus and the
// addresses it hands to clients), each also on a unix socket in its own directory.
type cluster struct {
	nodes []*redisserver.Server
	addrs []string
}

func (c *cluster) stop() {
	for _, n := range c.nodes {
		n.Stop()
	}
}

func startCluster(dir string) (*cluster, error) {
	// A port picked free can be taken by someone else before the node binds it; try again then.
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var c *cluster
		c, err = tryCluster(fmt.Sprintf("%s/c%d", dir, attempt))
		if err == nil {
			return c, nil
		}
	}
	return nil, fmt.Errorf("start redis cluster: %w", err)
}

func tryCluster(dir string) (*cluster, error) {
	ports, err := freePorts(3)
	if err != nil {
		return nil, err
	}
	c := &cluster{}
	for i, port := range ports {
		args := append([]string{
			"--port", strconv.Itoa(port),
			"--bind", "127.0.0.1",
			"--cluster-enabled", "yes",
			"--cluster-config-file", "nodes.conf",
			"--cluster-node-timeout", "5000",
		}, fastArgs...)
		srv, err := startServer(fmt.Sprintf("%s/n%d", dir, i), args)
		if err != nil {
			c.stop()
			return nil, err
		}
		c.nodes = append(c.nodes, srv)
		c.addrs = append(c.addrs, net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	create := exec.CommandContext(ctx, "redis-cli", append(append([]string{"--cluster", "create"}, c.addrs...), "--cluster-yes")...)
	create.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if out, err := create.CombinedOutput(); err != nil {
		c.stop()
		return nil, fmt.Errorf("redis-cli --cluster create: %w: %s", err, lastLines(string(out), 5))
	}
	if err := c.waitReady(ctx); err != nil {
		c.stop()
		return nil, err
	}
	return c, nil
}

// waitReady waits until every node reports cluster_state:ok and sees all three masters, so the
// first test does not meet CLUSTERDOWN or a half-propagated slot map.
func (c *cluster) waitReady(ctx context.Context) error {
	for _, addr := range c.addrs {
		node := redis.NewClient(&redis.Options{Addr: addr, DialTimeout: time.Second})
		err := func() error {
			defer node.Close()
			for {
				info, err := node.ClusterInfo(ctx).Result()
				if err == nil && strings.Contains(info, "cluster_state:ok") && strings.Contains(info, "cluster_known_nodes:3") {
					return nil
				}
				select {
				case <-ctx.Done():
					return fmt.Errorf("cluster node %s not ready: %v (last: %v)", addr, ctx.Err(), err)
				case <-time.After(50 * time.Millisecond):
				}
			}
		}()
		if err != nil {
			return err
		}
	}
	return nil
}

// freePorts finds n loopback ports that are free together with their cluster bus ports (+10000).
// The listeners stay open until all are found so the same port is not handed out twice.
func freePorts(n int) ([]int, error) {
	var ports []int
	var held []net.Listener
	defer func() {
		for _, l := range held {
			_ = l.Close()
		}
	}()
	for tries := 0; len(ports) < n && tries < 50; tries++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		held = append(held, l)
		port := l.Addr().(*net.TCPAddr).Port
		if port+10000 > 65535 {
			continue
		}
		bus, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port+10000)))
		if err != nil {
			continue
		}
		held = append(held, bus)
		ports = append(ports, port)
	}
	if len(ports) < n {
		return nil, fmt.Errorf("found only %d free port pairs", len(ports))
	}
	return ports, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
