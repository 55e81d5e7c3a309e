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
		Status: events.RegistrationStatus(r.Status), CreatedAt: r.CreatedAt, AttendedAt: r.AttendedAt, WalkIn: r.WalkIn,
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
	// its owner has been sent a fresh manage link, and the caller is told
	// nothing more about that registration.
	Recovering bool
}

// RegisterAs says whose registration is asked for.
type RegisterAs int

const (
	// Self is the actor registering themselves, or a guest (name and
	// email) when nobody is signed in.
	Self RegisterAs = iota
	// Someone is a coordinator registering another person – the way into
	// an invite-only event: someone with an account is registered as
	// themselves, anyone else as a guest.
	Someone
	// WalkIn is a coordinator recording someone let in at the door: they
	// take a place whatever the capacity, and are checked in at once.
	WalkIn
)

// Registration asks for a place at an event.
type Registration struct {
	// EventID is the event.
	EventID int64
	// As says whose registration it is.
	As RegisterAs
	// RegistrationInput is what was given; its PersonID is decided by
	// the operation (the actor's for Self, found by email for Someone).
	events.RegistrationInput
	// Now is the time registration is judged at.
	Now time.Time
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
// event is full: the actor themselves, or (for the hub's coordinators)
// someone else or a walk-in. Who may register for a members-only or
// invite-only event is decided here, as is whether the event takes
// registrations. It holds the event's row lock, so that concurrent
// registrations are admitted one at a time and places are never oversold;
// the waitlist is ordered by the time each registration got the lock.
func (db *DB) Register(ctx context.Context, a *hub.Actor, r Registration) (Placed, error) {
	var placed Placed
	eventID := r.EventID
	in := r.RegistrationInput
	in.WalkIn, in.PersonID = r.As == WalkIn, nil
	if r.As == Self {
		in.PersonID = byActor(a)
	}
	in = in.Normalise()
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		e, err := lockEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		if in, err = admissible(ctx, tx, a, e, r.As, in, r.Now); err != nil {
			return err
		}
		status := events.RegRegistered
		if r.As != WalkIn {
			// Anyone already waiting goes first (normally promotion has
			// happened already, at the cancellation that freed a place).
			_, registered, err := promote(ctx, tx, eventID, e.Capacity)
			if err != nil {
				return err
			}
			status = events.Admit(e.Capacity, registered)
		}
		if r.Guest != nil && r.As == Self && in.PersonID == nil {
			if err := admitGuest(ctx, tx, eventID, r.Guest.ClientIP, r.Guest.Throttle); err != nil {
				return err
			}
			id, err := liveGuestRegistration(ctx, tx, eventID, in.GuestEmail)
			if err != nil {
				return err
			}
			if id != 0 {
				// A fresh manage link goes to the registration's own
				// address only, throttled with this attempt, which is
				// committed with it.
				placed.Recovering = true
				return sendManageLink(ctx, tx, id)
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
			eventID, in.PersonID, in.GuestName, in.GuestEmail, in.AttendeeRole, in.AccessNeeds, status, in.WalkIn, hash)
		if isUniqueViolation(err) {
			return alreadyRegistered(in)
		}
		if err != nil {
			return fmt.Errorf("register for %d: %w", eventID, mapErr(err))
		}
		placed.Registration = row.registration()
		if status == events.RegWaitlisted {
			// The newest registration, made under the lock, is last in line.
			if _, placed.Position, err = counts(ctx, tx, eventID); err != nil {
				return err
			}
		}
		if err := queueRegistration(ctx, tx, placed, r.As == WalkIn); err != nil {
			return err
		}
		if r.As == Self {
			return nil
		}
		action := "registration.add"
		if r.As == WalkIn {
			action = "registration.walk_in"
		}
		return audit(ctx, tx, Entry{PersonID: byActor(a), HubID: &e.HubID, Action: action, Subject: subject("registration", row.ID)})
	})
	return placed, err
}

