package agents

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLogoPaletteColorContrast(t *testing.T) {
	// Expected ratios computed independently from the WCAG 2 formula and truncated to two decimals.
	tests := []struct {
		hex  string
		want PaletteColor
	}{
		{"#000000", PaletteColor{Hex: "#000000", ContrastOnWhite: 21, ContrastOnBlack: 1, WCAGOnWhite: "AAA", WCAGOnBlack: "fail"}},
		{"#ffffff", PaletteColor{Hex: "#ffffff", ContrastOnWhite: 1, ContrastOnBlack: 21, WCAGOnWhite: "fail", WCAGOnBlack: "AAA"}},
		{"#767676", PaletteColor{Hex: "#767676", ContrastOnWhite: 4.54, ContrastOnBlack: 4.62, WCAGOnWhite: "AA", WCAGOnBlack: "AA"}},
		// 4.478 must not show as 4.48 next to a failing AA: truncated, and rated on the exact value.
		{"#777777", PaletteColor{Hex: "#777777", ContrastOnWhite: 4.47, ContrastOnBlack: 4.68, WCAGOnWhite: "AA Large", WCAGOnBlack: "AA"}},
		{"#595959", PaletteColor{Hex: "#595959", ContrastOnWhite: 7, ContrastOnBlack: 2.99, WCAGOnWhite: "AAA", WCAGOnBlack: "fail"}},
		{"#949494", PaletteColor{Hex: "#949494", ContrastOnWhite: 3.03, ContrastOnBlack: 6.92, WCAGOnWhite: "AA Large", WCAGOnBlack: "AA"}},
		{"#0000ff", PaletteColor{Hex: "#0000ff", ContrastOnWhite: 8.59, ContrastOnBlack: 2.44, WCAGOnWhite: "AAA", WCAGOnBlack: "fail"}},
		{"#ff0000", PaletteColor{Hex: "#ff0000", ContrastOnWhite: 3.99, ContrastOnBlack: 5.25, WCAGOnWhite: "AA Large", WCAGOnBlack: "AA"}},
	}
	for _, tt := range tests {
		c, err := ParseHex(tt.hex)
		if err != nil {
			t.Fatal(err)
		}
		got := logoPaletteColor("primary", c, English)
		got.Role, got.Name = "", ""
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("logoPaletteColor(%s) mismatch (-want +got):\n%s", tt.hex, diff)
		}
	}
}

func TestLogoHSLRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		c := RGB{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256))}
		if got := paletteHSLOf(c).rgb(); got != c {
			t.Fatalf("HSL round trip of %s gave %s", c.Hex(), got.Hex())
		}
	}
}

func TestLogoPaletteGuarantees(t *testing.T) {
	k := logoTestKnowledge()
	sectors := append([]SectorProfile{{ID: "generic"}}, k.Sectors...)
	// Sector colours that are hard to make readable: pale yellow, near white, pure black.
	sectors = append(sectors, SectorProfile{ID: "pale", Colors: []string{"#fff4b0", "#fefefe", "#000000"}})
	hintSets := []Hints{{}, {Bolder: true}, {Minimal: true}, {Formal: true}, {Bolder: true, Formal: true}}
	for _, sec := range sectors {
		for _, h := range hintSets {
			for v := range 12 {
				name := "Name " + string(rune('A'+v))
				rng := rand.New(rand.NewPCG(uint64(v), 7))
				pal := deriveLogoPalette(sec, name, v, rng, h, French)
				checkLogoPalette(t, pal, h)
			}
		}
	}
}

