/**
 * Midnight of the calendar day containing `now` in an IANA zone, as UTC epoch ms, computed from
 * Intl in Node: independent of the browser and of the machine's own TZ.
 */
export function startOfDayInZone(now: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const [y, m, d] = [part('year'), part('month'), part('day')];
  // The zone's offset can differ between midnight and now (a DST change that day): find the instant
  // whose wall time in the zone is 00:00 of that date, correcting the guess by the offset at the guess.
  let guess = Date.UTC(y, m - 1, d);
  for (let i = 0; i < 3; i++) {
    const wall = wallClockAsUtc(guess, timeZone);
    const target = Date.UTC(y, m - 1, d);
    if (wall === target) return guess;
    guess += target - wall;
  }
  return guess;
}

/** The zone's wall-clock reading at `instant`, read as if it were UTC. */
function wallClockAsUtc(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
}
