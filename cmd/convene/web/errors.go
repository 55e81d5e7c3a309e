package web

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

const errorHandledKey = "error_handled"

// errorStatus pairs each of the domain's error codes with its HTTP status:
// the one place where this is decided. statusOf reads it one way, and
// codeForStatus (for Echo's own errors) the other.
var errorStatus = []struct {
	code   string
	status int
}{
	{hub.EInvalid, http.StatusUnprocessableEntity},
	{hub.ENotFound, http.StatusNotFound},
	{hub.EConflict, http.StatusConflict},
	{hub.EForbidden, http.StatusForbidden},
	{hub.EUnauthorised, http.StatusUnauthorized},
	{hub.ERateLimited, http.StatusTooManyRequests},
	{hub.EStale, http.StatusPreconditionFailed},
	{hub.EUnavailable, http.StatusServiceUnavailable},
}

// statusOf is the HTTP status of a domain error code; 500 for any other.
func statusOf(code string) int {
	for _, e := range errorStatus {
		if e.code == code {
			return e.status
		}
	}
	return http.StatusInternalServerError
}

// ErrorBody is the JSON shape of every API error.
type ErrorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// handleError is Echo's one error handler: domain errors and Echo's own
// become a status with a JSON body under /api/ and a page elsewhere;
// anything else is an internal error, logged with the request id and shown
// to the user without detail.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		// The request logger hands errors here first and Echo again after;
		// only an error raised mid-response (a broken stream) is news.
		if c.Get(errorHandledKey) == nil {
			s.Log.Error("error after the response began", "request_id", requestID(c), "err", err)
		}
		return
	}
	c.Set(errorHandledKey, true)
	status, detail := s.describe(err, c)
	SetRetryAfter(c, err)
	// A HEAD gets the same status and headers as a GET; net/http drops
	// the body.
	var werr error
	switch {
	case isAPI(c):
		werr = c.JSON(status, ErrorBody{Error: detail})
	default:
		werr = s.renderError(c, status, detail.Message)
	}
	if werr != nil {
		s.Log.Error("write error response", "request_id", requestID(c), "err", werr)
	}
}

// describe chooses the status and the user-facing detail of err. A
// database that cannot be reached is an outage, not an internal error: 503,
// logged once per outage rather than per request.
func (s *Server) describe(err error, c echo.Context) (int, errorDetail) {
	if storage.IsUnavailable(err) {
		s.outage.begin(err, requestStart(c))
		return http.StatusServiceUnavailable, errorDetail{Code: hub.EUnavailable, Message: unavailableMessage}
	}
	var he *hub.Error
	if errors.As(err, &he) && he.Code != hub.EInternal {
		return statusOf(he.Code), errorDetail{Code: he.Code, Message: he.Message, Fields: he.Fields}
	}
	if storage.IsUnstorableText(err) {
		return http.StatusUnprocessableEntity, errorDetail{Code: hub.EInvalid, Message: "Some of the text sent contains characters we cannot store (such as a NUL character); please retype it."}
	}
	var ee *echo.HTTPError
	if errors.As(err, &ee) && ee.Code < 500 {
		code := codeForStatus(ee.Code)
		msg := http.StatusText(ee.Code)
		switch ee.Code {
		case http.StatusNotFound:
			msg = "There is nothing at this address."
		case http.StatusRequestEntityTooLarge:
			msg = "The request is too large (the limit is 1 MB)."
		case http.StatusMethodNotAllowed:
			msg = "This address does not accept " + c.Request().Method + " requests."
		default:
			if m, ok := ee.Message.(string); ok && m != "" {
				msg = m
			}
		}
		return ee.Code, errorDetail{Code: code, Message: msg}
	}
	s.Log.Error("internal error", "request_id", requestID(c), "method", c.Request().Method, "path", redactPath(c, c.Request().URL.Path), "err", err)
	return http.StatusInternalServerError, errorDetail{Code: hub.EInternal, Message: hub.ErrorMessage(err)}
}

// codeForStatus is the domain's code for an error status Echo answers
// itself (a route it has not, a method it does not accept); invalid for
// any other.
func codeForStatus(status int) string {
	if status == http.StatusMethodNotAllowed {
		return hub.ENotFound
	}
	for _, e := range errorStatus {
		if e.status == status {
			return e.code
		}
	}
	return hub.EInvalid
}

// renderError shows the friendly error page.
func (s *Server) renderError(c echo.Context, status int, message string) error {
	heading := "Sorry, something went wrong"
	switch status {
	case http.StatusNotFound:
		heading = "Page not found"
		message = "There is nothing at this address. If you typed it, check it is correct."
	case http.StatusForbidden:
		heading = "You cannot do that"
	case http.StatusUnauthorized:
		heading = "Please sign in"
	case http.StatusTooManyRequests:
		heading = "Please wait a moment"
	case http.StatusServiceUnavailable:
		heading = "We'll be back shortly"
	default:
		if status < 500 {
			heading = "There is a problem"
		}
	}
	data := map[string]any{"Heading": heading, "Message": message}
	if status >= 500 && status != http.StatusServiceUnavailable {
		data["RequestID"] = requestID(c)
	}
	return s.Render(c, status, "error", heading, data)
}

func isAPI(c echo.Context) bool {
	return strings.HasPrefix(c.Request().URL.Path, "/api/")
}

// newRequestID is 64 random bits in hex: unguessable, and telling nothing
// of how many requests came before. One allocation: the string.
func newRequestID() string {
	var b [8]byte
	var s [16]byte
	_, _ = rand.Read(b[:])
	hex.Encode(s[:], b[:])
	return string(s[:])
}

// SetRetryAfter tells a throttled client, or any client during an outage,
// when to try again.
func SetRetryAfter(c echo.Context, err error) {
	var he *hub.Error
	if storage.IsUnavailable(err) || hub.ErrorCode(err) == hub.EUnavailable {
		c.Response().Header().Set("Retry-After", strconv.Itoa(outageRetryAfter))
	} else if errors.As(err, &he) && he.RetryAfterSeconds > 0 {
		c.Response().Header().Set("Retry-After", strconv.Itoa(he.RetryAfterSeconds))
	}
}

// IsNotFound reports whether err is a not_found error.
func IsNotFound(err error) bool {
	var he *hub.Error
	return errors.As(err, &he) && he.Code == hub.ENotFound
}

// Forbidden is the error for a signed-in person without the right.
func Forbidden(msg string) error {
	return &hub.Error{Code: hub.EForbidden, Message: msg}
}
