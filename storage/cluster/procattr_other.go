//go:build unix && !linux

package cluster

import "syscall"

// serverProcAttr runs the server in its own process group, so that a
// Ctrl-C in the terminal reaches Convene only and Convene stops the server
// in order.
func serverProcAttr(acct *account) *syscall.SysProcAttr {
	attr := &syscall.SysProcAttr{Setpgid: true}
	if acct != nil {
		attr.Credential = &syscall.Credential{Uid: uint32(acct.uid), Gid: uint32(acct.gid), NoSetGroups: true}
	}
	return attr
}
