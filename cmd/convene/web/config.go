package web

import (
	"net"
	"strings"
	"time"

	"github.com/convene/convene/storage"
)

// HTTPConfig is the part of Convene's configuration that the web server
// reads; package main fills it from flags and the environment.
type HTTPConfig struct {
	// BaseURL is the public address of the site, used in links sent to
	// people (invites, password resets); https makes cookies Secure.
	BaseURL string
	// ShutdownTimeout bounds how long in-flight requests may take to
	// finish when Convene is asked to stop.
	ShutdownTimeout time.Duration

	// TrustedProxies are the networks of reverse proxies whose
	// X-Forwarded-For header tells the client's address.
	TrustedProxies []*net.IPNet

	// GuestRegistrations bounds registrations by people not signed in, per
	// client address (across events) and per event, within a window.
	GuestRegistrations storage.GuestThrottle

	// PseudonymKey is the secret of respondents' pseudonyms in exports
	// (CONVENE_PSEUDONYM_KEY); when empty, one is made once per deployment
	// and kept in the database.
	PseudonymKey []byte

	// SendsMail is true when an SMTP server is set; without one, messages
	// are kept in the outbox (shown at /admin/mail).
	SendsMail bool
}

// Secure reports whether the site is served over HTTPS.
func (cfg *HTTPConfig) Secure() bool { return strings.HasPrefix(cfg.BaseURL, "https://") }
