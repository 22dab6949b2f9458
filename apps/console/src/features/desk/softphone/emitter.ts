/** Arguments of `emit` for one event: none for `void` events, the payload otherwise. */
type EmitArgs<T> = [T] extends [void] ? [] : [T];

/**
 * A tiny typed event emitter: `on` returns the function that removes the listener. A listener
 * that throws does not stop the others or the adapter; its error is rethrown asynchronously so it
 * still shows up (in the console, or as a failed test).
 */
export class Emitter<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  on<K extends keyof Events>(type: K, listener: (payload: Events[K]) => void): () => void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    const stored = listener as (payload: never) => void;
    set.add(stored);
    return () => {
      this.listeners.get(type)?.delete(stored);
    };
  }

  emit<K extends keyof Events>(type: K, ...args: EmitArgs<Events[K]>): void {
    const set = this.listeners.get(type);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (payload?: Events[K]) => void)(args[0] as Events[K] | undefined);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
