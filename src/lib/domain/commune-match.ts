/**
 * The dashboard's commune filter. A charter whose actions touch a few communes offers them as a list; above
 * COMMUNE_LIST_MAX (a national programme touches hundreds) the filter is a text field, a name or an INSEE code,
 * and the 200-option list is neither in the page nor in its data. A typed name is matched against the charter's
 * communes, ignoring case, accents, hyphens and apostrophes.
 */
export interface CommuneOption {
	/** INSEE code. */
	value: string;
	/** "Name (département)". */
	label: string;
}

export const COMMUNE_LIST_MAX = 40;
/** Longer than any French commune's name: the field says it matches nothing rather than searching. */
export const COMMUNE_TEXT_MAX = 80;

const normalize = (s: string) =>
	s
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase()
		.replace(/[\s'’-]+/g, ' ')
		.trim();
/** The name of "Name (52)". */
const nameOf = (label: string) => label.replace(/\s*\([^)]*\)\s*$/, '');

/** The charter's communes a typed text names: by name, or by its whole label ("Arès (33)"). */
export function matchCommune(options: CommuneOption[], typed: string): CommuneOption[] {
	const wanted = normalize(typed);
	if (!wanted || typed.length > COMMUNE_TEXT_MAX) return [];
	const byLabel = options.filter((o) => normalize(o.label) === wanted);
	return byLabel.length ? byLabel : options.filter((o) => normalize(nameOf(o.label)) === wanted);
}
