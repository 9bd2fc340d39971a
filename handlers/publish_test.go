package handlers

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/hmac"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"genesis/views"
)

const publishSecret = "test-publish-secret-0123456789"

// delivery is one POST the fake receiver got.
type delivery struct {
	at       time.Time
	id       string
	attempt  string
	brief    string
	signed   bool
	archive  []byte
	hasIndex bool
}

// receiver is a fake publishing service on loopback: it checks each delivery's signature, answers
// with the statuses it is told, in turn (the last one repeats), and remembers what it got.
type receiver struct {
	t        *testing.T
	srv      *httptest.Server
	statuses []int
	url      string
	hold     chan struct{} // when set, deliveries wait for it to close
	mu       sync.Mutex
	got      []delivery
}

func newReceiver(t *testing.T, statuses ...int) *receiver {
	r := &receiver{t: t, statuses: statuses, url: "https://sites.example/mama-put/"}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.srv.Close)
	return r
}

// verify checks a delivery the way a receiver should: a fresh timestamp, and the HMAC of
// "timestamp.body" under the shared secret.
func verify(secret string, h http.Header, body []byte) bool {
	ts, err := strconv.ParseInt(h.Get(headerTimestamp), 10, 64)
	if err != nil || time.Since(time.Unix(ts, 0)).Abs() > 5*time.Minute {
		return false
	}
	want := sign([]byte(secret), h.Get(headerTimestamp), body)
	return hmac.Equal([]byte(want), []byte(h.Get(headerSignature)))
}

