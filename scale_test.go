package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"genesis/agents"
	"genesis/storage"
	"genesis/storage/redistest"
)

// owner is a person using Genesis over HTTP, on whichever instance a request is sent to: the cookie
// jar ignores ports, as browsers do, so one session works on every instance.
type owner struct {
	t    *testing.T
	http *http.Client
}

func newOwner(t *testing.T) *owner {
	jar, _ := cookiejar.New(nil)
	return &owner{t: t, http: &http.Client{
		Jar:     jar,
		Timeout: 20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}}
}

var csrfPattern = regexp.MustCompile(`<meta name="csrf-token" content="([^"]*)"`)

func (o *owner) csrf(base string) string {
	o.t.Helper()
	resp, err := o.http.Get(base + "/")
	if err != nil {
		o.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	m := csrfPattern.FindSubmatch(body)
	if m == nil {
		o.t.Fatalf("no CSRF token on %s/ (%d)", base, resp.StatusCode)
	}
	return string(m[1])
}

// post sends a form and returns the status and Location; errors are returned, not fatal, so fault
// tests can count them.
func (o *owner) post(base, path string, form url.Values, csrf string) (int, string, error) {
	form = cloneForm(form)
	form.Set("csrf_token", csrf)
	resp, err := o.http.PostForm(base+path, form)
	if err != nil {
		return 0, "", err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location"), nil
}

// get returns the body of a page fetched with the owner's cookies.
func (o *owner) get(url string) string {
	o.t.Helper()
	resp, err := o.http.Get(url)
	if err != nil {
		o.t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

func cloneForm(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

func (o *owner) signUp(base, email string) {
	o.t.Helper()
	status, _, err := o.post(base, "/signup", url.Values{"name": {"Owner"}, "email": {email}, "password": {"long-password-1"}}, o.csrf(base))
	if err != nil || status != http.StatusSeeOther {
		o.t.Fatalf("sign up on %s: %d %v", base, status, err)
	}
}

var briefPath = regexp.MustCompile(`^/briefs/([A-Za-z0-9_-]{22})$`)

func (o *owner) createBrief(base, csrf, name string) (string, int, error) {
	status, loc, err := o.post(base, "/briefs", url.Values{
		"business_name": {name}, "sector": {"Bakery"}, "city": {"Lagos"}, "country": {"Nigeria"},
		"services": {"Bread\nCakes"}, "language": {"en"},
	}, csrf)
	if err != nil || status != http.StatusSeeOther {
		return "", status, err
	}
	m := briefPath.FindStringSubmatch(loc)
	if m == nil {
		return "", status, fmt.Errorf("created brief at %q", loc)
	}
	return m[1], status, nil
}

// waitBrief waits until no section of the brief is queued or running, reading Redis directly.
func waitBrief(t *testing.T, store *storage.Store, id string, within time.Duration) agents.Brief {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		sess, err := store.ReadSession(context.Background(), id)
		if err == nil && sess.Status != storage.BriefGenerating {
			b, err := agents.BriefFrom(sess)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
		if time.Now().After(deadline) {
			t.Fatalf("brief %s still generating after %v (last error %v)", id, within, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestTwoInstancesShareEverything(t *testing.T) {
	srv, rdb := redistest.Private(t)
	env := map[string]string{"REDIS_URL": srv.URL(), "SESSION_KEYS": newSessionKeyPair()}
	a := startApp(t, env)
	b := startApp(t, env)
	store := storage.New(rdb, storage.Options{})

	o := newOwner(t)
	o.signUp(a.base, "two@example.com")
	id, _, err := o.createBrief(a.base, o.csrf(a.base), "Two Ovens")
	if err != nil {
		t.Fatalf("create on A: %v", err)
	}

	// Watch on B what A generates: B streams every card, though it generated none.
	stream := openStream(t, o, b.base+"/briefs/"+id+"/events?state=q0.q0.q0.q0.q0")
	got := stream.until(t, 5, 10*time.Second)
	for _, s := range agents.Sections() {
		if !got["section-"+string(s)] {
			t.Errorf("B did not stream %s; got %v", s, got)
		}
	}
	stream.close()
	waitBrief(t, store, id, 10*time.Second)

	// Regenerate on B, read on A.
	status, _, err := o.post(b.base, "/briefs/"+id+"/sections/logo_creation/regenerate", url.Values{"instruction": {"bolder"}}, o.csrf(b.base))
	if err != nil || status != http.StatusSeeOther {
		t.Fatalf("regenerate on B: %d %v", status, err)
	}
	waitBrief(t, store, id, 10*time.Second)
	if !strings.Contains(o.get(a.base+"/briefs/"+id), `data-testid="section-logo_creation" data-status="done" data-version="2"`) {
		t.Errorf("A does not show the logo B regenerated (version 2)")
	}
}

// eventStream reads server-sent event names from a live stream.
type eventStream struct {
	resp  *http.Response
	names chan string
}

func openStream(t *testing.T, o *owner, url string) *eventStream {
	t.Helper()
	resp, err := o.http.Get(url)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("open stream %s: %v %v", url, err, resp)
	}
	s := &eventStream{resp: resp, names: make(chan string, 64)}
	go func() {
		defer close(s.names)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				s.names <- name
			}
		}
	}()
	return s
}

func (s *eventStream) until(t *testing.T, n int, within time.Duration) map[string]bool {
	t.Helper()
	got := map[string]bool{}
	timeout := time.After(within)
	for len(got) < n {
		select {
		case name, ok := <-s.names:
			if !ok {
				return got
			}
			got[name] = true
		case <-timeout:
			return got
		}
	}
	return got
}

func (s *eventStream) close() { s.resp.Body.Close() }

// hangingModel is a language model that never answers, so generation is in flight when a test
// kills the instance waiting on it.
func hangingModel(t *testing.T) (string, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Reading the body lets the server notice when the caller goes away.
		io.Copy(io.Discard, r.Body)
		calls.Add(1)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(func() {
		close(release)
		srv.Close()
	})
	return srv.URL, &calls
}

func TestKilledInstanceIsTakenOver(t *testing.T) {
	srv, rdb := redistest.Private(t)
	keys := newSessionKeyPair()
	model, calls := hangingModel(t)
	doomed := startChild(t, map[string]string{
		"REDIS_URL": srv.URL(), "SESSION_KEYS": keys, "LEASE_TTL": "1s", "AGENT_TIMEOUT": "5m",
		"LLM_BASE_URL": model, "LLM_MODEL": "slow-model",
	})
	o := newOwner(t)
	o.signUp(doomed.base, "doomed@example.com")
	id, _, err := o.createBrief(doomed.base, o.csrf(doomed.base), "Half Baked")
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for calls.Load() < int32(len(agents.Sections())) {
		if time.Now().After(deadline) {
			t.Fatalf("only %d of 5 sections reached the model", calls.Load())
		}
		time.Sleep(20 * time.Millisecond)
	}
	doomed.kill(t)

	startApp(t, map[string]string{"REDIS_URL": srv.URL(), "SESSION_KEYS": keys, "LEASE_TTL": "1s"})
	b := waitBrief(t, storage.New(rdb, storage.Options{}), id, 30*time.Second)
	for _, s := range agents.Sections() {
		st := b.Section(s).State
		if st.Status != agents.StatusDone || st.Version != 1 || st.Provider != "builtin" {
			t.Errorf("%s: %+v, want done once (version 1) by the surviving instance", s, st)
		}
	}
}

// timedGet fetches a page and says how long the answer took.
func timedGet(c *http.Client, url string) (int, time.Duration, error) {
	start := time.Now()
	resp, err := c.Get(url)
	if err != nil {
		return 0, time.Since(start), err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, time.Since(start), nil
}

func TestRedisKilledUnderLoadLosesNothingAcknowledged(t *testing.T) {
	a := startApp(t, map[string]string{"LEASE_TTL": "1s", "REDIS_URL": ""})
	o := newOwner(t)
	o.signUp(a.base, "load@example.com")
	csrf := o.csrf(a.base)

	var mu sync.Mutex
	var acknowledged []string
	var slow []string
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				start := time.Now()
				id, status, err := o.createBrief(a.base, csrf, fmt.Sprintf("Load %d-%d", w, i))
				took := time.Since(start)
				mu.Lock()
				if err == nil && id != "" {
					acknowledged = append(acknowledged, id)
				}
				if took > 2*time.Second {
					slow = append(slow, fmt.Sprintf("%d after %v (%v)", status, took, err))
				}
				mu.Unlock()
				time.Sleep(20 * time.Millisecond)
			}
		}(w)
	}
	time.Sleep(time.Second)
	pid := managedRedisPID(t, a.dataDir)
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	killedAt := time.Now()
	time.Sleep(2 * time.Second)
	close(stop)
	wg.Wait()
	if len(slow) > 0 {
		t.Errorf("requests answered after more than 2 s during the outage: %v", slow)
	}
	waitReadyWithin(t, a.base, killedAt, 5*time.Second)

	rdb := redisClient(t, a.dataDir)
	store := storage.New(rdb, storage.Options{})
	if len(acknowledged) == 0 {
		t.Fatal("no brief was acknowledged")
	}
	for _, id := range acknowledged {
		b := waitBrief(t, store, id, 30*time.Second)
		for _, s := range agents.Sections() {
			if st := b.Section(s).State.Status; st != agents.StatusDone {
				t.Errorf("brief %s, %s: %s after recovery", id, s, st)
			}
		}
	}
	t.Logf("%d briefs acknowledged around a kill -9 of redis-server; all complete after recovery", len(acknowledged))
}

// waitReadyWithin checks /readyz comes back within d of the outage's start plus the restart.
func waitReadyWithin(t *testing.T, base string, since time.Time, d time.Duration) {
	t.Helper()
	c := &http.Client{Timeout: 2 * time.Second}
	for time.Since(since) < d+2*time.Second {
		if status, _, err := timedGet(c, base+"/readyz"); err == nil && status == http.StatusOK {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("/readyz not 200 within %v after Redis came back", d)
}

func TestHungRedisAnswersFastAndRecovers(t *testing.T) {
	a := startApp(t, map[string]string{"REDIS_URL": ""})
	o := newOwner(t)
	o.signUp(a.base, "hung@example.com")
	id, _, err := o.createBrief(a.base, o.csrf(a.base), "Paused Bakery")
	if err != nil {
		t.Fatal(err)
	}
	waitBrief(t, storage.New(redisClient(t, a.dataDir), storage.Options{}), id, 10*time.Second)
	before := runtime.NumGoroutine()

	pid := managedRedisPID(t, a.dataDir)
	if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	stopped := true
	defer func() {
		if stopped {
			syscall.Kill(pid, syscall.SIGCONT)
		}
	}()
	for _, path := range []string{"/", "/briefs", "/briefs/" + id, "/readyz"} {
		status, took, err := timedGet(o.http, a.base+path)
		if err != nil || took > 2*time.Second || status != http.StatusServiceUnavailable {
			t.Errorf("GET %s with Redis hung: %d after %v (%v); want 503 within 2 s", path, status, took, err)
		}
	}
	// The home page needs no storage: it still renders, under a banner that says what is wrong.
	if resp, err := o.http.Get(a.base + "/"); err == nil {
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(body), `data-testid="storage-trouble"`) || !strings.Contains(string(body), `data-testid="landing-hero"`) {
			t.Error("with Redis hung, the home page does not render with the storage banner")
		}
	}
	syscall.Kill(pid, syscall.SIGCONT)
	stopped = false
	resumed := time.Now()
	waitReadyWithin(t, a.base, resumed, 5*time.Second)
	if status, _, err := timedGet(o.http, a.base+"/briefs/"+id); err != nil || status != http.StatusOK {
		t.Errorf("brief page after Redis resumed: %d %v", status, err)
	}
	// Everything started for the outage has ended.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before+5 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if after := runtime.NumGoroutine(); after > before+5 {
		t.Errorf("goroutines: %d before the outage, %d after recovery", before, after)
	}
}

func TestFullRedisGivesAClearErrorAndKeepsBriefs(t *testing.T) {
	srv, rdb := redistest.Private(t, "--maxmemory", "16mb")
	a := startApp(t, map[string]string{"REDIS_URL": srv.URL()})
	o := newOwner(t)
	o.signUp(a.base, "full@example.com")
	csrf := o.csrf(a.base)
	id, _, err := o.createBrief(a.base, csrf, "Before The Flood")
	if err != nil {
		t.Fatal(err)
	}
	store := storage.New(rdb, storage.Options{})
	kept := waitBrief(t, store, id, 10*time.Second)

	// Fill Redis to its limit with other data, in ever smaller pieces so no room is left.
	ctx := context.Background()
	for _, size := range []int{64 << 10, 4 << 10, 256, 16} {
		filler := strings.Repeat("x", size)
		for i := 0; ; i++ {
			if err := rdb.Set(ctx, fmt.Sprintf("filler:%d:%d", size, i), filler, 0).Err(); err != nil {
				if !strings.Contains(err.Error(), "OOM") {
					t.Fatalf("filling redis: %v", err)
				}
				break
			}
		}
	}

	resp, err := o.http.PostForm(a.base+"/briefs", url.Values{"csrf_token": {csrf},
		"business_name": {"After The Flood"}, "sector": {"Bakery"}, "city": {"Lagos"}, "country": {"Nigeria"}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusInsufficientStorage || !strings.Contains(string(body), "Storage is full") {
		t.Fatalf("create with Redis full: %d, want 507 saying storage is full; body %.300s", resp.StatusCode, body)
	}
	after, err := agents.BriefFrom(mustRead(t, store, id))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range agents.Sections() {
		if after.Section(s).State.Version != kept.Section(s).State.Version || after.Section(s).State.Status != agents.StatusDone {
			t.Errorf("%s changed while Redis was full", s)
		}
	}
	if status, _, err := timedGet(o.http, a.base+"/briefs/"+id); err != nil || status != http.StatusOK {
		t.Errorf("reading a brief with Redis full: %d %v", status, err)
	}
}

func mustRead(t *testing.T, store *storage.Store, id string) storage.Session {
	t.Helper()
	sess, err := store.ReadSession(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return sess
}
