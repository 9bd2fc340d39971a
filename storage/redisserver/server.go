// Package redisserver runs the embedded default: a redis-server child process on a unix socket,
// with durable settings, supervised and restarted if it dies, and never outliving its parent.
package redisserver

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"
)

// ErrNotInstalled means redis-server is not on PATH.
var ErrNotInstalled = errors.New("redis-server is not installed: install it (Debian: apt-get install redis-server, or run `make deps`) or set REDIS_URL to an existing Redis")

// ErrInUse means another process already runs a server on the directory.
var ErrInUse = errors.New("the redis data dir is in use by another Genesis process")

// Config says where the server keeps its files and how it is run.
type Config struct {
	// Dir holds the socket, the AOF files and the server's log. Created with mode 0700.
	Dir    string
	Logger *slog.Logger
	// Args are extra redis-server arguments ("--maxmemory", "10mb"); tests use them.
	Args []string
	// Binary is the redis-server executable; empty means the one on PATH.
	Binary string
}

// Server is a running, supervised redis-server.
type Server struct {
	cfg    Config
	socket string
	lock   *os.File

	mu   sync.Mutex
	proc *os.Process

	stop    chan struct{}
	stopped chan struct{}
	ready   chan error
}

// maxSocketPath is the unix socket path limit on Linux, less the terminating NUL.
const maxSocketPath = 107

// Start launches redis-server and returns once it answers PING, or ctx ends.
func Start(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Binary == "" {
		path, err := exec.LookPath("redis-server")
		if err != nil {
			return nil, ErrNotInstalled
		}
		cfg.Binary = path
	}
	dir, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return nil, fmt.Errorf("redis data dir %s: %w", cfg.Dir, err)
	}
	cfg.Dir = dir
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create redis data dir %s: %w", dir, err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, fmt.Errorf("restrict redis data dir %s: %w", dir, err)
	}
	socket := SocketPath(dir)
	if len(socket) > maxSocketPath {
		return nil, fmt.Errorf("redis socket path %s is longer than %d bytes: choose a shorter DATA_DIR", socket, maxSocketPath)
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:     cfg,
		socket:  socket,
		lock:    lock,
		stop:    make(chan struct{}),
		stopped: make(chan struct{}),
		ready:   make(chan error, 1),
	}
	go s.supervise()

	select {
	case err := <-s.ready:
		if err != nil {
			s.Stop()
			return nil, err
		}
		return s, nil
	case <-ctx.Done():
		s.Stop()
		return nil, fmt.Errorf("start redis-server: %w", ctx.Err())
	}
}

// Socket is the unix socket the server listens on.
func (s *Server) Socket() string { return s.socket }

// URL is the address in REDIS_URL form.
func (s *Server) URL() string { return "unix://" + s.socket }

// PID is the current child's process id, 0 while it is being restarted.
func (s *Server) PID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc == nil {
		return 0
	}
	return s.proc.Pid
}

// Stop shuts the server down cleanly (SIGTERM lets it finish the AOF), killing it if it does not exit
// in time. It is safe to call more than once.
func (s *Server) Stop() {
	select {
	case <-s.stop:
	default:
		close(s.stop)
	}
	<-s.stopped
}

func (s *Server) args() []string {
	args := []string{
		"--port", "0",
		"--unixsocket", s.socket,
		"--unixsocketperm", "700",
		"--dir", s.cfg.Dir,
		"--appendonly", "yes",
		"--appendfsync", "always",
		"--maxmemory-policy", "noeviction",
		"--save", "",
		"--daemonize", "no",
		"--logfile", "",
		"--protected-mode", "yes",
	}
	return append(args, s.cfg.Args...)
}

