// Package views renders Genesis's HTML with templ: layouts, pages, partials and website themes. It
// knows nothing of Fiber; handlers pass a Page in the render context and props to each component.
package views

import (
	"context"

	"genesis/views/i18n"
)

// Page is what every component may need about the request it renders for.
type Page struct {
	Msg *i18n.Messages
	// Catalogue has every language's messages, for what a page says in another language than its
	// own: the language switcher names each language in itself.
	Catalogue *i18n.Catalogue
	CSRFToken string
	User      *User
	// Asset maps an embedded file name ("css/app.css") to its cache-busting URL.
	Asset     func(name string) string
	RequestID string
	Path      string
	// Here is the local address the language switcher comes back to: this page's path and query.
	Here string
	// StorageTrouble shows a banner: storage did not answer, the page shows what it can.
	StorageTrouble bool
}

// User is the signed-in person, as pages show them.
type User struct {
	Name  string
	Email string
	Admin bool
}

type pageKey struct{}

// WithPage puts p in ctx for the components rendered with it.
func WithPage(ctx context.Context, p *Page) context.Context {
	return context.WithValue(ctx, pageKey{}, p)
}

// PageOf returns the page of ctx; outside a request (component tests) an anonymous English page.
func PageOf(ctx context.Context) *Page {
	if p, ok := ctx.Value(pageKey{}).(*Page); ok && p != nil {
		return p
	}
	c := i18n.New()
	return &Page{Msg: c.For(i18n.EN), Catalogue: c, Asset: func(name string) string { return "/static/" + name }}
}

// T returns the messages in the page's language.
func T(ctx context.Context) *i18n.Messages { return PageOf(ctx).Msg }

func asset(ctx context.Context, name string) string { return PageOf(ctx).Asset(name) }

func lang(ctx context.Context) string { return string(PageOf(ctx).Msg.Lang) }

// ownName is a language's name in that language, as the switcher offers it.
func ownName(ctx context.Context, l i18n.Lang) string {
	if c := PageOf(ctx).Catalogue; c != nil {
		return c.For(l).LangName
	}
	return string(l)
}
