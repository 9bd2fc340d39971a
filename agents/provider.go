package agents

import (
	"context"
	"hash/fnv"
	"math/rand/v2"
	"strconv"
)

// Request asks a provider for one section of one brief.
type Request struct {
	Section Section
	Input   Input
	// Variation is 0 for the first generation and grows with each regeneration; the builtin
	// provider is deterministic for a given input and variation.
	Variation int
	// Instruction is the owner's optional hint for a regeneration ("more formal", "shorter").
	Instruction string
}

// Provider writes sections. The result is one of the *Result types of this package.
type Provider interface {
	Name() string
	Generate(ctx context.Context, req Request) (any, error)
}

// rngFor returns a generator seeded from everything that should change the result: the input, the
// section, the variation and the instruction. Same request, same brief; new variation, new brief.
func rngFor(req Request) *rand.Rand {
	h := fnv.New64a()
	write := func(s string) { h.Write([]byte(s)); h.Write([]byte{0}) }
	in := req.Input
	write(string(req.Section))
	write(in.BusinessName)
	write(in.Sector)
	write(in.Location.City)
	write(in.Location.Country)
	write(in.Location.Region)
	write(in.Vision)
	write(in.Mission)
	write(in.TargetAudience)
	write(in.Differentiation)
	write(in.ValueProposition)
	for _, s := range in.Services {
		write(s)
	}
	write(string(in.Language))
	write(in.Tone)
	write(req.Instruction)
	write(strconv.Itoa(req.Variation))
	seed := h.Sum64()
	// Both seed words come from the hash, so neighbouring variations draw unrelated streams.
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}
