package main

// manageURL is the address of a guest's manage link.
func (s *server) manageURL(token string) string {
	return s.cfg.BaseURL + "/registrations/manage/" + token
}

// linkURL is the address of a set-password link.
func (s *server) linkURL(token string) string { return s.cfg.BaseURL + "/set-password/" + token }
