package site

import (
	"context"
	"io"
	"testing"
)

// BenchmarkBuild renders a whole site and zips it, as a download does.
func BenchmarkBuild(b *testing.B) {
	brief := frenchBrief("bold-urban")
	for b.Loop() {
		bundle, err := Build(context.Background(), brief)
		if err != nil {
			b.Fatal(err)
		}
		if err := bundle.Zip(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
