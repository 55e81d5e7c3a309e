// Package notify composes the messages Convene sends people: for each
// kind (registration confirmed, waitlist promotion, event changed or
// cancelled, reminders, password and invitation links, the coordinators'
// digest) a subject, a plain-text part, an HTML part and, for messages
// about an event, the event's .ics.
//
// It is domain code: no SQL, no HTTP, no SMTP. storage queues what is to
// be sent (a row of the outbox naming a kind, a recipient and the rows it
// is about) in the transaction of the change that causes it; the mailer
// (storage/mailer) loads those rows when it delivers, asks Compose for the
// message and sends it. The rules of when a message is due (reminders,
// which edits people are told about) live here too, as plain functions.
//
// Every message names the hub, is addressed to one person and carries
// nothing about anyone else; its HTML part is a single column of
// paragraphs, a list of facts and one link, readable on a phone and by a
// screen reader, with the same words as the plain-text part.
package notify
