package mailer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/convene/convene/notify"
)

// SMTP is how to reach the mail server.
type SMTP struct {
	Host string
	Port int
	// Username and Password authenticate, when Username is set.
	Username, Password string
	// TLS is "starttls" (the default), "tls" (implicit, as on port 465) or
	// "none" (a local relay only).
	TLS string
}

// ParseSMTPURL reads smtp://user:pass@host:587?tls=starttls|tls|none
// (smtps://… is tls). The port defaults to 587, 465 with tls, 25 with none.
func ParseSMTPURL(raw string) (SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return SMTP{}, fmt.Errorf("not a URL like smtp://user:password@host:587")
	}
	s := SMTP{Host: u.Hostname(), TLS: u.Query().Get("tls")}
	switch u.Scheme {
	case "smtp":
		if s.TLS == "" {
			s.TLS = "starttls"
		}
	case "smtps":
		if s.TLS == "" {
			s.TLS = "tls"
		}
	default:
		return SMTP{}, fmt.Errorf("want smtp:// or smtps://, like smtp://user:password@host:587")
	}
	if s.Host == "" {
		return SMTP{}, fmt.Errorf("no host; want smtp://user:password@host:587")
	}
	switch s.TLS {
	case "starttls":
		s.Port = 587
	case "tls":
		s.Port = 465
	case "none":
		s.Port = 25
	default:
		return SMTP{}, fmt.Errorf("tls=%q: want starttls, tls or none", s.TLS)
	}
	if p := u.Port(); p != "" {
		if s.Port, err = strconv.Atoi(p); err != nil || s.Port < 1 || s.Port > 65535 {
			return SMTP{}, fmt.Errorf("port %q: want a number from 1 to 65535", p)
		}
	}
	if u.User != nil {
		s.Username = u.User.Username()
		s.Password, _ = u.User.Password()
	}
	return s, nil
}

// sender hands messages to an SMTP server.
type sender struct {
	smtp     SMTP
	from     string
	fromName string
	host     string
}

// send delivers one message: plain text with an HTML alternative, the
// event's .ics attached, and for optional kinds the one-click
// unsubscribe headers of RFC 8058.
func (s sender) send(ctx context.Context, m notify.Message) error {
	msg := gomail.NewMsg()
	if err := msg.FromFormat(s.fromName, s.from); err != nil {
		return permanent(fmt.Errorf("from address %q: %w", s.from, err))
	}
	if err := msg.AddToFormat(m.To.Name, m.To.Email); err != nil {
		return permanent(fmt.Errorf("recipient address: %w", err))
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageIDWithValue(fmt.Sprintf("%d.%s@%s", time.Now().UnixNano(), randomID(), s.host))
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	if m.UnsubscribeURL != "" {
		msg.SetGenHeader("List-Unsubscribe", "<"+m.UnsubscribeURL+">")
		msg.SetGenHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	if m.Calendar != nil {
		if err := msg.AttachReader(m.CalendarName, bytes.NewReader(m.Calendar),
			gomail.WithFileContentType("text/calendar; charset=utf-8; method=PUBLISH")); err != nil {
			return fmt.Errorf("attach calendar: %w", err)
		}
	}
	opts := []gomail.Option{gomail.WithPort(s.smtp.Port), gomail.WithTimeout(30 * time.Second), gomail.WithHELO(s.host)}
	switch s.smtp.TLS {
	case "tls":
		opts = append(opts, gomail.WithSSL())
	case "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.smtp.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.smtp.Username), gomail.WithPassword(s.smtp.Password))
	}
	client, err := gomail.NewClient(s.smtp.Host, opts...)
	if err != nil {
		return permanent(fmt.Errorf("smtp settings: %w", err))
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		var se *gomail.SendError
		if errors.As(err, &se) && se.ErrorCode() >= 500 && se.ErrorCode() < 600 {
			return permanent(err)
		}
		return err
	}
	return nil
}

// permanentError is a failure that retrying cannot mend: a 5xx refusal
// or an address that cannot be written.
type permanentError struct{ error }

func (e permanentError) Unwrap() error { return e.error }

func permanent(err error) error { return permanentError{err} }

// IsPermanent reports whether a delivery error is final.
func IsPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}
