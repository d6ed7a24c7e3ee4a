import { pinyin } from 'pinyin-pro';

/**
 * The pinyin initials of an org's name, as officers type them into a picker: 南关区总工会 → NGQZGH. Letters and
 * digits in the name are kept as they are (ABC公司 → ABCGS), punctuation dropped. Polyphones are read as words
 * (pinyin-pro's dictionary: 长春 → CC, 银行 → YH), which is how the names are said.
 */
export function nameInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}
