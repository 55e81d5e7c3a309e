package main

import (
	"context"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
)

// TestComposeFile loads compose.yaml as Docker Compose would, so that the
// deployment recipe cannot rot unnoticed.
func TestComposeFile(t *testing.T) {
	opts, err := cli.NewProjectOptions([]string{"../../compose.yaml"}, cli.WithName("convene"))
	if err != nil {
		t.Fatal(err)
	}
	project, err := opts.LoadProject(context.Background())
	if err != nil {
		t.Fatalf("load compose.yaml: %v", err)
	}
	db, err := project.GetService("db")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(db.Image, "postgres:16") {
		t.Errorf("db image = %q, want postgres:16", db.Image)
	}
	if db.HealthCheck == nil || len(db.HealthCheck.Test) == 0 || !strings.Contains(strings.Join(db.HealthCheck.Test, " "), "pg_isready") {
		t.Errorf("db healthcheck = %+v, want pg_isready", db.HealthCheck)
	}
	if len(db.Volumes) == 0 || db.Volumes[0].Type != "volume" || db.Volumes[0].Target != "/var/lib/postgresql/data" {
		t.Errorf("db volumes = %+v, want a named volume on the data folder", db.Volumes)
	}

	app, err := project.GetService("convene")
	if err != nil {
		t.Fatal(err)
	}
	if app.Build == nil {
		t.Error("convene is not built from the Dockerfile")
	}
	if dep, ok := app.DependsOn["db"]; !ok || dep.Condition != "service_healthy" {
		t.Errorf("convene depends_on = %+v, want db with condition service_healthy", app.DependsOn)
	}
	if len(app.Ports) == 0 || app.Ports[0].Target != 8080 {
		t.Errorf("convene ports = %+v, want 8080", app.Ports)
	}
	env := map[string]string{}
	for k, v := range app.Environment {
		if v != nil {
			env[k] = *v
		}
	}
	u, err := url.Parse(env["DATABASE_URL"])
	if err != nil || u.Hostname() != "db" || u.Path != "/convene" {
		t.Errorf("DATABASE_URL = %q, want a URL to the db service's convene database", env["DATABASE_URL"])
	}
	// The environment must pass Convene's own validation.
	cfg, err := defaultConfig(func(k string) string { return env[k] })
	if err == nil {
		err = cfg.validate()
	}
	if err != nil {
		t.Errorf("compose environment fails validation: %v", err)
	}
	if app.HealthCheck == nil || !strings.Contains(strings.Join(app.HealthCheck.Test, " "), "healthcheck") {
		t.Errorf("convene healthcheck = %+v, want the healthcheck subcommand", app.HealthCheck)
	}

	dockerfile, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	final := string(dockerfile)[strings.LastIndex(string(dockerfile), "FROM "):]
	if !strings.Contains(final, "USER nonroot") {
		t.Error("the final Dockerfile stage does not run as a non-root user")
	}
}
