/**
 * The platform's calendar day. Unions work on Beijing time (UTC+8, no daylight saving): between midnight and 08:00 in
 * Jilin the UTC date is still yesterday, so "today" — for a deadline, an as-of date, a file's name — is taken in
 * Asia/Shanghai, wherever the server's clock is set.
 */
const beijing = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYY-MM-DD of `at` (now by default) in Beijing time. */
export const today = (at: Date = new Date()): string => beijing.format(at);
