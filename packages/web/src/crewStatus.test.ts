import { CREW_STATUSES } from '@gd/domain';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { CREW_STATUS_COLOR } from './crewStatus.js';
import { initI18n } from './i18n.js';

describe('crew statuses, one table for every screen', () => {
  it('gives every status a distinct colour and a word in both languages, from the shared texts', () => {
    initI18n();
    expect(new Set(CREW_STATUSES.map((s) => CREW_STATUS_COLOR[s])).size).toBe(CREW_STATUSES.length);
    for (const lng of ['zh-CN', 'en']) {
      const t = i18next.getFixedT(lng);
      const words = CREW_STATUSES.map((s) => t(`crewStatus.${s}`));
      expect(words.every((w, i) => w && w !== `crewStatus.${CREW_STATUSES[i]}`)).toBe(true);
      expect(new Set(words).size).toBe(CREW_STATUSES.length);
    }
    expect(i18next.getFixedT('zh-CN')('crewStatus.on_site')).toBe('现场作业');
  });
});
