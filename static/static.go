// Package static holds the built front-end files (CSS, vendored htmx, small scripts, images),
// embedded in the binary and served with content-hashed URLs so browsers may cache them for good.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
)

//go:embed css js img
var files embed.FS

// Asset is one embedded file, ready to serve.
type Asset struct {
	Name string
	Body []byte
	Hash string // first 16 hex digits of its SHA-256; part of its URL and its ETag
}

// Assets indexes the embedded files by name ("css/app.css").
type Assets struct {
	byName map[string]Asset
}

// Load reads and hashes every embedded file once.
func Load() (*Assets, error) {
	a := &Assets{byName: map[string]Asset{}}
	err := fs.WalkDir(files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := files.ReadFile(path)
		if err != nil {
			return fmt.Errorf("read embedded %s: %w", path, err)
		}
		sum := sha256.Sum256(body)
		a.byName[path] = Asset{Name: path, Body: body, Hash: hex.EncodeToString(sum[:8])}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// Get returns the asset called name.
func (a *Assets) Get(name string) (Asset, bool) {
	asset, ok := a.byName[name]
	return asset, ok
}

// URL is the address pages link to: it changes whenever the file does.
func (a *Assets) URL(name string) string {
	asset, ok := a.byName[name]
	if !ok {
		return "/static/" + name
	}
	return "/static/" + name + "?v=" + asset.Hash
}
