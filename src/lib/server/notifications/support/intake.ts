import type { SupportTemplate } from './index.ts';

export const intakeTemplates: Record<string, SupportTemplate> = {};
