// Locale-aware formatting of numbers, shares, dates and names that come in both languages.
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';

export interface Bilingual {
  name: string;
  nameKo?: string | null;
}

export function useFormat() {
  const { locale, t } = useI18n();
  const tag = computed(() => (locale.value === 'ko' ? 'ko-KR' : 'en-US'));

  const integer = (n: number | null | undefined) =>
    n === null || n === undefined ? '—' : new Intl.NumberFormat(tag.value).format(n);
  /** A 0..1 share as a percentage ("42.5%"). */
  const percent = (share: number | null | undefined, digits = 1) =>
    share === null || share === undefined || Number.isNaN(share)
      ? '—'
      : new Intl.NumberFormat(tag.value, {
          style: 'percent',
          maximumFractionDigits: digits,
          minimumFractionDigits: 0,
        }).format(share);
  const points = (p: number) => `${p > 0 ? '+' : p < 0 ? '−' : '±'}${Math.abs(p).toFixed(1)} ${t('units.pp')}`;
  const decimal = (n: number | null | undefined, digits = 2) =>
    n === null || n === undefined ? '—' : new Intl.NumberFormat(tag.value, { maximumFractionDigits: digits }).format(n);
  const date = (iso: string | number | null | undefined) => {
    if (iso === null || iso === undefined || iso === '') return '—';
    const d = new Date(iso);
    return Number.isNaN(d.getTime())
      ? String(iso)
      : new Intl.DateTimeFormat(tag.value, { year: 'numeric', month: 'short', day: 'numeric' }).format(d);
  };
  const shortDate = (iso: string) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime())
      ? iso
      : new Intl.DateTimeFormat(tag.value, { month: 'numeric', day: 'numeric' }).format(d);
  };
  const dateTime = (iso: string | null | undefined) => {
    if (!iso) return '—';
    const d = new Date(iso);
    return Number.isNaN(d.getTime())
      ? iso
      : new Intl.DateTimeFormat(tag.value, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
  };
  const relative = (iso: string | null | undefined) => {
    if (!iso) return '—';
    const ms = new Date(iso).getTime() - Date.now();
    if (Number.isNaN(ms)) return iso;
    const rtf = new Intl.RelativeTimeFormat(tag.value, { numeric: 'auto' });
    const abs = Math.abs(ms);
    if (abs < 3600_000) return rtf.format(Math.round(ms / 60_000), 'minute');
    if (abs < 86400_000) return rtf.format(Math.round(ms / 3600_000), 'hour');
    return rtf.format(Math.round(ms / 86400_000), 'day');
  };
  /** Days from today until `iso` (negative = past), or null. */
  const daysUntil = (iso: string | null | undefined) => {
    if (!iso) return null;
    const ms = new Date(iso).getTime();
    if (Number.isNaN(ms)) return null;
    const today = new Date();
    today.setHours(0, 0, 0, 0);
    return Math.floor((ms - today.getTime()) / 86400_000);
  };
  const name = (x: Bilingual | null | undefined) => (!x ? '' : locale.value === 'ko' && x.nameKo ? x.nameKo : x.name);

  return { tag, integer, percent, points, decimal, date, shortDate, dateTime, relative, daysUntil, name };
}
