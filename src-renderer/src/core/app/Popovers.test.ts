import { describe, expect, it } from 'vitest';
import { Popovers, type PopoverId, type PopoverScope } from './Popovers';

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
});
