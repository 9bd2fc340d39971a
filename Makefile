# Genesis: `make run` serves the app on a managed redis-server under ./data; `make test` runs every test.
# Both install what they need first (Debian packages as root, npm packages, Go modules).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
GO ?= go
BIN := bin/genesis
# Debian packages each command needs, named by the binary that proves they are installed.
RUN_PACKAGES := redis-server:redis-server redis-cli:redis-tools
TEST_PACKAGES := $(RUN_PACKAGES) chromium:chromium git:git
BENCH_PACKAGES := $(RUN_PACKAGES) wrk:wrk hyperfine:hyperfine
# Generated files that are committed, as git pathspecs.
GENERATED := static/css/app.css static/js/htmx.min.js static/js/sse.min.js 'views/*_templ.go' 'views/**/*_templ.go'

.PHONY: all deps deps-run deps-test deps-bench generate build run test test-go test-cluster check-generated lint bench bench-go bench-redis bench-load soak clean

all: build

# install-packages: for each binary:package pair whose binary is missing, install the package
# (Debian, as root), or stop with the command to run.
define install-packages
	missing=(); for pair in $(1); do bin=$${pair%%:*}; pkg=$${pair##*:}; \
	  command -v $$bin >/dev/null 2>&1 || missing+=($$pkg); done; \
	if [ $${#missing[@]} -gt 0 ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing $${missing[*]}"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $${missing[*]} >/dev/null; \
	  else \
	    echo "Missing: $${missing[*]}. Install them (Debian: sudo apt-get install $${missing[*]}) and run make again." >&2; exit 1; \
	  fi; \
	fi
endef

deps-run:
	@$(call install-packages,$(RUN_PACKAGES))
	@$(GO) mod download

deps-test: deps-run node_modules/.installed
	@$(call install-packages,$(TEST_PACKAGES))

deps-bench: deps-run
	@$(call install-packages,$(BENCH_PACKAGES))

deps: deps-test deps-bench

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# generate rebuilds every committed generated file: templ components, the CSS, the vendored htmx.
generate: node_modules/.installed
	$(GO) tool templ generate -log-level error
	npm run --silent css 2>/dev/null
	cp node_modules/htmx.org/dist/htmx.min.js static/js/htmx.min.js
	cp node_modules/htmx-ext-sse/dist/sse.min.js static/js/sse.min.js

build: deps-run
	$(GO) build -o $(BIN) .

run: build
	./$(BIN)

# check-generated fails when the committed generated files differ from what generate produces.
check-generated: generate
	@changed=$$(git status --porcelain -- $(GENERATED)); if [ -n "$$changed" ]; then \
	  echo "Generated files are out of date; run 'make generate' and commit:" >&2; \
	  echo "$$changed" >&2; exit 1; fi

lint:
	$(GO) vet ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$unformatted" ]; then \
	  echo "gofmt would change: $$unformatted" >&2; exit 1; fi

test-go:
	$(GO) test -race -count=1 -timeout 20m ./...

# test-cluster runs the application's suites (web, agents, the whole app and its browser journeys)
# again on a local 3-master Redis Cluster; the storage suite runs on both in test-go already.
test-cluster:
	GENESIS_TEST_REDIS=cluster $(GO) test -race -count=1 -timeout 20m ./handlers ./agents .

test: deps-test check-generated lint test-go test-cluster

# bench measures what BENCHMARKS.md records; every figure has its baseline in the same run.
bench: deps-bench bench-redis bench-go bench-load

bench-go:
	$(GO) test -run '^$$' -bench . -benchtime 2s -count 1 -timeout 30m ./storage ./agents ./views/site ./handlers

# bench-redis is raw redis-benchmark on a throwaway server: the ceiling for 20 KB values here.
bench-redis:
	@dir=$$(mktemp -d); trap 'kill $$(cat $$dir/redis.pid) 2>/dev/null; rm -rf $$dir' EXIT; \
	redis-server --port 0 --unixsocket $$dir/redis.sock --dir $$dir --save '' --appendonly no \
	  --daemonize yes --pidfile $$dir/redis.pid --logfile $$dir/redis.log; \
	for i in $$(seq 50); do [ -S $$dir/redis.sock ] && break; sleep 0.1; done; \
	echo "redis-benchmark, 20 KB values, 16 clients, no persistence:"; \
	redis-benchmark -s $$dir/redis.sock -t set,get -d 20480 -c 16 -n 40000 -q

# soak is ten minutes of mixed load on one instance (list 60%, view 30%, regenerate 10%).
soak: deps-run
	GENESIS_SOAK=$${SOAK:-10m} $(GO) test -run '^TestSoak$$' -count=1 -timeout 30m -v .

# bench-load puts a running Genesis under HTTP load on loopback (wrk: the API's brief JSON and the
# HTML brief page), next to redis-benchmark GET of a 20 KB value on the same Redis; see .ci/bench-load.
bench-load: deps-bench build
	./.ci/bench-load $(BIN)

clean:
	rm -rf bin
