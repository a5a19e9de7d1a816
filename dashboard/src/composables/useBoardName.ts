// A board's display name in the current language (a known board's translated name, else what the API says).
import { useI18n } from 'vue-i18n';

export function useBoardName() {
  const { t, te } = useI18n();
  return (board: string, apiName?: string | null) => (te(`boards.${board}`) ? t(`boards.${board}`) : apiName || board);
}
