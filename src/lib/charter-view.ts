/** Words shared by the pages that show a charter's plan: the member's overview and the public page. */
import { formatDate } from '#lib/format.js';
import { m } from '#lib/paraglide/messages.js';

/** "From 01/01/2026 to 31/12/2028", "from …", "until …", or null without dates. */
export function charterPeriod(charter: { starts_on: string | null; ends_on: string | null }): string | null {
	if (charter.starts_on && charter.ends_on)
		return m.period_from_to({ from: formatDate(charter.starts_on), to: formatDate(charter.ends_on) });
	if (charter.starts_on) return m.period_from({ from: formatDate(charter.starts_on) });
	if (charter.ends_on) return m.period_until({ to: formatDate(charter.ends_on) });
	return null;
}
