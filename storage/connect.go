package storage

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Mode is how Redis is deployed.
type Mode string

const (
	Standalone Mode = "standalone"
	Cluster    Mode = "cluster"
	Sentinel   Mode = "sentinel"
)

// Deadlines bound every Redis call, so a hung server costs a request at most about a second
// instead of hanging it.
const (
	dialTimeout = time.Second
	ioTimeout   = time.Second
	poolTimeout = time.Second
)

// Connect opens a client for a REDIS_URL in one of these forms:
//
//	redis://[user:password@]host:port[/db]        standalone (rediss:// for TLS)
//	unix:///path/to/redis.sock[?db=N]             standalone on a unix socket
//	redis+cluster://[user:password@]h1:p1,h2:p2   Redis Cluster, any number of seed nodes
//	redis+sentinel://[user:password@]s1:p1,s2:p2/master[?db=N]  Sentinel-managed master
//
// Query parameters understood by go-redis (dial_timeout, pool_size, ...) are passed through.
func Connect(rawURL string) (redis.UniversalClient, Mode, error) {
	scheme, rest, ok := strings.Cut(rawURL, "://")
	if !ok {
		return nil, "", fmt.Errorf("REDIS_URL %q: want a URL such as redis://host:6379/0", redact(rawURL))
	}
	switch scheme {
	case "redis", "rediss", "unix":
		opts, err := redis.ParseURL(rawURL)
		if err != nil {
			return nil, "", fmt.Errorf("REDIS_URL %q: %w", redact(rawURL), err)
		}
		bound(&opts.DialTimeout, &opts.ReadTimeout, &opts.WriteTimeout, &opts.PoolTimeout, &opts.ContextTimeoutEnabled, &opts.DisableIdentity)
		return redis.NewClient(opts), Standalone, nil
	case "redis+cluster", "rediss+cluster":
		u, err := withAddrParams(strings.TrimSuffix(scheme, "+cluster"), rest)
		if err != nil {
			return nil, "", fmt.Errorf("REDIS_URL %q: %w", redact(rawURL), err)
		}
		opts, err := redis.ParseClusterURL(u)
		if err != nil {
			return nil, "", fmt.Errorf("REDIS_URL %q: %w", redact(rawURL), err)
		}
		bound(&opts.DialTimeout, &opts.ReadTimeout, &opts.WriteTimeout, &opts.PoolTimeout, &opts.ContextTimeoutEnabled, &opts.DisableIdentity)
		return redis.NewClusterClient(opts), Cluster, nil
	case "redis+sentinel", "rediss+sentinel":
		hosts, master, _ := strings.Cut(rest, "/")
		master, query, _ := strings.Cut(master, "?")
		if master == "" {
			return nil, "", fmt.Errorf("REDIS_URL %q: a sentinel URL names the master after the hosts: redis+sentinel://s1:26379,s2:26379/mymaster", redact(rawURL))
		}
		params, err := url.ParseQuery(query)
		if err != nil {
			return nil, "", fmt.Errorf("REDIS_URL %q: %w", redact(rawURL), err)
		}
		params.Set("master_name", master)
		u, err := withAddrParams(strings.TrimSuffix(scheme, "+sentinel"), hosts+"?"+params.Encode())
		if err != nil {
			return nil, "", fmt.Errorf("REDIS_URL %q: %w", redact(rawURL), err)
		}
		opts, err := redis.ParseFailoverURL(u)
		if err != nil {
			return nil, "", fmt.Errorf("REDIS_URL %q: %w", redact(rawURL), err)
		}
		bound(&opts.DialTimeout, &opts.ReadTimeout, &opts.WriteTimeout, &opts.PoolTimeout, &opts.ContextTimeoutEnabled, &opts.DisableIdentity)
		return redis.NewFailoverClient(opts), Sentinel, nil
	}
	return nil, "", fmt.Errorf("REDIS_URL %q: unknown scheme %q (use redis, rediss, unix, redis+cluster or redis+sentinel)", redact(rawURL), scheme)
}

// withAddrParams turns "user@h1:p1,h2:p2?q" into "scheme://user@h1:p1?q&addr=h2:p2", the form
// go-redis parses for several nodes.
func withAddrParams(scheme, rest string) (string, error) {
	hostPart, query, _ := strings.Cut(rest, "?")
	userinfo := ""
	if at := strings.LastIndex(hostPart, "@"); at >= 0 {
		userinfo, hostPart = hostPart[:at+1], hostPart[at+1:]
	}
	hostPart = strings.TrimSuffix(hostPart, "/")
	hosts := strings.Split(hostPart, ",")
	if hosts[0] == "" {
		return "", fmt.Errorf("no host")
	}
	params, err := url.ParseQuery(query)
	if err != nil {
		return "", err
	}
	for _, h := range hosts[1:] {
		if h == "" {
			return "", fmt.Errorf("empty host in list")
		}
		params.Add("addr", h)
	}
	u := scheme + "://" + userinfo + hosts[0]
	if len(params) > 0 {
		u += "?" + params.Encode()
	}
	return u, nil
}

// bound sets the deadlines the URL did not choose and makes go-redis honour context deadlines.
// It also skips CLIENT SETINFO on connect, which Redis before 7.2 refuses with an error.
func bound(dial, read, write, pool *time.Duration, contextTimeout, disableIdentity *bool) {
	*disableIdentity = true
	for _, d := range []struct {
		field *time.Duration
		def   time.Duration
	}{{dial, dialTimeout}, {read, ioTimeout}, {write, ioTimeout}, {pool, poolTimeout}} {
		if *d.field == 0 {
			*d.field = d.def
		}
	}
	*contextTimeout = true
}

// redact hides a password so a URL can be logged or shown in an error.
func redact(rawURL string) string {
	scheme, rest, ok := strings.Cut(rawURL, "://")
	if !ok {
		return "<unparseable>"
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return rawURL
	}
	user, _, _ := strings.Cut(rest[:at], ":")
	return scheme + "://" + user + ":***@" + rest[at+1:]
}
