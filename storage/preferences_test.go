package storage

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"genesis/storage/redistest"
)

// TestSetPreferences: a user's name and language are saved together, an empty field keeps what is
// stored, and every way of reading the account sees them.
func TestSetPreferences(t *testing.T) {
	ctx := testContext(t)
	rdb := redistest.Standalone(t)
	accounts := NewAccounts(rdb, redistest.Prefix(t))
	u, err := accounts.CreateUser(ctx, "awa@example.com", "Awa", "hash", RoleOwner)
	if err != nil {
		t.Fatal(err)
	}
	if u.Language != "" {
		t.Errorf("new account has language %q, want none until chosen", u.Language)
	}
	type prefs struct{ Name, Language string }
	for _, tc := range []struct {
		name string
		set  Preferences
		want prefs
	}{
		{"language only", Preferences{Language: "fr"}, prefs{"Awa", "fr"}},
		{"both", Preferences{Name: "  Awa Diop ", Language: "en"}, prefs{"Awa Diop", "en"}},
		{"nothing changes nothing", Preferences{}, prefs{"Awa Diop", "en"}},
		{"name only", Preferences{Name: "Awa D."}, prefs{"Awa D.", "en"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := accounts.SetPreferences(ctx, u.ID, tc.set); err != nil {
				t.Fatal(err)
			}
			got, err := accounts.User(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, prefs{got.Name, got.Language}); diff != "" {
				t.Errorf("User (-want +got):\n%s", diff)
			}
			byID, err := accounts.UsersByID(ctx, []string{u.ID})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, prefs{byID[u.ID].Name, byID[u.ID].Language}); diff != "" {
				t.Errorf("UsersByID (-want +got):\n%s", diff)
			}
		})
	}
	if err := accounts.SetPreferences(ctx, "nobody", Preferences{Language: "fr"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("preferences of a missing user: %v, want ErrNotFound", err)
	}
	if n, err := rdb.Exists(ctx, accounts.userKey("nobody")).Result(); err != nil || n != 0 {
		t.Errorf("setting a missing user's preferences created it: %d, %v", n, err)
	}
}
