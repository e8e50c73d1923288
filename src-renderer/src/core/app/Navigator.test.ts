import { describe, expect, it } from 'vitest';
import { Navigator, type NavigationScope } from './Navigator';

/** A window's location and history, in memory: pushState moves it, `back` fires popstate. */
function fakeWindow(pathname = '/') {
  const listeners = new Set<() => void>();
  const stack = [pathname];
  const location = { pathname, search: '', hash: '' };
  const scope: NavigationScope & { back(): void; listeners: Set<() => void> } = {
    location,
    history: {
      pushState: (_state, _unused, url) => {
        stack.push(String(url));
        location.pathname = String(url);
      },
    },
    addEventListener: (_type, listener) => void listeners.add(listener),
    removeEventListener: (_type, listener) => void listeners.delete(listener),
    back() {
      stack.pop();
      location.pathname = stack.at(-1)!;
      for (const listener of listeners) listener();
    },
    listeners,
  };
  return scope;
}

describe('the navigator', () => {
  it('starts at the address, follows navigation and the back button, and stops following when closed', () => {
    const scope = fakeWindow('/history');
    const navigator = new Navigator(scope);
    expect(navigator.route.get()).toEqual({ kind: 'history' });
    navigator.navigate('/r/standup');
    expect(navigator.route.get()).toEqual({ kind: 'room', roomId: 'standup', server: null });
    scope.back();
    expect(navigator.route.get()).toEqual({ kind: 'history' });
    navigator.close();
    expect(scope.listeners.size).toBe(0);
  });
});
