package handlers

import (
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"genesis/storage"
	"genesis/views"
	"genesis/views/i18n"
)

// langCookieAge is how long the switcher's choice lasts in a browser.
const langCookieAge = 365 * 24 * time.Hour

// savedLanguage lets a signed-in owner's saved choice win over the switcher's cookie and the
// browser's preference, on every device they sign in on.
func (s *Server) savedLanguage(c *fiber.Ctx) error {
	if u := userOf(c); u != nil {
		if lang, ok := i18n.ParseLang(u.Language); ok {
			c.Locals(langKey{}, lang)
		}
	}
	return c.Next()
}

// parseLangChoice reads a language a form chose: exactly one of the interface languages' codes.
func parseLangChoice(v string) (i18n.Lang, bool) {
	for _, l := range i18n.Langs() {
		if string(l) == v {
			return l, true
		}
	}
	return "", false
}

// langChoices lists the interface languages for a validation message, each in its own name.
func (s *Server) langChoices() string {
	names := make([]string, 0, len(i18n.Langs()))
	for _, l := range i18n.Langs() {
		names = append(names, s.catalogue.For(l).LangName)
	}
	return strings.Join(names, ", ")
}

// rememberLanguage keeps the language in the browser, for pages seen while signed out.
func (s *Server) rememberLanguage(c *fiber.Ctx, lang i18n.Lang) {
	c.Cookie(&fiber.Cookie{
		Name:     langCookie,
		Value:    string(lang),
		Path:     "/",
		MaxAge:   int(langCookieAge / time.Second),
		HTTPOnly: true,
		Secure:   s.sessions.Options.Secure,
		SameSite: fiber.CookieSameSiteLaxMode,
	})
}

// switchLanguage is the header's language switcher: it remembers the choice in the browser, saves
// it on the account of a signed-in owner (whose saved choice would otherwise win), and goes back to
// the page it was used on.
func (s *Server) switchLanguage(c *fiber.Ctx) error {
	lang, ok := parseLangChoice(c.FormValue("lang"))
	if !ok {
		return errorf(fiber.StatusUnprocessableEntity, codeValidation, "lang: choose en or fr")
	}
	if u := userOf(c); u != nil {
		if err := s.accounts.SetPreferences(c.UserContext(), u.ID, storage.Preferences{Language: string(lang)}); err != nil {
			return err
		}
	}
	s.rememberLanguage(c, lang)
	return redirect(c, localPath(c.FormValue("next")))
}

// localPath keeps a redirect on this site: a local path, else the home page.
func localPath(next string) string {
	if next == "" || safeNext(next) != next {
		return "/"
	}
	return next
}

// here is where the language switcher on a page comes back to: the page itself for a GET, else
// the page of this site the browser was on (a form shown again after a failed POST), else home.
func here(c *fiber.Ctx) string {
	if c.Method() == fiber.MethodGet || c.Method() == fiber.MethodHead {
		return localPath(c.OriginalURL())
	}
	ref, err := url.Parse(c.Get(fiber.HeaderReferer))
	if err != nil || ref.Host != string(c.Request().Host()) {
		return "/"
	}
	return localPath(ref.RequestURI())
}

func (s *Server) settingsPage(c *fiber.Ctx) error {
	u := userOf(c)
	return s.render(c, fiber.StatusOK, views.SettingsPage(views.SettingsForm{
		Name: u.Name, Email: u.Email, Language: langOf(c), Saved: c.Query("saved") == "1",
	}))
}

// saveSettings saves the display name and the language, then shows the settings page again, now
// in the chosen language.
func (s *Server) saveSettings(c *fiber.Ctx) error {
	u := userOf(c)
	m := s.msg(c)
	name := strings.TrimSpace(c.FormValue("name"))
	form := views.SettingsForm{Name: name, Email: u.Email, Language: langOf(c), Errors: views.FieldErrors{}}
	if msg := nameError(m.Validation, name); msg != "" {
		form.Errors["name"] = msg
	}
	lang, ok := parseLangChoice(c.FormValue("language"))
	if ok {
		form.Language = lang
	} else {
		form.Errors["language"] = i18n.F(m.Validation.OneOf, s.langChoices())
	}
	if len(form.Errors) > 0 {
		form.FormError = m.Errors.Validation
		return s.render(c, fiber.StatusUnprocessableEntity, views.SettingsPage(form))
	}
	if err := s.accounts.SetPreferences(c.UserContext(), u.ID, storage.Preferences{Name: strings.Clone(name), Language: string(lang)}); err != nil {
		return err
	}
	s.rememberLanguage(c, lang)
	return redirect(c, "/settings?saved=1")
}
