package agents

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden briefs in testdata/golden")

// goldenInputs are the two briefs whose every section is pinned: a change to any agent's output
// shows here as a diff to read, then to accept with -update.
func goldenInputs() map[string]Input {
	return map[string]Input{
		"bakery-lagos-en": {
			BusinessName: "Mama Put Bakery", Sector: "Bakery",
			Location:         Location{City: "Lagos", Country: "Nigeria", Region: "Lagos State"},
			Vision:           "Fresh bread for every home in Lagos.",
			Mission:          "Bake twice a day with local flour and deliver before breakfast.",
			TargetAudience:   "Families and offices in Yaba and Surulere",
			Differentiation:  "Baked twice a day and delivered by bike",
			ValueProposition: "Warm bread at your door before breakfast",
			Services:         []string{"Bread", "Celebration cakes", "Office catering"},
			Language:         English, Tone: "warm",
		},
		"salon-dakar-fr": {
			BusinessName: "Salon Awa Coiffure", Sector: "Salon de coiffure",
			Location:         Location{City: "Dakar", Country: "Sénégal"},
			Vision:           "Que chaque femme de Dakar se sente belle et respectée.",
			Mission:          "Offrir des coiffures soignées, à l’heure et à prix juste.",
			TargetAudience:   "Femmes actives de 20 à 45 ans à Dakar",
			Differentiation:  "Rendez-vous par WhatsApp et produits naturels",
			ValueProposition: "Une coiffure impeccable sans attente",
			Services:         []string{"Tresses", "Tissage", "Soins capillaires"},
			Language:         French, Tone: "chaleureux",
		},
	}
}

func TestGoldenBriefs(t *testing.T) {
	k := mustLoadKnowledge(t)
	b := NewBuiltin(k)
	for name, in := range goldenInputs() {
		t.Run(name, func(t *testing.T) {
			in.Normalize()
			if verrs := in.Validate(); len(verrs) > 0 {
				t.Fatalf("golden input invalid: %v", verrs)
			}
			brief := map[Section]any{}
			for _, s := range Sections() {
				r, err := b.Generate(context.Background(), Request{Section: s, Input: in})
				if err != nil {
					t.Fatalf("%s: %v", s, err)
				}
				brief[s] = r
			}
			got, err := json.MarshalIndent(brief, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./agents -run TestGoldenBriefs -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)+"\n"); diff != "" {
				t.Errorf("%s differs from its golden brief (-want +got):\n%s", name, diff)
			}
		})
	}
}
