// Reads iCalendar files with ical.js (Mozilla's parser, used by
// Thunderbird) and prints, per file, each event's UID, start as a UTC
// instant, whether the start is floating, status, summary and description.
// Usage: node icaljs.mjs FILE...
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const out = {};
for (const file of process.argv.slice(2)) {
  const comp = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
  for (const tz of comp.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(tz);
  }
  out[file] = {
    calname: comp.getFirstPropertyValue('x-wr-calname'),
    events: comp.getAllSubcomponents('vevent').map((v) => {
      const ev = new ICAL.Event(v);
      const start = ev.startDate;
      return {
        uid: ev.uid,
        start_utc: start.toJSDate().toISOString(),
        floating: start.zone === ICAL.Timezone.localTimezone && !start.timezone,
        status: v.getFirstPropertyValue('status'),
        summary: ev.summary,
        description: ev.description || '',
      };
    }),
  };
}
process.stdout.write(JSON.stringify(out));
