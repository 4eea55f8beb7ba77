/** The yearly targets of an indicator (indicator_targets): one per year, 2000 to 2100, never empty. */
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';

const year = () =>
	z
		.number({ error: () => m.targets_error_year() })
		.int({ error: () => m.targets_error_year() })
		.min(2000, { error: () => m.targets_error_year() })
		.max(2100, { error: () => m.targets_error_year() });

export const targetSchema = z.object({
	year: year()
		.nullable()
		.default(null)
		.refine((v) => v !== null, { error: () => m.targets_error_year() }),
	// An empty field is refused, not read as 0.
	target: z
		.number({ error: () => m.targets_error_target() })
		.refine((v) => Number.isFinite(v) && Math.abs(v) < 1e12, { error: () => m.targets_error_target() })
		.nullable()
		.default(null)
		.refine((v) => v !== null, { error: () => m.targets_error_target() }),
	note: z
		.string()
		.trim()
		.max(500, { error: () => m.targets_error_note() })
		.default('')
});

export const removeTargetSchema = z.object({ year: year() });
