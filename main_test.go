package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"genesis/storage"
	"genesis/storage/redisserver"
	"genesis/storage/redistest"
)

// TestMain lets a test re-run this binary as Genesis itself, so a test can kill -9 a real Genesis
// process and watch what happens to its managed redis-server.
func TestMain(m *testing.M) {
	if os.Getenv("GENESIS_TEST_RUN_MAIN") == "1" {
		if err := run(context.Background(), os.Args[:1], os.Getenv, os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(redistest.Main(m))
}

// freeAddr returns a loopback address with a port nobody listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// syncBuffer collects a process's output from several goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// app is one Genesis started by run() for a test.
type app struct {
	base    string
	dataDir string
	logs    *syncBuffer
	cancel  context.CancelFunc
	done    chan error
	stopped sync.Once
}

// startApp runs Genesis with env on top of a fresh ADDR, and waits until /readyz answers 200.
func startApp(t *testing.T, env map[string]string) *app {
	t.Helper()
	addr := freeAddr(t)
	vars := map[string]string{"ADDR": addr, "DATA_DIR": t.TempDir(), "LOG_LEVEL": "debug"}
	// With GENESIS_TEST_REDIS=cluster the suite runs on the local Redis Cluster, except tests that
	// say which Redis they need (REDIS_URL, empty for the managed one).
	if _, chosen := env["REDIS_URL"]; !chosen && os.Getenv(redistest.EnvTarget) == "cluster" {
		vars["REDIS_URL"] = redistest.ClusterURL(t)
	}
	for k, v := range env {
		vars[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	a := &app{base: "http://" + addr, dataDir: vars["DATA_DIR"], logs: &syncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	go func() {
		a.done <- run(ctx, []string{"genesis"}, func(k string) string { return vars[k] }, io.Discard, a.logs)
	}()
	t.Cleanup(func() { a.stop(t) })
	waitReady(t, a.base, a.done)
	return a
}

// logLines are the lines of the app's log that contain any of the words.
func (a *app) logLines(words ...string) string {
	var out []string
	for _, line := range strings.Split(a.logs.String(), "\n") {
		for _, w := range words {
			if strings.Contains(line, w) {
				out = append(out, line)
				break
			}
		}
	}
	return strings.Join(out, "\n")
}

// stop cancels run's context, as SIGTERM does, and waits for run to return.
func (a *app) stop(t *testing.T) {
	t.Helper()
	a.stopped.Do(func() {
		a.cancel()
		select {
		case err := <-a.done:
			if err != nil {
				t.Errorf("run returned %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Errorf("run did not return within 20s of cancellation; logs:\n%s", a.logs)
		}
	})
}

// child is Genesis run as a separate process, so a test can kill -9 it.
type child struct {
	base   string
	cmd    *exec.Cmd
	logs   *syncBuffer
	exited chan error // receives Wait's result, then is closed
}

// startChild runs Genesis in a child process with env on top of a fresh ADDR and DATA_DIR, and
// waits until /readyz answers 200. The process is killed when the test ends.
func startChild(t *testing.T, env map[string]string) *child {
	t.Helper()
	addr := freeAddr(t)
	vars := map[string]string{"GENESIS_TEST_RUN_MAIN": "1", "ADDR": addr, "DATA_DIR": t.TempDir()}
	maps.Copy(vars, env)
	c := &child{base: "http://" + addr, cmd: exec.Command(os.Args[0], "-test.run=^$"), logs: &syncBuffer{}, exited: make(chan error, 1)}
	c.cmd.Env = os.Environ()
	for k, v := range vars {
		c.cmd.Env = append(c.cmd.Env, k+"="+v)
	}
	c.cmd.Stdout, c.cmd.Stderr = c.logs, c.logs
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		c.exited <- c.cmd.Wait()
		close(c.exited)
	}()
	t.Cleanup(func() {
		_ = c.cmd.Process.Kill()
		<-c.exited
	})
	waitReady(t, c.base, c.exited)
	return c
}

// kill ends the child with SIGKILL and waits until it has exited.
func (c *child) kill(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-c.exited
}

func waitReady(t *testing.T, base string, done chan error) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("run returned before ready: %v", err)
		default:
		}
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("%s/readyz not 200 within 20s", base)
}

func get(t *testing.T, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// redisClient is a client of the managed redis-server Genesis runs on dataDir, closed when the
// test ends.
func redisClient(t *testing.T, dataDir string) redis.UniversalClient {
	t.Helper()
	rdb, _, err := storage.Connect("unix://" + redisserver.SocketPath(managedRedisDir(dataDir)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

// managedRedisPID is the pid of the redis-server Genesis runs on dataDir.
func managedRedisPID(t *testing.T, dataDir string) int {
	t.Helper()
	info, err := redisClient(t, dataDir).Info(context.Background(), "server").Result()
	if err != nil {
		t.Fatalf("INFO on managed redis: %v", err)
	}
	for _, line := range strings.Split(info, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "process_id:"); ok {
			pid, _ := strconv.Atoi(v)
			return pid
		}
	}
	t.Fatal("no process_id in INFO")
	return 0
}

func processGone(pid int, within time.Duration) bool {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if err := syscall.Kill(pid, 0); err == syscall.ESRCH {
			return true
		}
		// A zombie still answers kill 0; its state in /proc tells it is dead.
		if stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err == nil && strings.Contains(string(stat), ") Z ") {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

func TestServesPagesAndProbesOnManagedRedis(t *testing.T) {
	a := startApp(t, map[string]string{"REDIS_URL": ""})

	for _, tc := range []struct {
		path, accept string
		status       int
		contentType  string
		contains     []string
	}{
		{"/healthz", "", 200, "text/plain", []string{"ok"}},
		{"/readyz", "", 200, "text/plain", []string{"ready"}},
		{"/health", "", 200, "application/json", []string{`"status":"ok"`, `"mode":"standalone"`, `"maxmemory_policy":"noeviction"`, `"aof_enabled":true`}},
		{"/", "text/html", 200, "text/html", []string{`<html lang="en"`, `data-testid="landing-hero"`, "Describe your business once", `<meta name="csrf-token"`}},
		{"/", "text/html", 200, "text/html", nil},
		{"/no-such-page", "text/html", 404, "text/html", []string{`data-testid="error-page"`, "could not find"}},
		{"/no-such-page", "application/json", 404, "application/json", []string{`"code":"not_found"`}},
	} {
		resp, body := get(t, a.base+tc.path, "Accept", tc.accept)
		if resp.StatusCode != tc.status {
			t.Errorf("GET %s: status %d, want %d", tc.path, resp.StatusCode, tc.status)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, tc.contentType) {
			t.Errorf("GET %s: Content-Type %q, want %s", tc.path, ct, tc.contentType)
		}
		for _, want := range tc.contains {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s: body lacks %q", tc.path, want)
			}
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("GET %s: CSP %q lacks frame-ancestors 'none'", tc.path, csp)
		}
		if resp.Header.Get("X-Request-Id") == "" {
			t.Errorf("GET %s: no X-Request-Id", tc.path)
		}
	}

	// French visitors get the page in French.
	_, body := get(t, a.base+"/", "Accept-Language", "fr-SN,fr;q=0.9")
	if !strings.Contains(body, `<html lang="fr"`) || !strings.Contains(body, "Décrivez votre entreprise") {
		t.Errorf("Accept-Language fr: page is not French")
	}
}

func TestStaticAssetsAreCachedByContentHash(t *testing.T) {
	a := startApp(t, nil)
	_, page := get(t, a.base+"/")
	i := strings.Index(page, "/static/css/app.css?v=")
	if i < 0 {
		t.Fatal("page does not link the hashed stylesheet")
	}
	url := page[i : i+strings.IndexByte(page[i:], '"')]

	resp, body := get(t, a.base+url)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") || len(body) < 1000 {
		t.Fatalf("GET %s: %d %s, %d bytes", url, resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("hashed asset Cache-Control = %q, want immutable", cc)
	}
	resp, _ = get(t, a.base+url, "If-None-Match", resp.Header.Get("ETag"))
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation with ETag: status %d, want 304", resp.StatusCode)
	}
	resp, _ = get(t, a.base+"/static/css/app.css")
	if cc := resp.Header.Get("Cache-Control"); strings.Contains(cc, "immutable") {
		t.Errorf("unhashed asset URL Cache-Control = %q, want revalidation", cc)
	}
	resp, _ = get(t, a.base+"/static/../main.go")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("path traversal: status %d, want 404", resp.StatusCode)
	}
}

func TestShutdownStopsManagedRedisAndKeepsData(t *testing.T) {
	dataDir := t.TempDir()

	first := startApp(t, map[string]string{"DATA_DIR": dataDir, "REDIS_URL": ""})
	pid := managedRedisPID(t, dataDir)
	rdb := redisClient(t, dataDir)
	if err := rdb.Set(context.Background(), "genesis-test:kept", "across restarts", 0).Err(); err != nil {
		t.Fatal(err)
	}
	rdb.Close()
	first.stop(t)

	if !processGone(pid, 5*time.Second) {
		t.Fatalf("managed redis-server %d still running after shutdown", pid)
	}
	entries, err := os.ReadDir(filepath.Join(managedRedisDir(dataDir), "appendonlydir"))
	if err != nil || len(entries) == 0 {
		t.Fatalf("no AOF files after shutdown: %v", err)
	}

	startApp(t, map[string]string{"DATA_DIR": dataDir, "REDIS_URL": ""})
	got, err := redisClient(t, dataDir).Get(context.Background(), "genesis-test:kept").Result()
	if err != nil || got != "across restarts" {
		t.Fatalf("after restart: GET = %q, %v; want the value written before", got, err)
	}
}

func TestKilledGenesisLeavesNoRedisBehind(t *testing.T) {
	dataDir := t.TempDir()
	genesis := startChild(t, map[string]string{"DATA_DIR": dataDir, "REDIS_URL": ""})

	pid := managedRedisPID(t, dataDir)
	genesis.kill(t)
	if !processGone(pid, 5*time.Second) {
		syscall.Kill(pid, syscall.SIGKILL)
		t.Fatalf("redis-server %d outlived its killed parent; logs:\n%s", pid, genesis.logs)
	}
}

func TestLoadConfig(t *testing.T) {
	for _, tc := range []struct {
		name    string
		env     map[string]string
		wantErr string
	}{
		{"defaults", nil, ""},
		{"bad ttl", map[string]string{"BRIEF_TTL": "soon"}, `BRIEF_TTL="soon"`},
		{"ttl too short", map[string]string{"BRIEF_TTL": "1s"}, "BRIEF_TTL"},
		{"bad bool", map[string]string{"COOKIE_SECURE": "maybe"}, `COOKIE_SECURE="maybe"`},
		{"bad level", map[string]string{"LOG_LEVEL": "loud"}, `LOG_LEVEL="loud"`},
		{"bad format", map[string]string{"LOG_FORMAT": "xml"}, "LOG_FORMAT"},
		{"bad addr", map[string]string{"ADDR": "8080"}, "ADDR"},
		{"bad prefix", map[string]string{"KEY_PREFIX": "a{b}"}, "KEY_PREFIX"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := loadConfig(func(k string) string { return tc.env[k] })
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("loadConfig: %v", err)
				}
				if cfg.Addr != "127.0.0.1:8080" || cfg.BriefTTL != 168*time.Hour || cfg.KeyPrefix != "genesis" || cfg.DataDir != "./data" {
					t.Errorf("defaults = %+v", cfg)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("loadConfig error = %v, want one line containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestMissingRedisServerNamesTheFix(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	err := run(context.Background(), []string{"genesis"}, func(k string) string {
		return map[string]string{"DATA_DIR": t.TempDir(), "ADDR": freeAddr(t)}[k]
	}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "apt-get install redis-server") || !strings.Contains(err.Error(), "REDIS_URL") {
		t.Fatalf("run without redis-server: %v", err)
	}
}

func TestAdminCommandGrantsAndRevokes(t *testing.T) {
	a := startApp(t, map[string]string{"REDIS_URL": ""})
	o := newOwner(t)
	o.signUp(a.base, "promote@example.com")
	cmd := func(args ...string) (string, error) {
		var out bytes.Buffer
		env := map[string]string{"DATA_DIR": a.dataDir, "ADDR": freeAddr(t)}
		err := run(context.Background(), append([]string{"genesis", "admin"}, args...), func(k string) string { return env[k] }, &out, io.Discard)
		return out.String(), err
	}
	role := func() string {
		rdb := redisClient(t, a.dataDir)
		u, err := storage.NewAccounts(rdb, "genesis").UserByEmail(context.Background(), "promote@example.com")
		if err != nil {
			t.Fatal(err)
		}
		return string(u.Role)
	}
	// Beside the running server, the command reaches its managed Redis on the socket.
	if out, err := cmd("grant", "Promote@Example.com"); err != nil || !strings.Contains(out, "promote@example.com is now admin") {
		t.Fatalf("admin grant: %q, %v", out, err)
	}
	if got := role(); got != "admin" {
		t.Errorf("role after grant = %q", got)
	}
	if out, err := cmd("revoke", "promote@example.com"); err != nil || !strings.Contains(out, "is now owner") {
		t.Fatalf("admin revoke: %q, %v", out, err)
	}
	if got := role(); got != "owner" {
		t.Errorf("role after revoke = %q", got)
	}
	if _, err := cmd("grant", "nobody@example.com"); err == nil || !strings.Contains(err.Error(), "sign up first") {
		t.Errorf("grant to an unknown email: %v", err)
	}
	if _, err := cmd("promote"); err == nil || !strings.Contains(err.Error(), "usage") {
		t.Errorf("bad subcommand: %v", err)
	}
}

func TestWarnsWhenRedisMayEvictBriefs(t *testing.T) {
	srv, _ := redistest.Private(t, "--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru")
	a := startApp(t, map[string]string{"REDIS_URL": srv.URL()})
	if !strings.Contains(a.logs.String(), "maxmemory-policy can silently delete briefs") {
		t.Error("no startup warning for an allkeys-* eviction policy")
	}
	resp, body := get(t, a.base+"/health")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `"status":"degraded"`) || !strings.Contains(body, `"eviction_unsafe":true`) {
		t.Errorf("/health with allkeys-lru: %d %s", resp.StatusCode, body)
	}
}
