/**
 * A meeting's time as people type it (a day and a time in Paris) and as the database keeps it (an instant):
 * 12/03/2027 14:00 in Paris is 13:00Z (winter time), 30/03/2027 14:00 is 12:00Z (summer time). Pure.
 */
const PARIS = 'Europe/Paris';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: PARIS,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** The day (`2027-03-12`) and time (`14:00`) in Paris of an instant. */
export function parisParts(instant: string | Date): { date: string; time: string } {
	const parts = Object.fromEntries(
		partsFormat.formatToParts(typeof instant === 'string' ? new Date(instant) : instant).map((p) => [p.type, p.value])
	);
	return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The instant of a day and time in Paris, as an ISO string in UTC; null for a day that does not exist
 * (2027-02-30) or a time skipped when clocks go forward (2027-03-28 02:30). An hour that happens twice (the last
 * Sunday of October) is the first one, in summer time.
 */
export function parisToInstant(date: string, time: string): string | null {
	const d = DATE.exec(date);
	const t = TIME.exec(time);
	if (!d || !t) return null;
	const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
	if (new Date(wall).toISOString().slice(0, 10) !== date) return null;
	// Paris is UTC+1 or UTC+2: of the two candidates, the one that reads back as the typed time (the earlier first).
	for (const offsetHours of [2, 1]) {
		const instant = new Date(wall - offsetHours * 3_600_000);
		const back = parisParts(instant);
		if (back.date === date && back.time === time) return instant.toISOString();
	}
	return null;
}
