import type { SupportTemplate } from './index.ts';

export const referralTemplates: Record<string, SupportTemplate> = {};
