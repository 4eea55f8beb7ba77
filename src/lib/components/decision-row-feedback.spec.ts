import { describe, expect, it } from 'vitest';
import { rowFeedback } from './decision-row-feedback.ts';

describe("a row's feedback after a post", () => {
	const posted = {
		form: {
			id: 'status',
			data: { id: 'row-1' },
			message: { kind: 'error', text: 'Refusé' },
			errors: { comment: ['Dites en une phrase ce qui a été fait.'] }
		}
	};
	it('belongs to the row and the form it was posted from', () => {
		expect(rowFeedback(posted, 'row-1', 'status')).toEqual({
			message: { kind: 'error', text: 'Refusé' },
			errors: { comment: ['Dites en une phrase ce qui a été fait.'] }
		});
		expect(rowFeedback(posted, 'row-2', 'status')).toBeNull();
		expect(rowFeedback(posted, 'row-1', 'edit')).toBeNull();
		expect(rowFeedback(null, 'row-1')).toBeNull();
	});
});
