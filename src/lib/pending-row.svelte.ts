import type { SubmitFunction } from '$app/forms';

/**
 * The row of a list whose small form (resend, confirm…) is being posted, so that its button is disabled until
 * the answer comes; the form keeps what it holds (`reset: false`).
 */
export class PendingRow {
	id = $state<string | null>(null);

	/** The `use:enhance` callback of the form of row `id`. */
	submit(id: string): SubmitFunction {
		return () => {
			this.id = id;
			return async ({ update }) => {
				await update({ reset: false });
				this.id = null;
			};
		};
	}
}
