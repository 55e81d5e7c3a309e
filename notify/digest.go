package notify

// Digest is what waits for a coordinator: the content of their daily
// digest, across the hubs they run.
type Digest struct {
	// JoinRequests are organisations asking to join one of their hubs.
	JoinRequests []DigestItem
	// BusyEvents are upcoming events near capacity that had new
	// registrations in the last day.
	BusyEvents []DigestItem
	// Drafts are draft events due to start soon.
	Drafts []DigestItem
}

// DigestItem is one line of a digest.
type DigestItem struct {
	// Hub names the hub.
	Hub string
	// Title names the organisation or event.
	Title string
	// Detail says what is waiting: "3 new registrations, 2 places left".
	Detail string
	// Path is where to deal with it.
	Path string
}

// Empty reports whether nothing waits, in which case no digest is sent.
func (d Digest) Empty() bool {
	return len(d.JoinRequests)+len(d.BusyEvents)+len(d.Drafts) == 0
}

// Count is the number of things waiting.
func (d Digest) Count() int { return len(d.JoinRequests) + len(d.BusyEvents) + len(d.Drafts) }
