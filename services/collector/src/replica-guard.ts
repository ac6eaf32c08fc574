/**
 * Which replica of each room this collector's jobs hold. Two replicas of a room in one process
 * would share its one socket (the room manager reference-counts rooms), so they would be no
 * redundancy at all: a job for another replica of a room held here is refused. A watch and a
 * crawl window of the same replica share the socket, as they always did.
 */
export class ReplicaGuard {
  /** room → replica held → jobs holding it. */
  readonly #held = new Map<number, { replica: number; jobs: number }>();
  readonly #onChange: (replica: number, delta: 1 | -1) => void;

  /** `onChange` hears when a room starts (+1) or stops (-1) being held as a replica. */
  constructor(onChange: (replica: number, delta: 1 | -1) => void = () => undefined) {
    this.#onChange = onChange;
  }

  /** Replica held for a room, if any. */
  replicaOf(room: number): number | undefined {
    return this.#held.get(room)?.replica;
  }

  /**
   * Synchronous, so concurrent jobs of one worker cannot both pass. Returns the release
   * function, or undefined when another replica of the room is held here.
   */
  claim(room: number, replica: number): (() => void) | undefined {
    const held = this.#held.get(room);
    if (held !== undefined && held.replica !== replica) return undefined;
    if (held === undefined) {
      this.#held.set(room, { replica, jobs: 1 });
      this.#onChange(replica, 1);
    } else held.jobs += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const current = this.#held.get(room);
      if (current === undefined) return;
      current.jobs -= 1;
      if (current.jobs > 0) return;
      this.#held.delete(room);
      this.#onChange(replica, -1);
    };
  }
}
