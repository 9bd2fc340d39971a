package storage

import (
	"context"
	"fmt"
	"sync"

	"github.com/redis/go-redis/v9"
)

// Publish sends a progress event about a brief to every subscriber, on any instance. Events are
// not stored: a subscriber that was not listening reads the brief's state instead.
func (s *Store) Publish(ctx context.Context, briefID string, payload []byte) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	if !validID(briefID) {
		return fmt.Errorf("publish event of brief %q: %w", briefID, ErrNotFound)
	}
	channel := s.eventsChannel(briefID)
	var pub redis.Cmdable = s.rdb
	if c, ok := s.rdb.(*redis.ClusterClient); ok {
		// go-redis sends PUBLISH (a command without keys) to any node, so two events could reach
		// subscribers through different nodes and out of order. The node serving the channel's
		// slot is also the one Subscribe listens on.
		node, err := c.MasterForKey(ctx, channel)
		if err != nil {
			return fmt.Errorf("publish event of brief %s: %w", briefID, classify(err))
		}
		pub = node
	}
	if err := pub.Publish(ctx, channel, payload).Err(); err != nil {
		return fmt.Errorf("publish event of brief %s: %w", briefID, classify(err))
	}
	return nil
}

// eventBuffer is how many events a slow subscriber may fall behind before it waits.
const eventBuffer = 64

// Subscribe listens to a brief's progress events. The subscription is confirmed by Redis before it
// returns, so every event published afterwards is delivered. The channel closes when ctx ends or
// stop is called; stop releases the connection and may be called more than once.
func (s *Store) Subscribe(ctx context.Context, briefID string) (<-chan []byte, func() error, error) {
	if !validID(briefID) {
		return nil, nil, fmt.Errorf("subscribe to brief %q: %w", briefID, ErrNotFound)
	}
	ps := s.rdb.Subscribe(ctx, s.eventsChannel(briefID))
	// A subscription is set up once per stream, not per request: it may wait longer than a call.
	confirm, cancel := boundTo(ctx, 3*s.opts.Timeout)
	_, err := ps.Receive(confirm)
	cancel()
	if err != nil {
		_ = ps.Close()
		return nil, nil, fmt.Errorf("subscribe to brief %s: %w", briefID, classify(err))
	}
	out := make(chan []byte, eventBuffer)
	done := make(chan struct{})
	msgs := ps.Channel()
	go func() {
		defer close(out)
		for {
			select {
			case <-ctx.Done():
				return
			case <-done:
				return
			case m, ok := <-msgs:
				if !ok {
					return
				}
				select {
				case out <- []byte(m.Payload):
				case <-ctx.Done():
					return
				case <-done:
					return
				}
			}
		}
	}()
	var once sync.Once
	var closeErr error
	stop := func() error {
		once.Do(func() {
			close(done)
			if err := ps.Close(); err != nil {
				closeErr = fmt.Errorf("unsubscribe from brief %s: %w", briefID, err)
			}
		})
		return closeErr
	}
	return out, stop, nil
}
