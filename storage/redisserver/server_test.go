package redisserver

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func start(t *testing.T, dir string) *Server {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	s, err := Start(ctx, Config{Dir: dir})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(s.Stop)
	return s
}

func alive(pid int) bool {
	return syscall.Kill(pid, 0) == nil
}

func TestStartServesOnSocketWithDurableSettings(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "redis")
	s := start(t, dir)

	if err := ping(s.Socket()); err != nil {
		t.Fatalf("PING: %v", err)
	}
	info, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o700 {
		t.Errorf("data dir mode = %o, want 700", got)
	}
	pid := s.PID()
	s.Stop()
	if alive(pid) {
		t.Errorf("redis-server %d still running after Stop", pid)
	}
	if _, err := os.Stat(filepath.Join(dir, "appendonlydir")); err != nil {
		t.Errorf("AOF directory missing after Stop: %v", err)
	}
}

func TestRestartsAfterUnexpectedExit(t *testing.T) {
	s := start(t, filepath.Join(t.TempDir(), "redis"))
	first := s.PID()
	if err := syscall.Kill(first, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if pid := s.PID(); pid != 0 && pid != first && ping(s.Socket()) == nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("redis-server was not restarted within 10s")
}

func TestSecondServerOnSameDirIsRefused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "redis")
	start(t, dir)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s, err := Start(ctx, Config{Dir: dir})
	if err == nil {
		s.Stop()
		t.Fatal("second Start on the same dir succeeded, want an error")
	}
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("second Start: err = %v, want ErrInUse", err)
	}
}

func TestMissingBinaryNamesTheFix(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Start(context.Background(), Config{Dir: t.TempDir()})
	if err != ErrNotInstalled {
		t.Fatalf("Start without redis-server: err = %v, want ErrNotInstalled", err)
	}
}
