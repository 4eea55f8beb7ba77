import { m } from '#lib/paraglide/messages.js';

type Locale = 'fr' | 'en';

/** How long an e-mail's link and code work, in words ("une heure", "30 minutes", "24 heures"). */
export function validityText(minutes: number, locale: Locale): string {
	const options = { locale };
	if (minutes === 60) return m.validity_one_hour({}, options);
	if (minutes % 60 === 0) return m.validity_hours({ count: minutes / 60 }, options);
	return m.validity_minutes({ count: minutes }, options);
}
