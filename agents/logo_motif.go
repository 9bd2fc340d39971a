package agents

import (
	"math"
	"strings"
	"unicode"
)

// logoMotif is the geometric mark an emblem is built around.
type logoMotif string

const (
	motifWheat   logoMotif = "wheat"
	motifCup     logoMotif = "cup"
	motifLeaf    logoMotif = "leaf"
	motifDrop    logoMotif = "drop"
	motifHouse   logoMotif = "house"
	motifCross   logoMotif = "cross"
	motifHeart   logoMotif = "heart"
	motifRise    logoMotif = "rise"
	motifNodes   logoMotif = "nodes"
	motifGear    logoMotif = "gear"
	motifBook    logoMotif = "book"
	motifGem     logoMotif = "gem"
	motifSun     logoMotif = "sun"
	motifStar    logoMotif = "star"
	motifOrbits  logoMotif = "orbits"
	motifFacets  logoMotif = "facets"
	motifUnknown logoMotif = ""
)

// motifKeywords maps words of a sector (its id, names, aliases, the owner's own wording, in English
// or French, accents folded) to a mark. Keys of four letters or more also match as prefixes
// ("boulang" → "boulangerie") unless they end in "$"; shorter keys match whole words only. The
// first motif with a hit wins.
func motifKeywords() []struct {
	motif logoMotif
	keys  []string
} {
	return []struct {
		motif logoMotif
		keys  []string
	}{
		{motifWheat, []string{"bak", "bakery", "boulang", "patiss", "pastry", "pastries", "bread", "pain$", "cake", "gateau", "flour", "farine", "mill$"}},
		{motifCup, []string{"cafe", "coffee", "tea", "restaurant", "restau", "food", "catering", "traiteur", "cuisine", "kitchen", "bar", "juice", "jus", "snack", "grill", "maquis", "dibiterie", "eatery", "chop$"}},
		{motifDrop, []string{"beauty", "beaute", "salon", "hair", "coiff", "barber", "spa", "cosmet", "clean", "nettoy", "laundry", "pressing", "water", "eau", "plumb", "plomb", "nail", "ongle", "esthet"}},
		{motifLeaf, []string{"agri", "farm", "ferme", "garden", "jardin", "organic", "bio", "florist", "fleur", "flower", "plant", "environment", "ecolog", "landscap", "paysag", "market$", "marche", "grocer", "epicer", "vegetab", "legume"}},
		{motifHouse, []string{"real$", "estate", "immobil", "construct", "btp", "build", "batiment", "archite", "hotel", "lodg", "heberg", "guesthouse", "home", "maison", "interior", "decor", "furnit", "meuble", "property", "proprie"}},
		{motifCross, []string{"health", "sante", "clinic", "clinique", "pharma", "medic", "dental", "dentai", "hospital", "hopital", "physio", "nurse", "infirm", "doctor", "docteur"}},
		{motifHeart, []string{"childcare", "creche", "nursery", "wedding", "mariage", "elder", "care$", "soin", "charity", "ngo", "ong", "association", "daycare", "garderie"}},
		{motifNodes, []string{"tech", "software", "logiciel", "it", "informat", "digital", "numeri", "telecom", "web", "app", "apps", "data", "phone", "telephon", "electroni", "computer", "ordinat", "cyber", "startup"}},
		{motifGear, []string{"auto", "garage", "mechanic", "mecani", "repair", "repar", "transport", "logisti", "manufactur", "industr", "workshop", "atelier", "moto", "vehic", "car", "cars", "delivery", "livraison", "welding", "soudure"}},
		{motifBook, []string{"educat", "school", "ecole", "tutor", "training", "formation", "library", "librar", "bookshop", "course", "cours", "academ", "teach", "enseign", "learn"}},
		{motifGem, []string{"fashion", "mode$", "tailor", "couture", "jewel", "bijou", "boutique", "cloth", "vetement", "textile", "luxury", "luxe", "retail", "shop", "commerce", "wax", "pagne"}},
		{motifRise, []string{"financ", "bank", "banque", "account", "compta", "consult", "conseil", "insuran", "assuran", "invest", "marketing", "agency", "agence", "legal", "avocat", "lawyer", "law", "business", "microfin", "credit"}},
		{motifSun, []string{"travel", "voyage", "touris", "solar", "solaire", "energy", "energie", "event", "evenement", "photo", "music", "musique", "art", "arts", "culture", "entertain", "divertis", "hospitality"}},
		{motifStar, []string{"fitness", "sport", "gym", "coach", "yoga", "dance", "danse", "game", "jeu", "jeux", "kids", "enfant", "toy", "jouet"}},
	}
}

