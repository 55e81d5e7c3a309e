package web

// ManageURL is the address of a guest's manage link.
func (s *Server) ManageURL(token string) string {
	return s.Config.BaseURL + "/registrations/manage/" + token
}

// LinkURL is the address of a set-password link.
func (s *Server) LinkURL(token string) string { return s.Config.BaseURL + "/set-password/" + token }
