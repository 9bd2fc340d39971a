package handlers

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"genesis/storage"
	"genesis/views"
)

// Headers of a delivery to WEBSITE_PUBLISH_URL. The signature covers the timestamp and the body,
// "sha256=" + hex(HMAC-SHA256(secret, timestamp + "." + body)), so a receiver can refuse both
// forged and replayed deliveries.
const (
	headerSignature = "X-Genesis-Signature"
	headerTimestamp = "X-Genesis-Timestamp"
	headerBrief     = "X-Genesis-Brief"
	headerDelivery  = "X-Genesis-Delivery"
	headerAttempt   = "X-Genesis-Attempt"
)

// publicationStore keeps what publishing did on the brief.
type publicationStore interface {
	UpdateFields(ctx context.Context, id string, fields map[string]string) (storage.BriefStatus, error)
}

// publisher delivers site bundles to the configured receiver in the background, detached from the
// request that asked, retrying with exponential backoff, and records each outcome on the brief.
type publisher struct {
	url        string
	secret     []byte
	attempts   int
	backoff    time.Duration
	maxBackoff time.Duration
	timeout    time.Duration
	client     *http.Client
	store      publicationStore
	logger     *slog.Logger
	// ctx ends when the server shuts down.
	ctx context.Context

	mu   sync.Mutex
	jobs map[string]*publishJob
	wg   sync.WaitGroup
}

// publishJob is one brief's publication under way; a newer one for the same brief replaces it.
type publishJob struct {
	cancel context.CancelFunc
	done   chan struct{}
}

func newPublisher(cfg WebsiteConfig, store publicationStore, logger *slog.Logger, done <-chan struct{}) *publisher {
	p := &publisher{
		url:        cfg.PublishURL,
		secret:     []byte(cfg.PublishSecret),
		attempts:   cfg.PublishAttempts,
		backoff:    cfg.PublishBackoff,
		maxBackoff: time.Minute,
		timeout:    cfg.PublishTimeout,
		store:      store,
		logger:     logger,
		jobs:       map[string]*publishJob{},
	}
	if p.attempts <= 0 {
		p.attempts = 5
	}
	if p.backoff <= 0 {
		p.backoff = 2 * time.Second
	}
	if p.timeout <= 0 {
		p.timeout = 30 * time.Second
	}
	// The receiver is a server we call, not one that calls us: no redirects to follow elsewhere.
	p.client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	p.ctx = context.Background()
	if done != nil {
		ctx, cancel := context.WithCancel(context.Background())
		p.ctx = ctx
		go func() {
			<-done
			cancel()
		}()
	}
	return p
}

// start publishes archive as brief id's website, replacing any publication of it still under way.
func (p *publisher) start(id string, archive []byte) {
	ctx, cancel := context.WithCancel(p.ctx)
	job := &publishJob{cancel: cancel, done: make(chan struct{})}
	p.mu.Lock()
	prev := p.jobs[id]
	p.jobs[id] = job
	p.wg.Add(1)
	p.mu.Unlock()
	if prev != nil {
		prev.cancel()
	}
	go func() {
		defer p.wg.Done()
		defer close(job.done)
		defer cancel()
		defer func() {
			p.mu.Lock()
			if p.jobs[id] == job {
				delete(p.jobs, id)
			}
			p.mu.Unlock()
		}()
		if prev != nil {
			<-prev.done // so the older job records nothing after this one starts
		}
		p.run(ctx, id, archive)
	}()
}

