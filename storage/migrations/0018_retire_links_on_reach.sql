-- +goose Up
-- A link to set someone's password that another person made (a
-- coordinator, a colleague, an admin) was made for them as they were. When
-- their reach grows – they are given a role, their organisation becomes an
-- active member of another hub, or they are added to another organisation –
-- such unused links stop working, so that a link someone kept cannot open
-- more than it was made for; they ask for a new one. Links they asked for
-- themselves stay, and so do links made in the same transaction as the
-- change (an admin appointing someone new invites them and gives the role
-- at once).

-- +goose StatementBegin
CREATE FUNCTION retire_links_of_organisation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE password_tokens t SET used_at = now()
    WHERE t.used_at IS NULL AND t.created_by IS DISTINCT FROM t.person_id AND t.created_at < now()
      AND t.person_id IN (SELECT a.person_id FROM affiliations a WHERE a.organisation_id = NEW.organisation_id);
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION retire_links_of_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE password_tokens t SET used_at = now()
    WHERE t.used_at IS NULL AND t.created_by IS DISTINCT FROM t.person_id AND t.created_at < now()
      AND t.person_id = NEW.person_id;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER hub_memberships_retire_links AFTER INSERT ON hub_memberships
    FOR EACH ROW WHEN (NEW.status = 'active') EXECUTE FUNCTION retire_links_of_organisation();
CREATE TRIGGER hub_memberships_retire_links_on_update AFTER UPDATE OF status ON hub_memberships
    FOR EACH ROW WHEN (NEW.status = 'active' AND OLD.status IS DISTINCT FROM 'active') EXECUTE FUNCTION retire_links_of_organisation();
CREATE TRIGGER affiliations_retire_links AFTER INSERT ON affiliations
    FOR EACH ROW EXECUTE FUNCTION retire_links_of_person();
CREATE TRIGGER roles_retire_links AFTER INSERT ON roles
    FOR EACH ROW EXECUTE FUNCTION retire_links_of_person();

-- +goose Down
DROP TRIGGER roles_retire_links ON roles;
DROP TRIGGER affiliations_retire_links ON affiliations;
DROP TRIGGER hub_memberships_retire_links_on_update ON hub_memberships;
DROP TRIGGER hub_memberships_retire_links ON hub_memberships;
DROP FUNCTION retire_links_of_person();
DROP FUNCTION retire_links_of_organisation();