// checkLogoPalette verifies the palette's promises: its size, roles, correct contrast figures and
// readable text colours.
func checkLogoPalette(t *testing.T, pal logoPalette, h Hints) {
	t.Helper()
	want := 5
	switch {
	case h.Minimal:
		want = 4
	case h.Bolder:
		want = 6
	}
	if len(pal.colors) != want {
		t.Fatalf("palette has %d colours, want %d: %+v", len(pal.colors), want, pal.colors)
	}
	roles := map[string]bool{}
	names := map[string]bool{}
	for _, c := range pal.colors {
		rgb, err := ParseHex(c.Hex)
		if err != nil {
			t.Fatalf("palette colour %q: %v", c.Hex, err)
		}
		onW, onB := Contrast(rgb, White), Contrast(rgb, Black)
		if c.ContrastOnWhite != paletteTruncContrast(onW) || c.ContrastOnBlack != paletteTruncContrast(onB) ||
			c.WCAGOnWhite != WCAGRating(onW) || c.WCAGOnBlack != WCAGRating(onB) {
			t.Errorf("%s: contrast figures %+v do not match %.4f / %.4f", c.Hex, c, onW, onB)
		}
		if c.Name == "" || names[c.Name] {
			t.Errorf("%s: name %q empty or repeated in %+v", c.Hex, c.Name, pal.colors)
		}
		names[c.Name] = true
		roles[c.Role] = true
	}
	for _, r := range []string{paletteRolePrimary, paletteRoleAccent, paletteRoleNeutralDark, paletteRoleNeutralLight} {
		if !roles[r] {
			t.Errorf("palette lacks role %s: %+v", r, pal.colors)
		}
	}
	if roles[paletteRoleSecondary] == h.Minimal || roles[paletteRoleHighlight] != h.Bolder {
		t.Errorf("roles %v do not follow hints %+v", roles, h)
	}
	for _, pair := range []struct {
		name   string
		fg, bg RGB
		min    float64
	}{
		{"primary on white", pal.primary, White, paletteTextContrast},
		{"primary on neutral-light", pal.primary, pal.light, paletteTextContrast},
		{"neutral-dark on neutral-light", pal.dark, pal.light, paletteBodyContrast},
		{"neutral-dark on white", pal.dark, White, paletteBodyContrast},
		{"secondary on white", pal.secondary, White, paletteGraphicContrast},
		{"accent on white", pal.accent, White, paletteAccentVisible},
	} {
		if got := Contrast(pair.fg, pair.bg); got < pair.min {
			t.Errorf("%s: %s on %s is %.2f:1, want at least %.1f", pair.name, pair.fg.Hex(), pair.bg.Hex(), got, pair.min)
		}
	}
}

func TestLogoPaletteHintsChangeIt(t *testing.T) {
	sec := logoTestKnowledge().Sectors[0]
	get := func(h Hints) logoPalette {
		return deriveLogoPalette(sec, "Mama Ngozi Bakes", 0, rand.New(rand.NewPCG(3, 4)), h, English)
	}
	plain, bold, minimal := get(Hints{}), get(Hints{Bolder: true}), get(Hints{Minimal: true})
	sp, sb, sm := paletteHSLOf(plain.primary).s, paletteHSLOf(bold.primary).s, paletteHSLOf(minimal.primary).s
	if !(sb > sp && sp > sm) {
		t.Errorf("primary saturation bolder %.2f, plain %.2f, minimal %.2f: want strictly decreasing", sb, sp, sm)
	}
	if plain.primary == bold.primary || plain.primary == minimal.primary || plain.accent == bold.accent {
		t.Errorf("hints did not change the palette: %s %s %s", plain.primary.Hex(), bold.primary.Hex(), minimal.primary.Hex())
	}
}

func TestLogoColorName(t *testing.T) {
	tests := []struct {
		hex    string
		en, fr string
	}{
		{"#0f5e63", "Deep Teal", "Bleu canard profond"},
		{"#c0392b", "Red", "Rouge"},
		{"#f9f6f3", "Ivory", "Ivoire"},
		{"#222222", "Charcoal", "Anthracite"},
		{"#2e7d32", "Dark Green", "Vert foncé"},
		{"#f2c14e", "Vivid Amber", "Ambre vif"},
	}
	for _, tt := range tests {
		c, _ := ParseHex(tt.hex)
		got := [2]string{paletteColorName(c, English), paletteColorName(c, French)}
		if diff := cmp.Diff([2]string{tt.en, tt.fr}, got); diff != "" {
			t.Errorf("paletteColorName(%s) mismatch (-want +got):\n%s", tt.hex, diff)
		}
	}
}
