/** The municipality's time zone unless TIME_ZONE says otherwise: the one place it is named. */
export const defaultTimeZone = 'Europe/Stockholm';

/**
 * "2025-11-03 09:05" in the municipality's time zone, the same in both languages: Swedish formatting sorts and
 * reads alike in Swedish and English. A text that is no date is returned as it is.
 */
export function localDateTime(iso: string, timeZone: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(instant);
}
