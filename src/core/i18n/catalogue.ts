import type { MessageParams } from '../errors.ts';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';

/** One part of the catalogue: the same keys in every locale (the type of `en` is checked against `zh-CN`). */
export interface MessageBundle {
  'zh-CN': Record<string, string>;
  en: Record<string, string>;
}

const bundles: MessageBundle[] = [];

/** Modules add their messages once, at registration. */
export function addMessages(bundle: MessageBundle): void {
  if (!bundles.includes(bundle)) bundles.push(bundle);
}

export function messages(locale: Locale): Record<string, string> {
  return Object.assign({}, ...bundles.map((bundle) => bundle[locale])) as Record<string, string>;
}

export function hasMessage(key: string): boolean {
  return bundles.some((bundle) => key in bundle['zh-CN']);
}

/** Looks a key up and fills `{name}` placeholders; an unknown key is returned as it is, so it shows up in tests. */
export function translate(locale: Locale, key: string, params: MessageParams = {}): string {
  let text: string | undefined;
  for (let i = bundles.length - 1; i >= 0 && text === undefined; i--) text = bundles[i]![locale][key];
  if (text === undefined) return key;
  // `{count|org|orgs}`: the first word for exactly one, the second for any other number (English plurals).
  return text
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (whole, name: string, one: string, other: string) => (name in params ? (Number(params[name]) === 1 ? one : other) : whole))
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Picks the locale from an Accept-Language header or a stored preference. */
export function pickLocale(...candidates: (string | undefined)[]): Locale {
  for (const candidate of candidates) {
    if (!candidate) continue;
    for (const part of candidate.split(',')) {
      const tag = part.split(';')[0]!.trim().toLowerCase();
      if (tag.startsWith('zh')) return 'zh-CN';
      if (tag.startsWith('en')) return 'en';
    }
  }
  return defaultLocale;
}
