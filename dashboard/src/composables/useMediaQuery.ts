// A reactive CSS media query (e.g. narrow screens get simpler charts).
import { onBeforeUnmount, ref } from 'vue';

export function useMediaQuery(query: string) {
  const mql = window.matchMedia(query);
  const matches = ref(mql.matches);
  const onChange = (e: MediaQueryListEvent) => (matches.value = e.matches);
  mql.addEventListener('change', onChange);
  onBeforeUnmount(() => mql.removeEventListener('change', onChange));
  return matches;
}
