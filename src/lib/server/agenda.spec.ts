import { describe, expect, it } from 'vitest';
import { agendaItemHref, proposedText } from './agenda.ts';

const item = {
	id: 'i',
	position: 1,
	kind: 'other' as const,
	title: 'Point',
	notes: null,
	actionId: null,
	indicatorId: null,
	decision: null
};

describe('where an agenda item leads', () => {
	it('leads to the decision in its meeting, the action, the indicator, or nowhere', () => {
		expect(
			agendaItemHref({ ...item, kind: 'decision_review', decision: { id: 'd', meetingId: 'm', status: 'open' } }, 'hv')
		).toBe('/chartes/hv/reunions/m/decisions');
		expect(agendaItemHref({ ...item, kind: 'alert', actionId: 'a' }, 'hv')).toBe('/chartes/hv/actions/a');
		expect(agendaItemHref({ ...item, kind: 'indicator', indicatorId: 'x' }, 'hv')).toBe('/chartes/hv/indicateurs/x');
		expect(agendaItemHref(item, 'hv')).toBeNull();
	});

	it('says how many items were proposed', () => {
		expect(proposedText(0)).toBe('Aucun nouveau point à proposer.');
		expect(proposedText(1)).toBe('1 point ajouté.');
		expect(proposedText(3)).toBe('3 points ajoutés.');
	});
});
