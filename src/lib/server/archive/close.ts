/** When a charter closes (its status becomes `closed`), its archive is filed among its documents (file.ts). */
import type { Enums } from '#lib/database.types.js';

export const closes = (before: Enums<'charter_status'>, after: Enums<'charter_status'>) =>
	before !== 'closed' && after === 'closed';
