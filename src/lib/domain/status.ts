/**
 * The lists of values of the schema's enums that pages offer, validate or count, in the order they are shown.
 * They come from the generated types (`Constants`, npm run db:types), so that a value added by a migration
 * appears everywhere at once.
 */
import { Constants } from '#lib/database.types.js';
import type { ActionStatus } from './types.js';

const enums = Constants.public.Enums;

/** planned, in_progress, done, blocked, abandoned: the order of the charts, filters and counts. */
export const ACTION_STATUSES = enums.action_status;
export const ACTION_HEALTHS = enums.action_health;
export const CHARTER_STATUSES = enums.charter_status;
export const INTERNSHIP_STATUSES = enums.internship_status;

export const isActionStatus = (value: string | null | undefined): value is ActionStatus =>
	(ACTION_STATUSES as readonly (string | null | undefined)[]).includes(value);
