import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, renderWithQuery } from '../../../test/render';
import { AutoDispatchSwitch } from './AutoDispatchSwitch';

afterEach(() => vi.unstubAllGlobals());

describe('AutoDispatchSwitch', () => {
  it('says plainly that the settings route is missing (404)', async () => {
    vi.stubGlobal('fetch', fakeFetch([]).fn);
    renderWithQuery(<AutoDispatchSwitch canChange />);
    const error = await screen.findByTestId('auto-dispatch-error');
    expect(error.textContent).toContain('404');
    expect(error.textContent).toContain('自动派单');
    expect((screen.getByTestId('auto-dispatch-switch') as HTMLInputElement).disabled).toBe(true);
  });

  it('reads the setting and PUTs the new value', async () => {
    let auto = false;
    const api = fakeFetch([
      { path: '/api/dispatch/settings', respond: () => json({ autoDispatch: auto }) },
      {
        method: 'PUT',
        path: '/api/dispatch/settings',
        respond: (init) => {
          auto = JSON.parse(String(init?.body)).autoDispatch;
          return json({ autoDispatch: auto });
        },
      },
    ]);
    vi.stubGlobal('fetch', api.fn);
    renderWithQuery(<AutoDispatchSwitch canChange />);
    const box = screen.getByTestId('auto-dispatch-switch') as HTMLInputElement;
    await waitFor(() => expect(box.disabled).toBe(false));
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    await waitFor(() => expect(box.checked).toBe(true));
    expect(api.calls.find((c) => c.method === 'PUT')?.body).toEqual({ autoDispatch: true });
    expect(screen.queryByTestId('auto-dispatch-error')).toBeNull();
  });

  it('stays read-only for roles that may not change it', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch([{ path: '/api/dispatch/settings', respond: () => json({ autoDispatch: true }) }]).fn,
    );
    renderWithQuery(<AutoDispatchSwitch canChange={false} />);
    const box = screen.getByTestId('auto-dispatch-switch') as HTMLInputElement;
    await waitFor(() => expect(box.checked).toBe(true));
    expect(box.disabled).toBe(true);
  });
});

describe('AutoDispatchSwitch when saving fails', () => {
  it('flips back and says why', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch([
        { path: '/api/dispatch/settings', respond: () => json({ autoDispatch: false }) },
        {
          method: 'PUT',
          path: '/api/dispatch/settings',
          respond: () => json({ statusCode: 403, message: 'Forbidden', error: 'Forbidden' }, 403),
        },
      ]).fn,
    );
    renderWithQuery(<AutoDispatchSwitch canChange />);
    const box = screen.getByTestId('auto-dispatch-switch') as HTMLInputElement;
    await waitFor(() => expect(box.disabled).toBe(false));
    fireEvent.click(box);
    expect(box.checked).toBe(true); // at once
    expect((await screen.findByTestId('auto-dispatch-error')).textContent).toContain('Forbidden');
    expect(box.checked).toBe(false);
  });
});
