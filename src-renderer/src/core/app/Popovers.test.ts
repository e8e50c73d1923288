import { describe, expect, it } from 'vitest';
import { Popovers, type FocusKeeper, type PopoverId, type PopoverScope } from './Popovers';

type Listener = (event: { key: string } & { target: unknown }) => void;

function fakePage() {
  const listeners = new Map<string, Set<Listener>>();
  const scope = {
    addEventListener: (type: string, l: Listener) => listeners.set(type, (listeners.get(type) ?? new Set()).add(l)),
    removeEventListener: (type: string, l: Listener) => listeners.get(type)?.delete(l),
  } as unknown as PopoverScope;
  const fire = (type: string, event: Partial<{ key: string; target: unknown }>): void => {
    for (const l of listeners.get(type) ?? []) l({ key: '', target: null, ...event });
  };
  const count = (): number => [...listeners.values()].reduce((n, s) => n + s.size, 0);
  return { scope, fire, count };
}

/** Targets are strings here: "<id>:..." is inside popover <id>. */
const inside = (id: PopoverId, target: unknown): boolean => typeof target === 'string' && target.startsWith(`${id}:`);

describe('popovers', () => {
  it('keeps at most one open: opening another closes the first, toggling the open one closes it', () => {
    const popovers = new Popovers(inside);
    popovers.toggle('devices');
    expect(popovers.open.get()).toBe('devices');
    popovers.toggle('view');
    expect(popovers.open.get()).toBe('view');
    popovers.toggle('view');
    expect(popovers.open.get()).toBeNull();
  });

  it('closes on Escape and ignores other keys', () => {
    const { scope, fire } = fakePage();
    const popovers = new Popovers(inside);
    popovers.listen(scope);
    popovers.show('invite');
    fire('keydown', { key: 'Enter' });
    expect(popovers.open.get()).toBe('invite');
    fire('keydown', { key: 'Escape' });
    expect(popovers.open.get()).toBeNull();
  });

  it('closes on a press outside the open popover, not on one inside it', () => {
    const { scope, fire } = fakePage();
    const popovers = new Popovers(inside);
    popovers.listen(scope);
    popovers.show('reactions');
    fire('pointerdown', { target: 'reactions:button' });
    expect(popovers.open.get()).toBe('reactions');
    fire('pointerdown', { target: 'grid:tile' });
    expect(popovers.open.get()).toBeNull();
  });

  it('stops listening when told, and stopping twice is harmless', () => {
    const page = fakePage();
    const popovers = new Popovers(inside);
    const stop = popovers.listen(page.scope);
    expect(page.count()).toBe(2);
    stop();
    stop();
    expect(page.count()).toBe(0);
    popovers.show('more');
    page.fire('keydown', { key: 'Escape' });
    expect(popovers.open.get()).toBe('more');
  });

  describe('focus after Escape', () => {
    /** A page's focus: `press(control)` focuses it as a click does; `restored` lists where focus was given back (and the popover whose toggle stands in for it). */
    function fakeFocus() {
      let current: string | null = null;
      const restored: unknown[] = [];
      const keeper: FocusKeeper = { focused: () => current, restore: (control, popover) => void restored.push(`${String(control)} (${popover})`) };
      return { keeper, restored, press: (control: string | null) => void (current = control) };
    }

    /** Popovers listening to a fake page with a fake focus. */
    function focusedPage() {
      const page = fakePage();
      const focus = fakeFocus();
      const popovers = new Popovers(inside, focus.keeper);
      popovers.listen(page.scope);
      return { fire: page.fire, focus, popovers };
    }

    it('goes back to the control that opened the popover', () => {
      const { fire, focus, popovers } = focusedPage();
      focus.press('devices:toggle');
      popovers.toggle('devices');
      focus.press('devices:microphone-select');
      fire('keydown', { key: 'Escape' });
      expect(popovers.open.get()).toBeNull();
      expect(focus.restored).toEqual(['devices:toggle (devices)']);
    });

    it('goes back to More for a popover opened from one of its items, and to the newest toggle when one replaces another', () => {
      const { fire, focus, popovers } = focusedPage();
      focus.press('more:toggle');
      popovers.toggle('more');
      focus.press('more:view-item');
      popovers.toggle('view');
      fire('keydown', { key: 'Escape' });
      expect(focus.restored, 'the More button, or the toggle of More if the bar was laid out anew').toEqual(['more:toggle (more)']);

      focus.press('devices:toggle');
      popovers.toggle('devices');
      focus.press('invite:toggle');
      popovers.toggle('invite');
      fire('keydown', { key: 'Escape' });
      expect(focus.restored).toEqual(['more:toggle (more)', 'invite:toggle (invite)']);
    });

    it('is not moved by a press outside, by a popover closed otherwise, nor when nothing had focus', () => {
      const { fire, focus, popovers } = focusedPage();
      focus.press('reactions:toggle');
      popovers.toggle('reactions');
      fire('pointerdown', { target: 'grid:tile' });
      popovers.show('invite');
      popovers.close();
      fire('keydown', { key: 'Escape' });
      focus.press(null);
      popovers.show('view');
      fire('keydown', { key: 'Escape' });
      expect(focus.restored).toEqual([]);
    });
  });
});
