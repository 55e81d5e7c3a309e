package hub

// Who may read evaluation reports and export data. There is no separate
// programme-wide evaluator role yet: site admins are the programme-wide
// evaluators, reading and exporting every hub.

// CanReadReport: read a hub's evaluation report and export its
// pseudonymised feedback and attendance — its evaluators, its
// coordinators, and admins. Organisation members and attendees may not.
func CanReadReport(a *Actor, hubID int64) bool {
	return a.SignedIn() && (a.Admin || a.Coordinates[hubID] || a.Evaluates[hubID])
}

// CanReadReports: the same for every hub in hubIDs.
func CanReadReports(a *Actor, hubIDs []int64) bool {
	if len(hubIDs) == 0 {
		return false
	}
	for _, id := range hubIDs {
		if !CanReadReport(a, id) {
			return false
		}
	}
	return true
}
