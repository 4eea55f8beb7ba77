/**
 * Reading the members page's list of addresses, pure: one address per line or several separated by commas
 * or semicolons, and on a line, an organization's name after the address ("adresse ; organisation") for a
 * batch of representatives of several organizations. Every line that cannot be read is reported with its
 * number, and nothing is sent while one remains.
 */
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { key } from './charter-plan/keys.js';
import { MAX_BULK_INVITES } from '#lib/schemas/bulk-invite.js';

export interface BulkInvite {
	email: string;
	organizationId: string | null;
	line: number;
}

interface Options {
	/** A partner representative needs an organization: the line's, or the batch's. */
	needsOrganization: boolean;
	defaultOrganizationId: string | null;
	/** The charter's partners, whose name or short name a line may give. */
	partners: { id: string; name: string; short_name: string | null }[];
}

const isEmail = (value: string) => value.length <= 254 && z.email().safeParse(value).success;

export function parseBulkInvites(text: string, options: Options): { invites: BulkInvite[]; errors: string[] } {
	const byName = new Map<string, string>();
	for (const p of options.partners) if (p.short_name) byName.set(key(p.short_name), p.id);
	for (const p of options.partners) byName.set(key(p.name), p.id);
	const invites: BulkInvite[] = [];
	const errors: string[] = [];
	const seen = new Set<string>();
	text.split(/\r?\n/).forEach((raw, i) => {
		const line = i + 1;
		const parts = raw
			.split(/[;,\t]/)
			.map((p) => p.trim().replace(/^<|>$/g, ''))
			.filter(Boolean);
		if (parts.length === 0) return;
		const addresses = parts.filter((p) => p.includes('@'));
		const names = parts.filter((p) => !p.includes('@'));
		let organizationId = options.defaultOrganizationId;
		if (names.length) {
			const name = names.join(', ');
			const found = byName.get(key(name));
			if (!found) return errors.push(m.invite_bulk_line_unknown_org({ line: String(line), name }));
			organizationId = found;
		}
		for (const address of addresses) {
			const email = address.toLowerCase();
			if (!isEmail(email)) {
				errors.push(m.invite_bulk_line_bad_email({ line: String(line), value: address }));
				continue;
			}
			if (seen.has(email)) {
				errors.push(m.invite_bulk_line_twice({ line: String(line), email }));
				continue;
			}
			seen.add(email);
			if (options.needsOrganization && !organizationId) {
				errors.push(m.invite_bulk_line_no_org({ line: String(line), email }));
				continue;
			}
			invites.push({ email, organizationId: options.needsOrganization ? organizationId : null, line });
		}
	});
	if (invites.length + errors.length === 0) errors.push(m.invite_bulk_none());
	if (invites.length > MAX_BULK_INVITES)
		errors.push(m.invite_bulk_too_many({ count: String(invites.length), max: String(MAX_BULK_INVITES) }));
	return { invites, errors };
}
