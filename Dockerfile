# Build: a static binary with the templates, static files and migrations
# embedded in it.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=docker
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/convene ./cmd/convene

# Run: nothing but the binary and CA certificates, as a non-root user.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/convene /convene
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/convene"]
CMD ["serve"]
