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
	access  permission
}

// routes is every route of the application, read as a table: method,
// path, handler, and the real permission it needs (see permission.go),
// checked before the handler runs; the operations check it again inside
// their transactions. TestAuthorisationTable reads it.
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
		{POST, "/account/calendar", s.makeCalendarLink, signedIn},

		// Calendar feeds (text/calendar): public ones by visibility, and a
		// person's own opened by the secret token in its address.
		{GET, "/hubs/:slug/calendar.ics", s.hubCalendar, public},
		{GET, "/organisations/:id/calendar.ics", s.organisationCalendar, public},
		{GET, "/topics/:slug/calendar.ics", s.topicCalendar, public},
		{GET, "/series/:id/calendar.ics", s.seriesCalendar, public},
		{GET, "/topics/:slug", s.topicPage, public},
		{GET, "/calendar/:token", s.personalCalendar, public},
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

		// Hubs: public pages, and management by their coordinators.
		{GET, "/hubs/:slug", s.hubPage, public},
		{POST, "/hubs/:slug/join", s.askToJoin, memberOfAnOrganisation},
		{GET, "/hubs/:slug/settings", s.hubSettingsPage, coordinatorOfHub},
		{POST, "/hubs/:slug/settings", s.updateHubSettings, coordinatorOfHub},
		{GET, "/hubs/:slug/members", s.membersPage, coordinatorOfHub},
		{POST, "/hubs/:slug/members", s.addMember, coordinatorOfHub},
		{POST, "/hubs/:slug/members/:org/remove", s.removeMember, coordinatorOfHub},
		{POST, "/hubs/:slug/requests/:org", s.decideRequest, coordinatorOfHub},
		{GET, "/hubs/:slug/people", s.peoplePage, coordinatorOfHub},
		{POST, "/hubs/:slug/people", s.invitePerson, coordinatorOfHub},
		{POST, "/hubs/:slug/people/:id/link", s.makeLink, coordinatorOfHub},
		{GET, "/hubs/:slug/attendance", s.attendancePage, evaluatorOfHub},

		// Events: lists and pages by visibility (public routes that show only
		// what the viewer may see); management by the hub's coordinators.
		{GET, "/hubs/:slug/events", s.hubEventsPage, public},
		{GET, "/hubs/:slug/events/month", s.monthPage, public},
		{GET, "/hubs/:slug/events/new", s.newEventPage, coordinatorOfHub},
		{POST, "/hubs/:slug/events", s.createEvent, coordinatorOfHub},
		{GET, "/events/:id", s.eventPage, public},
		{GET, "/events/:id/event.ics", s.eventICS, public},
		{GET, "/events/:id/edit", s.editEventPage, coordinatorOfEvent},
		{POST, "/events/:id", s.updateEvent, coordinatorOfEvent},
		{POST, "/events/:id/publish", s.publishEvent, coordinatorOfEvent},
		{POST, "/events/:id/cancel", s.cancelEvent, coordinatorOfEvent},
		{GET, "/events/:id/series", s.seriesPage, coordinatorOfEvent},
		{POST, "/events/:id/series/publish", s.publishSeries, coordinatorOfEvent},
		{GET, "/events/:id/agenda", s.agendaPage, coordinatorOfEvent},
		{POST, "/events/:id/agenda", s.saveAgendaItem, coordinatorOfEvent},
		{POST, "/events/:id/agenda/:item", s.saveAgendaItem, coordinatorOfEvent},
		{POST, "/events/:id/agenda/:item/delete", s.deleteAgendaItem, coordinatorOfEvent},
		{POST, "/events/:id/agenda/:item/move", s.moveAgendaItem, coordinatorOfEvent},
		{POST, "/events/:id/agenda/shift", s.shiftAgenda, coordinatorOfEvent},
		{POST, "/events/:id/agenda/copy", s.copyAgenda, coordinatorOfEvent},
		{POST, "/events/:id/register", s.register, public},
		{POST, "/registrations/:id/cancel", s.cancelRegistration, registrantOrCoordinator},
		{GET, "/events/:id/my-place", s.myPlacePage, signedIn},
		{GET, "/registrations/manage/:token", s.managePage, public},
		{GET, "/registrations/manage/:token/event.ics", s.manageICS, public},
		{POST, "/registrations/manage/:token/cancel", s.cancelByToken, public},
		{GET, "/events/:id/check-in", s.checkInPage, coordinatorOfEvent},
		{POST, "/registrations/:id/attendance", s.setAttendance, coordinatorOfRegistration},
		{POST, "/registrations/:id/manage-link", s.newManageLink, coordinatorOfRegistration},
		{POST, "/events/:id/walk-ins", s.addWalkIn, coordinatorOfEvent},
		{POST, "/events/:id/registrations", s.registerSomeone, coordinatorOfEvent},
		{GET, "/events/:id/sign-in-sheet", s.signInSheetPage, coordinatorOfEvent},
		{GET, "/me", s.myEventsPage, signedIn},
		{GET, "/dashboard", s.dashboardPage, coordinator},

		// Feedback: an attendee's own form (signed in, or a guest's private
		// link; the operations check whose registration it is), the QR code
		// route in for guests with a one-time code, and what comes of it for
		// the hub's coordinators and evaluators.
		{GET, "/events/:id/feedback", s.feedbackPage, public},
		{POST, "/events/:id/feedback", s.submitFeedback, public},
		{GET, "/events/:id/feedback/thanks", s.feedbackThanks, public},
		{POST, "/events/:id/feedback/code", s.askFeedbackCode, public},
		{POST, "/events/:id/feedback/code/check", s.useFeedbackCode, public},
		{GET, "/events/:id/feedback/qr", s.feedbackQRPage, coordinatorOfEvent},
		{GET, "/events/:id/feedback/results", s.eventFeedbackPage, evaluatorOfEvent},
		{POST, "/events/:id/feedback/closes", s.setFeedbackCloses, coordinatorOfEvent},
		{GET, "/events/:id/feedback/request", s.feedbackTopicRequestPage, coordinatorOfEvent},
		{POST, "/events/:id/feedback/request", s.requestFromFeedback, coordinatorOfEvent},
		{GET, "/hubs/:slug/report", s.hubReportPage, evaluatorOfHub},
		{GET, "/reports", s.programmeReportPage, admin},

		// Topic requests: the board and pages for the hub's people,
		// decisions for its coordinators (checked in storage).
		{GET, "/hubs/:slug/requests", s.requestBoardPage, hubRequestReader},
		{GET, "/hubs/:slug/requests/new", s.newRequestPage, memberOfAnOrganisation},
		{POST, "/hubs/:slug/requests", s.submitRequest, memberOfAnOrganisation},
		{POST, "/hubs/:slug/requests/triage", s.triageRequests, coordinatorOfHub},
		{GET, "/requests/:id", s.requestPage, requestReader},
		{GET, "/requests/:id/edit", s.editRequestPage, requester},
		{POST, "/requests/:id/edit", s.editRequest, requester},
		{POST, "/requests/:id/support", s.supportRequest, memberOfAnOrganisation},
		{POST, "/requests/:id/offer", s.offerToDeliver, memberOfAnOrganisation},
		{POST, "/requests/:id/status", s.changeRequestStatus, requesterOrCoordinator},
		{POST, "/events/:id/agenda/requests", s.scheduleRequest, coordinatorOfEvent},
		{GET, "/hubs/:slug/demand", s.demandPage, evaluatorOfHub},
		{GET, "/hubs/:slug/governance", s.governancePage, coordinatorOfHub},
		{POST, "/hubs/:slug/governance", s.saveGovernance, coordinatorOfHub},

		// Organisations.
		{GET, "/organisations", s.organisationsPage, public},
		{GET, "/organisations/new", s.newOrganisationPage, signedIn},
		{POST, "/organisations", s.createOrganisation, signedIn},
		{GET, "/organisations/:id", s.organisationPage, public},
		{GET, "/organisations/:id/edit", s.editOrganisationPage, organisationEditor},
		{POST, "/organisations/:id", s.updateOrganisation, organisationEditor},
		{POST, "/organisations/:id/people", s.addColleague, colleagueAdder},
		{POST, "/organisations/:id/hub-invitations/:slug", s.answerHubInvitation, organisationMember},

		// The JSON API, documented in /api/v1/openapi.json.
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
		{PATCH, "/api/v1/hubs/:slug", s.apiUpdateHub, coordinatorOfHub},
		{GET, "/api/v1/hubs/:slug/members", s.apiHubMembers, public},
		{POST, "/api/v1/hubs/:slug/members", s.apiAddMember, coordinatorOfHub},
		{DELETE, "/api/v1/hubs/:slug/members/:organisation_id", s.apiRemoveMember, coordinatorOfHub},
		{GET, "/api/v1/hubs/:slug/roles", s.apiHubRoles, coordinatorOfHub},
		{PUT, "/api/v1/hubs/:slug/roles", s.apiRole, admin},
		{DELETE, "/api/v1/hubs/:slug/roles", s.apiRole, admin},
		{GET, "/api/v1/hubs/:slug/people", s.apiHubPeople, coordinatorOfHub},
		{GET, "/api/v1/hubs/:slug/join-requests", s.apiJoinRequests, coordinatorOfHub},
		{GET, "/api/v1/hubs/:slug/attendance", s.apiHubAttendance, evaluatorOfHub},
		{POST, "/api/v1/hubs/:slug/join-requests", s.apiRequestToJoin, memberOfAnOrganisation},
		{PUT, "/api/v1/hubs/:slug/join-requests/:organisation_id", s.apiDecideJoin, coordinatorOfHub},
		{GET, "/api/v1/organisations", s.apiOrganisations, public},
		{POST, "/api/v1/organisations", s.apiCreateOrganisation, signedIn},
		{GET, "/api/v1/organisations/:id", s.apiOrganisation, public},
		{PATCH, "/api/v1/organisations/:id", s.apiUpdateOrganisation, organisationEditor},
		{POST, "/api/v1/organisations/:id/people", s.apiAffiliate, colleagueAdder},
		{GET, "/api/v1/organisations/:id/hub-invitations", s.apiHubInvitations, organisationMember},
		{PUT, "/api/v1/organisations/:id/hub-invitations/:slug", s.apiAnswerHubInvitation, organisationMember},
		{POST, "/api/v1/people", s.apiCreatePerson, coordinator},
		{GET, "/api/v1/topics", s.apiTopics, public},
		{POST, "/api/v1/topics", s.apiCreateTopic, coordinator},
		{GET, "/api/v1/hubs/:slug/events", s.apiHubEvents, public},
		{POST, "/api/v1/hubs/:slug/events", s.apiCreateEvent, coordinatorOfHub},
		{GET, "/api/v1/events/:id", s.apiEvent, public},
		{PATCH, "/api/v1/events/:id", s.apiUpdateEvent, coordinatorOfEvent},
		{POST, "/api/v1/events/:id/publish", s.apiPublishEvent, coordinatorOfEvent},
		{POST, "/api/v1/events/:id/cancel", s.apiCancelEvent, coordinatorOfEvent},
		{GET, "/api/v1/events/:id/agenda", s.apiAgenda, public},
		{PUT, "/api/v1/events/:id/agenda", s.apiPutAgenda, coordinatorOfEvent},
		{POST, "/api/v1/events/:id/agenda/copy", s.apiCopyAgenda, coordinatorOfEvent},
		{GET, "/api/v1/series/:id", s.apiSeries, coordinatorOfSeries},
		{POST, "/api/v1/series/:id/publish", s.apiPublishSeries, coordinatorOfSeries},
		{GET, "/api/v1/events/:id/registrations", s.apiRegistrations, coordinatorOfEvent},
		{POST, "/api/v1/events/:id/registrations", s.apiRegister, public},
		{POST, "/api/v1/events/:id/walk-ins", s.apiWalkIn, coordinatorOfEvent},
		{DELETE, "/api/v1/registrations/:id", s.apiCancelRegistration, registrantOrCoordinator},
		{PUT, "/api/v1/registrations/:id/attendance", s.apiAttendance, coordinatorOfRegistration},
		{POST, "/api/v1/registrations/:id/manage-link", s.apiNewManageLink, coordinatorOfRegistration},
		{GET, "/api/v1/me/registrations", s.apiMyRegistrations, signedIn},
		{GET, "/api/v1/me/calendar", s.apiMyCalendar, signedIn},
		{POST, "/api/v1/me/calendar", s.apiRotateCalendar, signedIn},
		{GET, "/api/v1/me/requests", s.apiMyRequests, signedIn},
		{GET, "/api/v1/hubs/:slug/requests", s.apiRequests, hubRequestReader},
		{POST, "/api/v1/hubs/:slug/requests", s.apiSubmitRequest, memberOfAnOrganisation},
		{POST, "/api/v1/hubs/:slug/requests/triage", s.apiTriageRequests, coordinatorOfHub},
		{GET, "/api/v1/requests/:id", s.apiRequest, requestReader},
		{PATCH, "/api/v1/requests/:id", s.apiUpdateRequest, requesterOrCoordinator},
		{POST, "/api/v1/requests/:id/supports", s.apiSupportRequest, memberOfAnOrganisation},
		{POST, "/api/v1/requests/:id/offers", s.apiOfferToDeliver, memberOfAnOrganisation},
		{POST, "/api/v1/events/:id/agenda/requests", s.apiScheduleRequest, coordinatorOfEvent},
		{GET, "/api/v1/hubs/:slug/demand", s.apiDemand, evaluatorOfHub},
		{PUT, "/api/v1/hubs/:slug/governance", s.apiSetGovernance, coordinatorOfHub},
		{POST, "/api/v1/events/:id/feedback", s.apiGiveFeedback, public},
		{PUT, "/api/v1/events/:id/feedback", s.apiChangeFeedback, public},
		{PUT, "/api/v1/events/:id/feedback/closes", s.apiFeedbackCloses, coordinatorOfEvent},
		{GET, "/api/v1/events/:id/feedback/summary", s.apiEventFeedback, evaluatorOfEvent},
		{GET, "/api/v1/hubs/:slug/report", s.apiHubReport, evaluatorOfHub},
		{GET, "/api/v1/report", s.apiProgrammeReport, admin},
		{GET, "/api/v1/hubs/:slug/exports/:file", s.apiExport, evaluatorOfHub},
	}
}
