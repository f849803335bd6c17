/** Dates as letters write them: MM/DD/YYYY in headers (M/D/YY and M-D-YY appear in bodies). */
import { isWhiteSpace } from './text';

export interface SimpleDate {
  year: number;
  month: number;
  day: number;
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * The number written by the digits at `from` (at most `max` of them, at least one), and where
 * they end; undefined when there is no digit there.
 */
function digits(text: string, from: number, to: number, max: number): { value: number; end: number } | undefined {
  let value = 0;
  let end = from;
  while (end < to && end - from < max && isDigit(text.charCodeAt(end))) value = value * 10 + (text.charCodeAt(end++) - 48);
  return end > from ? { value, end } : undefined;
}

/**
 * `/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/` on the trimmed text, read on its characters (no match
 * array, no trimmed copy, no Date: a header has five dates and every letter has a header).
 */
export function parseUsDate(text: string): SimpleDate | undefined {
  let from = 0;
  let to = text.length;
  while (from < to && isWhiteSpace(text.charCodeAt(from))) from++;
  while (to > from && isWhiteSpace(text.charCodeAt(to - 1))) to--;
  const m = digits(text, from, to, 2);
  if (!m || text.charCodeAt(m.end) !== 47 /* / */) return undefined;
  const d = digits(text, m.end + 1, to, 2);
  if (!d || text.charCodeAt(d.end) !== 47 /* / */) return undefined;
  const y = digits(text, d.end + 1, to, 4);
  if (!y || y.end - (d.end + 1) !== 4 || y.end !== to) return undefined;
  const month = m.value;
  const day = d.value;
  const year = y.value;
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2100) return undefined;
  return day <= daysInMonth(year, month) ? { year, month, day } : undefined;
}

/** The days of a month of a Gregorian year (what `new Date(Date.UTC(year, month, 0)).getUTCDate()` gives for years 1900-2100). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
