package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// regRow is a registrations row as scanned.
type regRow struct {
	ID           int64      `db:"id"`
	EventID      int64      `db:"event_id"`
	PersonID     *int64     `db:"person_id"`
	GuestName    string     `db:"guest_name"`
	GuestEmail   string     `db:"guest_email"`
	AttendeeRole string     `db:"attendee_role"`
	AccessNeeds  string     `db:"access_needs"`
	Status       string     `db:"status"`
	CreatedAt    time.Time  `db:"created_at"`
	AttendedAt   *time.Time `db:"attended_at"`
	WalkIn       bool       `db:"walk_in"`
	ChangedAt    time.Time  `db:"status_changed_at"`
}

const regColumns = `r.id, r.event_id, r.person_id, r.guest_name, r.guest_email, r.attendee_role, r.access_needs,
	r.status, r.created_at, r.attended_at, r.walk_in, r.status_changed_at`

func (r regRow) registration() events.Registration {
	reg := events.Registration{
		ID: r.ID, EventID: r.EventID, PersonID: r.PersonID, GuestName: r.GuestName, GuestEmail: r.GuestEmail,
		AttendeeRole: events.AttendeeRole(r.AttendeeRole), AccessNeeds: r.AccessNeeds,
		Status: events.RegistrationStatus(r.Status), CreatedAt: r.CreatedAt, AttendedAt: r.AttendedAt,
	}
	if reg.Status == events.RegCancelled {
		at := r.ChangedAt
		reg.CancelledAt = &at
	}
	return reg
}

// Placed is the outcome of registering: the registration, where it
// stands, and for a guest the secret of their manage link.
type Placed struct {
	Registration events.Registration
	// Position is the place in the waitlist, from 1; 0 with a place.
	Position int
	// ManageToken is a guest's link secret, shown once; only its hash is kept.
	ManageToken string
	// Recovering is set, and nothing else, when a guest registering
	// themselves gives the email of a live registration for the event:
	// its owner is to be sent their manage link, and the caller is told
	// nothing more about that registration (RecoverID is for the sending,
	// never to be shown).
	Recovering bool
	RecoverID  int64
}

// RegisterOptions changes how a registration is admitted.
type RegisterOptions struct {
	// Now is the time registration is judged at.
	Now time.Time
	// WalkIn records someone a coordinator lets in at the door: they take
	// a place whatever the capacity, and are checked in at once.
	WalkIn bool
	// By is the coordinator registering someone else, for the audit log;
	// nil when people register themselves.
	By *int64
	// Guest is set when someone not signed in registers themselves: the
	// registration is throttled, and an email already registered is
	// answered with Placed.Recovering rather than a conflict.
	Guest *GuestOptions
}

// GuestOptions are how a guest registering themselves is admitted.
type GuestOptions struct {
	// ClientIP is the address the registration comes from.
	ClientIP string
	// Throttle bounds guest registrations per address and per event.
	Throttle GuestThrottle
}

// Register gives someone a place, or a place in the waitlist when the
// event is full. It holds the event's row lock, so that concurrent
// registrations are admitted one at a time and places are never oversold;
// the waitlist is ordered by the time each registration got the lock.
func (db *DB) Register(ctx context.Context, eventID int64, in events.RegistrationInput, opts RegisterOptions) (Placed, error) {
	var placed Placed
	err := db.InTx(ctx, func(tx *sqlx.Tx) error {
		e, err := lockEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		status := events.RegRegistered
		if opts.WalkIn && e.Status != events.StatusPublished {
			return &hub.Error{Code: hub.EConflict, Message: "Walk-ins can only be added to a published event."}
		}
		if !opts.WalkIn {
			if err := e.AcceptsRegistrations(opts.Now); err != nil {
				return err
			}
			// Anyone already waiting goes first (normally promotion has
			// happened already, at the cancellation that freed a place).
			_, registered, err := promote(ctx, tx, eventID, e.Capacity)
			if err != nil {
				return err
			}
			status = events.Admit(e.Capacity, registered)
		}
		if opts.Guest != nil {
			if err := admitGuest(ctx, tx, eventID, opts.Guest.ClientIP, opts.Guest.Throttle); err != nil {
				return err
			}
			id, err := liveGuestRegistration(ctx, tx, eventID, in.GuestEmail)
			if err != nil || id != 0 {
				placed.Recovering, placed.RecoverID = id != 0, id
				return err // committing the attempt counted
			}
		}
		var hash []byte
		if in.PersonID == nil {
			placed.ManageToken, hash = hub.NewToken("")
		}
		var row regRow
		err = tx.GetContext(ctx, &row, `
			INSERT INTO registrations AS r (event_id, person_id, guest_name, guest_email, attendee_role, access_needs, status,
				walk_in, attended_at, manage_token_hash)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $8 THEN clock_timestamp() END, $9)
			RETURNING `+regColumns,
			eventID, in.PersonID, in.GuestName, in.GuestEmail, in.AttendeeRole, in.AccessNeeds, status, opts.WalkIn, hash)
		if isUniqueViolation(err) {
			return alreadyRegistered(in)
		}
		if err != nil {
			return fmt.Errorf("register for %d: %w", eventID, mapErr(err))
		}
		placed.Registration = row.registration()
		if status == events.RegWaitlisted {
			if placed.Position, err = waitlistPosition(ctx, tx, row.ID); err != nil {
				return err
			}
		}
		if err := queueRegistration(ctx, tx, placed, opts.WalkIn); err != nil {
			return err
		}
		if opts.By == nil {
			return nil
		}
		action := "registration.add"
		if opts.WalkIn {
			action = "registration.walk_in"
		}
		return audit(ctx, tx, Entry{PersonID: opts.By, HubID: &e.HubID, Action: action, Subject: subject("registration", row.ID)})
	})
	return placed, err
}

