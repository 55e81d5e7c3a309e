# Convene. The two commands a newcomer needs:
#   make run    build and start Convene with demo data on http://localhost:8080
#   make test   lint, then run every test (installs test dependencies if missing)

GO          ?= go
VERSION     ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS     := -X main.version=$(VERSION)
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: run build test lint test-deps bench clean

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/convene ./cmd/convene

run: build
	./bin/convene serve --demo

test: lint test-deps
	CONVENE_REQUIRE_PARSERS=1 $(GO) test -race ./...

lint:
	@unformatted="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"; \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

test-deps:
	@./scripts/test-deps

bench: test-deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin
