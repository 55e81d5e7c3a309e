package storage

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/hub"
	"github.com/convene/convene/notify"
)

// QueueRegistrationMessage queues, for an existing registration, the
// message its change would have queued: a confirmation (KindRegistered,
// KindWaitlisted) or KindPromoted. Its key is the one the change uses, so
// a message already queued is not queued again. Guests' manage links
// cannot be included (only their hashes are kept); the message links to
// the event instead. The demo data uses it to leave a realistic outbox.
func (db *DB) QueueRegistrationMessage(ctx context.Context, kind notify.Kind, regID int64) error {
	switch kind {
	case notify.KindRegistered, notify.KindWaitlisted, notify.KindPromoted:
	default:
		return &hub.Error{Code: hub.EInvalid, Message: "Only confirmations and promotions can be queued for a registration."}
	}
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		reg, err := registrationByID(ctx, tx, regID)
		if err != nil {
			return err
		}
		return queueForRegistration(ctx, tx, kind, fmt.Sprintf("%s:reg:%d", kind, regID), regID, reg.EventID, "", nil)
	})
}
