// Named filter sets kept in the browser (localStorage), per page.
import { computed, ref } from 'vue';
import { readStored, writeStored } from '../lib/storage';

export interface SavedFilter {
  id: string;
  page: string;
  name: string;
  query: Record<string, string>;
  savedAt: string;
}

const STORAGE_KEY = 'techmap.savedFilters';

const isSaved = (v: unknown): v is SavedFilter[] =>
  Array.isArray(v) &&
  v.every(
    (x) =>
      typeof x === 'object' &&
      x !== null &&
      typeof (x as SavedFilter).id === 'string' &&
      typeof (x as SavedFilter).page === 'string' &&
      typeof (x as SavedFilter).name === 'string' &&
      typeof (x as SavedFilter).query === 'object',
  );

// One shared list, so every component sees a save at once.
const all = ref<SavedFilter[]>(readStored<SavedFilter[]>(STORAGE_KEY, [], isSaved));

export function useSavedFilters(page: () => string) {
  const mine = computed(() => all.value.filter((f) => f.page === page()));
  const save = (name: string, query: Record<string, string>) => {
    const entry: SavedFilter = {
      id: `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
      page: page(),
      name: name.trim().slice(0, 60),
      query,
      savedAt: new Date().toISOString(),
    };
    all.value = [...all.value.filter((f) => !(f.page === entry.page && f.name === entry.name)), entry];
    writeStored(STORAGE_KEY, all.value);
  };
  const remove = (id: string) => {
    all.value = all.value.filter((f) => f.id !== id);
    writeStored(STORAGE_KEY, all.value);
  };
  return { saved: mine, save, remove };
}
