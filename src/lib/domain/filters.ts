/**
 * The filters of a charter's dashboard, its COPIL report and its exports, as the URL carries them
 * (`?objectif=&partenaire=&statut=&commune=`). The same on the server, which passes them to SQL, and in the
 * page, which says which ones apply.
 */
import { isCommuneCode, isUuid } from './patterns.js';
import { isActionStatus } from './status.js';
import type { ActionStatus } from './types.js';

export interface DashboardFilters {
	objective: string | null;
	organization: string | null;
	status: ActionStatus | null;
	commune: string | null;
}

/** The filters of the URL; a malformed value is ignored (no filter rather than an error). */
export function parseFilters(url: URL): DashboardFilters {
	const get = (name: string) => url.searchParams.get(name)?.trim() || null;
	const objective = get('objectif')?.toLowerCase();
	const organization = get('partenaire')?.toLowerCase();
	const status = get('statut');
	const commune = get('commune')?.toUpperCase();
	return {
		objective: isUuid(objective) ? objective : null,
		organization: isUuid(organization) ? organization : null,
		status: isActionStatus(status) ? status : null,
		commune: isCommuneCode(commune) ? commune : null
	};
}

/**
 * The commune typed as a name (the dashboard's text field, see #lib/domain/commune-match), or null when the
 * parameter is absent or already an INSEE code.
 */
export function typedCommune(url: URL): string | null {
	const raw = url.searchParams.get('commune')?.trim() || null;
	return raw && !isCommuneCode(raw.toUpperCase()) ? raw : null;
}

/** Whether any filter applies (the page then says so, and offers to clear them). */
export function hasFilters(filters: DashboardFilters): boolean {
	return Boolean(filters.objective || filters.organization || filters.status || filters.commune);
}

/** The query string of the filters, for links that keep them (exports, report): `?objectif=…`, or ''. */
export function filterQuery(filters: DashboardFilters): string {
	const params = new URLSearchParams();
	if (filters.objective) params.set('objectif', filters.objective);
	if (filters.organization) params.set('partenaire', filters.organization);
	if (filters.status) params.set('statut', filters.status);
	if (filters.commune) params.set('commune', filters.commune);
	const query = params.toString();
	return query ? `?${query}` : '';
}
