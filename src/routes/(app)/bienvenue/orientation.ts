/**
 * The orientation page's content: each charter the person joined, their role there, and where to start.
 * Pure, so that the rules are unit-tested (orientation.spec.ts).
 */
import type { Enums } from '#lib/database.types.js';

export interface MembershipRow {
	role: Enums<'member_role'>;
	charter: { slug: string; title: string } | null;
	organization: { name: string } | null;
}

export interface Orientation {
	slug: string;
	charter: string;
	role: Enums<'member_role'>;
	organization: string | null;
	/** Where this role starts its work. */
	start: string;
}

export function startPage(role: Enums<'member_role'>, slug: string): string {
	switch (role) {
		case 'coordinator':
			return `/chartes/${slug}/administration`;
		case 'steering':
			return `/chartes/${slug}/tableau-de-bord`;
		case 'partner_rep':
			return '/mes-actions';
		case 'elected_official':
			return '/ma-commune';
	}
}

/** Most recent first is the database's order; coordinators first, then the others, then by title. */
const ROLE_ORDER: Record<Enums<'member_role'>, number> = {
	coordinator: 0,
	steering: 1,
	partner_rep: 2,
	elected_official: 3
};

export function orientations(rows: MembershipRow[]): Orientation[] {
	return rows
		.filter((r): r is MembershipRow & { charter: NonNullable<MembershipRow['charter']> } => r.charter !== null)
		.map((r) => ({
			slug: r.charter.slug,
			charter: r.charter.title,
			role: r.role,
			organization: r.organization?.name ?? null,
			start: startPage(r.role, r.charter.slug)
		}))
		.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.charter.localeCompare(b.charter, 'fr'));
}
