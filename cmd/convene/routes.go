package main

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/api"
	"github.com/convene/convene/cmd/convene/feeds"
	"github.com/convene/convene/cmd/convene/pages"
	"github.com/convene/convene/cmd/convene/web"
)

// route is one row of the route table.
type route struct {
	method  string
	path    string
	handler echo.HandlerFunc
	access  web.Permission
}

// routes is every route of the application, read as a table: method,
// path, handler, and the real permission it needs (see
// web/permission.go), checked before the handler runs; the operations
// check it again inside their transactions. Pages, the JSON API and the
// calendar feeds each have their handler type, sharing s's dependencies.
// TestAuthorisationTable reads it.
func routes(s *web.Server) []route {
	p, a, f := &pages.Handler{Server: s}, &api.Handler{Server: s}, &feeds.Handler{Server: s}
	const (
		GET, POST, PUT = http.MethodGet, http.MethodPost, http.MethodPut
		PATCH, DELETE  = http.MethodPatch, http.MethodDelete
	)
	return []route{
		{GET, "/healthz", s.Healthz, web.Public},
		{GET, "/readyz", s.Readyz, web.Public},
		{GET, "/static/*", s.StaticFile, web.Public},

		{GET, "/", p.HomePage, web.Public},
		{GET, "/privacy", p.PrivacyPage, web.Public},

		// Signing in and the account.
		{GET, "/sign-in", p.SignInPage, web.Public},
		{POST, "/sign-in", p.SignIn, web.Public},
		{POST, "/sign-out", p.SignOut, web.SignedIn},
		{GET, "/forgot-password", p.ForgotPasswordForm, web.Public},
		{POST, "/forgot-password", p.ForgotPassword, web.Public},
		{GET, "/set-password/:token", p.SetPasswordPage, web.Public},
		{POST, "/set-password/:token", p.SetPassword, web.Public},
		{GET, "/account", p.AccountPage, web.SignedIn},
		{POST, "/account/name", p.RenameSelf, web.SignedIn},
		{POST, "/account/password", p.ChangePassword, web.SignedIn},
		{POST, "/account/tokens", p.CreateToken, web.SignedIn},
		{POST, "/account/tokens/:id/revoke", p.RevokeToken, web.SignedIn},
		{POST, "/account/invitations/:org", p.AnswerInvitation, web.SignedIn},
		{POST, "/account/calendar", p.MakeCalendarLink, web.SignedIn},

		// Calendar feeds (text/calendar): public ones by visibility, and a
		// person's own opened by the secret token in its address.
		{GET, "/hubs/:slug/calendar.ics", f.HubCalendar, web.Public},
		{GET, "/organisations/:id/calendar.ics", f.OrganisationCalendar, web.Public},
		{GET, "/topics/:slug/calendar.ics", f.TopicCalendar, web.Public},
		{GET, "/series/:id/calendar.ics", f.SeriesCalendar, web.Public},
		{GET, "/topics/:slug", p.TopicPage, web.Public},
		{GET, "/calendar/:token", f.PersonalCalendar, web.Public},
		{GET, "/account/mail", p.AccountMailPage, web.SignedIn},
		{POST, "/account/mail", p.SaveMailPreferences, web.SignedIn},
		{GET, "/mail/unsubscribe/:token", p.UnsubscribePage, web.Public},
		{POST, "/mail/unsubscribe/:token", p.Unsubscribe, web.Public},

		// Site administration.
		{GET, "/admin", p.AdminPage, web.Admin},
		{POST, "/admin/hubs", p.CreateHub, web.Admin},
		{POST, "/admin/roles", p.Appoint, web.Admin},
		{POST, "/admin/roles/remove", p.RemoveRole, web.Admin},
		{GET, "/admin/mail", p.AdminMailPage, web.Admin},
		{GET, "/admin/mail/:id", p.AdminMailMessagePage, web.Admin},
		{POST, "/admin/mail/:id/retry", p.RetryMail, web.Admin},

		// Hubs: public pages, and management by their coordinators.
		{GET, "/hubs/:slug", p.HubPage, web.Public},
		{POST, "/hubs/:slug/join", p.AskToJoin, web.MemberOfAnOrganisation},
		{GET, "/hubs/:slug/settings", p.HubSettingsPage, web.CoordinatorOfHub},
		{POST, "/hubs/:slug/settings", p.UpdateHubSettings, web.CoordinatorOfHub},
		{GET, "/hubs/:slug/members", p.MembersPage, web.CoordinatorOfHub},
		{POST, "/hubs/:slug/members", p.AddMember, web.CoordinatorOfHub},
		{POST, "/hubs/:slug/members/:org/remove", p.RemoveMember, web.CoordinatorOfHub},
		{POST, "/hubs/:slug/requests/:org", p.DecideRequest, web.CoordinatorOfHub},
		{GET, "/hubs/:slug/people", p.PeoplePage, web.CoordinatorOfHub},
		{POST, "/hubs/:slug/people", p.InvitePerson, web.CoordinatorOfHub},
		{POST, "/hubs/:slug/people/:id/link", p.MakeLink, web.CoordinatorOfHub},
		{GET, "/hubs/:slug/attendance", p.AttendancePage, web.EvaluatorOfHub},

		// Events: lists and pages by visibility (public routes that show only
		// what the viewer may see); management by the hub's coordinators.
		{GET, "/hubs/:slug/events", p.HubEventsPage, web.Public},
		{GET, "/hubs/:slug/events/month", p.MonthPage, web.Public},
		{GET, "/hubs/:slug/events/new", p.NewEventPage, web.CoordinatorOfHub},
		{POST, "/hubs/:slug/events", p.CreateEvent, web.CoordinatorOfHub},
		{GET, "/events/:id", p.EventPage, web.Public},
		{GET, "/events/:id/event.ics", f.EventICS, web.Public},
		{GET, "/events/:id/edit", p.EditEventPage, web.CoordinatorOfEvent},
		{POST, "/events/:id", p.UpdateEvent, web.CoordinatorOfEvent},
		{POST, "/events/:id/publish", p.PublishEvent, web.CoordinatorOfEvent},
		{POST, "/events/:id/cancel", p.CancelEvent, web.CoordinatorOfEvent},
		{GET, "/events/:id/series", p.SeriesPage, web.CoordinatorOfEvent},
		{POST, "/events/:id/series/publish", p.PublishSeries, web.CoordinatorOfEvent},
		{GET, "/events/:id/agenda", p.AgendaPage, web.CoordinatorOfEvent},
		{POST, "/events/:id/agenda", p.SaveAgendaItem, web.CoordinatorOfEvent},
		{POST, "/events/:id/agenda/:item", p.SaveAgendaItem, web.CoordinatorOfEvent},
		{POST, "/events/:id/agenda/:item/delete", p.DeleteAgendaItem, web.CoordinatorOfEvent},
		{POST, "/events/:id/agenda/:item/move", p.MoveAgendaItem, web.CoordinatorOfEvent},
		{POST, "/events/:id/agenda/shift", p.ShiftAgenda, web.CoordinatorOfEvent},
		{POST, "/events/:id/agenda/copy", p.CopyAgenda, web.CoordinatorOfEvent},
		{POST, "/events/:id/register", p.Register, web.Public},
		{POST, "/registrations/:id/cancel", p.CancelRegistration, web.RegistrantOrCoordinator},
		{GET, "/events/:id/my-place", p.MyPlacePage, web.SignedIn},
		{GET, "/registrations/manage/:token", p.ManagePage, web.Public},
		{GET, "/registrations/manage/:token/event.ics", p.ManageICS, web.Public},
		{POST, "/registrations/manage/:token/cancel", p.CancelByToken, web.Public},
		{GET, "/events/:id/check-in", p.CheckInPage, web.CoordinatorOfEvent},
		{POST, "/registrations/:id/attendance", p.SetAttendance, web.CoordinatorOfRegistration},
		{POST, "/registrations/:id/manage-link", p.NewManageLink, web.CoordinatorOfRegistration},
		{POST, "/events/:id/walk-ins", p.AddWalkIn, web.CoordinatorOfEvent},
		{POST, "/events/:id/registrations", p.RegisterSomeone, web.CoordinatorOfEvent},
		{GET, "/events/:id/sign-in-sheet", p.SignInSheetPage, web.CoordinatorOfEvent},
		{GET, "/me", p.MyEventsPage, web.SignedIn},
		{GET, "/dashboard", p.DashboardPage, web.Coordinator},

		// Feedback: an attendee's own form (signed in, or a guest's private
		// link; the operations check whose registration it is), the QR code
		// route in for guests with a one-time code, and what comes of it for
		// the hub's coordinators and evaluators.
		{GET, "/events/:id/feedback", p.FeedbackPage, web.Public},
		{POST, "/events/:id/feedback", p.SubmitFeedback, web.Public},
		{GET, "/events/:id/feedback/thanks", p.FeedbackThanks, web.Public},
		{POST, "/events/:id/feedback/code", p.AskFeedbackCode, web.Public},
		{POST, "/events/:id/feedback/code/check", p.UseFeedbackCode, web.Public},
		{GET, "/events/:id/feedback/qr", p.FeedbackQRPage, web.CoordinatorOfEvent},
		{GET, "/events/:id/feedback/results", p.EventFeedbackPage, web.EvaluatorOfEvent},
		{POST, "/events/:id/feedback/closes", p.SetFeedbackCloses, web.CoordinatorOfEvent},
		{GET, "/events/:id/feedback/request", p.FeedbackTopicRequestPage, web.CoordinatorOfEvent},
		{POST, "/events/:id/feedback/request", p.RequestFromFeedback, web.CoordinatorOfEvent},
		{GET, "/hubs/:slug/report", p.HubReportPage, web.EvaluatorOfHub},
		{GET, "/reports", p.ProgrammeReportPage, web.Admin},

		// Topic requests: the board and pages for the hub's people,
		// decisions for its coordinators (checked in storage).
		{GET, "/hubs/:slug/requests", p.RequestBoardPage, web.HubRequestReader},
		{GET, "/hubs/:slug/requests/new", p.NewRequestPage, web.MemberOfAnOrganisation},
		{POST, "/hubs/:slug/requests", p.SubmitRequest, web.MemberOfAnOrganisation},
		{POST, "/hubs/:slug/requests/triage", p.TriageRequests, web.CoordinatorOfHub},
		{GET, "/requests/:id", p.RequestPage, web.RequestReader},
		{GET, "/requests/:id/edit", p.EditRequestPage, web.Requester},
		{POST, "/requests/:id/edit", p.EditRequest, web.Requester},
		{POST, "/requests/:id/support", p.SupportRequest, web.MemberOfAnOrganisation},
		{POST, "/requests/:id/offer", p.OfferToDeliver, web.MemberOfAnOrganisation},
		{POST, "/requests/:id/status", p.ChangeRequestStatus, web.RequesterOrCoordinator},
		{POST, "/events/:id/agenda/requests", p.ScheduleRequest, web.CoordinatorOfEvent},
		{GET, "/hubs/:slug/demand", p.DemandPage, web.EvaluatorOfHub},
		{GET, "/hubs/:slug/governance", p.GovernancePage, web.CoordinatorOfHub},
		{POST, "/hubs/:slug/governance", p.SaveGovernance, web.CoordinatorOfHub},

		// Organisations.
		{GET, "/organisations", p.OrganisationsPage, web.Public},
		{GET, "/organisations/new", p.NewOrganisationPage, web.SignedIn},
		{POST, "/organisations", p.CreateOrganisation, web.SignedIn},
		{GET, "/organisations/:id", p.OrganisationPage, web.Public},
		{GET, "/organisations/:id/edit", p.EditOrganisationPage, web.OrganisationEditor},
		{POST, "/organisations/:id", p.UpdateOrganisation, web.OrganisationEditor},
		{POST, "/organisations/:id/people", p.AddColleague, web.ColleagueAdder},
		{POST, "/organisations/:id/hub-invitations/:slug", p.AnswerHubInvitation, web.OrganisationMember},

		// The JSON API, documented in /api/v1/openapi.json.
		{GET, "/api/v1/openapi.json", a.OpenAPI, web.Public},
		{POST, "/api/v1/auth/token", a.Token, web.Public},
		{POST, "/api/v1/auth/password-reset", a.ForgotPassword, web.Public},
		{POST, "/api/v1/mail/unsubscribe/:token", a.Unsubscribe, web.Public},
		{GET, "/api/v1/me", a.Me, web.SignedIn},
		{GET, "/api/v1/me/tokens", a.Tokens, web.SignedIn},
		{POST, "/api/v1/me/tokens", a.CreateToken, web.SignedIn},
		{DELETE, "/api/v1/me/tokens/:id", a.RevokeToken, web.SignedIn},
		{GET, "/api/v1/me/invitations", a.Invitations, web.SignedIn},
		{PUT, "/api/v1/me/invitations/:organisation_id", a.AnswerInvitation, web.SignedIn},
		{GET, "/api/v1/hubs", a.Hubs, web.Public},
		{POST, "/api/v1/hubs", a.CreateHub, web.Admin},
		{GET, "/api/v1/hubs/:slug", a.Hub, web.Public},
		{PATCH, "/api/v1/hubs/:slug", a.UpdateHub, web.CoordinatorOfHub},
		{GET, "/api/v1/hubs/:slug/members", a.HubMembers, web.Public},
		{POST, "/api/v1/hubs/:slug/members", a.AddMember, web.CoordinatorOfHub},
		{DELETE, "/api/v1/hubs/:slug/members/:organisation_id", a.RemoveMember, web.CoordinatorOfHub},
		{GET, "/api/v1/hubs/:slug/roles", a.HubRoles, web.CoordinatorOfHub},
		{PUT, "/api/v1/hubs/:slug/roles", a.Role, web.Admin},
		{DELETE, "/api/v1/hubs/:slug/roles", a.Role, web.Admin},
		{GET, "/api/v1/hubs/:slug/people", a.HubPeople, web.CoordinatorOfHub},
		{GET, "/api/v1/hubs/:slug/join-requests", a.JoinRequests, web.CoordinatorOfHub},
		{GET, "/api/v1/hubs/:slug/attendance", a.HubAttendance, web.EvaluatorOfHub},
		{POST, "/api/v1/hubs/:slug/join-requests", a.RequestToJoin, web.MemberOfAnOrganisation},
		{PUT, "/api/v1/hubs/:slug/join-requests/:organisation_id", a.DecideJoin, web.CoordinatorOfHub},
		{GET, "/api/v1/organisations", a.Organisations, web.Public},
		{POST, "/api/v1/organisations", a.CreateOrganisation, web.SignedIn},
		{GET, "/api/v1/organisations/:id", a.Organisation, web.Public},
		{PATCH, "/api/v1/organisations/:id", a.UpdateOrganisation, web.OrganisationEditor},
		{POST, "/api/v1/organisations/:id/people", a.Affiliate, web.ColleagueAdder},
		{GET, "/api/v1/organisations/:id/hub-invitations", a.HubInvitations, web.OrganisationMember},
		{PUT, "/api/v1/organisations/:id/hub-invitations/:slug", a.AnswerHubInvitation, web.OrganisationMember},
		{POST, "/api/v1/people", a.CreatePerson, web.Coordinator},
		{GET, "/api/v1/topics", a.Topics, web.Public},
		{POST, "/api/v1/topics", a.CreateTopic, web.Coordinator},
		{GET, "/api/v1/hubs/:slug/events", a.HubEvents, web.Public},
		{POST, "/api/v1/hubs/:slug/events", a.CreateEvent, web.CoordinatorOfHub},
		{GET, "/api/v1/events/:id", a.Event, web.Public},
		{PATCH, "/api/v1/events/:id", a.UpdateEvent, web.CoordinatorOfEvent},
		{POST, "/api/v1/events/:id/publish", a.PublishEvent, web.CoordinatorOfEvent},
		{POST, "/api/v1/events/:id/cancel", a.CancelEvent, web.CoordinatorOfEvent},
		{GET, "/api/v1/events/:id/agenda", a.Agenda, web.Public},
		{PUT, "/api/v1/events/:id/agenda", a.PutAgenda, web.CoordinatorOfEvent},
		{POST, "/api/v1/events/:id/agenda/copy", a.CopyAgenda, web.CoordinatorOfEvent},
		{GET, "/api/v1/series/:id", a.Series, web.CoordinatorOfSeries},
		{POST, "/api/v1/series/:id/publish", a.PublishSeries, web.CoordinatorOfSeries},
		{GET, "/api/v1/events/:id/registrations", a.Registrations, web.CoordinatorOfEvent},
		{POST, "/api/v1/events/:id/registrations", a.Register, web.Public},
		{POST, "/api/v1/events/:id/walk-ins", a.WalkIn, web.CoordinatorOfEvent},
		{DELETE, "/api/v1/registrations/:id", a.CancelRegistration, web.RegistrantOrCoordinator},
		{PUT, "/api/v1/registrations/:id/attendance", a.Attendance, web.CoordinatorOfRegistration},
		{POST, "/api/v1/registrations/:id/manage-link", a.NewManageLink, web.CoordinatorOfRegistration},
		{GET, "/api/v1/me/registrations", a.MyRegistrations, web.SignedIn},
		{GET, "/api/v1/me/calendar", a.MyCalendar, web.SignedIn},
		{POST, "/api/v1/me/calendar", a.RotateCalendar, web.SignedIn},
		{GET, "/api/v1/me/requests", a.MyRequests, web.SignedIn},
		{GET, "/api/v1/hubs/:slug/requests", a.Requests, web.HubRequestReader},
		{POST, "/api/v1/hubs/:slug/requests", a.SubmitRequest, web.MemberOfAnOrganisation},
		{POST, "/api/v1/hubs/:slug/requests/triage", a.TriageRequests, web.CoordinatorOfHub},
		{GET, "/api/v1/requests/:id", a.Request, web.RequestReader},
		{PATCH, "/api/v1/requests/:id", a.UpdateRequest, web.RequesterOrCoordinator},
		{POST, "/api/v1/requests/:id/supports", a.SupportRequest, web.MemberOfAnOrganisation},
		{POST, "/api/v1/requests/:id/offers", a.OfferToDeliver, web.MemberOfAnOrganisation},
		{POST, "/api/v1/events/:id/agenda/requests", a.ScheduleRequest, web.CoordinatorOfEvent},
		{GET, "/api/v1/hubs/:slug/demand", a.Demand, web.EvaluatorOfHub},
		{PUT, "/api/v1/hubs/:slug/governance", a.SetGovernance, web.CoordinatorOfHub},
		{POST, "/api/v1/events/:id/feedback", a.GiveFeedback, web.Public},
		{PUT, "/api/v1/events/:id/feedback", a.ChangeFeedback, web.Public},
		{PUT, "/api/v1/events/:id/feedback/closes", a.FeedbackCloses, web.CoordinatorOfEvent},
		{GET, "/api/v1/events/:id/feedback/summary", a.EventFeedback, web.EvaluatorOfEvent},
		{GET, "/api/v1/hubs/:slug/report", a.HubReport, web.EvaluatorOfHub},
		{GET, "/api/v1/report", a.ProgrammeReport, web.Admin},
		{GET, "/api/v1/hubs/:slug/exports/:file", a.Export, web.EvaluatorOfHub},
	}
}
