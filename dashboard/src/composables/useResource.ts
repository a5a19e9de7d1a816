// Loads data for the current parameters: loading, error and data states; a newer request cancels an older one.
import { onBeforeUnmount, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';

export interface Resource<T> {
  data: ShallowRef<T | null>;
  error: Ref<unknown>;
  loading: Ref<boolean>;
  reload: () => void;
}

/**
 * `params` returns the request's inputs (or null to load nothing); the request re-runs whenever they change.
 * `fetcher` gets the inputs and an AbortSignal.
 */
export function useResource<T, P>(
  params: () => P | null,
  fetcher: (p: P, signal: AbortSignal) => Promise<T>,
  opts: { keepPrevious?: boolean } = {},
): Resource<T> {
  const data = shallowRef<T | null>(null);
  const error = ref<unknown>(null);
  const loading = ref(false);
  let controller: AbortController | null = null;
  let lastKey = '';

  const run = (force = false) => {
    const p = params();
    const key = JSON.stringify(p);
    if (!force && key === lastKey) return;
    lastKey = key;
    controller?.abort();
    if (p === null) {
      data.value = null;
      loading.value = false;
      error.value = null;
      return;
    }
    const c = new AbortController();
    controller = c;
    loading.value = true;
    error.value = null;
    if (!opts.keepPrevious) data.value = null;
    fetcher(p, c.signal).then(
      (value) => {
        if (c.signal.aborted) return;
        data.value = value;
        loading.value = false;
      },
      (err: unknown) => {
        if (c.signal.aborted) return;
        error.value = err;
        loading.value = false;
      },
    );
  };

  watch(params, () => run(), { immediate: true, deep: true });
  onBeforeUnmount(() => controller?.abort());
  return { data, error, loading, reload: () => run(true) };
}
