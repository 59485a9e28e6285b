import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './api.js';
import { initI18n, setLanguage } from './i18n.js';
import { ErrorBox } from './ui.js';

beforeAll(() => {
  initI18n();
});
afterEach(() => {
  cleanup();
  setLanguage('zh-CN');
});

describe('ErrorBox', () => {
  it('says what an API error status means in the reader’s language, with the server’s words beneath', () => {
    const why = 'cannot move an order from accepted to closed: close needs a resolution';
    render(<ErrorBox error={new ApiError(409, [why])} />);
    const box = screen.getByTestId('error-box');
    expect(box.querySelector('strong')!.textContent).toBe(
      '与当前状态冲突（可能已被他人处理），未做任何更改 (409)',
    );
    expect(box.querySelector('li')!.textContent).toBe(why);
  });

  it('keeps the general headline for a status it has no words for, and names a lost connection', () => {
    render(<ErrorBox error={new ApiError(418, ['teapot'])} />);
    expect(screen.getByTestId('error-box').querySelector('strong')!.textContent).toBe('出错了 (418)');
    cleanup();
    render(<ErrorBox error={new ApiError(0, [])} />);
    expect(screen.getByTestId('error-box').textContent).toContain('无法连接服务器');
  });

  it('speaks English when the reader chose it', () => {
    setLanguage('en');
    render(<ErrorBox error={new ApiError(403, ['only a supervisor may approve a pause'])} />);
    expect(screen.getByTestId('error-box').querySelector('strong')!.textContent).toBe(
      'Your role may not do this (403)',
    );
  });
});
