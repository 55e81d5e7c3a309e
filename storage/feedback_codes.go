package storage

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/notify"
)

// Limits of the one-time codes guests ask for at an event's feedback QR
// code.
const (
	// FeedbackCodeLife is how long a code works.
	FeedbackCodeLife = 15 * time.Minute
	// FeedbackCodeAttempts is how many tries one code allows.
	FeedbackCodeAttempts = 5
	// FeedbackCodesPerAddress bounds the codes asked for one email
	// address, across events, per FeedbackCodeWindow.
	FeedbackCodesPerAddress = 5
	// FeedbackCodesPerEvent bounds the codes sent for one event, to every
	// address, per FeedbackCodeWindow. Asking for an address that holds
	// no registration sends nothing and does not count, so made-up
	// addresses cannot use up an event's codes.
	FeedbackCodesPerEvent = 200
	// FeedbackCodesPerClient bounds the codes asked for from one client
	// address (across events and email addresses) per FeedbackCodeWindow:
	// enough for a room of guests behind a venue's one address, not for a
	// script.
	FeedbackCodesPerClient = 300
	FeedbackCodeWindow     = time.Hour
)

// FeedbackCodeEmail is the email that carries a one-time code to a guest.
type FeedbackCodeEmail struct {
	RegistrationID int64
	EventID        int64
	EventTitle     string
	// Name and Email are whom to write to.
	Name, Email string
	// Code is the six digits to type in.
	Code string
	// Expires is when the code stops working.
	Expires time.Time
}

// queueFeedbackCodeEmail queues the email with a one-time code in the
// transaction that stores the code, so that a code exists exactly when its
// email is queued; db.FeedbackCodeMailer, when set (tests), hears of it
// too.
func (db *DB) queueFeedbackCodeEmail(ctx context.Context, tx *sqlx.Tx, m FeedbackCodeEmail) error {
	if db.FeedbackCodeMailer != nil {
		db.FeedbackCodeMailer(m)
	}
	note := notify.FeedbackNote{Expires: m.Expires}
	key := fmt.Sprintf("%s:reg:%d:%d", notify.KindFeedbackCode, m.RegistrationID, m.Expires.UnixNano())
	return queueForRegistration(ctx, tx, notify.KindFeedbackCode, key, m.RegistrationID, m.EventID, m.Code, note)
}

// AskFeedbackCode is a guest asking, at an event's feedback page, for a
// code to be sent to the email they registered with.
type AskFeedbackCode struct {
	EventID int64
	Email   string
	// ClientIP is the address the request came from (behind trusted
	// proxies, the client's).
	ClientIP string
	Now      time.Time
}

// emailHash is the key of an email address for throttling.
func emailHash(email string) []byte {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(email))))
	return sum[:]
}

func codeHash(id int64, code string) []byte {
	sum := sha256.Sum256([]byte(strconv.FormatInt(id, 10) + ":" + code))
	return sum[:]
}

