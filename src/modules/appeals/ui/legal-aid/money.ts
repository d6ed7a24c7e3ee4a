/** Money is integer fen on the wire and in the records (WORK-LINES.md); people type and read yuan. */
export const fenOfYuan = (yuan: number) => Math.round(yuan * 100);

export const yuanOfFen = (fen: number, locale: string) => (fen / 100).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
