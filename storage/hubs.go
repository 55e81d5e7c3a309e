package storage

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/convene/convene/hub"
)

// HubSummary is a hub with the counts its card on the home page shows.
type HubSummary struct {
	hub.Hub
	// Members is the number of organisations that are active members.
	Members int `db:"members"`
}

const hubColumns = `h.id, h.slug, h.name, h.region, h.timezone, h.description, h.created_at, h.updated_at, h.version`

// ListHubs returns every hub by name, with its member count.
func (db *DB) ListHubs(ctx context.Context) ([]HubSummary, error) {
	hubs := []HubSummary{}
	err := db.x.SelectContext(ctx, &hubs, `
		SELECT `+hubColumns+`,
		       (SELECT count(*) FROM hub_memberships m WHERE m.hub_id = h.id AND m.status = 'active') AS members
		FROM hubs h
		ORDER BY lower(h.name), h.id`)
	if err != nil {
		return nil, fmt.Errorf("list hubs: %w", err)
	}
	return hubs, nil
}

// HubBySlug finds a hub by its slug.
func (db *DB) HubBySlug(ctx context.Context, slug string) (hub.Hub, error) {
	var h hub.Hub
	err := db.x.GetContext(ctx, &h, `SELECT `+hubColumns+` FROM hubs h WHERE h.slug = $1`, slug)
	if err != nil {
		return h, fmt.Errorf("find hub %q: %w", slug, notFound(err, "The hub"))
	}
	return h, nil
}

// HubByID finds a hub by its id.
func (db *DB) HubByID(ctx context.Context, id int64) (hub.Hub, error) {
	var h hub.Hub
	err := db.x.GetContext(ctx, &h, `SELECT `+hubColumns+` FROM hubs h WHERE h.id = $1`, id)
	if err != nil {
		return h, fmt.Errorf("find hub %d: %w", id, notFound(err, "The hub"))
	}
	return h, nil
}

// CreateHub stores a new hub, filling in its id and timestamps. A taken
// slug is a conflict on the slug field.
func (db *DB) CreateHub(ctx context.Context, a *hub.Actor, h *hub.Hub) error {
	if !hub.CanAdminister(a) {
		return forbidden("Only site administrators can create hubs.")
	}
	by := byActor(a)
	h.Normalise()
	if err := h.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := insertHub(ctx, tx, h); err != nil {
			return err
		}
		return audit(ctx, tx, Entry{PersonID: by, HubID: &h.ID, Action: "hub.create", Subject: subject("hub", h.ID)})
	})
}

func insertHub(ctx context.Context, q querier, h *hub.Hub) error {
	err := sqlxGet(ctx, q, h, `
		INSERT INTO hubs (slug, name, region, timezone, description)
		VALUES ($1, $2, $3, $4, $5)
		RETURNING id, slug, name, region, timezone, description, created_at, updated_at, version`,
		h.Slug, h.Name, h.Region, h.TimeZone, h.Description)
	if err != nil {
		return fmt.Errorf("create hub %q: %w", h.Slug, slugTaken(err, h.Slug))
	}
	return nil
}

// ChangeHub edits a hub under its row lock: change gets the hub as it is
// now (after want is checked against its version) and sets the new
// values, which are validated and saved with the next version. It returns
// the hub as saved.
func (db *DB) ChangeHub(ctx context.Context, a *hub.Actor, id int64, want IfVersion, change func(h *hub.Hub) error) (hub.Hub, error) {
	var h hub.Hub
	by := byActor(a)
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := mustManage(ctx, tx, a, id); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &h, `SELECT `+hubColumns+` FROM hubs h WHERE h.id = $1 FOR UPDATE`, id); err != nil {
			return fmt.Errorf("lock hub %d: %w", id, notFound(err, "The hub"))
		}
		if err := want.check(h.Version, "The hub"); err != nil {
			return err
		}
		slug := h.Slug
		if err := change(&h); err != nil {
			return err
		}
		h.Normalise()
		if h.Slug != slug && !hub.CanAdminister(a) {
			return forbidden("Only site administrators can change a hub’s slug: its addresses are in people’s calendars and links.")
		}
		if err := h.Validate(); err != nil {
			return err
		}
		if err := updateHub(ctx, tx, &h); err != nil {
			return err
		}
		return audit(ctx, tx, Entry{PersonID: by, HubID: &h.ID, Action: "hub.update", Subject: subject("hub", h.ID)})
	})
	return h, err
}

func updateHub(ctx context.Context, q querier, h *hub.Hub) error {
	err := sqlxGet(ctx, q, h, `
		UPDATE hubs SET slug = $2, name = $3, region = $4, timezone = $5, description = $6, updated_at = now(), version = version + 1
		WHERE id = $1
		RETURNING id, slug, name, region, timezone, description, created_at, updated_at, version`,
		h.ID, h.Slug, h.Name, h.Region, h.TimeZone, h.Description)
	if err != nil {
		return fmt.Errorf("update hub %d: %w", h.ID, slugTaken(notFound(err, "The hub"), h.Slug))
	}
	return nil
}

// slugTaken turns a unique violation into a conflict naming the slug field.
func slugTaken(err error, slug string) error {
	if isUniqueViolation(err) {
		msg := "The short name “" + slug + "” is already taken; choose another"
		return &hub.Error{Code: hub.EConflict, Message: msg, Fields: map[string]string{"slug": msg}}
	}
	return err
}
