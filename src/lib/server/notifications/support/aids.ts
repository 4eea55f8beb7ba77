import type { SupportTemplate } from './index.ts';

export const aidTemplates: Record<string, SupportTemplate> = {};
