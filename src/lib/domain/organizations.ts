/** How the app names an organization of the shared directory. */

export interface NamedOrganization {
	name: string;
	short_name?: string | null;
}

/** The name an organization goes by in tables and lists: its short name ("ARS NA") when it has one. */
export function orgName(organization: NamedOrganization): string;
export function orgName(organization: NamedOrganization | null | undefined): string | null;
export function orgName(organization: NamedOrganization | null | undefined): string | null {
	return organization ? (organization.short_name ?? organization.name) : null;
}

/** Its full name followed by the short one, where both help to pick it: "ARS Nouvelle-Aquitaine (ARS NA)". */
export function orgFullName(organization: NamedOrganization): string {
	return organization.short_name ? `${organization.name} (${organization.short_name})` : organization.name;
}