// admissible decides whether the actor may make this registration for e
// (held under its lock) and checks the input; for Someone it returns the
// input made the person's own registration when they have an account.
func admissible(ctx context.Context, tx *sqlx.Tx, a *hub.Actor, e events.Event, as RegisterAs, in events.RegistrationInput, now time.Time) (events.RegistrationInput, error) {
	if as != Self {
		if err := mustManage(ctx, tx, a, e.HubID); err != nil {
			return in, err
		}
		if err := in.Validate(); err != nil {
			return in, err
		}
		if as == WalkIn {
			return in, e.AcceptsWalkIns()
		}
		if err := e.AcceptsRegistrations(now); err != nil {
			return in, err
		}
		var id int64
		err := sqlxGet(ctx, tx, &id, `SELECT id FROM people WHERE lower(email) = lower($1)`, in.GuestEmail)
		switch {
		case err == nil:
			in.PersonID, in.GuestName, in.GuestEmail = &id, "", ""
		case !errors.Is(err, sql.ErrNoRows):
			return in, fmt.Errorf("find person by email: %w", err)
		}
		return in, nil
	}
	v, err := viewerIn(ctx, tx, a, e.HubID)
	if err != nil {
		return in, err
	}
	registered, err := isRegistered(ctx, tx, e.ID, v.PersonID)
	if err != nil {
		return in, err
	}
	if !events.CanSee(e, v, registered) {
		return in, hub.Errorf(hub.ENotFound, "The event was not found.")
	}
	var name string
	if err := sqlxGet(ctx, tx, &name, `SELECT name FROM hubs WHERE id = $1`, e.HubID); err != nil {
		return in, fmt.Errorf("name of hub %d: %w", e.HubID, err)
	}
	if err := events.SelfRegistrationError(e, v, name, now); err != nil {
		return in, err
	}
	return in, in.Validate()
}

// isRegistered reports whether a person holds a live registration for an
// event; false for nobody (0).
func isRegistered(ctx context.Context, q querier, eventID, personID int64) (bool, error) {
	if personID == 0 {
		return false, nil
	}
	var yes bool
	err := sqlxGet(ctx, q, &yes, `SELECT EXISTS (SELECT 1 FROM registrations WHERE event_id = $1 AND person_id = $2 AND status <> 'cancelled')`, eventID, personID)
	if err != nil {
		return false, fmt.Errorf("is %d registered for %d: %w", personID, eventID, err)
	}
	return yes, nil
}

