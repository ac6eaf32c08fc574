type AnyListener = (...args: never[]) => void;

/**
 * A minimal typed event registry. A listener that throws must not leave the socket loop half
 * done (later frames of the same chunk undelivered, timers unset), so the error is rethrown on a
 * fresh microtask: it still surfaces as an uncaught exception, as with EventEmitter, but after
 * the client has finished its own bookkeeping.
 */
export class ListenerRegistry<Events extends { [K in keyof Events]: AnyListener }> {
  readonly #listeners = new Map<keyof Events, Set<AnyListener>>();

  on<K extends keyof Events>(event: K, listener: Events[K]): void {
    let set = this.#listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener);
  }

  off<K extends keyof Events>(event: K, listener: Events[K]): void {
    const set = this.#listeners.get(event);
    if (set === undefined) return;
    set.delete(listener);
    if (set.size === 0) this.#listeners.delete(event);
  }

  has(event: keyof Events): boolean {
    return this.#listeners.has(event);
  }

  emit<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): void {
    const set = this.#listeners.get(event);
    if (set === undefined) return;
    for (const listener of set) {
      try {
        (listener as (...a: Parameters<Events[K]>) => void)(...args);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
