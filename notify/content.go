package notify

import (
	"fmt"
	"strings"

	"github.com/convene/convene/events"
	"github.com/convene/convene/hub"
)

// content is a message before rendering: both parts are made from it, so
// they say the same.
type content struct {
	Subject string
	// From names who the message comes from, above the heading: the hub.
	From     string
	Heading  string
	Greeting string
	Intro    []string
	Changes  []change
	Facts    []fact
	Action   *action
	After    []string
	Sections []section
	Footer   []string
	// Unsubscribe is the page that turns this kind off, for optional kinds.
	Unsubscribe string
}

type fact struct {
	Label, Value string
	// Link makes the value a link to itself.
	Link bool
}

type action struct{ Label, URL string }

type section struct {
	Heading string
	Items   []DigestItem
}

func contentOf(in Input) content {
	c := content{From: in.HubName, Greeting: greeting(in.To.Name)}
	if c.From == "" {
		c.From = "Convene"
	}
	var title string
	if in.Event != nil {
		title = in.Event.Event.Title
	}
	manage := func() {
		if in.ManagePath != "" {
			c.Action = &action{"See or cancel your registration", in.url(in.ManagePath)}
			c.After = append(c.After, "Keep this email: the link lets you see or cancel your registration without an account. Anyone who has the link can use it, so please do not pass it on.")
		} else if in.Event != nil {
			c.Action = &action{"See the event", in.url(eventPath(in.Event.Event.ID))}
		}
	}
	switch in.Kind {
	case KindRegistered:
		c.Subject = "Your place at " + title
		c.Heading = "You have a place"
		c.Intro = []string{fmt.Sprintf("You have a place at %s, run by %s.", title, in.HubName)}
		c.Facts = in.eventFacts()
		manage()
		c.After = append(c.After, calendarNote)
	case KindWaitlisted:
		c.Subject = "You are on the waitlist for " + title
		c.Heading = "You are on the waitlist"
		c.Intro = []string{fmt.Sprintf("%s is full, so you are number %d on its waitlist. If a place comes free it goes to the first person waiting, and we will email you if it is yours.", title, in.Position)}
		c.Facts = in.eventFacts()
		manage()
	case KindPromoted:
		c.Subject = "You now have a place at " + title
		c.Heading = "You now have a place"
		c.Intro = []string{fmt.Sprintf("A place came free at %s and it is yours: you were first on the waitlist.", title),
			"If you can no longer come, please cancel so that the next person waiting can have it."}
		c.Facts = in.eventFacts()
		manage()
		c.After = append(c.After, calendarNote)
	case KindEventChanged:
		c.Subject = "Changed: " + title
		c.Heading = "The event has changed"
		c.Intro = []string{fmt.Sprintf("%s has changed %s. What changed:", in.HubName, title)}
		if in.Previous != nil {
			c.Changes = in.Previous.changes(in.Event.Event, in.Event.Loc, in.HasPlace)
		}
		c.Facts = in.eventFacts()
		manage()
		c.After = append(c.After, "The attached calendar file updates the event in your calendar. If you can no longer come, please cancel your registration.")
	case KindEventCancelled:
		e := in.Event.Event
		c.Subject = "Cancelled: " + title
		c.Heading = "The event is cancelled"
		c.Intro = []string{fmt.Sprintf("%s has cancelled %s, which was to be on %s.", in.HubName, title, when(e.StartsAt, e.EndsAt, in.Event.Loc))}
		if r := strings.TrimSpace(e.CancelReason); r != "" {
			c.Facts = append(c.Facts, fact{Label: "Reason", Value: r})
		}
		c.Action = &action{"See the event", in.url(eventPath(e.ID))}
		c.After = []string{"You do not need to do anything. The attached calendar file marks the event as cancelled in your calendar."}
	case KindReminder:
		e := in.Event.Event
		if in.Reminder == ReminderMorning {
			c.Subject = fmt.Sprintf("Today: %s at %s", title, events.FormatClock(e.StartsAt, in.Event.Loc))
			c.Heading = "Your event is today"
			c.Intro = []string{fmt.Sprintf("%s starts today at %s.", title, events.FormatClock(e.StartsAt, in.Event.Loc))}
		} else {
			c.Subject = fmt.Sprintf("Reminder: %s on %s", title, events.FormatDate(e.StartsAt, in.Event.Loc))
			c.Heading = "Your event is coming up"
			c.Intro = []string{fmt.Sprintf("A reminder that you have a place at %s, on %s.", title, events.FormatDate(e.StartsAt, in.Event.Loc))}
		}
		c.Intro = append(c.Intro, "If you can no longer come, please cancel so that someone else can have your place.")
		c.Facts = in.eventFacts()
		manage()
	case KindManageLink:
		c.Subject = "Your link for " + title
		c.Heading = "Your registration"
		c.Intro = []string{fmt.Sprintf("Someone, probably you, tried to register for %s with this email address, which is already registered (or on the waitlist). Here is a new link to see or cancel that registration; earlier links no longer work.", title),
			"If it was not you, you can ignore this email."}
		c.Facts = in.eventFacts()
		manage()
	case KindInvite:
		c.Subject = "You are invited to Convene"
		c.Heading = "Set your password"
		who := "You have been invited"
		if in.InvitedBy != "" {
			who = in.InvitedBy + " has invited you"
		}
		if in.OrganisationName != "" {
			c.Subject = "Join " + in.OrganisationName + " on Convene"
			c.Intro = []string{fmt.Sprintf("%s to join %s on Convene, where regional learning hubs share their events and what they learn.", who, in.OrganisationName),
				"Set a password to make your account; you can then accept or decline the invitation on your account page."}
		} else {
			c.Intro = []string{who + " to Convene, where regional learning hubs share their events and what they learn. Set a password to start."}
		}
		c.Action = &action{"Set your password", in.url(in.LinkPath)}
		c.After = []string{"The link works once, for 7 days. If you did not expect this, you can ignore it: no account is used until a password is set."}
	case KindPasswordReset:
		c.Subject = "Set a new password for Convene"
		c.Heading = "Set a new password"
		c.Intro = []string{"Someone asked for a new password for the Convene account with this email address. If it was you, use the link below."}
		c.Action = &action{"Set a new password", in.url(in.LinkPath)}
		c.After = []string{"The link works once, for 24 hours. If you did not ask, ignore this email: your password has not changed."}
	case KindOrganisationInvite:
		c.Subject = in.OrganisationName + " invites you to join it on Convene"
		c.Heading = "An invitation to join " + in.OrganisationName
		who := "You have been invited"
		if in.InvitedBy != "" {
			who = in.InvitedBy + " has invited you"
		}
		c.Intro = []string{fmt.Sprintf("%s to join %s on Convene. Nothing changes until you accept: you can accept or decline on your account page.", who, in.OrganisationName)}
		c.Action = &action{"Answer on your account page", in.url(in.LinkPath)}
	case KindDigest:
		d := in.Digest
		c.Subject = fmt.Sprintf("%s waiting for you on Convene", hub.Plural(d.Count(), "thing", "things"))
		c.Heading = "What waits for you"
		c.Intro = []string{"Your daily summary of what needs a coordinator."}
		add := func(h string, items []DigestItem) {
			if len(items) > 0 {
				s := section{Heading: h}
				for _, it := range items {
					it.Path = in.url(it.Path)
					s.Items = append(s.Items, it)
				}
				c.Sections = append(c.Sections, s)
			}
		}
		add("Organisations asking to join", d.JoinRequests)
		add("Events filling up", d.BusyEvents)
		add("Drafts starting soon", d.Drafts)
	case KindFeedbackAsk:
		fb := in.Feedback
		c.Subject = "How was " + title + "?"
		c.Heading = "Your feedback"
		c.Intro = []string{fmt.Sprintf("Thank you for coming to %s. Two minutes of your time tells the hub what worked, what to change, and above all how useful it was to meet the others there.", title),
			"Your answers are confidential: coordinators and evaluators see them in counts of five or more, and your own words only if you agree to them being quoted, without your name."}
		if fb.Reminder {
			c.Subject = "A reminder: how was " + title + "?"
			c.Intro[0] = fmt.Sprintf("A last reminder, in case our first email got buried: we would value your view of %s.", title)
		}
		c.Action = &action{"Give your feedback", in.url(in.LinkPath)}
		c.After = []string{fmt.Sprintf("The link is yours alone and works until feedback closes on %s; please do not pass it on.", fb.Closes.In(in.Event.Loc).Format("Monday 2 January 2006"))}
	case KindFeedbackCode:
		fb := in.Feedback
		c.Subject = "Your code to give feedback on " + title
		c.Heading = "Your code: " + fb.Code
		c.Intro = []string{fmt.Sprintf("Enter the code %s on the feedback page of %s, where you asked for it. It works once, until %s.", fb.Code, title, fb.Expires.In(in.Event.Loc).Format("15:04"))}
		c.Action = &action{"Go to the feedback page", in.url(eventPath(in.Event.Event.ID) + "/feedback")}
		c.After = []string{"If you did not ask for a code, you can ignore this email: nothing happens without it."}
	}
	c.Footer = []string{fmt.Sprintf("Sent by Convene for %s to %s.", c.From, in.To.Email)}
	if in.Kind.Optional() && in.UnsubscribePath != "" {
		c.Unsubscribe = in.url(in.UnsubscribePath)
		c.Footer = append(c.Footer, fmt.Sprintf("You receive this because %s are turned on for this address. To stop them, unsubscribe at the link below (one click), or choose which emails you get on your account page.", optionalName(in.Kind)))
	}
	return c
}

