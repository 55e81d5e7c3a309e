-- +goose Up
-- A personal feed holds the members-only events of the hubs its person is
-- in (through an organisation that is an active member, or a role), so a
-- change of membership or role is a change to feeds: it raises
-- calendar_changes like the other tables a feed shows (migration 0009).
CREATE CONSTRAINT TRIGGER hub_memberships_calendar AFTER INSERT OR UPDATE OR DELETE ON hub_memberships
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION calendar_changed();
CREATE CONSTRAINT TRIGGER roles_calendar AFTER INSERT OR UPDATE OR DELETE ON roles
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION calendar_changed();

-- +goose Down
DROP TRIGGER roles_calendar ON roles;
DROP TRIGGER hub_memberships_calendar ON hub_memberships;
