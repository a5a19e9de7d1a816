// A board's display name in the current language (a known board's translated name, else its id).
import { useI18n } from 'vue-i18n';

export function useBoardName() {
  const { t, te } = useI18n();
  return (board: string) => (te(`boards.${board}`) ? t(`boards.${board}`) : board);
}
