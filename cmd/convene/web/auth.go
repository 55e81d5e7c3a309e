package web

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

const (
	SessionCookie = "convene_session"
	CSRFCookie    = "convene_csrf"
	csrfField     = "csrf"
	CSRFHeader    = "X-CSRF-Token"
)

// SessionPolicy: a session ends after a week unused or a month in all.
var SessionPolicy = storage.SessionPolicy{IdleTimeout: 7 * 24 * time.Hour, Lifetime: 30 * 24 * time.Hour}

// SignInThrottle: five failures per account, or twenty per client address
// (an office may share one), within fifteen minutes lock sign-in until the
// window has passed.
var SignInThrottle = storage.Throttle{Window: 15 * time.Minute, PerAccount: 5, PerAddress: 20}

// identify works out who is making the request: a bearer token (API
// clients) or a session cookie (browsers). A bearer token that does not
// work is refused outright; a stale cookie is just cleared.
func (s *Server) identify(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if anonymousPath(c.Request().URL.Path) || isFeedRequest(c) {
			return next(c)
		}
		ctx := c.Request().Context()
		if token, ok := bearerToken(c); ok {
			actor, err := s.DB.TokenActor(ctx, hub.HashToken(token))
			if err != nil {
				return err
			}
			if actor == nil {
				return &hub.Error{Code: hub.EUnauthorised, Message: "The API token is not valid: it may have been revoked."}
			}
			c.Set("actor", actor)
			c.Set("bearer", true)
			return next(c)
		}
		if ck, err := c.Cookie(SessionCookie); err == nil && ck.Value != "" {
			hash := hub.HashToken(ck.Value)
			actor, err := s.DB.SessionActor(ctx, hash, SessionPolicy)
			if err != nil {
				return err
			}
			if actor == nil {
				s.ClearCookie(c, SessionCookie)
			} else {
				c.Set("actor", actor)
				c.Set("session", hash)
			}
		}
		return next(c)
	}
}

func bearerToken(c echo.Context) (string, bool) {
	h := c.Request().Header.Get(echo.HeaderAuthorization)
	scheme, token, found := strings.Cut(h, " ")
	if !found || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// csrf guards every state-changing request that a browser could be tricked
// into sending: forms carry a token that must match a cookie only this
// site can read (double submit), cross-site requests are refused outright,
// and API writes authenticated by cookie must send the token in the
// X-CSRF-Token header. Requests with a bearer token carry no ambient
// authority and are exempt, as are API calls that send no session cookie.
func (s *Server) csrf(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Get("bearer") != nil || isFeedRequest(c) {
			return next(c)
		}
		token := ""
		if ck, err := c.Cookie(CSRFCookie); err == nil && len(ck.Value) >= 32 {
			token = ck.Value
		}
		switch c.Request().Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
		default:
			_, hasSession := c.Get("session").([]byte)
			if isAPI(c) && !hasSession {
				return next(c)
			}
			if c.Request().Header.Get("Sec-Fetch-Site") == "cross-site" {
				return Forbidden("Requests from other sites are not accepted.")
			}
			sent := c.Request().Header.Get(CSRFHeader)
			if sent == "" && !isAPI(c) {
				sent = c.FormValue(csrfField)
			}
			if token == "" || subtle.ConstantTimeCompare([]byte(sent), []byte(token)) != 1 {
				return Forbidden("This form has expired or did not come from this site. Go back, reload the page and try again.")
			}
		}
		if token == "" {
			// Made now, but sent as a cookie only when a page or API
			// answer uses it (CSRFTokenOf): calendar feeds, static files and
			// JSON answers stay free of Set-Cookie, and so cacheable.
			token, _ = hub.NewToken("")
			c.Set(csrfUnsentKey, true)
		}
		c.Set("csrf", token)
		return next(c)
	}
}

const csrfUnsentKey = "csrf-unsent"