// motifBySectorID is the mark of each sector of the knowledge data, chosen by hand.
func motifBySectorID(id string) logoMotif {
	switch id {
	case "bakery":
		return motifWheat
	case "catering", "restaurant", "coffee_shop":
		return motifCup
	case "grocery", "agriculture":
		return motifLeaf
	case "hair_salon", "beauty_spa", "cleaning":
		return motifDrop
	case "fashion", "jewelry", "crafts":
		return motifGem
	case "fitness", "events":
		return motifStar
	case "pharmacy", "dental", "health_clinic":
		return motifCross
	case "accounting", "consulting", "digital_marketing", "mobile_money":
		return motifRise
	case "legal", "education":
		return motifBook
	case "real_estate", "construction", "hotel", "furniture":
		return motifHouse
	case "auto_repair", "logistics":
		return motifGear
	case "electronics_repair", "it_services":
		return motifNodes
	case "printing":
		// Overlapping cyan, magenta and yellow discs are the printer's own sign.
		return motifOrbits
	case "photography", "travel":
		return motifSun
	}
	return motifUnknown
}

// motifForWord finds the mark a single folded word suggests.
func motifForWord(w string) logoMotif {
	for _, mk := range motifKeywords() {
		for _, k := range mk.keys {
			exact, whole := strings.CutSuffix(k, "$")
			if w == exact || (!whole && len(k) >= 4 && strings.HasPrefix(w, k)) {
				return mk.motif
			}
		}
	}
	return motifUnknown
}

// logoSectorMotif picks the mark for a sector: by its id when the knowledge data has it, else by
// the words of its names, then its aliases, then the owner's own wording, each word in order.
// specific is false when nothing matched and an abstract mark (chosen by the name's hash) stands
// in; the generic profile says nothing about the trade, so only the owner's wording counts there.
func logoSectorMotif(sector SectorProfile, sectorText, name string) (m logoMotif, specific bool) {
	if m := motifBySectorID(sector.ID); m != motifUnknown {
		return m, true
	}
	var sources []string
	if sector.ID != "" && sector.ID != "generic" {
		sources = append([]string{sector.Name.EN, sector.Name.FR}, sector.Aliases...)
	}
	sources = append(sources, sectorText)
	for _, s := range sources {
		for _, w := range strings.FieldsFunc(fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if m := motifForWord(w); m != motifUnknown {
				return m, true
			}
		}
	}
	if logoNameHash(name)%2 == 0 {
		return motifOrbits, false
	}
	return motifFacets, false
}

// motifName names the mark in a description.
func motifName(m logoMotif) Text {
	switch m {
	case motifWheat:
		return Text{"ear of wheat", "épi de blé"}
	case motifCup:
		return Text{"steaming cup", "tasse fumante"}
	case motifLeaf:
		return Text{"leaf", "feuille"}
	case motifDrop:
		return Text{"drop", "goutte"}
	case motifHouse:
		return Text{"house", "maison"}
	case motifCross:
		return Text{"cross", "croix"}
	case motifHeart:
		return Text{"heart", "cœur"}
	case motifRise:
		return Text{"rising bars", "barres ascendantes"}
	case motifNodes:
		return Text{"connected nodes", "nœuds connectés"}
	case motifGear:
		return Text{"gear", "engrenage"}
	case motifBook:
		return Text{"open book", "livre ouvert"}
	case motifGem:
		return Text{"faceted gem", "gemme à facettes"}
	case motifSun:
		return Text{"sun", "soleil"}
	case motifStar:
		return Text{"star", "étoile"}
	case motifOrbits:
		return Text{"overlapping circles", "cercles entrelacés"}
	}
	return Text{"isometric cube", "cube isométrique"}
}

// motifInk is the colours a mark is drawn in; they change with the container behind it.
type motifInk struct {
	main, second, accent, detail RGB
}

