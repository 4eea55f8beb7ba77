/** People by organization, for the lists of the meetings pages (those without one last), names in order. Pure. */
export function groupByOrganization<T extends { organizationName: string | null; name: string }>(
	people: T[],
	noOrganization: string
): { organization: string; people: T[] }[] {
	const groups = new Map<string, T[]>();
	for (const p of [...people].sort((a, b) => a.name.localeCompare(b.name, 'fr'))) {
		const key = p.organizationName ?? '';
		groups.set(key, [...(groups.get(key) ?? []), p]);
	}
	return [...groups.entries()]
		.sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'fr')))
		.map(([organization, list]) => ({ organization: organization || noOrganization, people: list }));
}
