/** Dates as letters write them: MM/DD/YYYY in headers (M/D/YY and M-D-YY appear in bodies). */
export interface SimpleDate {
  year: number;
  month: number;
  day: number;
}

export function parseUsDate(text: string): SimpleDate | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const year = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2100) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth ? { year, month, day } : undefined;
}
