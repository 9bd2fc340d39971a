package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"genesis/views/i18n"
	"genesis/views/i18n/i18ntest"
)

// peopleText collects every string of the page a person reads or hears: text nodes (hidden ones
// too: a closed confirmation opens, a screen reader reads sr-only text), the attributes people
// read, input buttons' values and the title. Elements marked with another language (the switcher
// names each language in itself) and machine text (code, JSON-LD) are left out.
const peopleText = `(() => {
	const own = document.documentElement.lang;
	const skip = el => !!el.closest("script,style,pre,code,template,noscript") ||
		el.closest("[lang]").getAttribute("lang") !== own;
	const out = [document.title];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		if (n.parentElement && !skip(n.parentElement) && n.textContent.trim()) out.push(n.textContent);
	}
	document.querySelectorAll("[title],[aria-label],[alt],[placeholder],input[type=submit],input[type=button]").forEach(el => {
		if (skip(el)) return;
		for (const a of ["title", "aria-label", "alt", "placeholder"]) {
			if (el.hasAttribute(a)) out.push(el.getAttribute(a));
		}
		if (el.matches("input[type=submit],input[type=button]")) out.push(el.value);
	});
	return out;
})()`

// checkFrench fails the test for every English message, unfilled message or stored code the page
// shows, then, at 1280 and 375 px wide, for any horizontal overflow, and saves a screenshot of each.
func (b *browser) checkFrench(checker *i18ntest.Checker, name string) {
	b.t.Helper()
	if lang := eval[string](b, "language of "+name, `document.documentElement.lang`); lang != "fr" {
		b.t.Errorf("%s: <html lang=%q>, want fr", name, lang)
	}
	texts := eval[[]string](b, "text of "+name, peopleText)
	if len(texts) < 10 {
		b.t.Errorf("%s: only %d texts found: %q", name, len(texts), texts)
	}
	for _, text := range texts {
		for _, p := range checker.Text(text) {
			b.t.Errorf("%s: %s", name, p)
		}
	}
	for _, size := range []struct{ w, h int64 }{{1280, 900}, {375, 812}} {
		b.do(fmt.Sprintf("%s at %d px", name, size.w), chromedp.EmulateViewport(size.w, size.h))
		overflow := eval[string](b, "overflow of "+name, `(() => {
			const d = document.documentElement;
			if (d.scrollWidth <= window.innerWidth) return "";
			// The innermost elements that stick out name the culprit.
			const out = el => el.getBoundingClientRect().right > window.innerWidth + 1;
			const right = el => el.getBoundingClientRect().right;
			const wide = [...document.querySelectorAll("body *")].filter(el => out(el) && ![...el.children].some(out)).sort((a, b) => right(b) - right(a));
			return d.scrollWidth + " > " + window.innerWidth + ": " + wide.slice(0, 5).map(el => el.tagName + "." + el.className + " " + (el.dataset.testid || "") + " «" + (el.textContent || "").slice(0, 60) + "»").join(" | ");
		})()`)
		if overflow != "" {
			b.t.Errorf("%s overflows horizontally at %d px: %s", name, size.w, overflow)
		}
		b.screenshot(fmt.Sprintf("fr-%s-%d", name, size.w), size.w, size.h)
	}
	b.do("back to desktop width", chromedp.EmulateViewport(1280, 900))
}

// TestFrenchInTheBrowser: a visitor switches Genesis to French with the header's switcher, signs
// up, creates a brief (written in French, since a brief's language follows the interface's), and
// every string of the dashboard, the form, the brief page, the settings and the admin pages is
// French: no English message of the catalogue, no unfilled message, no stored code. Each page is
// photographed at 1280 and 375 px and must not overflow sideways.
func TestFrenchInTheBrowser(t *testing.T) {
	const email = "awa.diop@example.com"
	a := startApp(t, map[string]string{"ADMIN_EMAILS": email})
	b := newBrowser(t, a.base)
	checker, err := i18ntest.New(i18n.New(), i18n.FR)
	if err != nil {
		t.Fatal(err)
	}
	fr := i18n.New().For(i18n.FR)

	b.open("/")
	if lang := eval[string](b, "first language", `document.documentElement.lang`); lang != "en" {
		t.Fatalf("Chromium asks for English, the home page is %q", lang)
	}
	b.do("switch to French", chromedp.Click(tid("lang-fr")), chromedp.WaitVisible(chromedp.CSS(`[data-testid="lang-fr"][aria-current="true"]`)))
	b.checkFrench(checker, "landing")

	b.signUp("Awa Diop", email, "tresses-et-tissages")
	b.checkFrench(checker, "dashboard-empty")

	b.do("open the form", chromedp.Click(tid("empty-cta")), chromedp.WaitVisible(tid("brief-form")))
	if l := eval[string](b, "brief language", `document.querySelector('[data-testid="input-language"]').value`); l != "fr" {
		t.Errorf("the brief's language defaults to %q, want the interface's, fr", l)
	}
	b.do("describe the business",
		b.fill("input-business_name", "Salon Awa"),
		b.fill("input-sector", "Coiffure"),
		b.fill("input-city", "Dakar"),
		b.fill("input-country", "Sénégal"),
		b.fill("input-vision", "Des coiffures qui durent, pour toutes les femmes de Dakar."),
		b.fill("input-target_audience", "Les femmes actives de Dakar"),
		b.fill("input-services", "Tresses\nCoiffure de mariage\nSoins du cuir chevelu"),
		b.fill("input-tone", "chaleureux"),
	)
	b.waitFor("the draft to be saved", fmt.Sprintf(`document.querySelector('[data-testid="draft-status"]').textContent.includes(%q)`, fr.Brief.DraftSaved), 10*time.Second)
	b.checkFrench(checker, "form")

	b.do("create the brief", chromedp.Click(tid("create-brief")), chromedp.WaitVisible(tid("section-cards")))
	b.waitFor("all five sections", allSectionsDone(), 30*time.Second)
	b.waitFor("the website panel", `document.querySelector('[data-testid="website-add-language"]') !== null`, 10*time.Second)
	id := eval[string](b, "brief id", `location.pathname.split("/")[2]`)
	if l := eval[string](b, "brief content language", `fetch(location.pathname + "/export.json").then(r => r.json()).then(j => j.business_brief.language)`); l != "fr" {
		t.Errorf("the brief was written in %q, want fr", l)
	}
	b.checkFrench(checker, "brief")

	b.open("/briefs")
	b.do("dashboard", chromedp.WaitVisible(tid("brief-row")))
	b.checkFrench(checker, "dashboard")

	b.open("/settings")
	b.do("settings", chromedp.WaitVisible(tid("settings-form")))
	b.checkFrench(checker, "settings")

	for _, p := range []struct{ name, path, wait string }{
		{"admin", "/admin", "admin-stats"},
		{"admin-sessions", "/admin/sessions", "sessions-table"},
		{"admin-session", "/admin/sessions/" + id, "session-summary"},
		{"admin-users", "/admin/users", "users-table"},
		{"admin-redis", "/admin/redis", "redis-server"},
	} {
		b.open(p.path)
		b.do(p.name, chromedp.WaitVisible(tid(p.wait)))
		b.checkFrench(checker, p.name)
	}
	if l := eval[string](b, "admin language", `document.documentElement.lang`); l != "fr" {
		t.Errorf("admin pages are %q", l)
	}
}