// wait blocks until every publication has ended or ctx ends.
func (p *publisher) wait(ctx context.Context) {
	done := make(chan struct{})
	go func() {
		p.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

// failure is why a delivery did not succeed, and whether trying again may help.
type failure struct {
	reason     string // timeout, unreachable, status
	httpStatus int
	retry      bool
	err        error
}

func (p *publisher) run(ctx context.Context, id string, archive []byte) {
	delivery := newRequestID()
	log := p.logger.With("brief", id, "delivery", delivery)
	p.record(id, views.Publication{Status: views.PublicationPending}, log)
	var last *failure
	attempt := 1
	for ; ; attempt++ {
		publishedURL, f := p.deliver(ctx, id, delivery, attempt, archive)
		superseded := ctx.Err() != nil && p.ctx.Err() == nil
		if superseded {
			return
		}
		if f != nil && ctx.Err() != nil {
			p.stopped(id, attempt, log)
			return
		}
		if f == nil {
			log.Info("website published", "attempts", attempt, "url", publishedURL)
			p.record(id, views.Publication{Status: views.PublicationPublished, URL: publishedURL, Attempts: attempt}, log)
			return
		}
		last = f
		log.Warn("website delivery failed", "attempt", attempt, "reason", f.reason, "http_status", f.httpStatus, "err", f.err)
		if !f.retry || attempt >= p.attempts {
			break
		}
		p.record(id, views.Publication{Status: views.PublicationPending, Reason: f.reason, HTTPStatus: f.httpStatus, Attempts: attempt}, log)
		t := time.NewTimer(p.delay(attempt))
		select {
		case <-ctx.Done():
			t.Stop()
			p.stopped(id, attempt, log)
			return
		case <-t.C:
		}
	}
	p.record(id, views.Publication{Status: views.PublicationFailed, Reason: last.reason, HTTPStatus: last.httpStatus, Attempts: attempt}, log)
}

// delay is the wait after the attempt-th failed delivery: backoff, doubled each time, capped.
func (p *publisher) delay(attempt int) time.Duration {
	d := p.backoff
	for i := 1; i < attempt && d < p.maxBackoff; i++ {
		d *= 2
	}
	return min(d, p.maxBackoff)
}

// stopped records a publication cut short by shutdown; one replaced by a newer one records nothing.
func (p *publisher) stopped(id string, attempts int, log *slog.Logger) {
	if p.ctx.Err() == nil {
		return
	}
	p.record(id, views.Publication{Status: views.PublicationFailed, Reason: "interrupted", Attempts: attempts}, log)
}

// sign is the signature header's value for a body sent at timestamp ts.
func sign(secret []byte, ts string, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(ts))
	mac.Write([]byte{'.'})
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// deliver POSTs the archive once. On success it returns the address the receiver says the site is
// published at ("" when it says none).
func (p *publisher) deliver(ctx context.Context, id, delivery string, attempt int, archive []byte) (string, *failure) {
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(archive))
	if err != nil {
		return "", &failure{reason: "unreachable", err: err}
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req.Header.Set("Content-Type", "application/zip")
	req.Header.Set("User-Agent", "Genesis-Publisher/1")
	req.Header.Set(headerTimestamp, ts)
	req.Header.Set(headerSignature, sign(p.secret, ts, archive))
	req.Header.Set(headerBrief, id)
	req.Header.Set(headerDelivery, delivery)
	req.Header.Set(headerAttempt, strconv.Itoa(attempt))
	resp, err := p.client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return "", &failure{reason: "timeout", retry: true, err: err}
		}
		return "", &failure{reason: "unreachable", retry: true, err: err}
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	switch code := resp.StatusCode; {
	case code >= 200 && code < 300:
		return publishedURL(body, resp.Header.Get("Location")), nil
	case code == http.StatusRequestTimeout || code == http.StatusTooEarly || code == http.StatusTooManyRequests || code >= 500:
		return "", &failure{reason: "status", httpStatus: code, retry: true}
	default:
		// The receiver refused this site; sending it again would be refused again.
		return "", &failure{reason: "status", httpStatus: code}
	}
}

// publishedURL is the site's address from the receiver's answer: {"url": "…"} or a Location
// header. Only an absolute http(s) URL is kept: it becomes a link on the owner's page.
func publishedURL(body []byte, location string) string {
	var answer struct {
		URL string `json:"url"`
	}
	candidate := location
	if json.Unmarshal(body, &answer) == nil && answer.URL != "" {
		candidate = answer.URL
	}
	u, err := url.Parse(candidate)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(candidate) > 2048 {
		return ""
	}
	return u.String()
}

// record stores the publication on the brief. The brief may have been deleted meanwhile: then
// there is nothing to record.
func (p *publisher) record(id string, pub views.Publication, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	fields := map[string]string{
		fieldSiteStatus:   pub.Status,
		fieldSiteURL:      pub.URL,
		fieldSiteReason:   pub.Reason,
		fieldSiteHTTP:     strconv.Itoa(pub.HTTPStatus),
		fieldSiteAttempts: strconv.Itoa(pub.Attempts),
		fieldSiteAt:       strconv.FormatInt(time.Now().UnixMilli(), 10),
	}
	if _, err := p.store.UpdateFields(ctx, id, fields); err != nil && !isNotFound(err) {
		log.Warn("record website publication", "status", pub.Status, "err", err)
	}
}
