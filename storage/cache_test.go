package storage

import (
	"bytes"
	"testing"
)

func TestDecodedCacheKeepsCopiesWithinItsBudget(t *testing.T) {
	c := newDecodedCache(80)
	c.put("a@1", []byte("0123456789"))
	got, ok := c.get("a@1")
	if !ok || string(got) != "0123456789" {
		t.Fatalf("get after put = %q, %v", got, ok)
	}
	got[0] = 'X'
	if again, _ := c.get("a@1"); again[0] != '0' {
		t.Error("a caller's change reached the cache: get must return a copy")
	}
	for _, k := range []string{"b@1", "c@1", "d@1", "e@1", "f@1", "g@1", "h@1", "i@1"} {
		c.put(k, bytes.Repeat([]byte{'x'}, 10))
		c.get("a@1") // keep a in use
	}
	if c.used > c.budget {
		t.Errorf("cache holds %d bytes, budget %d", c.used, c.budget)
	}
	if _, ok := c.get("a@1"); !ok {
		t.Error("the most recently used entry was evicted")
	}
	if _, ok := c.get("b@1"); ok {
		t.Error("the least recently used entry survived past the budget")
	}
	c.put("big@1", bytes.Repeat([]byte{'x'}, 11))
	if _, ok := c.get("big@1"); ok {
		t.Error("an entry larger than an eighth of the budget was cached")
	}
	var off *decodedCache
	off.put("a@1", []byte("x"))
	if _, ok := off.get("a@1"); ok {
		t.Error("a disabled cache returned something")
	}
}