// liveGuestRegistration is the id of the live registration of a guest
// email for an event, or 0.
func liveGuestRegistration(ctx context.Context, q Querier, eventID int64, email string) (int64, error) {
	var id int64
	err := sqlxGet(ctx, q, &id, `SELECT id FROM registrations
		WHERE event_id = $1 AND lower(guest_email) = lower($2) AND status <> 'cancelled' AND person_id IS NULL AND guest_email <> ''`,
		eventID, email)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("find guest registration for %d: %w", eventID, err)
	}
	return id, nil
}

func alreadyRegistered(in events.RegistrationInput) error {
	if in.PersonID != nil {
		return &hub.Error{Code: hub.EConflict, Message: "You are already registered for this event (or on its waitlist)."}
	}
	msg := "Someone with this email address is already registered for this event (or on its waitlist)"
	return &hub.Error{Code: hub.EConflict, Message: msg + ".", Fields: map[string]string{"guest_email": msg}}
}

// waitlistPosition is where a waitlisted registration stands, from 1.
func waitlistPosition(ctx context.Context, q Querier, regID int64) (int, error) {
	var pos int
	err := sqlxGet(ctx, q, &pos, `SELECT `+positionColumn+` FROM registrations r WHERE r.id = $1`, regID)
	if err != nil {
		return 0, fmt.Errorf("waitlist position of %d: %w", regID, err)
	}
	return pos, nil
}

// Cancelled is the outcome of cancelling a registration.
type Cancelled struct {
	Registration events.Registration
	// Promoted counts the people given a place from the waitlist.
	Promoted int
}

// CancelRegistration gives up a place (or a waitlist spot) and offers any
// freed place to the head of the waitlist, under the event's lock.
// by is who cancels, for the audit log (nil for a guest's own link).
func (db *DB) CancelRegistration(ctx context.Context, by *int64, regID int64, now time.Time) (Cancelled, error) {
	var out Cancelled
	err := db.InTx(ctx, func(tx *sqlx.Tx) error {
		reg, err := registrationByID(ctx, tx, regID)
		if err != nil {
			return err
		}
		e, err := lockEvent(ctx, tx, reg.EventID)
		if err != nil {
			return err
		}
		if e.IsPast(now) {
			return &hub.Error{Code: hub.EConflict, Message: "The event has already taken place, so the registration cannot be cancelled."}
		}
		var row regRow
		err = tx.GetContext(ctx, &row, `
			UPDATE registrations r SET status = 'cancelled', status_changed_at = clock_timestamp()
			WHERE r.id = $1 AND r.status <> 'cancelled' RETURNING `+regColumns, regID)
		if errors.Is(err, sql.ErrNoRows) {
			return &hub.Error{Code: hub.EConflict, Message: "This registration is already cancelled."}
		}
		if err != nil {
			return fmt.Errorf("cancel registration %d: %w", regID, err)
		}
		out.Registration = row.registration()
		if out.Promoted, _, err = promote(ctx, tx, e.ID, e.Capacity); err != nil {
			return err
		}
		return audit(ctx, tx, Entry{PersonID: by, HubID: &e.HubID, Action: "registration.cancel", Subject: subject("registration", regID),
			Details: map[string]any{"promoted": out.Promoted}})
	})
	return out, err
}

