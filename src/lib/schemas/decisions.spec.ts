import { describe, expect, it } from 'vitest';
import { decisionStatusSchema, recordDecisionSchema } from './decisions.ts';

const ID = '3f0c9a4e-5b1d-4c2e-9f7a-1b2c3d4e5f60';

describe('recording a decision', () => {
	it('asks for the action or the new action the chosen link needs, next to its field', () => {
		const existing = recordDecisionSchema.safeParse({ text: 'Décider', ownerOrganizationId: ID, link: 'existing' });
		expect(existing.success).toBe(false);
		expect(existing.error?.issues.map((i) => i.path.join('.'))).toEqual(['actionId']);
		const created = recordDecisionSchema.safeParse({ text: 'Décider', ownerOrganizationId: ID, link: 'new' });
		expect(created.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['actionTitle', 'objectiveId']);
		const plain = recordDecisionSchema.safeParse({ text: '  Décider  ', ownerOrganizationId: ID });
		expect(plain.success && plain.data).toMatchObject({ text: 'Décider', link: 'none', dueOn: '' });
	});

	it('refuses an empty text and an owner that is not chosen', () => {
		const result = recordDecisionSchema.safeParse({ text: ' ', ownerOrganizationId: '' });
		expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['ownerOrganizationId', 'text']);
	});
});

describe('marking a decision done', () => {
	it('needs a sentence on what was done; reopening does not', () => {
		const done = decisionStatusSchema.safeParse({ id: ID, status: 'done', comment: ' ' });
		expect(done.error?.issues[0]).toMatchObject({
			path: ['comment'],
			message: 'Dites en une phrase ce qui a été fait.'
		});
		expect(decisionStatusSchema.safeParse({ id: ID, status: 'open', comment: '' }).success).toBe(true);
		expect(decisionStatusSchema.safeParse({ id: ID, status: 'dropped', comment: 'x' }).success).toBe(false);
	});
});
