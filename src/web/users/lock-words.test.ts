import { describe, expect, it } from 'vitest';
import { addMessages, translate } from '../../core/i18n/catalogue.ts';
import { coreMessages } from '../../core/i18n/core-messages.ts';
import { webMessages } from '../messages.ts';
import { lockEndsInWords } from './lock-words.ts';

addMessages(coreMessages);
addMessages(webMessages);

describe('a lock’s end in words', () => {
  // Local moments, so the test reads the same in every time zone the machine may be set to.
  const now = new Date(2026, 11, 4, 14, 58);
  const today = new Date(2026, 11, 4, 15, 11, 36, 568);
  const tomorrow = new Date(2026, 11, 5, 0, 7);
  const zh = (key: string, params?: Record<string, string | number>) => translate('zh-CN', key, params);
  const en = (key: string, params?: Record<string, string | number>) => translate('en', key, params);

  it('says the local time of day, never the UTC moment', () => {
    expect(lockEndsInWords(today.toISOString(), zh, 'zh-CN', now)).toBe('账号已锁定，请于 15:11 后再试');
    expect(lockEndsInWords(today.toISOString(), en, 'en', now)).toBe('The account is locked; try again after 15:11');
  });

  it('names the day when the lock ends on another one', () => {
    expect(lockEndsInWords(tomorrow.toISOString(), zh, 'zh-CN', now)).toBe('账号已锁定，请于 12月5日 00:07 后再试');
    expect(lockEndsInWords(tomorrow.toISOString(), en, 'en', now)).toBe('The account is locked; try again after 5 Dec 00:07');
  });

  it('leaves no server message that would print the raw moment', () => {
    expect(coreMessages['zh-CN']['auth.locked_until']).toBeUndefined();
    expect(coreMessages.en['auth.locked_until']).toBeUndefined();
  });
});
