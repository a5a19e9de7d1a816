// The job fields (shared by every page's field picker), loaded once per session.
import { computed, ref, shallowRef } from 'vue';
import { api } from '../api/client';
import type { FieldSummary } from '../api/types';

const fields = shallowRef<FieldSummary[] | null>(null);
const error = ref<unknown>(null);
const loading = ref(false);
let pending: Promise<void> | null = null;

function load(force = false): Promise<void> {
  if (pending && !force) return pending;
  loading.value = true;
  error.value = null;
  pending = api.fields().then(
    (res) => {
      fields.value = [...res.fields].sort((a, b) => b.postings - a.postings);
      loading.value = false;
    },
    (err: unknown) => {
      error.value = err;
      loading.value = false;
      pending = null;
    },
  );
  return pending;
}

export function useFields() {
  if (!fields.value && !pending) void load();
  /** The field with the most postings: what a first visit shows. */
  const defaultField = computed(() => fields.value?.find((f) => f.postings > 0)?.id ?? fields.value?.[0]?.id);
  const byId = (id: string | undefined) => fields.value?.find((f) => f.id === id);
  return { fields, error, loading, defaultField, byId, reload: () => load(true) };
}
