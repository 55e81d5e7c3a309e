// Package demo owns Convene's demo data set and its seeder (`convene seed
// --demo [--scale N]`, and `convene serve --demo` on an empty database):
// the fictional hubs, organisations, people, venues, event templates and
// series of demodata.go, and Seed, which writes a year of events around
// now for each hub, with agendas, registrations, attendance and a waitlist.
// Package storage knows nothing of it.
//
// Seed writes through storage's existing exported seams, DB.InTx (one
// transaction per hub) and DB.SQL (the ANALYZE afterwards), with its own
// SQL, rather than through storage's operations or a new (*DB).Seed…
// method. The operations take an actor, authorise and validate one change
// at a time and stamp it with the present; the demo needs thousands of
// rows per hub with past creation, cancellation and attendance times, and
// writes each table with one COPY (seed_write.go) so that --scale 50 stays
// quick. A Seed… method in storage would put this demo-shaped SQL back into
// the persistence package. Instead the plan is held to package events'
// rules (Validate, ValidateAgenda, Admit) before it is written, and the
// tests check what was stored. As a storage sub-package it may import
// sqlx and lib/pq; when the schema changes, this package changes with it.
package demo
