package main

// The zone database is compiled in, so that hubs' time zones work on
// machines and images without /usr/share/zoneinfo.
import _ "time/tzdata"
