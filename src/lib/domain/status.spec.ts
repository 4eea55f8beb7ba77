import { describe, expect, it } from 'vitest';
import { Constants } from '../database.types.ts';
import { ACTION_STATUSES, INTERNSHIP_STATUSES, isActionStatus } from './status.ts';

describe('status lists', () => {
	it('are the enums of the schema, in the order of the charts and filters', () => {
		expect(ACTION_STATUSES).toEqual(['planned', 'in_progress', 'done', 'blocked', 'abandoned']);
		expect(ACTION_STATUSES).toBe(Constants.public.Enums.action_status);
		expect(INTERNSHIP_STATUSES).toEqual(['planned', 'confirmed', 'arrived', 'cancelled']);
	});

	it('tells an action status from anything else', () => {
		expect(ACTION_STATUSES.every(isActionStatus)).toBe(true);
		for (const bad of ['', 'Done', 'termine', null, undefined]) expect(isActionStatus(bad)).toBe(false);
	});
});
