// Package cluster owns the embedded PostgreSQL that Convene runs when no
// DATABASE_URL is set: finding the server binaries on the machine (PATH,
// `pg_config --bindir`, /usr/lib/postgresql/*/bin), creating the cluster
// with initdb on first use, starting postgres on a Unix socket inside the
// data folder (no TCP port), attaching to one another Convene process
// already runs, supervising it (restarting it with backoff when it dies)
// and stopping it in order. When Convene runs as root, initdb and postgres
// run as the postgres system account.
//
// It knows nothing of Convene's schema or data: it hands out connection
// strings, and package storage connects with them. cmd/convene and
// storage/pgtest are its users.
package cluster