func (r *receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	d := delivery{
		at: time.Now(), id: req.Header.Get(headerDelivery), attempt: req.Header.Get(headerAttempt),
		brief: req.Header.Get(headerBrief), signed: verify(publishSecret, req.Header, body), archive: body,
	}
	if zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body))); err == nil {
		for _, f := range zr.File {
			d.hasIndex = d.hasIndex || f.Name == "index.html"
		}
	}
	r.mu.Lock()
	r.got = append(r.got, d)
	n := len(r.got)
	r.mu.Unlock()
	if r.hold != nil {
		select {
		case <-r.hold:
		case <-req.Context().Done():
			return
		}
	}
	if !d.signed {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	status := r.statuses[min(n, len(r.statuses))-1]
	if status == http.StatusOK {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"url": "`+r.url+`"}`)
		return
	}
	http.Error(w, "try later", status)
}

func (r *receiver) deliveries() []delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]delivery(nil), r.got...)
}

// waitPublication polls the brief through the API until its publication is no longer pending.
func waitPublication(t *testing.T, api *apiClient, id string) apiPublication {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		var b apiBriefResponse
		api.call(http.MethodGet, "/api/v1/business/brief/"+id, "", &b)
		if b.Publication != nil && b.Publication.Status != views.PublicationPending {
			return *b.Publication
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("brief %s: publication still pending after 15 s", id)
	return apiPublication{}
}

// TestPublishRetriesUntilTheReceiverTakesIt: the receiver fails twice, then takes the site; the
// brief records the published address and three attempts, and the brief page shows it.
func TestPublishRetriesUntilTheReceiverTakesIt(t *testing.T) {
	rcv := newReceiver(t, http.StatusServiceUnavailable, http.StatusBadGateway, http.StatusOK)
	env := newEnv(t, withWebsite(WebsiteConfig{PublishURL: rcv.srv.URL + "/sites", PublishSecret: publishSecret, PublishBackoff: 20 * time.Millisecond}))
	t.Cleanup(func() { drain(env) })
	api := env.apiUser("Publisher")
	var b rawBrief
	api.call(http.MethodPost, "/api/v1/business/brief/generate", generateBody, &b)

	var site websiteResponse
	resp := api.call(http.MethodPost, "/api/v1/business/website/create", `{"brief_id": "`+b.ID+`"}`, &site)
	if resp.StatusCode != http.StatusCreated || site.Data.Publication == nil || site.Data.Publication.Status != views.PublicationPending {
		t.Fatalf("website/create with publishing: %d %s", resp.StatusCode, resp.body)
	}
	openAPIDoc(t, env).checkResponse(t, "POST", "/business/website/create", resp)
	start := time.Now()
	pub := waitPublication(t, api, b.ID)
	if pub.Status != views.PublicationPublished || pub.URL != rcv.url || pub.Attempts != 3 || pub.Error != "" || pub.UpdatedAt.Before(start.Add(-time.Second)) {
		t.Errorf("publication = %+v, want published at %s after 3 attempts", pub, rcv.url)
	}

	got := rcv.deliveries()
	if len(got) != 3 {
		t.Fatalf("receiver got %d deliveries, want 3", len(got))
	}
	for i, d := range got {
		if !d.signed || !d.hasIndex || d.brief != b.ID || d.id != got[0].id || d.attempt != strconv.Itoa(i+1) {
			t.Errorf("delivery %d: signed %v, index.html %v, brief %q, delivery %q (first %q), attempt %q", i+1, d.signed, d.hasIndex, d.brief, d.id, got[0].id, d.attempt)
		}
		if !bytes.Equal(d.archive, got[0].archive) {
			t.Errorf("delivery %d sent other bytes than the first", i+1)
		}
	}
	// Exponential backoff: 20 ms after the first failure, 40 ms after the second.
	if gap1, gap2 := got[1].at.Sub(got[0].at), got[2].at.Sub(got[1].at); gap1 < 20*time.Millisecond || gap2 < 40*time.Millisecond {
		t.Errorf("waits between attempts %v and %v, want at least 20 ms then 40 ms", gap1, gap2)
	}
	panel := api.get("/briefs/"+b.ID+"/website", append(bearer(api.token), "HX-Request", "true")...)
	if !strings.Contains(panel.body, `data-status="published"`) || !strings.Contains(panel.body, `href="`+rcv.url+`"`) || strings.Contains(panel.body, "every 5s") {
		t.Errorf("website panel after publishing: %.500s", panel.body)
	}
}

func drain(env *testEnv) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	env.server.Drain(ctx)
}

// TestPublishFailures: how each kind of failure ends, and what the owner is told.
func TestPublishFailures(t *testing.T) {
	closed := func() string {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		return "http://" + addr + "/sites"
	}
	for _, tc := range []struct {
		name     string
		statuses []int
		url      string // instead of the receiver's
		secret   string
		timeout  time.Duration
		hold     bool
		want     apiPublication
	}{
		{name: "refused: no retry", statuses: []int{http.StatusUnprocessableEntity},
			want: apiPublication{Status: "failed", Attempts: 1, HTTPStatus: 422, Error: "The publishing service refused the website (HTTP 422)."}},
		{name: "wrong secret", statuses: []int{http.StatusOK}, secret: "not-the-receivers-secret",
			want: apiPublication{Status: "failed", Attempts: 1, HTTPStatus: 401, Error: "The publishing service refused the website (HTTP 401)."}},
		{name: "always down: bounded attempts", statuses: []int{http.StatusServiceUnavailable},
			want: apiPublication{Status: "failed", Attempts: 3, HTTPStatus: 503, Error: "The publishing service refused the website (HTTP 503)."}},
		{name: "unreachable", url: closed(),
			want: apiPublication{Status: "failed", Attempts: 3, Error: "The publishing service could not be reached."}},
		{name: "too slow", statuses: []int{http.StatusOK}, hold: true, timeout: 50 * time.Millisecond,
			want: apiPublication{Status: "failed", Attempts: 3, Error: "The publishing service did not answer in time."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			statuses := tc.statuses
			if len(statuses) == 0 {
				statuses = []int{http.StatusOK}
			}
			rcv := newReceiver(t, statuses...)
			if tc.hold {
				rcv.hold = make(chan struct{})
				t.Cleanup(func() { close(rcv.hold) })
			}
			cfg := WebsiteConfig{PublishURL: rcv.srv.URL, PublishSecret: publishSecret, PublishAttempts: 3, PublishBackoff: 5 * time.Millisecond, PublishTimeout: tc.timeout}
			if tc.url != "" {
				cfg.PublishURL = tc.url
			}
			if tc.secret != "" {
				cfg.PublishSecret = tc.secret
			}
			env := newEnv(t, withWebsite(cfg))
			t.Cleanup(func() { drain(env) })
			api := env.apiUser("Failing")
			var b rawBrief
			api.call(http.MethodPost, "/api/v1/business/brief/generate", generateBody, &b)
			api.call(http.MethodPost, "/api/v1/business/website/create", `{"brief_id": "`+b.ID+`"}`, nil)
			got := waitPublication(t, api, b.ID)
			got.UpdatedAt = time.Time{}
			if got != tc.want {
				t.Errorf("publication = %+v\nwant %+v", got, tc.want)
			}
			page := api.get("/briefs/"+b.ID+"/website", append(bearer(api.token), "HX-Request", "true")...)
			if !strings.Contains(page.body, `data-status="failed"`) || !strings.Contains(page.body, htmlEscape(tc.want.Error)) {
				t.Errorf("website panel does not show the failure: %.600s", page.body)
			}
		})
	}
}

// TestPublishShutdownAndReplacement: a newer publication of a brief replaces the one under way,
// and shutting down records the interrupted one as failed instead of leaving it pending.
func TestPublishShutdownAndReplacement(t *testing.T) {
	env := newEnv(t)
	api := env.apiUser("Stopper")
	var b rawBrief
	api.call(http.MethodPost, "/api/v1/business/brief/generate", generateBody, &b)
	rcv := newReceiver(t, http.StatusOK)
	rcv.hold = make(chan struct{})
	done := make(chan struct{})
	p := newPublisher(WebsiteConfig{PublishURL: rcv.srv.URL, PublishSecret: publishSecret}, env.store, env.server.logger, done)

	p.start(b.ID, []byte("first"))
	waitFor(t, func() bool { return len(rcv.deliveries()) == 1 })
	p.start(b.ID, []byte("second"))
	waitFor(t, func() bool { return len(rcv.deliveries()) == 2 })
	close(done)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	p.wait(ctx)
	close(rcv.hold)

	sess, err := env.store.ReadSession(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	pub := publicationOf(sess.Fields)
	if pub == nil || pub.Status != views.PublicationFailed || pub.Reason != "interrupted" || pub.Attempts != 1 {
		t.Errorf("publication after shutdown = %+v, want failed, interrupted, 1 attempt", pub)
	}
	if got := rcv.deliveries(); string(got[1].archive) != "second" || got[0].id == got[1].id {
		t.Errorf("the replacement did not send its own archive as a new delivery")
	}
	// A brief deleted while its site is published: nothing to record, nothing breaks.
	if err := env.store.DeleteSession(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	p.record(b.ID, views.Publication{Status: views.PublicationPublished}, env.server.logger)
	if _, err := env.store.ReadSession(ctx, b.ID); !isNotFound(err) {
		t.Errorf("recording on a deleted brief brought it back: %v", err)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not met within 10 s")
}

func TestSignature(t *testing.T) {
	body := []byte("PK\x03\x04 site")
	h := http.Header{}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	h.Set(headerTimestamp, ts)
	h.Set(headerSignature, sign([]byte(publishSecret), ts, body))
	if !verify(publishSecret, h, body) {
		t.Fatal("a fresh, correctly signed delivery does not verify")
	}
	for name, mutate := range map[string]func(http.Header, []byte) []byte{
		"body changed": func(_ http.Header, b []byte) []byte { return append(b, '!') },
		"timestamp changed": func(h http.Header, b []byte) []byte {
			h.Set(headerTimestamp, strconv.FormatInt(time.Now().Unix()+1, 10))
			return b
		},
		"replayed much later": func(h http.Header, b []byte) []byte {
			old := strconv.FormatInt(time.Now().Add(-time.Hour).Unix(), 10)
			h.Set(headerTimestamp, old)
			h.Set(headerSignature, sign([]byte(publishSecret), old, b))
			return b
		},
		"other secret": func(h http.Header, b []byte) []byte { h.Set(headerSignature, sign([]byte("other"), ts, b)); return b },
	} {
		hh := h.Clone()
		b := mutate(hh, append([]byte(nil), body...))
		if verify(publishSecret, hh, b) {
			t.Errorf("%s: still verifies", name)
		}
	}
	if got := sign([]byte("key"), "1700000000", []byte("body")); !strings.HasPrefix(got, "sha256=") || len(got) != len("sha256=")+64 {
		t.Errorf("signature header %q, want sha256=<64 hex digits>", got)
	}
}

func TestPublishedURL(t *testing.T) {
	for _, tc := range []struct {
		body, location, want string
	}{
		{`{"url": "https://a.example/x/"}`, "", "https://a.example/x/"},
		{`{}`, "https://b.example/", "https://b.example/"},
		{`not json`, "", ""},
		{`{"url": "javascript:alert(1)"}`, "", ""},
		{`{"url": "/relative"}`, "", ""},
		{`{"url": "https://` + strings.Repeat("a", 2100) + `.example/"}`, "", ""},
	} {
		if got := publishedURL([]byte(tc.body), tc.location); got != tc.want {
			t.Errorf("publishedURL(%.40q, %q) = %q, want %q", tc.body, tc.location, got, tc.want)
		}
	}
}
