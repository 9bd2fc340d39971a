package storage

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// stored builds a value the way the file scripts do.
func storedValue(s *Store, version, ms string, data []byte) []byte {
	return append([]byte(version+":"+ms+":"), s.encodePayload(data)...)
}

func TestDecodeStored(t *testing.T) {
	s := New(nil, Options{CompressAbove: 16})
	text := []byte(strings.Repeat("fresh bread daily ", 20))
	good := storedValue(s, "7", "1700000000000", text)
	plain, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	otherDict, err := zstd.NewWriter(nil, zstd.WithEncoderDictRaw(99, []byte(strings.Repeat("another dictionary ", 10))))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		raw     []byte
		version int64
		data    []byte
		corrupt bool
	}{
		{"compressed", good, 7, text, false},
		{"raw", storedValue(s, "1", "5", []byte("hi")), 1, []byte("hi"), false},
		{"empty content", storedValue(s, "2", "5", nil), 2, []byte{}, false},
		{"zstd without dictionary", append([]byte("3:5:\x01"), plain.EncodeAll(text, nil)...), 3, text, false},
		{"unknown dictionary", append([]byte("3:5:\x02"), otherDict.EncodeAll(text, nil)...), 0, nil, true},
		{"empty value", nil, 0, nil, true},
		{"no codec byte", []byte("1:5:"), 0, nil, true},
		{"version zero", []byte("0:5:\x00x"), 0, nil, true},
		{"not a number", []byte("x:5:\x00x"), 0, nil, true},
		{"huge version", []byte("99999999999999999999:5:\x00x"), 0, nil, true},
		{"no time", []byte("1:\x00x"), 0, nil, true},
		{"unknown codec", []byte("1:5:\x07x"), 0, nil, true},
		{"truncated frame", good[:len(good)/2], 0, nil, true},
		{"garbage frame", []byte("1:5:\x01not zstd at all"), 0, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.decodeStored(tt.raw)
			if tt.corrupt {
				if !errors.Is(err, errCorrupt) {
					t.Fatalf("err = %v, want errCorrupt", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.version != tt.version || !bytes.Equal(got.data, tt.data) {
				t.Errorf("decoded version %d, %q; want %d, %q", got.version, got.data, tt.version, tt.data)
			}
		})
	}
}

// FuzzDecodeStored feeds arbitrary bytes to the decoder of stored values: it must return an error
// or a value, never panic or allocate without bound.
func FuzzDecodeStored(f *testing.F) {
	s := New(nil, Options{CompressAbove: 8})
	f.Add(storedValue(s, "3", "1700000000000", []byte(strings.Repeat("logo svg path ", 30))))
	f.Add(storedValue(s, "1", "1", []byte("plain")))
	f.Add([]byte("1:2:\x01\x28\xb5\x2f\xfd"))
	f.Add([]byte("1:2:\x02\x28\xb5\x2f\xfd\x23\x01\x00\x00\x00"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, raw []byte) {
		got, err := s.decodeStored(raw)
		if err == nil && got.version < 1 {
			t.Errorf("accepted version %d", got.version)
		}
	})
}

// FuzzEncodeRoundTrip checks that whatever is written reads back the same, compressed or not.
func FuzzEncodeRoundTrip(f *testing.F) {
	s := New(nil, Options{CompressAbove: 32})
	f.Add([]byte(`{"market_research":{"competitors":["a","b"]}}`))
	f.Add([]byte(strings.Repeat("<path d=\"M0 0L10 10\"/>", 40)))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := s.decodeStored(storedValue(s, "12", "1700000000000", data))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.data, data) || got.version != 12 || got.updated.UnixMilli() != 1700000000000 {
			t.Errorf("round trip gave version %d, %d bytes; want 12, %d bytes", got.version, len(got.data), len(data))
		}
	})
}
