import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';

/** Publish or unpublish a charter's public page (coordinators). */
export const publicationSchema = z.object({
	publish: z.enum(['true', 'false'], { error: () => m.dashboard_publish_invalid() })
});
