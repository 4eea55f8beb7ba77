import { z } from 'zod';

/**
 * The confirmation of an erasure (RGPD): the box's value must be "oui". A string, not a literal: superforms fills
 * a missing literal with its only value, which would erase unasked.
 */
export const eraseConfirmSchema = (required: () => string) =>
	z.object({
		confirm: z
			.string()
			.default('')
			.refine((v) => v === 'oui', { error: required })
	});
