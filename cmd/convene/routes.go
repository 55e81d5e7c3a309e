package main

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// route is one row of the route table.
type route struct {
	method  string
	path    string
	handler echo.HandlerFunc
	access  access
}

// routes is every route of the application, read as a table: method,
// path, handler, who may call it. Access is the coarse gate; rules that
// depend on the thing addressed (coordinator of this hub) are checked in
// the handler through hub's policy functions.
func (s *server) routes() []route {
	const (
		GET, POST, PUT = http.MethodGet, http.MethodPost, http.MethodPut
		PATCH, DELETE  = http.MethodPatch, http.MethodDelete
	)
	return []route{
		{GET, "/healthz", s.healthz, public},
		{GET, "/readyz", s.readyz, public},
		{GET, "/static/*", s.staticFile, public},

		{GET, "/", s.homePage, public},
		{GET, "/privacy", s.privacyPage, public},

		// Signing in and the account.
		{GET, "/sign-in", s.signInPage, public},
		{POST, "/sign-in", s.signIn, public},
		{POST, "/sign-out", s.signOut, signedIn},
		{GET, "/forgot-password", s.forgotPasswordForm, public},
		{POST, "/forgot-password", s.forgotPassword, public},
		{GET, "/set-password/:token", s.setPasswordPage, public},
		{POST, "/set-password/:token", s.setPassword, public},
		{GET, "/account", s.accountPage, signedIn},
		{POST, "/account/name", s.renameSelf, signedIn},
		{POST, "/account/password", s.changePassword, signedIn},
		{POST, "/account/tokens", s.createToken, signedIn},
		{POST, "/account/tokens/:id/revoke", s.revokeToken, signedIn},
		{POST, "/account/invitations/:org", s.answerInvitation, signedIn},
		{GET, "/account/mail", s.accountMailPage, signedIn},
		{POST, "/account/mail", s.saveMailPreferences, signedIn},
		{GET, "/mail/unsubscribe/:token", s.unsubscribePage, public},
		{POST, "/mail/unsubscribe/:token", s.unsubscribe, public},

		// Site administration.
		{GET, "/admin", s.adminPage, admin},
		{POST, "/admin/hubs", s.createHub, admin},
		{POST, "/admin/roles", s.appoint, admin},
		{POST, "/admin/roles/remove", s.removeRole, admin},
		{GET, "/admin/mail", s.adminMailPage, admin},
		{GET, "/admin/mail/:id", s.adminMailMessagePage, admin},
		{POST, "/admin/mail/:id/retry", s.retryMail, admin},

		// Hubs: public pages, and management by their coordinators (checked
		// per hub in the handler).
		{GET, "/hubs/:slug", s.hubPage, public},
		{POST, "/hubs/:slug/join", s.askToJoin, signedIn},
		{GET, "/hubs/:slug/settings", s.hubSettingsPage, signedIn},
		{POST, "/hubs/:slug/settings", s.updateHubSettings, signedIn},
		{GET, "/hubs/:slug/members", s.membersPage, signedIn},
		{POST, "/hubs/:slug/members", s.addMember, signedIn},
		{POST, "/hubs/:slug/members/:org/remove", s.removeMember, signedIn},
		{POST, "/hubs/:slug/requests/:org", s.decideRequest, signedIn},
		{GET, "/hubs/:slug/people", s.peoplePage, signedIn},
		{POST, "/hubs/:slug/people", s.invitePerson, signedIn},
		{POST, "/hubs/:slug/people/:id/link", s.makeLink, signedIn},

		// Events: lists and pages by visibility; management by the hub's
		// coordinators (checked per event in the handler).
		{GET, "/hubs/:slug/events", s.hubEventsPage, public},
		{GET, "/hubs/:slug/events/month", s.monthPage, public},
		{GET, "/hubs/:slug/events/new", s.newEventPage, signedIn},
		{POST, "/hubs/:slug/events", s.createEvent, signedIn},
		{GET, "/events/:id", s.eventPage, public},
		{GET, "/events/:id/event.ics", s.eventICS, public},
		{GET, "/events/:id/edit", s.editEventPage, signedIn},
		{POST, "/events/:id", s.updateEvent, signedIn},
		{POST, "/events/:id/publish", s.publishEvent, signedIn},
		{POST, "/events/:id/cancel", s.cancelEvent, signedIn},
		{GET, "/events/:id/agenda", s.agendaPage, signedIn},
		{POST, "/events/:id/agenda", s.saveAgendaItem, signedIn},
		{POST, "/events/:id/agenda/:item", s.saveAgendaItem, signedIn},
		{POST, "/events/:id/agenda/:item/delete", s.deleteAgendaItem, signedIn},
		{POST, "/events/:id/agenda/:item/move", s.moveAgendaItem, signedIn},
		{POST, "/events/:id/agenda/:item/shift", s.shiftAgenda, signedIn},
		{POST, "/events/:id/register", s.register, public},
		{POST, "/registrations/:id/cancel", s.cancelRegistration, signedIn},
		{GET, "/registrations/manage/:token", s.managePage, public},
		{POST, "/registrations/manage/:token/cancel", s.cancelByToken, public},
		{GET, "/events/:id/check-in", s.checkInPage, signedIn},
		{POST, "/registrations/:id/attendance", s.setAttendance, signedIn},
		{POST, "/registrations/:id/manage-link", s.newManageLink, signedIn},
		{POST, "/events/:id/walk-ins", s.addWalkIn, signedIn},
		{POST, "/events/:id/registrations", s.registerSomeone, signedIn},
		{GET, "/events/:id/sign-in-sheet", s.signInSheetPage, signedIn},
		{GET, "/me", s.myEventsPage, signedIn},

		// Organisations.
		{GET, "/organisations", s.organisationsPage, public},
		{GET, "/organisations/new", s.newOrganisationPage, signedIn},
		{POST, "/organisations", s.createOrganisation, signedIn},
		{GET, "/organisations/:id", s.organisationPage, public},
		{GET, "/organisations/:id/edit", s.editOrganisationPage, signedIn},
		{POST, "/organisations/:id", s.updateOrganisation, signedIn},
		{POST, "/organisations/:id/people", s.addColleague, signedIn},
		{POST, "/organisations/:id/hub-invitations/:slug", s.answerHubInvitation, signedIn},

		// The JSON API (shared/API.md), documented in /api/v1/openapi.json.
		{GET, "/api/v1/openapi.json", s.openAPI, public},
		{POST, "/api/v1/auth/token", s.apiToken, public},
		{POST, "/api/v1/auth/password-reset", s.apiForgotPassword, public},
		{POST, "/api/v1/mail/unsubscribe/:token", s.apiUnsubscribe, public},
		{GET, "/api/v1/me", s.apiMe, signedIn},
		{GET, "/api/v1/me/tokens", s.apiTokens, signedIn},
		{POST, "/api/v1/me/tokens", s.apiCreateToken, signedIn},
		{DELETE, "/api/v1/me/tokens/:id", s.apiRevokeToken, signedIn},
		{GET, "/api/v1/me/invitations", s.apiInvitations, signedIn},
		{PUT, "/api/v1/me/invitations/:organisation_id", s.apiAnswerInvitation, signedIn},
		{GET, "/api/v1/hubs", s.apiHubs, public},
		{POST, "/api/v1/hubs", s.apiCreateHub, admin},
		{GET, "/api/v1/hubs/:slug", s.apiHub, public},
		{PATCH, "/api/v1/hubs/:slug", s.apiUpdateHub, signedIn},
		{GET, "/api/v1/hubs/:slug/members", s.apiHubMembers, public},
		{POST, "/api/v1/hubs/:slug/members", s.apiAddMember, signedIn},
		{DELETE, "/api/v1/hubs/:slug/members/:organisation_id", s.apiRemoveMember, signedIn},
		{GET, "/api/v1/hubs/:slug/roles", s.apiHubRoles, signedIn},
		{PUT, "/api/v1/hubs/:slug/roles", s.apiRole, admin},
		{DELETE, "/api/v1/hubs/:slug/roles", s.apiRole, admin},
		{GET, "/api/v1/hubs/:slug/people", s.apiHubPeople, signedIn},
		{GET, "/api/v1/hubs/:slug/join-requests", s.apiJoinRequests, signedIn},
		{POST, "/api/v1/hubs/:slug/join-requests", s.apiRequestToJoin, signedIn},
		{PUT, "/api/v1/hubs/:slug/join-requests/:organisation_id", s.apiDecideJoin, signedIn},
		{GET, "/api/v1/organisations", s.apiOrganisations, public},
		{POST, "/api/v1/organisations", s.apiCreateOrganisation, signedIn},
		{GET, "/api/v1/organisations/:id", s.apiOrganisation, public},
		{PATCH, "/api/v1/organisations/:id", s.apiUpdateOrganisation, signedIn},
		{POST, "/api/v1/organisations/:id/people", s.apiAffiliate, signedIn},
		{GET, "/api/v1/organisations/:id/hub-invitations", s.apiHubInvitations, signedIn},
		{PUT, "/api/v1/organisations/:id/hub-invitations/:slug", s.apiAnswerHubInvitation, signedIn},
		{POST, "/api/v1/people", s.apiCreatePerson, signedIn},
		{GET, "/api/v1/topics", s.apiTopics, public},
		{POST, "/api/v1/topics", s.apiCreateTopic, signedIn},
		{GET, "/api/v1/hubs/:slug/events", s.apiHubEvents, public},
		{POST, "/api/v1/hubs/:slug/events", s.apiCreateEvent, signedIn},
		{GET, "/api/v1/events/:id", s.apiEvent, public},
		{PATCH, "/api/v1/events/:id", s.apiUpdateEvent, signedIn},
		{POST, "/api/v1/events/:id/publish", s.apiPublishEvent, signedIn},
		{POST, "/api/v1/events/:id/cancel", s.apiCancelEvent, signedIn},
		{GET, "/api/v1/events/:id/agenda", s.apiAgenda, public},
		{PUT, "/api/v1/events/:id/agenda", s.apiPutAgenda, signedIn},
		{GET, "/api/v1/events/:id/registrations", s.apiRegistrations, signedIn},
		{POST, "/api/v1/events/:id/registrations", s.apiRegister, public},
		{POST, "/api/v1/events/:id/walk-ins", s.apiWalkIn, signedIn},
		{DELETE, "/api/v1/registrations/:id", s.apiCancelRegistration, public},
		{PUT, "/api/v1/registrations/:id/attendance", s.apiAttendance, signedIn},
		{POST, "/api/v1/registrations/:id/manage-link", s.apiNewManageLink, signedIn},
		{GET, "/api/v1/me/registrations", s.apiMyRegistrations, signedIn},
	}
}

// access says who may call a route.
type access int

const (
	public   access = iota // anyone, signed in or not
	signedIn               // any signed-in person
	admin                  // site administrators only
)

func (a access) String() string {
	return [...]string{"public", "signed in", "admin"}[a]
}

// middleware enforces the access level: anonymous callers of a protected
// route get 401 from the API and the sign-in page otherwise; signed-in
// callers without the right get 403.
func (a access) middleware(s *server) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if a == public {
				return next(c)
			}
			actor := actorOf(c)
			if !actor.SignedIn() {
				return s.requireSignIn(c)
			}
			if a == admin && !actor.Admin {
				return forbidden("Only site administrators can do that.")
			}
			return next(c)
		}
	}
}