const calendarNote = "The attached calendar file adds the event to your calendar."

// eventFacts are the event's title, time, place and hub; the joining link
// only for people with a place.
func (in Input) eventFacts() []fact {
	e, loc := in.Event.Event, in.Event.Loc
	facts := []fact{{Label: "Event", Value: e.Title}, {Label: "When", Value: when(e.StartsAt, e.EndsAt, loc)}}
	if e.Format.NeedsVenue() && e.Venue != "" {
		facts = append(facts, fact{Label: "Where", Value: e.Venue})
	}
	if e.Format.NeedsOnlineURL() {
		if in.HasPlace && e.OnlineURL != "" && e.Status != events.StatusCancelled {
			facts = append(facts, fact{Label: "Joining link", Value: e.OnlineURL, Link: true})
		} else if !in.HasPlace {
			facts = append(facts, fact{Label: "Online", Value: "The joining link is sent to people with a place."})
		}
	}
	if in.Event.HostName != "" {
		facts = append(facts, fact{Label: "Hosted by", Value: in.Event.HostName})
	}
	facts = append(facts, fact{Label: "Hub", Value: in.HubName})
	return facts
}

func greeting(name string) string {
	if name = strings.TrimSpace(name); name == "" {
		return "Hello,"
	}
	return "Hello " + name + ","
}

// optionalName names an optional kind in a sentence.
func optionalName(k Kind) string {
	if k == KindDigest {
		return "coordinators’ daily digests"
	}
	return "reminders before events"
}
