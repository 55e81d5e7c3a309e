package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/convene/convene/cmd/convene/web"
)

// SetGovernance records a hub's terms of reference and chair.
func (s *Handler) SetGovernance(c echo.Context) error {
	var in web.GovernanceInput
	if err := web.BindJSON(c, &in); err != nil {
		return err
	}
	g, err := in.Governance()
	if err != nil {
		return err
	}
	g, err = s.DB.SetGovernance(c.Request().Context(), web.ActorOf(c), c.Param("slug"), g)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, g)
}
