package handlers

import (
	"strings"
	"testing"
)

func TestPasswordHashing(t *testing.T) {
	h := hashPassword("correct horse battery staple")
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q does not use argon2id with the OWASP parameters", h)
	}
	if h == hashPassword("correct horse battery staple") {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	for _, tc := range []struct {
		encoded, password string
		want              bool
	}{
		{h, "correct horse battery staple", true},
		{h, "correct horse battery stapl", false},
		{h, "", false},
		{"", "x", false},
		{"$argon2id$v=19$m=99999999,t=2,p=1$c2FsdA$a2V5", "x", false},
		{strings.Replace(h, "argon2id", "argon2i", 1), "correct horse battery staple", false},
	} {
		if got := verifyPassword(tc.encoded, tc.password); got != tc.want {
			t.Errorf("verifyPassword(%.30q…, %q) = %v, want %v", tc.encoded, tc.password, got, tc.want)
		}
	}
}
