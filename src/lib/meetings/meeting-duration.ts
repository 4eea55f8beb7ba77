/** A meeting's duration as people say it: 2 h, 1 h 30, 45 min (the same in French and English). Pure. */
export function durationText(minutes: unknown): string {
	const n = typeof minutes === 'number' && Number.isFinite(minutes) ? Math.round(minutes) : 0;
	if (n <= 0) return '—';
	const h = Math.floor(n / 60);
	const min = n % 60;
	if (h === 0) return `${min} min`;
	return min ? `${h} h ${String(min).padStart(2, '0')}` : `${h} h`;
}
