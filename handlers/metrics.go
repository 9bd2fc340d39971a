package handlers

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"

	"genesis/agents"
	"genesis/storage"
)

// Metrics is Genesis's Prometheus registry and what reports into it: HTTP requests, agent runs,
// Redis commands and the Redis connection pool. It is its own registry, not the global default,
// so two servers in one process (tests) never share counters.
type Metrics struct {
	registry      *prometheus.Registry
	httpRequests  *prometheus.CounterVec
	httpDuration  *prometheus.HistogramVec
	agentRuns     *prometheus.CounterVec
	agentDuration *prometheus.HistogramVec
	redisCommands *prometheus.CounterVec
	redisErrors   *prometheus.CounterVec
	redisDuration *prometheus.HistogramVec
}

var (
	_ agents.Observer         = (*Metrics)(nil)
	_ storage.CommandObserver = (*Metrics)(nil)
)

const agentDurationName = "genesis_agent_run_duration_seconds"

// NewMetrics builds the registry. pool reads the Redis client's connection pool when scraped;
// nil leaves pool metrics out.
func NewMetrics(pool func() storage.PoolStats) *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "genesis_http_requests_total",
			Help: "HTTP requests answered, by route template, method and status.",
		}, []string{"route", "method", "status"}),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "genesis_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route template and method.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method"}),
		agentRuns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "genesis_agent_runs_total",
			Help: "Agent runs, by section, provider and outcome (done, fallback, failed).",
		}, []string{"section", "provider", "outcome"}),
		agentDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: agentDurationName,
			Help: "Time one agent took to write its section, by section, provider and outcome.",
			// The builtin agents take about a millisecond, a language model seconds.
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
		}, []string{"section", "provider", "outcome"}),
		redisCommands: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "genesis_redis_commands_total",
			Help: "Redis commands sent by the storage layer, by command.",
		}, []string{"command"}),
		redisErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "genesis_redis_command_errors_total",
			Help: "Redis commands that failed (connection errors and error replies; a missing key is not one), by command.",
		}, []string{"command"}),
		redisDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "genesis_redis_roundtrip_duration_seconds",
			Help:    "Time of one call to Redis, a single command or a pipeline.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1},
		}, []string{"kind"}),
	}
	m.registry.MustRegister(m.httpRequests, m.httpDuration, m.agentRuns, m.agentDuration,
		m.redisCommands, m.redisErrors, m.redisDuration,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if pool != nil {
		m.registry.MustRegister(poolCollector{read: pool})
	}
	return m
}

// AgentRun records one agent run; the orchestrator calls it.
func (m *Metrics) AgentRun(section agents.Section, provider, outcome string, d time.Duration) {
	m.agentRuns.WithLabelValues(string(section), provider, outcome).Inc()
	m.agentDuration.WithLabelValues(string(section), provider, outcome).Observe(d.Seconds())
}

// RedisCommand counts one Redis command; the storage hook calls it.
func (m *Metrics) RedisCommand(name string, failed bool) {
	m.redisCommands.WithLabelValues(name).Inc()
	if failed {
		m.redisErrors.WithLabelValues(name).Inc()
	}
}

// RedisRoundTrip times one call to Redis; the storage hook calls it.
func (m *Metrics) RedisRoundTrip(pipeline bool, d time.Duration) {
	kind := "command"
	if pipeline {
		kind = "pipeline"
	}
	m.redisDuration.WithLabelValues(kind).Observe(d.Seconds())
}

// observeHTTP counts and times every request by the template of the route that answered it, never
// by its raw URL: one series per route, not one per brief id. Requests no route matched share one
// label. It runs outside requestContext, which has turned any error into a response by then.
func (m *Metrics) observeHTTP(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil {
		status = classify(err).status
	}
	// When no route matched, the last route run is a middleware mounted at "/", which matches
	// every path; a route at "/" itself only matches "/".
	route := c.Route().Path
	if route == "/" && c.Path() != "/" {
		route = "unmatched"
	}
	// Fiber's method string points into the request's memory; a label outlives the request.
	method := strings.Clone(c.Method())
	m.httpRequests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.httpDuration.WithLabelValues(route, method).Observe(time.Since(start).Seconds())
	return err
}

// write answers with every metric in the Prometheus text format.
func (m *Metrics) write(c *fiber.Ctx) error {
	families, err := m.registry.Gather()
	if err != nil {
		return fmt.Errorf("gather metrics: %w", err)
	}
	format := expfmt.NewFormat(expfmt.TypeTextPlain)
	var buf bytes.Buffer
	enc := expfmt.NewEncoder(&buf, format)
	for _, f := range families {
		if err := enc.Encode(f); err != nil {
			return fmt.Errorf("encode metric %s: %w", f.GetName(), err)
		}
	}
	c.Set(fiber.HeaderContentType, string(format))
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}

// AgentLatency sums up one agent's runs on this instance.
type AgentLatency struct {
	Section agents.Section
	Runs    uint64
	Mean    time.Duration
	// P95 is estimated from the histogram's buckets, as Prometheus's histogram_quantile does.
	P95 time.Duration
}