// liveGuestRegistration is the id of the live registration of a guest
// email for an event, or 0.
func liveGuestRegistration(ctx context.Context, q querier, eventID int64, email string) (int64, error) {
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
func waitlistPosition(ctx context.Context, q querier, regID int64) (int, error) {
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

// Cancellation asks to cancel a registration.
type Cancellation struct {
	// ID is the registration.
	ID int64
	// Token is the secret of a guest's manage link, when cancelling
	// through it; it must be that registration's.
	Token string
	// Now is when it is asked.
	Now time.Time
}

// CancelRegistration gives up a place (or a waitlist spot) and offers any
// freed place to the head of the waitlist, under the event's lock. It may
// be asked by the registrant, the hub's coordinators, or with the guest's
// manage link.
func (db *DB) CancelRegistration(ctx context.Context, a *hub.Actor, c Cancellation) (Cancelled, error) {
	var out Cancelled
	regID, now, by := c.ID, c.Now, byActor(a)
	if c.Token == "" && !a.SignedIn() {
		return out, hub.Errorf(hub.EUnauthorised, "Sign in, or use the manage link's token, to cancel.")
	}
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		reg, err := registrationByID(ctx, tx, regID)
		if err != nil && (c.Token == "" || hub.ErrorCode(err) != hub.ENotFound) {
			return err
		}
		if c.Token != "" {
			var id int64
			if err := sqlxGet(ctx, tx, &id, `SELECT id FROM registrations WHERE manage_token_hash = $1`, hub.HashToken(c.Token)); err != nil || id != regID {
				if err != nil && !errors.Is(err, sql.ErrNoRows) {
					return fmt.Errorf("find registration by link: %w", err)
				}
				return hub.Errorf(hub.EForbidden, "This link is not for that registration.")
			}
			by = nil
		}
		e, err := lockEvent(ctx, tx, reg.EventID)
		if err != nil {
			return err
		}
		if c.Token == "" {
			if err := mayCancel(ctx, tx, a, e, reg); err != nil {
				return err
			}
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

// mayCancel: the registrant themselves, or the hub's coordinators; to
// anyone else who cannot see the event, it does not exist.
func mayCancel(ctx context.Context, q querier, a *hub.Actor, e events.Event, reg events.Registration) error {
	if reg.PersonID != nil && *reg.PersonID == a.PersonID() {
		return nil
	}
	v, err := viewerIn(ctx, q, a, e.HubID)
	if err != nil || v.Manager {
		return err
	}
	registered, err := isRegistered(ctx, q, e.ID, v.PersonID)
	if err != nil {
		return err
	}
	if !events.CanSee(e, v, registered) {
		return hub.Errorf(hub.ENotFound, "The event was not found.")
	}
	return hub.Errorf(hub.EForbidden, "You can only cancel your own registration.")
}

func registrationByID(ctx context.Context, q querier, id int64) (events.Registration, error) {
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

// Attendance asks to check someone in, or to undo it.
type Attendance struct {
	// ID is the registration.
	ID int64
	// Attended is true to check in, false to undo.
	Attended bool
	// GivePlace confirms that a waitlisted person checked in takes a
	// place, over the capacity if the event is full (events.ConfirmPlace).
	GivePlace bool
}

// SetAttendance checks someone in (or undoes it), for the coordinators of
// the event's hub. A waitlisted person is checked in only when the
// coordinator confirms that they take a place.
func (db *DB) SetAttendance(ctx context.Context, a *hub.Actor, r Attendance) (events.Registration, error) {
	var reg events.Registration
	regID, attended, by := r.ID, r.Attended, byActor(a)
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		old, err := registrationByID(ctx, tx, regID)
		if err != nil {
			return err
		}
		e, err := lockEvent(ctx, tx, old.EventID)
		if err != nil {
			return err
		}
		if err := mustManage(ctx, tx, a, e.HubID); err != nil {
			return err
		}
		if err := old.CanCheckIn(); err != nil {
			return err
		}
		if attended && !r.GivePlace {
			registered, _, err := counts(ctx, tx, e.ID)
			if err != nil {
				return err
			}
			if err := events.ConfirmPlace(old, e.Capacity, registered); err != nil {
				return err
			}
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
		details := map[string]any{"attended": attended}
		if attended && old.Status == events.RegWaitlisted {
			details["from_waitlist"] = true
		}
		return audit(ctx, tx, Entry{PersonID: by, HubID: &e.HubID, Action: "registration.attendance", Subject: subject("registration", regID),
			Details: details})
	})
	return reg, err
}

// WaitlistPosition is where a waitlisted registration stands, from 1.
func (db *DB) WaitlistPosition(ctx context.Context, regID int64) (int, error) {
	return waitlistPosition(ctx, db.x, regID)
}

// NewManageToken gives a guest's live registration a fresh manage link,
// so that a coordinator of the event's hub can pass it on; the old link
// stops working.
func (db *DB) NewManageToken(ctx context.Context, a *hub.Actor, regID int64) (string, error) {
	var token string
	by := byActor(a)
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		reg, err := registrationByID(ctx, tx, regID)
		if err != nil {
			return err
		}
		var hubID int64
		if err := sqlxGet(ctx, tx, &hubID, `SELECT hub_id FROM events WHERE id = $1`, reg.EventID); err != nil {
			return fmt.Errorf("hub of event %d: %w", reg.EventID, err)
		}
		if err := mustManage(ctx, tx, a, hubID); err != nil {
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
		return audit(ctx, tx, Entry{PersonID: by, HubID: &hubID, Action: "registration.manage_link", Subject: subject("registration", regID)})
	})
	return token, err
}
