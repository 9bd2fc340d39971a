package site

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGoldenIndex compares two themes' home pages with the files in testdata/; run with -update
// after an intended change and review the diff.
func TestGoldenIndex(t *testing.T) {
	for _, tc := range []struct {
		file string
		b    Brief
	}{
		{"artisan-warm.en.index.html", englishBrief("artisan-warm")},
		{"bold-urban.fr.index.html", frenchBrief("bold-urban")},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f, _ := build(t, tc.b).File("index.html")
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, f.Body, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGoldenIndex -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(f.Body)); diff != "" {
				t.Errorf("index.html differs from %s (-golden +got):\n%s", path, diff)
			}
		})
	}
}
