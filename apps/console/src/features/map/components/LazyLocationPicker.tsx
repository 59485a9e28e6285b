import { Spinner } from '@gd/web';
import { type ComponentProps, lazy, Suspense } from 'react';

const Picker = lazy(() => import('./LocationPicker.js').then((m) => ({ default: m.LocationPicker })));

/**
 * The place picker, loaded (with Leaflet) when a form first shows it: the call screen's first load carries no map.
 */
export function LazyLocationPicker(props: ComponentProps<typeof Picker>) {
  return (
    <Suspense fallback={<Spinner />}>
      <Picker {...props} />
    </Suspense>
  );
}
