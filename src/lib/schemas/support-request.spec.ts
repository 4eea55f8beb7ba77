import { describe, expect, it } from 'vitest';
import { publicRequestSchema, recordedRow, recordRequestSchema, submissionPayload } from './support-request.ts';

const base = {
	firstName: 'Léa',
	lastName: 'Martin',
	email: 'Lea.Martin@Example.net',
	profession: 'medecine',
	stage: 'interne',
	consent: true
};
const parse = (data: Record<string, unknown>) => publicRequestSchema.safeParse({ ...base, ...data });
const errorsOf = (data: Record<string, unknown>) =>
	Object.fromEntries((parse(data).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('the request for installation support', () => {
	it('takes a complete request and keeps what was typed', () => {
		const parsed = parse({ needs: ['logement', 'locaux'], communes: '47157, 33063', wishedOn: '2027-09-01' });
		expect(parsed.success).toBe(true);
		expect(parsed.data?.email).toBe('lea.martin@example.net');
		expect(submissionPayload(parsed.data!, ['47157', '33063'])).toMatchObject({
			first_name: 'Léa',
			needs: ['logement', 'locaux'],
			communes: ['47157', '33063'],
			consent: true,
			locale: 'fr'
		});
	});

	it('needs an e-mail or a phone, and says so next to the e-mail', () => {
		expect(errorsOf({ email: '' }).email).toContain('adresse e-mail ou un numéro de téléphone');
		expect(parse({ email: '', phone: '06 12 34 56 78' }).success).toBe(true);
	});

	it('runs the contact rule without failing on fields of the wrong type', () => {
		const errors = errorsOf({ email: 42, phone: ['x'] });
		expect(errors.email).toBeTruthy();
		expect(errors.phone).toBeTruthy();
	});

	it('refuses a project over 4 000 characters with its length, and never cuts it', () => {
		expect(errorsOf({ project: 'a'.repeat(10_000) }).project).toMatch(/10\s000 caractères : 4 000 au plus/);
		expect(parse({ project: 'a'.repeat(4000) }).data?.project).toHaveLength(4000);
	});

	it('refuses an unknown need, a repeated need, an unknown profession or stage, and more than 10 communes', () => {
		expect(errorsOf({ needs: ['yacht'] })['needs.0']).toContain('inconnu');
		expect(errorsOf({ needs: ['logement', 'logement'] }).needs).toContain('inconnu');
		expect(errorsOf({ profession: 'pilote' }).profession).toBe('Choisissez votre profession.');
		expect(errorsOf({ stage: 'retraite' }).stage).toBe('Indiquez où vous en êtes.');
		const eleven = Array.from({ length: 11 }, (_, i) => String(47100 + i)).join(', ');
		expect(errorsOf({ communes: eleven }).communes).toBe('Indiquez au plus 10 communes.');
	});

	it('requires the consent box on the public form', () => {
		expect(errorsOf({ consent: false }).consent).toContain('consentement');
	});

	it('refuses a day that does not exist', () => {
		expect(errorsOf({ wishedOn: '2027-02-30' }).wishedOn).toBeTruthy();
	});

	it("records a coordinator's request with its channel, and the event edition only for an event", () => {
		const { consent: _consent, ...fields } = base;
		const edition = '3f0c9a4e-5b1d-4c2e-9f7a-1b2c3d4e5f60';
		expect(recordRequestSchema.safeParse({ ...fields, channel: 'public_form' }).success).toBe(false);
		const event = recordRequestSchema.parse({ ...fields, channel: 'event', occurrenceId: edition });
		expect(recordedRow(event, 'c', 'u')).toMatchObject({ channel: 'event', occurrence_id: edition, owner_id: 'u' });
		const phone = recordRequestSchema.parse({ ...fields, channel: 'phone', occurrenceId: edition });
		expect(recordedRow(phone, 'c', 'u').occurrence_id).toBeNull();
		expect(recordRequestSchema.safeParse({ ...fields, channel: 'event', occurrenceId: 'nope' }).success).toBe(false);
	});
});
