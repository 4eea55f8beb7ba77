import { supportRetentionMonths } from '#lib/server/support-intake.js';
import type { PageServerLoad } from './$types';

/** The legal page states the retention period the server applies (SUPPORT_RETENTION_MONTHS). */
export const load: PageServerLoad = () => ({ supportRetentionMonths: supportRetentionMonths() });