// AgentLatencies reads the agent-run histogram back, one entry per section that ran, in the
// sections' order; every provider and outcome of a section counts together.
func (m *Metrics) AgentLatencies() ([]AgentLatency, error) {
	families, err := m.registry.Gather()
	if err != nil {
		return nil, fmt.Errorf("gather metrics: %w", err)
	}
	type sums struct {
		count   uint64
		sum     float64
		buckets map[float64]uint64 // upper bound -> cumulative count
	}
	bySection := map[string]*sums{}
	for _, f := range families {
		if f.GetName() != agentDurationName {
			continue
		}
		for _, metric := range f.GetMetric() {
			sec := labelValue(metric, "section")
			s := bySection[sec]
			if s == nil {
				s = &sums{buckets: map[float64]uint64{}}
				bySection[sec] = s
			}
			h := metric.GetHistogram()
			s.count += h.GetSampleCount()
			s.sum += h.GetSampleSum()
			for _, b := range h.GetBucket() {
				s.buckets[b.GetUpperBound()] += b.GetCumulativeCount()
			}
		}
	}
	var out []AgentLatency
	for _, sec := range agents.Sections() {
		s := bySection[string(sec)]
		if s == nil || s.count == 0 {
			continue
		}
		out = append(out, AgentLatency{
			Section: sec,
			Runs:    s.count,
			Mean:    seconds(s.sum / float64(s.count)),
			P95:     seconds(quantile(0.95, s.count, s.buckets)),
		})
	}
	return out, nil
}

func labelValue(m *dto.Metric, name string) string {
	for _, l := range m.GetLabel() {
		if l.GetName() == name {
			return l.GetValue()
		}
	}
	return ""
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// quantile estimates the q-quantile of count samples from cumulative buckets, interpolating
// linearly inside the bucket it falls in. Past the last finite bucket, it answers that bound.
func quantile(q float64, count uint64, buckets map[float64]uint64) float64 {
	bounds := make([]float64, 0, len(buckets))
	for b := range buckets {
		bounds = append(bounds, b)
	}
	slices.Sort(bounds)
	rank := q * float64(count)
	lower, below := 0.0, uint64(0)
	for _, upper := range bounds {
		cum := buckets[upper]
		if float64(cum) >= rank {
			if math.IsInf(upper, 1) {
				return lower
			}
			if cum == below {
				return upper
			}
			return lower + (upper-lower)*(rank-float64(below))/float64(cum-below)
		}
		lower, below = upper, cum
	}
	return lower
}

// poolCollector reports the Redis connection pool each time metrics are scraped.
type poolCollector struct {
	read func() storage.PoolStats
}

var (
	poolHits     = prometheus.NewDesc("genesis_redis_pool_hits_total", "Times a free connection was found in the Redis pool.", nil, nil)
	poolMisses   = prometheus.NewDesc("genesis_redis_pool_misses_total", "Times no free connection was found in the Redis pool.", nil, nil)
	poolTimeouts = prometheus.NewDesc("genesis_redis_pool_timeouts_total", "Times waiting for a Redis pool connection timed out.", nil, nil)
	poolStale    = prometheus.NewDesc("genesis_redis_pool_stale_connections_total", "Stale connections removed from the Redis pool.", nil, nil)
	poolConns    = prometheus.NewDesc("genesis_redis_pool_connections", "Connections in the Redis pool now, by state.", []string{"state"}, nil)
)

func (poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{poolHits, poolMisses, poolTimeouts, poolStale, poolConns} {
		ch <- d
	}
}

func (p poolCollector) Collect(ch chan<- prometheus.Metric) {
	s := p.read()
	ch <- prometheus.MustNewConstMetric(poolHits, prometheus.CounterValue, float64(s.Hits))
	ch <- prometheus.MustNewConstMetric(poolMisses, prometheus.CounterValue, float64(s.Misses))
	ch <- prometheus.MustNewConstMetric(poolTimeouts, prometheus.CounterValue, float64(s.Timeouts))
	ch <- prometheus.MustNewConstMetric(poolStale, prometheus.CounterValue, float64(s.StaleConns))
	ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(s.TotalConns), "total")
	ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(s.IdleConns), "idle")
}

// metricsByToken lets a scraper with the METRICS_TOKEN bearer read /metrics without a session.
// Any other bearer gets the 404 every non-admin gets; a request without one goes on to the
// admin-only route.
func (s *Server) metricsByToken(c *fiber.Ctx) error {
	token, ok := bearerToken(c)
	if !ok {
		return c.Next()
	}
	if s.metricsToken == "" || !sameSecret(token, s.metricsToken) {
		return fiber.ErrNotFound
	}
	return s.metrics.write(c)
}

// sameSecret compares in constant time; hashing first hides the secret's length too.
func sameSecret(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}

// metricsPage serves /metrics to an admin's session.
func (s *Server) metricsPage(c *fiber.Ctx) error { return s.metrics.write(c) }
