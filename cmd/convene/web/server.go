// Package web is what Convene's HTTP handlers share: the Server (its
// dependencies, Echo and its middleware), the one error handler, sessions,
// CSRF and API tokens, the permission of each route, template rendering,
// request binding and form errors, ETags, flash messages, the checks that
// load what a route addresses (an event, a hub, a registration) for the
// viewer, and the calendar feed cache with its fast path for conditional
// requests. Handlers live in pages (HTML), api (JSON) and feeds
// (iCalendar), each a Handler type embedding *Server; package main wires
// them to paths in its route table.
package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/convene/convene/static"
	"github.com/convene/convene/storage"
	"github.com/convene/convene/templates"
)

// maxBody bounds request bodies; larger ones get 413.
const maxBody = "1M"

// Server is the web application: its dependencies and its Echo router.
type Server struct {
	Config HTTPConfig
	DB     *storage.DB
	Log    *slog.Logger
	pages  *templates.Renderer
	assets *static.Files
	echo   *echo.Echo
	outage *outage
	feeds  feedCache
	// funcs are the template functions of the pages' own package.
	funcs template.FuncMap
}

// New makes the web server with its middleware; funcs are the
// template functions the pages need besides the shared ones. It fails if
// a page is missing. Routes are added with Handle.
func New(cfg HTTPConfig, db *storage.DB, log *slog.Logger, funcs template.FuncMap) (*Server, error) {
	s := &Server{Config: cfg, DB: db, Log: log, outage: &outage{log: log}, funcs: funcs}
	var err error
	if s.assets, err = static.New(); err != nil {
		return nil, err
	}
	if s.pages, err = templates.New(s.templateFuncs(), requiredPages...); err != nil {
		return nil, err
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	e.Renderer = pageRenderer{s.pages}
	e.IPExtractor = clientIP(cfg.TrustedProxies)
	e.Use(
		middleware.RequestIDWithConfig(middleware.RequestIDConfig{Generator: newRequestID}),
		s.logRequests(),
		middleware.RecoverWithConfig(middleware.RecoverConfig{
			DisableStackAll: true,
			LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
				s.Log.Error("panic", "request_id", requestID(c), "err", err, "stack", string(stack))
				return err
			},
		}),
		securityHeaders,
		middleware.BodyLimit(maxBody),
		s.identify,
		s.csrf,
	)
	s.echo = e
	return s, nil
}

// Handle adds a route behind the check of its permission; HEAD works
// wherever GET does (the same handler, whose body net/http drops).
func (s *Server) Handle(method, path string, h echo.HandlerFunc, access Permission) {
	s.echo.Add(method, path, h, access.middleware(s))
	if method == http.MethodGet {
		s.echo.Add(http.MethodHead, path, h, access.middleware(s))
	}
}

// Serve answers requests on ln until ctx ends, then stops accepting
// connections and lets in-flight requests finish within the shutdown
// timeout.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	s.feeds.start(ctx, s.DB, s.Log)
	srv := newHTTPServer(s.notModifiedFeeds(withBodyDeadline(s.echo, serverTimeouts.body)), serverTimeouts)
	srv.ErrorLog = slog.NewLogLogger(s.Log.Handler(), slog.LevelWarn)
	srv.BaseContext = func(net.Listener) context.Context { return context.WithoutCancel(ctx) }
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.Log.Info("shutting down: finishing requests in flight", "timeout", s.Config.ShutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), s.Config.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// timeouts bound a connection's wait for a request's headers, its body,
// the writing of the answer, and the next request on a connection kept
// open.
type timeouts struct{ header, body, write, idle time.Duration }

var serverTimeouts = timeouts{header: 10 * time.Second, body: 30 * time.Second, write: time.Minute, idle: 2 * time.Minute}

// newHTTPServer serves h with the timeouts t. The body's is not the
// server's ReadTimeout, which net/http would arm and disarm on every
// request, a calendar's poll too, which has no body: withBodyDeadline
// sets it for every request that reaches Echo.
func newHTTPServer(h http.Handler, t timeouts) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: t.header,
		WriteTimeout:      t.write,
		IdleTimeout:       t.idle,
		MaxHeaderBytes:    64 << 10,
	}
}

// withBodyDeadline gives each request the deadline for reading its body
// that http.Server.ReadTimeout would have given it (counted from the
// handler's start rather than from the request's first byte, which
// ReadHeaderTimeout bounds).
func withBodyDeadline(next http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A request without a body (most: every GET) has nothing to read,
		// and setting a deadline costs a timer. It fails only on a
		// connection already closed, which has nothing more to read.
		if r.Body != http.NoBody {
			_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(d))
		}
		next.ServeHTTP(w, r)
	})
}

// securityHeaders sets the headers every response carries. The policy
// allows no inline script and no framing.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		return next(c)
	}
}

// logRequests writes one structured line per request.
func (s *Server) logRequests() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogMethod: true, LogURIPath: true, LogStatus: true, LogLatency: true, LogRequestID: true,
		HandleError: true,
		BeforeNextFunc: func(c echo.Context) {
			ctx, n := storage.WithQueryCounter(c.Request().Context())
			c.SetRequest(c.Request().WithContext(ctx))
			c.Set("queries", n)
			c.Set(startedKey, time.Now())
		},
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			level := slog.LevelInfo
			switch {
			case v.Status == http.StatusServiceUnavailable:
				level = slog.LevelWarn // an outage, logged once by s.outage
			case v.Status >= 500:
				level = slog.LevelError
			case queriesOf(c) > 0:
				s.outage.end(requestStart(c)) // the database answered
			}
			logRequest(c.Request().Context(), s.Log.Handler(), time.Now(), level, v.Method, redactPath(c, v.URIPath), v.Status, v.Latency, queriesOf(c), v.RequestID)
			return nil
		},
	})
}

func requestID(c echo.Context) string {
	return c.Response().Header().Get(echo.HeaderXRequestID)
}

// redactPath keeps secrets in URLs (password-reset, manage and calendar
// tokens are route parameters called token) out of the logs.
func redactPath(c echo.Context, path string) string {
	if token := c.Param("token"); len(token) > 0 {
		return strings.ReplaceAll(path, token, "[redacted]")
	}
	return path
}

// clientIP reads the client's address from the connection, or from
// X-Forwarded-For when the connection comes from a trusted proxy.
func clientIP(proxies []*net.IPNet) echo.IPExtractor {
	if len(proxies) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range proxies {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// queriesOf is how many database statements the request has made.
func queriesOf(c echo.Context) int64 {
	if n, ok := c.Get("queries").(*atomic.Int64); ok {
		return n.Load()
	}
	return 0
}
