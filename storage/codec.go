package storage

import (
	_ "embed"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"time"

	"github.com/klauspost/compress/zstd"
)

// A stored file value is
//
//	<version>:<updated unix ms>:<codec byte><payload>
//
// The Lua script that writes a file prepends the decimal header, so the version it assigns and the
// time are in the value itself and a read is one HGET. The codec byte says how the payload holds
// the content: as is, as one zstd frame, or as one zstd frame against the brief dictionary.
const (
	codecRaw      byte = 0
	codecZstd     byte = 1
	codecZstdDict byte = 2
)

// briefDict is a raw zstd dictionary: the files the builtin agents wrote for two sample businesses
// (one French, one English), none of them a user's. Brief files are a few KB each and share their
// JSON keys and much of their wording, so a shared history compresses them far better than each
// alone (a typical brief stores in about 28% of its JSON instead of 41%). Values written with it
// name it by their codec byte and its frame's dictionary id, so this file must never change; a
// better dictionary gets a new id and codec byte.
//
//go:embed zstd-dict-v1.bin
var briefDict []byte

const briefDictID = 1

// maxDecoded caps what a zstd frame may expand to, whatever it claims; a file is never larger than
// MaxFileSize, and this leaves room for a bound that was lowered after files were written.
const maxDecoded = 64 << 20

var errCorrupt = errors.New("corrupt stored value")

func newCodec() (*zstd.Encoder, *zstd.Decoder) {
	// Options are constants; these constructors fail only for invalid options. With the dictionary
	// the fastest level compresses brief files within 1% of the default level at a third of the CPU.
	// EncodeAll runs at most WithEncoderConcurrency encodes at once; one per CPU keeps them all busy.
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(runtime.GOMAXPROCS(0)),
		zstd.WithEncoderDictRaw(briefDictID, briefDict))
	if err != nil {
		panic(fmt.Sprintf("zstd encoder: %v", err))
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(maxDecoded),
		zstd.WithDecoderDictRaw(briefDictID, briefDict))
	if err != nil {
		panic(fmt.Sprintf("zstd decoder: %v", err))
	}
	return enc, dec
}

// encodePayload returns the codec byte and payload for data.
func (s *Store) encodePayload(data []byte) []byte { return s.appendPayload(nil, data) }

// appendPayload appends the codec byte and payload for data to dst: compressed when data is at
// least CompressAbove bytes and compression actually saves space.
func (s *Store) appendPayload(dst, data []byte) []byte {
	if len(data) >= s.opts.CompressAbove {
		mark := len(dst)
		out := s.enc.EncodeAll(data, append(dst, codecZstdDict))
		if len(out)-mark < 1+len(data) {
			return out
		}
		dst = out[:mark]
	}
	return append(append(dst, codecRaw), data...)
}

// storedValue is the whole value of version v of a file written at t.
func (s *Store) storedValue(v int64, t time.Time, data []byte) []byte {
	out := make([]byte, 0, 32+len(data)/3)
	out = strconv.AppendInt(out, v, 10)
	out = append(out, ':')
	out = strconv.AppendInt(out, t.UnixMilli(), 10)
	out = append(out, ':')
	return s.appendPayload(out, data)
}

// stored is a decoded file value.
type stored struct {
	version int64
	updated time.Time
	data    []byte
}

// decodeStored reads a value written by the file scripts. Corrupt or truncated values give
// errCorrupt (wrapped), never a panic.
func (s *Store) decodeStored(raw []byte) (stored, error) {
	st, payload, err := splitStored(raw)
	if err != nil {
		return stored{}, err
	}
	if st.data, err = s.decodePayload(payload); err != nil {
		return stored{}, err
	}
	return st, nil
}

// decodeStoredCached is decodeStored for the value of file name of brief id: a compressed payload
// is looked up in the decoded-file cache by file, version and write time before it is
// decompressed.
func (s *Store) decodeStoredCached(id, name string, raw []byte) (stored, error) {
	st, payload, err := splitStored(raw)
	if err != nil {
		return stored{}, err
	}
	var key string
	if s.cache != nil && len(payload) > 0 && payload[0] != codecRaw {
		key = id + "/" + name + "@" + strconv.FormatInt(st.version, 10) + ":" + strconv.FormatInt(st.updated.UnixMilli(), 10)
		if data, ok := s.cache.get(key); ok {
			st.data = data
			return st, nil
		}
	}
	if st.data, err = s.decodePayload(payload); err != nil {
		return stored{}, err
	}
	if key != "" {
		s.cache.put(key, st.data)
	}
	return st, nil
}

// splitStored reads the header of a stored value and returns the payload after it.
func splitStored(raw []byte) (stored, []byte, error) {
	version, rest, err := decimalField(raw)
	if err != nil || version < 1 {
		return stored{}, nil, fmt.Errorf("%w: bad version", errCorrupt)
	}
	ms, payload, err := decimalField(rest)
	if err != nil {
		return stored{}, nil, fmt.Errorf("%w: bad time", errCorrupt)
	}
	return stored{version: version, updated: time.UnixMilli(ms)}, payload, nil
}

func (s *Store) decodePayload(p []byte) ([]byte, error) {
	if len(p) == 0 {
		return nil, fmt.Errorf("%w: no codec byte", errCorrupt)
	}
	switch p[0] {
	case codecRaw:
		return p[1:], nil
	case codecZstd, codecZstdDict:
		// The frame names its dictionary, if any; the decoder knows the brief dictionary.
		data, err := s.dec.DecodeAll(p[1:], nil)
		if err != nil {
			return nil, fmt.Errorf("%w: zstd: %w", errCorrupt, err)
		}
		return data, nil
	}
	return nil, fmt.Errorf("%w: unknown codec %d", errCorrupt, p[0])
}

// decimalField reads "<digits>:" from the front of b.
func decimalField(b []byte) (int64, []byte, error) {
	const maxDigits = 18 // fits int64 without overflow
	for i := 0; i < len(b) && i <= maxDigits; i++ {
		if b[i] == ':' {
			if i == 0 {
				return 0, nil, errCorrupt
			}
			n, err := strconv.ParseInt(string(b[:i]), 10, 64)
			if err != nil || n < 0 {
				return 0, nil, errCorrupt
			}
			return n, b[i+1:], nil
		}
		if b[i] < '0' || b[i] > '9' {
			return 0, nil, errCorrupt
		}
	}
	return 0, nil, errCorrupt
}