// drawMotif draws m inside the circle of radius r around c.
func drawMotif(d *svgDoc, m logoMotif, c logoPt, r float64, k motifInk) {
	at := func(x, y float64) logoPt { return logoPt{c.X + x*r, c.Y + y*r} }
	switch m {
	case motifWheat:
		d.shapes(k.main, shapeBar(at(0, 0.95), at(0, -0.45), 0.08*r))
		var grains []shapeContour
		for i := range 4 {
			y := -0.42 + 0.3*float64(i)
			grains = append(grains,
				shapeLens(at(-0.03, y), at(-0.42, y-0.34), 0.3*r),
				shapeLens(at(0.03, y), at(0.42, y-0.34), 0.3*r))
		}
		d.shapes(k.main, grains...)
		d.shapes(k.accent, shapeLens(at(0, -0.42), at(0, -0.98), 0.3*r))
	case motifCup:
		body := shapePolygon(at(-0.58, -0.22), at(0.58, -0.22), at(0.52, 0.2))
		body.cubeTo(at(0.46, 0.56), at(-0.46, 0.56), at(-0.52, 0.2))
		d.shapes(k.main, append(shapeRing(at(0.6, 0.02), 0.24*r, 0.12*r), body)...)
		d.shapes(k.second, shapeRoundRect(c.X-0.78*r, c.Y+0.6*r, 1.56*r, 0.12*r, 0.06*r))
		d.shapes(k.accent,
			shapeLens(at(-0.26, -0.34), at(-0.18, -0.86), 0.2*r),
			shapeLens(at(0.02, -0.36), at(0.1, -0.96), 0.2*r),
			shapeLens(at(0.3, -0.34), at(0.38, -0.8), 0.2*r))
	case motifLeaf:
		d.shapes(k.second, shapeLens(at(-0.5, 0.66), at(-0.96, 0.02), 0.5*r))
		d.shapes(k.main, shapeLens(at(-0.6, 0.6), at(0.68, -0.68), 0.95*r), shapeBar(at(-0.6, 0.6), at(-0.82, 0.86), 0.07*r))
		d.shapes(k.detail, shapeLens(at(-0.42, 0.42), at(0.45, -0.45), 0.07*r))
	case motifDrop:
		drop := shapeContour{start: at(0, -0.95)}
		q := 0.62 * bezierKappa
		drop.cubeTo(at(0.15, -0.7), at(0.62, -0.25), at(0.62, 0.25))
		drop.cubeTo(at(0.62, 0.25+q), at(q, 0.87), at(0, 0.87))
		drop.cubeTo(at(-q, 0.87), at(-0.62, 0.25+q), at(-0.62, 0.25))
		drop.cubeTo(at(-0.62, -0.25), at(-0.15, -0.7), at(0, -0.95))
		d.shapes(k.main, drop)
		d.shapes(k.detail, shapeLens(at(-0.4, 0.12), at(-0.12, 0.62), 0.16*r))
		d.shapes(k.accent, shapeCircle(at(0.6, -0.62), 0.13*r))
	case motifHouse:
		d.shapes(k.main, shapeRect(c.X+0.42*r, c.Y-0.74*r, 0.16*r, 0.5*r),
			shapePolygon(at(-0.92, -0.02), at(0, -0.9), at(0.92, -0.02)))
		d.shapes(k.second, shapeRect(c.X-0.64*r, c.Y-0.02*r, 1.28*r, 0.84*r),
			shapeRect(c.X-0.17*r, c.Y+0.34*r, 0.34*r, 0.48*r).reversed())
		d.shapes(k.accent, shapeRect(c.X+0.26*r, c.Y+0.12*r, 0.22*r, 0.22*r))
	case motifCross:
		a, e := 0.27, 0.82
		d.shapes(k.main, shapePolygon(at(-a, -e), at(a, -e), at(a, -a), at(e, -a), at(e, a), at(a, a),
			at(a, e), at(-a, e), at(-a, a), at(-e, a), at(-e, -a), at(-a, -a)))
		d.shapes(k.accent, shapeCircle(c, 0.13*r))
	case motifHeart:
		h := shapeContour{start: at(0, 0.82)}
		h.cubeTo(at(-0.35, 0.52), at(-0.95, 0.12), at(-0.95, -0.3))
		h.cubeTo(at(-0.95, -0.76), at(-0.4, -0.96), at(0, -0.5))
		h.cubeTo(at(0.4, -0.96), at(0.95, -0.76), at(0.95, -0.3))
		h.cubeTo(at(0.95, 0.12), at(0.35, 0.52), at(0, 0.82))
		d.shapes(k.main, h)
		d.shapes(k.detail, shapeLens(at(-0.72, -0.26), at(-0.42, -0.62), 0.14*r))
	case motifRise:
		for i, hgt := range []float64{0.5, 0.85, 1.2} {
			col := k.second
			if i == 2 {
				col = k.main
			}
			x := -0.72 + 0.5*float64(i)
			d.shapes(col, shapeRect(c.X+x*r, c.Y+(0.8-hgt)*r, 0.36*r, hgt*r))
		}
		a, b := at(-0.9, 0.1), at(0.55, -0.72)
		dir := b.sub(a).unit()
		n := dir.perp().scale(0.2 * r)
		tip := b.add(dir.scale(0.2 * r))
		d.shapes(k.accent, shapeBar(a, b, 0.1*r), shapePolygon(b.sub(dir.scale(0.06*r)).add(n), tip, b.sub(dir.scale(0.06*r)).sub(n)))
	case motifNodes:
		top, left, right, mid := at(0, -0.66), at(-0.64, 0.5), at(0.64, 0.5), at(0, 0.06)
		d.shapes(k.second, shapeBar(mid, top, 0.1*r), shapeBar(mid, left, 0.1*r), shapeBar(mid, right, 0.1*r), shapeBar(left, right, 0.06*r))
		d.shapes(k.main, shapeCircle(top, 0.24*r), shapeCircle(left, 0.24*r), shapeCircle(right, 0.24*r))
		d.shapes(k.accent, shapeCircle(mid, 0.2*r))
	case motifGear:
		const teeth = 8
		step := 2 * math.Pi / teeth
		var pts []logoPt
		for i := range teeth {
			t := step*float64(i) - math.Pi/2
			pts = append(pts,
				logoPolar(c, 0.72*r, t-0.3*step), logoPolar(c, 0.95*r, t-0.16*step),
				logoPolar(c, 0.95*r, t+0.16*step), logoPolar(c, 0.72*r, t+0.3*step))
		}
		d.shapes(k.main, shapePolygon(pts...), shapeCircle(c, 0.34*r).reversed())
		d.shapes(k.accent, shapeCircle(c, 0.15*r))
	case motifBook:
		left := shapeContour{start: at(-0.05, -0.5)}
		left.quadTo(at(-0.45, -0.74), at(-0.92, -0.6))
		left.lineTo(at(-0.92, 0.56))
		left.quadTo(at(-0.45, 0.42), at(-0.05, 0.66))
		right := shapeContour{start: at(0.05, -0.5)}
		right.lineTo(at(0.05, 0.66))
		right.quadTo(at(0.45, 0.42), at(0.92, 0.56))
		right.lineTo(at(0.92, -0.6))
		right.quadTo(at(0.45, -0.74), at(0.05, -0.5))
		d.shapes(k.main, left)
		d.shapes(k.second, right)
		d.shapes(k.accent, shapePolygon(at(0.42, -0.64), at(0.58, -0.64), at(0.58, -0.12), at(0.5, -0.22), at(0.42, -0.12)))
	case motifGem:
		tl, tr, rr, bt, ll := at(-0.55, -0.58), at(0.55, -0.58), at(0.92, -0.16), at(0, 0.86), at(-0.92, -0.16)
		d.shapes(k.second, shapePolygon(tl, tr, rr, ll))
		d.shapes(k.main, shapePolygon(ll, rr, bt))
		d.shapes(k.accent, shapePolygon(at(-0.3, -0.16), at(0.3, -0.16), bt))
		d.shapes(k.detail, shapePolygon(at(-0.3, -0.58), at(0.3, -0.58), at(0.16, -0.16), at(-0.16, -0.16)))
	case motifSun:
		var rays []shapeContour
		for i := range 12 {
			t := 2 * math.Pi * float64(i) / 12
			rays = append(rays, shapePolygon(logoPolar(c, 0.6*r, t-0.12), logoPolar(c, 0.97*r, t), logoPolar(c, 0.6*r, t+0.12)))
		}
		d.shapes(k.accent, rays...)
		d.shapes(k.main, shapeCircle(c, 0.48*r))
	case motifStar:
		d.shapes(k.main, shapeStar(c, 0.97*r, 0.42*r, 5))
		d.shapes(k.accent, shapeStar(c, 0.3*r, 0.14*r, 5))
	case motifOrbits:
		for i, col := range []RGB{k.main, k.second, k.accent} {
			t := -math.Pi/2 + 2*math.Pi*float64(i)/3
			var p svgPath
			shapeCircle(logoPolar(c, 0.4*r, t), 0.55*r).appendTo(&p)
			d.pathAlpha(col, 0.85, &p)
		}
	default: // facets: an isometric cube
		hex := func(i int) logoPt { return logoPolar(c, 0.92*r, -math.Pi/2+math.Pi/3*float64(i)) }
		d.shapes(k.main, shapePolygon(hex(0), hex(1), c, hex(5)))
		d.shapes(k.second, shapePolygon(hex(5), c, hex(3), hex(4)))
		d.shapes(k.accent, shapePolygon(c, hex(1), hex(2), hex(3)))
	}
}
