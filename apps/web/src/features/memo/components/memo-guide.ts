import type { MemoField } from '@bc/domain';

/** The i18n keys (under memo:guide) of the guide's examples for each field (R5.1, R5.2). */
export const GUIDE_FIELDS: Record<MemoField, { ok: string[]; ng: string[] }> = {
  basicInfo: { ok: ['address', 'staff', 'lineFor', 'products'], ng: ['instruction', 'url'] },
  businessHours: { ok: ['hours', 'callbacks'], ng: ['guide'] },
  freeText: { ok: ['frequentCallers', 'mishear'], ng: ['askAddress', 'alwaysSay', 'feedback', 'long'] },
};
