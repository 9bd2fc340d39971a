package handlers

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"genesis/agents"
	"genesis/views"
)

// Live progress timing. A stream ends before the server's write timeout and the browser reconnects
// at once with Last-Event-ID, so nothing is missed; while sections are generating, the brief is
// also re-read now and then in case a progress event was lost.
const (
	streamLifetime = 25 * time.Second
	streamPoll     = 3 * time.Second
	streamRetry    = 1000 // ms, the browser's reconnection delay
)

// briefEvents streams section cards as they change (server-sent events for the htmx SSE extension).
// Events come from Redis pub/sub, so the instance generating a brief need not be the one streaming
// it. Each event carries the new state token as its id.
func (s *Server) briefEvents(c *fiber.Ctx) error {
	b, err := decodedBrief(c)
	if err != nil {
		return err
	}
	since := c.Get("Last-Event-ID")
	if since == "" {
		since = c.Query("state")
	}
	// Without a subscription (Redis busy or failing over) the stream still works: it re-reads the
	// brief on every tick instead of waiting for progress events.
	events, closeSub, err := s.briefs.Subscribe(c.UserContext(), b.ID)
	subscribed := err == nil
	if !subscribed {
		loggerOf(c).Warn("live stream without progress events; polling the brief instead", "err", err)
		closeSub = func() error { return nil }
	}
	// The stream outlives this handler; everything it needs is captured now.
	page := s.page(c)
	id := strings.Clone(b.ID)
	log := loggerOf(c)

	c.Set(fiber.HeaderContentType, "text/event-stream")
	c.Set(fiber.HeaderCacheControl, "no-cache")
	c.Set("X-Accel-Buffering", "no")
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		defer closeSub()
		st := stream{s: s, log: log, w: w, page: page, id: id, state: since}
		// Flushed at once: the browser sees the stream open now, not at the first change.
		fmt.Fprintf(w, "retry: %d\n\n", streamRetry)
		if err := w.Flush(); err != nil {
			return
		}
		if err := st.sync(b); err != nil {
			return
		}
		end := time.NewTimer(streamLifetime)
		defer end.Stop()
		poll := time.NewTicker(streamPoll)
		defer poll.Stop()
		for {
			select {
			case <-s.done:
				return
			case <-end.C:
				return
			case _, ok := <-events:
				if !ok {
					return
				}
				// A section starting and finishing at once needs one read of the brief, not two.
				drainEvents(events)
			case <-poll.C:
				if subscribed && !st.generating {
					// Nothing to catch up on: a comment keeps proxies from closing the stream.
					if _, err := w.WriteString(": keepalive\n\n"); err != nil || w.Flush() != nil {
						return
					}
					continue
				}
			}
			if err := st.refresh(); err != nil {
				if err != errStreamEnded {
					log.Debug("event stream ended", "err", err)
				}
				return
			}
		}
	})
	return nil
}

// drainEvents takes the events already waiting, at most a buffer's worth: the read of the brief
// that follows answers them all. A closed channel is left for the stream's loop to notice.
func drainEvents(events <-chan []byte) {
	for range cap(events) {
		select {
		case _, ok := <-events:
			if !ok {
				return
			}
		default:
			return
		}
	}
}

// stream is one open event stream.
type stream struct {
	s          *Server
	log        *slog.Logger
	w          *bufio.Writer
	page       *views.Page
	id         string
	state      string
	generating bool
}

// refresh re-reads the brief and sends whatever changed.
func (st *stream) refresh() error {
	ctx, cancel := storageCtx()
	defer cancel()
	sess, err := st.s.briefs.ReadSession(ctx, st.id)
	if isNotFound(err) {
		return errStreamEnded
	}
	if err != nil {
		// Storage trouble: keep the stream and read again on the next tick.
		st.log.Warn("live stream could not read the brief", "err", err)
		st.generating = true
		return nil
	}
	b, err := agents.BriefFrom(sess)
	if err != nil {
		return err
	}
	return st.sync(&b)
}

// sync sends the card of every section whose state differs from what the browser has.
func (st *stream) sync(b *agents.Brief) error {
	cur := stateToken(b)
	st.generating = false
	for _, sec := range agents.Sections() {
		if v := b.Section(sec); v.State.Status.InProgress() {
			st.generating = true
		}
	}
	if cur == st.state {
		return nil
	}
	now := time.Now()
	ctx := views.WithPage(context.Background(), st.page)
	for _, sec := range changedSections(st.state, cur) {
		var buf bytes.Buffer
		if err := views.LiveSectionCard(b, sec, now).Render(ctx, &buf); err != nil {
			return err
		}
		if err := views.Announcement(sec, b.Section(sec).State.Status).Render(ctx, &buf); err != nil {
			return err
		}
		if err := views.Confidence(b, true).Render(ctx, &buf); err != nil {
			return err
		}
		writeEvent(st.w, "section-"+string(sec), cur, buf.String())
	}
	st.state = cur
	return st.w.Flush()
}

// writeEvent writes one server-sent event; every line of data gets its own "data:" field.
func writeEvent(w *bufio.Writer, name, id, data string) {
	fmt.Fprintf(w, "id: %s\nevent: %s\n", id, name)
	for _, line := range strings.Split(data, "\n") {
		fmt.Fprintf(w, "data: %s\n", line)
	}
	w.WriteString("\n")
}
