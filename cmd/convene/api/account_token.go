package api

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
	"github.com/convene/convene/hub"
	"github.com/convene/convene/storage"
)

// Token exchanges an email and password for a bearer token.
func (s *Handler) Token(c echo.Context) error {
	var in struct {
		Email    string `json:"email"`
		Password string `json:"password"`
		Name     string `json:"name"`
	}
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	if strings.TrimSpace(in.Name) == "" {
		in.Name = "API token"
	}
	var f hub.FieldErrors
	if in.Email == "" {
		f.Add("email", "Enter an email address")
	}
	if in.Password == "" {
		f.Add("password", "Enter a password")
	}
	if err := f.Err(); err != nil {
		return err
	}
	person, err := s.CheckCredentials(c, in.Email, in.Password)
	if err != nil {
		return err
	}
	token, rec, err := s.DB.CreateAPIToken(c.Request().Context(), person.ID, in.Name)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"token": token, "id": rec.ID, "name": rec.Name, "created_at": rec.CreatedAt})
}

// Tokens lists the caller's API tokens (never the tokens themselves).
func (s *Handler) Tokens(c echo.Context) error {
	tokens, err := s.DB.APITokensOf(c.Request().Context(), web.ActorOf(c).PersonID())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, List[storage.APIToken]{Items: tokens})
}

// CreateToken makes a named token for the caller, returned this once.
func (s *Handler) CreateToken(c echo.Context) error {
	var in struct {
		Name string `json:"name"`
	}
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	token, rec, err := s.DB.CreateAPIToken(c.Request().Context(), web.ActorOf(c).PersonID(), in.Name)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"token": token, "id": rec.ID, "name": rec.Name, "created_at": rec.CreatedAt})
}

// RevokeToken revokes one of the caller's tokens.
func (s *Handler) RevokeToken(c echo.Context) error {
	id, err := web.PathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.DB.RevokeAPIToken(c.Request().Context(), web.ActorOf(c).PersonID(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
