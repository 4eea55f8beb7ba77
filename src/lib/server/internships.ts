import { error } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Tables, TablesInsert } from '#lib/database.types.js';
import type { SuperValidated } from 'sveltekit-superforms';
import { isCommuneCode } from '#lib/domain/patterns.js';
import { m } from '#lib/paraglide/messages.js';
import type { InternshipForm } from '#lib/schemas/internship.js';
import { loadCharter } from '#lib/server/charter-access.js';
import { communeResolutionError, resolveCommunes } from '#lib/server/communes.js';
import type { Membership } from '#lib/server/memberships.js';

type Client = SupabaseClient<Database>;

/** The register is for coordinators and host organizations' representatives (RLS shows each their rows). */
export function requireRegisterAccess(membership: Membership | null): Membership {
	if (!membership || (membership.role !== 'coordinator' && membership.role !== 'partner_rep')) {
		error(404, m.error_page_not_found());
	}
	return membership;
}

/** In form actions: the charter, for those who may use its register (a 404 for the others, as the pages). */
export async function registerCharter({ locals, params }: { locals: App.Locals; params: { slug: string } }) {
	const { charter, membership } = await loadCharter(locals, params.slug);
	requireRegisterAccess(membership);
	return charter;
}

export interface HostOption {
	id: string;
	name: string;
}

/**
 * Organizations a placement may be hosted by: any organization of the directory for a coordinator, their own
 * for a partner representative (RLS refuses the others anyway).
 */
export async function hostOptions(supabase: Client, membership: Membership): Promise<HostOption[]> {
	let query = supabase.from('organizations').select('id, name').order('name');
	if (membership.role !== 'coordinator') query = query.eq('id', membership.organizationId ?? '');
	const { data, error: err } = await query;
	if (err) error(503, m.error_organizations_unavailable());
	return data ?? [];
}

export async function communeName(supabase: Client, code: string): Promise<string | null> {
	if (!isCommuneCode(code)) return null;
	const { data } = await supabase.from('communes').select('name').eq('code', code).maybeSingle();
	return data?.name ?? null;
}

export function formFromRow(row: Tables<'internships'>): InternshipForm {
	return {
		version: row.version,
		firstName: row.intern_first_name ?? '',
		lastName: row.intern_last_name ?? '',
		email: row.intern_email ?? '',
		profession: row.profession,
		level: row.level,
		specialty: row.specialty ?? '',
		faculty: row.faculty ?? '',
		supervisorName: row.supervisor_name ?? '',
		hostContact: row.host_contact ?? '',
		hostOrganizationId: row.host_organization_id,
		communeCode: row.commune_code,
		startsOn: row.starts_on,
		endsOn: row.ends_on,
		housing: row.housing ?? '',
		housingNote: row.housing_note ?? '',
		status: row.status
	};
}

const orNull = (value: string) => (value === '' ? null : value);

/** The columns a form writes; the personal ones only while the placement is not anonymised. */
export function rowFromForm(
	form: InternshipForm,
	erased: boolean
): Omit<TablesInsert<'internships'>, 'charter_id' | 'id'> {
	return {
		...(erased
			? {}
			: {
					intern_first_name: form.firstName,
					intern_last_name: orNull(form.lastName),
					intern_email: orNull(form.email)
				}),
		profession: form.profession,
		level: form.level,
		specialty: orNull(form.specialty),
		faculty: orNull(form.faculty),
		supervisor_name: orNull(form.supervisorName),
		host_contact: orNull(form.hostContact),
		host_organization_id: form.hostOrganizationId,
		commune_code: form.communeCode,
		starts_on: form.startsOn,
		ends_on: form.endsOn,
		housing: form.housing === '' ? null : form.housing,
		housing_note: orNull(form.housingNote),
		status: form.status
	};
}

/**
 * The commune must exist (INSEE code of a current commune). Checked even when other fields are wrong, so that
 * every error shows at once; returns the commune's name when found.
 */
export async function checkCommune(
	supabase: Client,
	form: SuperValidated<InternshipForm, App.Superforms.Message>
): Promise<string | null> {
	const typed = form.data.communeCode;
	if (!isCommuneCode(typed.toUpperCase())) {
		// A name typed without picking: it counts only when exactly one commune bears it.
		if (!/\p{L}{2}/u.test(typed)) return null;
		const resolved = await resolveCommunes(supabase, typed);
		const problem = communeResolutionError(resolved);
		if (problem || resolved.found.length !== 1) {
			form.valid = false;
			form.errors.communeCode = [problem ?? m.interns_commune_invalid()];
			return null;
		}
		form.data.communeCode = resolved.found[0].code;
		return resolved.found[0].name;
	}
	const code = (form.data.communeCode = typed.toUpperCase());
	const name = await communeName(supabase, code);
	if (!name) {
		form.valid = false;
		form.errors.communeCode = [m.interns_commune_unknown({ code })];
	}
	return name;
}
