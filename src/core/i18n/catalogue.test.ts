import { describe, expect, it } from 'vitest';
import { modules } from '../../modules/index.ts';
import { registerMessages } from '../platform.ts';
import { messages, translate } from './catalogue.ts';

registerMessages(modules);

describe('the message catalogue', () => {
  it('has every key in both languages, none empty', () => {
    const zh = messages('zh-CN');
    const en = messages('en');
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, text] of [...Object.entries(zh), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
  });

  it('fills placeholders and falls back to the key itself, so a missing message shows in tests', () => {
    expect(translate('zh-CN', 'validation.too_long', { max: 100 })).toBe('不能超过 100 个字符');
    expect(translate('en', 'validation.too_long', { max: 100 })).toBe('At most 100 characters');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});