// CSRFTokenOf is the request's CSRF token for a form or a cookie-session
// client, setting the cookie the first time a new one is used.
func (s *Server) CSRFTokenOf(c echo.Context) string {
	tok, _ := c.Get("csrf").(string)
	if unsent, _ := c.Get(csrfUnsentKey).(bool); unsent && tok != "" {
		s.setCookie(c, CSRFCookie, tok, 0)
		c.Set(csrfUnsentKey, false)
	}
	return tok
}

// setCookie sets an HttpOnly, SameSite=Lax cookie, Secure over HTTPS;
// maxAge 0 makes it last as long as the browser session.
func (s *Server) setCookie(c echo.Context, name, value string, maxAge time.Duration) {
	c.SetCookie(&http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: int(maxAge.Seconds()),
		HttpOnly: true, Secure: s.Config.Secure(), SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) ClearCookie(c echo.Context, name string) {
	c.SetCookie(&http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.Config.Secure(), SameSite: http.SameSiteLaxMode})
}

// StartSession signs a person in: any session the browser had is ended
// (the token is rotated at sign-in) and a new one begins.
func (s *Server) StartSession(c echo.Context, personID int64) error {
	ctx := c.Request().Context()
	if old, ok := c.Get("session").([]byte); ok {
		if err := s.DB.DeleteSession(ctx, old); err != nil {
			return err
		}
	}
	token, err := s.DB.CreateSession(ctx, personID, SessionPolicy)
	if err != nil {
		return err
	}
	s.setCookie(c, SessionCookie, token, SessionPolicy.Lifetime)
	return nil
}

// CheckCredentials is the one sign-in check behind the page and the API:
// throttled per account and address, the same answer for an unknown email
// as for a wrong password, and a hash checked either way.
func (s *Server) CheckCredentials(c echo.Context, email, password string) (hub.Person, error) {
	ctx := c.Request().Context()
	email = strings.ToLower(strings.TrimSpace(email))
	ip := c.RealIP()
	if !utf8.ValidString(email) || strings.ContainsRune(email, 0) {
		return hub.Person{}, &hub.Error{Code: hub.EUnauthorised, Message: "The email address or password is not right."}
	}
	wait, err := s.DB.BeginSignIn(ctx, email, ip, SignInThrottle)
	if err != nil {
		return hub.Person{}, err
	}
	if wait > 0 {
		minutes := int(wait.Minutes()) + 1
		return hub.Person{}, &hub.Error{Code: hub.ERateLimited, RetryAfterSeconds: int(wait.Seconds()) + 1,
			Message: "Too many failed attempts to sign in. For your safety, please wait " + hub.Plural(minutes, "minute", "minutes") + " and try again."}
	}
	person, err := s.DB.PersonByEmail(ctx, email)
	if err != nil && hub.ErrorCode(err) != hub.ENotFound {
		return hub.Person{}, err
	}
	// The attempt is counted as a failure until the password proves right;
	// an unknown email has an empty hash, checked all the same.
	if !hub.VerifyPassword(person.PasswordHash, password) {
		return hub.Person{}, &hub.Error{Code: hub.EUnauthorised, Message: "The email address or password is not right."}
	}
	if err := s.DB.SignInSucceeded(ctx, email, SignInThrottle); err != nil {
		return hub.Person{}, err
	}
	return person, nil
}

// SafeNext keeps a post-sign-in redirect on this site: a path, with no
// scheme, host, backslash or control character that a browser might read
// as another site (such as "/\t/evil.example").
func SafeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsAny(next, "\\") || strings.IndexFunc(next, unicode.IsControl) >= 0 {
		return "/"
	}
	return next
}

// anonymousPath reports paths that never depend on who asks (static files,
// health checks), to spare them the session lookup.
func anonymousPath(path string) bool {
	return strings.HasPrefix(path, "/static/") || path == "/healthz" || path == "/readyz"
}

// ActorOf is who is making the request.
func ActorOf(c echo.Context) *hub.Actor {
	if a, ok := c.Get("actor").(*hub.Actor); ok && a != nil {
		return a
	}
	return hub.Anonymous
}
