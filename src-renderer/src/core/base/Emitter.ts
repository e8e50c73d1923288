/** A minimal typed event emitter for the framework-free core (no DOM EventTarget, no Node events). */
export class Emitter<Events extends { [K in keyof Events]: unknown }> {
  private readonly listeners = new Map<keyof Events, Set<(data: never) => void>>();

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof Events>(event: K, listener: (data: Events[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (data: never) => void);
    return () => void set.delete(listener as (data: never) => void);
  }

  emit<K extends keyof Events>(event: K, data: Events[K]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        (listener as (data: Events[K]) => void)(data);
      } catch (error) {
        console.error(`a listener of "${String(event)}" failed`, error);
      }
    }
  }
}
