package handlers

import "testing"

func TestDrainEventsTakesOnlyWhatIsWaiting(t *testing.T) {
	for _, tc := range []struct {
		name    string
		waiting int
		closed  bool
	}{
		{name: "nothing waiting"},
		{name: "a burst", waiting: 3},
		{name: "a full buffer", waiting: 4},
		{name: "closed after a burst", waiting: 2, closed: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			events := make(chan []byte, 4)
			for range tc.waiting {
				events <- []byte("{}")
			}
			if tc.closed {
				close(events)
			}
			drainEvents(events)
			if n := len(events); n != 0 {
				t.Errorf("%d events left waiting, want none", n)
			}
			if tc.closed {
				if _, ok := <-events; ok {
					t.Error("the closed channel still gives events")
				}
			}
		})
	}
}
