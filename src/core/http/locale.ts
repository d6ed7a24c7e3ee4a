import type { FastifyRequest } from 'fastify';
import { pickLocale, type Locale } from '../i18n/catalogue.ts';

/** Set by the language switch (PUT /me/locale, and the pages before login). */
export const localeCookie = 'qiaoliang_locale';

/**
 * The one rule for the language of a reply: the language chosen in this browser (the cookie), else the signed-in
 * user's own, else the browser's (Accept-Language), else zh-CN. The server sets `request.locale` by it before
 * anything can fail and again once the session is known, and gives the signed-in actor the same, so a service
 * (actor.locale), an error (request.locale) and a job queued by the request (its params) all speak alike.
 */
export function replyLocale(request: Pick<FastifyRequest, 'cookies' | 'headers'>, user?: { locale: Locale }): Locale {
  return pickLocale(request.cookies[localeCookie], user?.locale, request.headers['accept-language']);
}
