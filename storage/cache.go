package storage

import (
	"container/list"
	"sync"
)

// decodedCache keeps recently read files decompressed. A version of a file is written once and
// never changes (a new write is a new version; brief ids are never reused), so the brief id, file
// name, version and write time identify its content for good, on every instance, and a cached
// entry can never be stale. Reading a popular brief then costs Redis one GET and no decompression.
type decodedCache struct {
	mu     sync.Mutex
	budget int
	used   int
	order  *list.List // most recently used first; values are *cacheEntry
	byKey  map[string]*list.Element
}

type cacheEntry struct {
	key  string
	data []byte
}

// DefaultReadCacheBytes bounds the decoded-file cache of a Store.
const DefaultReadCacheBytes = 32 << 20

func newDecodedCache(budget int) *decodedCache {
	return &decodedCache{budget: budget, order: list.New(), byKey: map[string]*list.Element{}}
}

// get returns a copy of the cached content: callers own what they read.
func (c *decodedCache) get(key string) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return append([]byte(nil), el.Value.(*cacheEntry).data...), true
}

// put keeps a copy of data, evicting the least recently used entries beyond the budget.
func (c *decodedCache) put(key string, data []byte) {
	if c == nil || len(data) > c.budget/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[key]; ok {
		return
	}
	c.byKey[key] = c.order.PushFront(&cacheEntry{key: key, data: append([]byte(nil), data...)})
	c.used += len(data)
	for c.used > c.budget {
		last := c.order.Back()
		e := last.Value.(*cacheEntry)
		c.order.Remove(last)
		delete(c.byKey, e.key)
		c.used -= len(e.data)
	}
}