// AskFeedbackCode records the request and, when the email holds a live
// registration for the event, makes a code and queues its email. The
// answer is the same whether or not it does: only a malformed email or a
// throttled request is an error (rate_limited), so that no one learns
// who registered.
func (db *DB) AskFeedbackCode(ctx context.Context, req AskFeedbackCode) error {
	email := strings.TrimSpace(req.Email)
	if email == "" || len(email) > 254 || !strings.Contains(email, "@") || strings.ContainsAny(email, " \x00") {
		return hub.FieldError("email", "Enter the email address you registered with, like name@example.org")
	}
	key := emailHash(email)
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		var e struct {
			ID     int64  `db:"id"`
			Title  string `db:"title"`
			Status string `db:"status"`
		}
		// The event's row lock orders requests for it, so that the counts
		// below cannot be overtaken.
		if err := tx.GetContext(ctx, &e, `SELECT id, title, status FROM events WHERE id = $1 FOR UPDATE`, req.EventID); err != nil {
			return fmt.Errorf("feedback code for %d: %w", req.EventID, notFound(err, "The event"))
		}
		// Then the email's lock and the client's, always in this order.
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext('feedback-code:' || encode($1, 'hex'))),
			pg_advisory_xact_lock(hashtext('feedback-code-from:' || $2))`, key, req.ClientIP); err != nil {
			return fmt.Errorf("feedback code lock: %w", err)
		}
		var n struct {
			Address int `db:"address"`
			Event   int `db:"event"`
			Client  int `db:"client"`
		}
		since := req.Now.Add(-FeedbackCodeWindow)
		if err := tx.GetContext(ctx, &n, `SELECT
			(SELECT count(*) FROM feedback_codes WHERE email_hash = $1 AND created_at > $3) AS address,
			(SELECT count(*) FROM feedback_codes WHERE event_id = $2 AND registration_id IS NOT NULL AND created_at > $3) AS event,
			(SELECT count(*) FROM feedback_codes WHERE client_ip = $4 AND created_at > $3) AS client`,
			key, e.ID, since, req.ClientIP); err != nil {
			return fmt.Errorf("count feedback codes: %w", err)
		}
		if n.Address >= FeedbackCodesPerAddress || n.Event >= FeedbackCodesPerEvent || n.Client >= FeedbackCodesPerClient {
			return &hub.Error{Code: hub.ERateLimited, RetryAfterSeconds: int(FeedbackCodeWindow.Seconds()),
				Message: "Too many codes have been asked for. Please wait an hour, or use the feedback link in your email."}
		}
		var reg struct {
			ID    int64  `db:"id"`
			Name  string `db:"name"`
			Email string `db:"email"`
		}
		err := tx.GetContext(ctx, &reg, `
			SELECT r.id, coalesce(p.name, r.guest_name) AS name, coalesce(p.email, r.guest_email) AS email
			FROM registrations r LEFT JOIN people p ON p.id = r.person_id
			WHERE r.event_id = $1 AND r.status <> 'cancelled' AND lower(coalesce(p.email, r.guest_email)) = lower($2)
			ORDER BY r.attended_at IS NULL, r.id LIMIT 1`, e.ID, email)
		found := err == nil
		if err != nil && !isNoRows(err) {
			return fmt.Errorf("find registration for feedback code: %w", err)
		}
		expires := req.Now.Add(FeedbackCodeLife)
		var id int64
		if err := tx.GetContext(ctx, &id, `INSERT INTO feedback_codes (event_id, email_hash, registration_id, created_at, expires_at, client_ip)
			VALUES ($1, $2, $3, $4, $5, nullif($6, '')) RETURNING id`, e.ID, key, regOrNil(found, reg.ID), req.Now, expires, req.ClientIP); err != nil {
			return fmt.Errorf("record feedback code: %w", err)
		}
		if !found || e.Status != "published" {
			return nil
		}
		code, err := sixDigits()
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE feedback_codes SET code_hash = $2 WHERE id = $1`, id, codeHash(id, code)); err != nil {
			return fmt.Errorf("store feedback code: %w", err)
		}
		return db.queueFeedbackCodeEmail(ctx, tx, FeedbackCodeEmail{RegistrationID: reg.ID, EventID: e.ID, EventTitle: e.Title,
			Name: reg.Name, Email: reg.Email, Code: code, Expires: expires})
	})
}

// UseFeedbackCode is a guest typing in the code that was sent to them.
type UseFeedbackCode struct {
	EventID     int64
	Email, Code string
	Now         time.Time
}

// UseFeedbackCode checks a code against the newest one sent to the email
// for the event and, when it is right, in time and not used up, gives a
// private feedback link token for the registration (like the emailed
// feedback link). Every try counts against the code, right or wrong; a
// wrong, expired, used or unknown code gets the same answer.
func (db *DB) UseFeedbackCode(ctx context.Context, req UseFeedbackCode) (string, error) {
	code := strings.Join(strings.Fields(req.Code), "")
	var token string
	wrong := hub.FieldError("code", "The code is not right, or it has expired. Check the email, or ask for a new code")
	var result error
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var row struct {
			ID       int64  `db:"id"`
			CodeHash []byte `db:"code_hash"`
			Attempts int    `db:"attempts"`
		}
		err := tx.GetContext(ctx, &row, `
			SELECT id, code_hash, attempts FROM feedback_codes
			WHERE event_id = $1 AND email_hash = $2 AND code_hash IS NOT NULL AND used_at IS NULL AND expires_at > $3
			ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE`, req.EventID, emailHash(req.Email), req.Now)
		if isNoRows(err) {
			result = wrong
			return nil
		}
		if err != nil {
			return fmt.Errorf("find feedback code: %w", err)
		}
		if row.Attempts >= FeedbackCodeAttempts {
			result = wrong
			return nil
		}
		if subtle.ConstantTimeCompare(row.CodeHash, codeHash(row.ID, code)) != 1 {
			_, err := tx.ExecContext(ctx, `UPDATE feedback_codes SET attempts = attempts + 1 WHERE id = $1`, row.ID)
			result = wrong
			return err
		}
		t, hash := hub.NewToken("")
		if _, err := tx.ExecContext(ctx, `UPDATE feedback_codes SET attempts = attempts + 1, used_at = $2, link_hash = $3 WHERE id = $1`,
			row.ID, req.Now, hash); err != nil {
			return fmt.Errorf("use feedback code: %w", err)
		}
		token = t
		return nil
	})
	if err != nil {
		return "", err
	}
	return token, result
}

func sixDigits() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", fmt.Errorf("make code: %w", err)
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

func regOrNil(found bool, id int64) *int64 {
	if !found {
		return nil
	}
	return &id
}