func registrationByID(ctx context.Context, q Querier, id int64) (events.Registration, error) {
	var row regRow
	if err := sqlxGet(ctx, q, &row, `SELECT `+regColumns+` FROM registrations r WHERE r.id = $1`, id); err != nil {
		return events.Registration{}, fmt.Errorf("find registration %d: %w", id, notFound(err, "The registration"))
	}
	return row.registration(), nil
}

// RegistrationByID reads a registration.
func (db *DB) RegistrationByID(ctx context.Context, id int64) (events.Registration, error) {
	return registrationByID(ctx, db.x, id)
}

// RegistrationByToken finds the registration a guest's manage link is for;
// an unknown token is not found, whatever registration id it came with.
func (db *DB) RegistrationByToken(ctx context.Context, token string) (events.Registration, error) {
	var row regRow
	if err := db.x.GetContext(ctx, &row, `SELECT `+regColumns+` FROM registrations r WHERE r.manage_token_hash = $1`, hub.HashToken(token)); err != nil {
		return events.Registration{}, fmt.Errorf("find registration by link: %w", notFound(err, "The registration"))
	}
	return row.registration(), nil
}

// SetAttendance checks someone in (or undoes it). A waitlisted person who
// turns up and is let in takes a place.
func (db *DB) SetAttendance(ctx context.Context, by *int64, regID int64, attended bool) (events.Registration, error) {
	var reg events.Registration
	err := db.InTx(ctx, func(tx *sqlx.Tx) error {
		old, err := registrationByID(ctx, tx, regID)
		if err != nil {
			return err
		}
		e, err := lockEvent(ctx, tx, old.EventID)
		if err != nil {
			return err
		}
		if old.Status == events.RegCancelled {
			return &hub.Error{Code: hub.EConflict, Message: "This registration was cancelled; add the person as a walk-in instead."}
		}
		var row regRow
		err = tx.GetContext(ctx, &row, `
			UPDATE registrations r SET attended_at = CASE WHEN $2 THEN coalesce(attended_at, clock_timestamp()) END,
				status = CASE WHEN $2 THEN 'registered' ELSE status END,
				status_changed_at = CASE WHEN $2 AND status <> 'registered' THEN clock_timestamp() ELSE status_changed_at END
			WHERE r.id = $1 RETURNING `+regColumns, regID, attended)
		if err != nil {
			return fmt.Errorf("attendance of %d: %w", regID, err)
		}
		reg = row.registration()
		return audit(ctx, tx, Entry{PersonID: by, HubID: &e.HubID, Action: "registration.attendance", Subject: subject("registration", regID),
			Details: map[string]any{"attended": attended}})
	})
	return reg, err
}

// WaitlistPosition is where a waitlisted registration stands, from 1.
func (db *DB) WaitlistPosition(ctx context.Context, regID int64) (int, error) {
	return waitlistPosition(ctx, db.x, regID)
}

// NewManageToken gives a guest's live registration a fresh manage link,
// so that a coordinator can pass it on; the old link stops working. by is
// the coordinator, for the audit log.
func (db *DB) NewManageToken(ctx context.Context, by *int64, regID int64) (string, error) {
	var token string
	err := db.InTx(ctx, func(tx *sqlx.Tx) error {
		reg, err := registrationByID(ctx, tx, regID)
		if err != nil {
			return err
		}
		if reg.PersonID != nil {
			return &hub.Error{Code: hub.EConflict, Message: "This person has an account: they see and cancel their registration when signed in."}
		}
		if reg.Status == events.RegCancelled {
			return &hub.Error{Code: hub.EConflict, Message: "This registration is cancelled, so it has no manage link."}
		}
		var hash []byte
		token, hash = hub.NewToken("")
		if _, err := tx.ExecContext(ctx, `UPDATE registrations SET manage_token_hash = $2 WHERE id = $1`, regID, hash); err != nil {
			return fmt.Errorf("new manage link for %d: %w", regID, err)
		}
		var hubID int64
		if err := sqlxGet(ctx, tx, &hubID, `SELECT hub_id FROM events WHERE id = $1`, reg.EventID); err != nil {
			return fmt.Errorf("hub of event %d: %w", reg.EventID, err)
		}
		return audit(ctx, tx, Entry{PersonID: by, HubID: &hubID, Action: "registration.manage_link", Subject: subject("registration", regID)})
	})
	return token, err
}
