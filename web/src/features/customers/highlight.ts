// Pure: which part of a shown value a search matched.
import type { HighlightSegment } from './customers.api';

/**
 * The digits a search box query stands for when it is a phone fragment ("5678", "+86 139",
 * "139-1234"); null for anything else. A leading +86 / 0086 is the country, not part of the number.
 */
export function phoneFragment(q: string | undefined): string | null {
  const text = (q ?? '').trim();
  if (!text || !/^[+\d\s\-()]+$/.test(text)) return null;
  const digits = text.replace(/^(\+|00)86/, '').replace(/\D/g, '');
  return digits.length >= 3 ? digits : null;
}

/** Cuts `phone` where its digits contain `fragment`, separators between digits included in the match. */
export function phoneSegments(phone: string, fragment: string | null): HighlightSegment[] {
  if (!fragment) return [{ text: phone, match: false }];
  const positions: number[] = [];
  let digits = '';
  for (let i = 0; i < phone.length; i++) {
    if (/\d/.test(phone[i] ?? '')) {
      positions.push(i);
      digits += phone[i];
    }
  }
  const at = digits.indexOf(fragment);
  if (at < 0) return [{ text: phone, match: false }];
  const start = positions[at] ?? 0;
  const end = (positions[at + fragment.length - 1] ?? phone.length - 1) + 1;
  return [
    { text: phone.slice(0, start), match: false },
    { text: phone.slice(start, end), match: true },
    { text: phone.slice(end), match: false },
  ].filter((s) => s.text !== '');
}

/** Case-insensitive plain-text occurrences (emails, contacts' customer names). */
export function textSegments(text: string, q: string | undefined): HighlightSegment[] {
  const needle = (q ?? '').trim().toLowerCase();
  if (!needle) return [{ text, match: false }];
  const at = text.toLowerCase().indexOf(needle);
  if (at < 0) return [{ text, match: false }];
  return [
    { text: text.slice(0, at), match: false },
    { text: text.slice(at, at + needle.length), match: true },
    { text: text.slice(at + needle.length), match: false },
  ].filter((s) => s.text !== '');
}
