import type { Loaded } from '../api/hooks';

/** One load shown in several sections: the same state, with the part each section shows. */
export function mapLoaded<T, U>(loaded: Loaded<T>, pick: (data: T) => U): Loaded<U> {
  if (loaded.state === 'done') return { state: 'done', data: pick(loaded.data), status: loaded.status };
  return loaded;
}
