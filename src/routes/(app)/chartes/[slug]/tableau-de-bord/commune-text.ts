/**
 * A commune typed in the dashboard's text field: its INSEE code when the text names exactly one of the charter's
 * communes, else the message the field shows (none, or several of that name: the label with its département
 * picks one).
 */
import { matchCommune, type CommuneOption } from '#lib/domain/commune-match.js';
import { m } from '#lib/paraglide/messages.js';

export function communeFromText(
	options: CommuneOption[],
	typed: string
): { code: string; error: null } | { code: null; error: string } {
	const found = matchCommune(options, typed);
	if (found.length === 1) return { code: found[0].value, error: null };
	if (found.length === 0) return { code: null, error: m.dashboard_filter_commune_none({ name: typed }) };
	return {
		code: null,
		error: m.dashboard_filter_commune_several({ labels: found.map((o) => o.label).join(', '), example: found[0].label })
	};
}
