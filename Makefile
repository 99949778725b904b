# skillmatch — see README.md. CGO is needed by the SQLite driver.
export CGO_ENABLED := 1
GO ?= go
BIN := bin/skillmatch
DATA ?= ./data

.PHONY: build run test lint eval bench fuzz generate clean

build:
	$(GO) build -o $(BIN) ./cmd/skillmatch

# run: serve the API and web UI on the embedded default (SQLite + bleve in $(DATA)).
run: build
	./$(BIN) serve --addr 127.0.0.1:8080 --data $(DATA)

# test: everything CI runs.
test: lint
	$(GO) test -count=1 ./...

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	@bad=$$($(GO) list -deps ./engine/... | grep -E '^(github.com/gin-gonic/gin|github.com/blevesearch/|database/sql$$|github.com/mattn/go-sqlite3|net/http$$|github.com/skillmatch/skillmatch/(index|api|cmd))' || true); \
	  if [ -n "$$bad" ]; then echo "engine must not import: $$bad"; exit 1; fi; \
	  echo "dependency rule ok: engine imports no gin, bleve, database/sql, go-sqlite3, net/http"

# eval: accuracy reports (extraction, documents, structure, roles, ranking).
eval:
	$(GO) run ./cmd/skillmatch-eval

# bench: speed reports.
# The go test figures are summarised as one table (raw output in bin/bench.txt);
# BENCH=regexp narrows them, BENCHTIME=… sets -benchtime.
BENCH ?= .
BENCHTIME ?= 1s
bench:
	@mkdir -p bin
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchtime $(BENCHTIME) -benchmem ./engine/... ./index/... ./api/... | tee bin/bench.txt | \
	  awk '/^pkg:/ {pkg=$$2; sub(".*/skillmatch/", "", pkg)} \
	       /^Benchmark/ { line=sprintf("%-16s %-52s", pkg, $$1); \
	         for (i=3; i<NF; i+=2) line=line sprintf(" %12s %-9s", $$i, $$(i+1)); print line }'
	# HTTP load: 10,000 stored candidates, 50 clients on matches and search,
	# concurrent uploads, livecareer PDF ingest (LOAD_FLAGS=-duration=10s …).
	$(GO) run ./cmd/skillmatch-load $(LOAD_FLAGS)

generate:
	$(GO) generate ./...

clean:
	rm -rf bin