// supervise runs the child and restarts it with backoff when it dies unexpectedly. It holds its OS
// thread for its whole life: Pdeathsig fires when the thread that started the child exits, and a
// locked thread exits only with this goroutine, so the child can never outlive Genesis.
func (s *Server) supervise() {
	runtime.LockOSThread()
	defer close(s.stopped)
	defer s.lock.Close()

	c, err := s.spawn()
	if err == nil {
		if err = s.waitReady(c); err != nil {
			s.terminate(c)
		}
	}
	s.ready <- err
	if err != nil {
		return
	}
	const minBackoff = 100 * time.Millisecond
	backoff := minBackoff
	for {
		started := time.Now()
		select {
		case <-s.stop:
			s.terminate(c)
			return
		case <-c.done:
			s.setProc(nil)
		}
		if time.Since(started) > time.Minute {
			backoff = minBackoff
		}
		s.cfg.Logger.Error("redis-server exited unexpectedly; restarting", "err", c.err, "retry_in", backoff)
		for {
			select {
			case <-s.stop:
				return
			case <-time.After(backoff):
			}
			backoff = min(backoff*2, 5*time.Second)
			if c, err = s.spawn(); err == nil {
				break
			}
			s.cfg.Logger.Error("restart redis-server", "err", err, "retry_in", backoff)
		}
	}
}

// child is one run of redis-server; done closes when it has exited, err then says how.
type child struct {
	proc *os.Process
	done chan struct{}
	err  error
}

func (s *Server) spawn() (*child, error) {
	cmd := exec.Command(s.cfg.Binary, s.args()...)
	cmd.Dir = s.cfg.Dir
	// Its own process group keeps a terminal's Ctrl-C from reaching it before Genesis has drained.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM, Setpgid: true}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("redis-server output: %w", err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start redis-server: %w", err)
	}
	s.setProc(cmd.Process)
	c := &child{proc: cmd.Process, done: make(chan struct{})}
	go func() {
		tail := newTail(20)
		s.forwardLog(out, tail)
		err := cmd.Wait()
		if err == nil {
			err = errors.New("exit status 0")
		}
		c.err = fmt.Errorf("%w; last output: %s", err, tail.String())
		close(c.done)
	}()
	return c, nil
}

// waitReady polls PING until the server answers, the child dies or 10 s pass.
func (s *Server) waitReady(c *child) error {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if ping(s.socket) == nil {
			return nil
		}
		select {
		case <-c.done:
			return fmt.Errorf("redis-server exited during startup: %w", c.err)
		case <-time.After(20 * time.Millisecond):
		}
	}
	return fmt.Errorf("redis-server did not answer PING on %s within 10s", s.socket)
}

// terminate asks the child to shut down (SIGTERM lets it finish the AOF) and kills it if it is
// still there after 10 s.
func (s *Server) terminate(c *child) {
	_ = c.proc.Signal(syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(10 * time.Second):
		s.cfg.Logger.Warn("redis-server did not stop within 10s; killing it")
		_ = c.proc.Kill()
		<-c.done
	}
	s.setProc(nil)
}

func (s *Server) setProc(p *os.Process) {
	s.mu.Lock()
	s.proc = p
	s.mu.Unlock()
}

func (s *Server) forwardLog(r io.Reader, tail *tail) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		tail.add(line)
		s.cfg.Logger.Debug("redis-server", "line", line)
	}
}

// ping speaks just enough RESP to ask the server whether it is up.
func ping(socket string) error {
	conn, err := net.DialTimeout("unix", socket, 200*time.Millisecond)
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(500 * time.Millisecond))
	if _, err := conn.Write([]byte("PING\r\n")); err != nil {
		return err
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(line, "+PONG") {
		return fmt.Errorf("unexpected PING reply %q", strings.TrimSpace(line))
	}
	return nil
}

// lockDir takes an exclusive lock on dir so two Genesis processes never run a server on the same files.
func lockDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, "genesis.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open redis lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", dir, ErrInUse)
	}
	return f, nil
}

// tail keeps the last lines of the server's output for error messages.
type tail struct {
	mu    sync.Mutex
	lines []string
	max   int
}

func newTail(max int) *tail { return &tail{max: max} }

func (t *tail) add(line string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.lines = append(t.lines, line)
	if len(t.lines) > t.max {
		t.lines = t.lines[len(t.lines)-t.max:]
	}
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.Join(t.lines, " | ")
}

// SocketPath is the unix socket of the server that runs on dir: clients beside a running
// Genesis (its admin command, tests) reach it there.
func SocketPath(dir string) string { return filepath.Join(dir, "redis.sock") }
