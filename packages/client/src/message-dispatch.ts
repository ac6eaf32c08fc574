import { parseMessage, type DouyuMessage, type DouyuMessageType } from '@danmaku/protocol';
import type { ListenerRegistry } from './listener-registry.js';
import { MessageQueue } from './message-queue.js';
import type { RoomClientEvents } from './room-events.js';

export interface MessagesOptions<T extends DouyuMessageType> {
  /** Buffered messages at which the socket is paused. Default 1000. */
  highWaterMark?: number;
  /** Only these message types are buffered. Default: every type. */
  types?: readonly T[];
}

/** How a full iterator buffer asks its room to stop reading, and lets go again. */
export interface Backpressure {
  hold(holder: object): void;
  release(holder: object): void;
}

type TypedEvents = Record<string, (message: DouyuMessage, receivedAtMs: number) => void>;

interface Subscription {
  queue: MessageQueue<DouyuMessage>;
  types: ReadonlySet<string> | undefined;
}

/**
 * Hands each frame to its audiences: the raw `frame` event always, and typed messages only when
 * some listener or iterator wants them, so a byte-pipe consumer never pays for a parse.
 */
export class MessageDispatch {
  readonly #events: ListenerRegistry<RoomClientEvents>;
  readonly #backpressure: Backpressure;
  readonly #subscriptions = new Set<Subscription>();
  #ended = false;

  constructor(events: ListenerRegistry<RoomClientEvents>, backpressure: Backpressure) {
    this.#events = events;
    this.#backpressure = backpressure;
  }

  subscribe<T extends DouyuMessageType>(
    options: MessagesOptions<T>,
  ): AsyncIterableIterator<Extract<DouyuMessage, { type: T }>> {
    const subscription: Subscription = {
      types: options.types === undefined ? undefined : new Set<string>(options.types),
      queue: new MessageQueue<DouyuMessage>({
        highWaterMark: options.highWaterMark ?? 1000,
        onFull: () => this.#backpressure.hold(subscription),
        onDrained: () => this.#backpressure.release(subscription),
        onReturn: () => {
          this.#subscriptions.delete(subscription);
          this.#backpressure.release(subscription);
        },
      }),
    };
    if (this.#ended) subscription.queue.end();
    else this.#subscriptions.add(subscription);
    return subscription.queue as AsyncIterableIterator<Extract<DouyuMessage, { type: T }>>;
  }

  dispatch(body: Buffer, receivedAtMs: number, type: string | undefined): void {
    const events = this.#events;
    events.emit('frame', body, receivedAtMs, type);
    const wanted =
      this.#subscriptions.size > 0 ||
      events.has('message') ||
      events.has('unknown') ||
      (type !== undefined && events.has(type as keyof RoomClientEvents));
    if (!wanted) return;
    const message = parseMessage(body);
    events.emit('message', message, receivedAtMs);
    // The message's own type names its event; the union of listeners is too wide to call directly.
    (events as unknown as ListenerRegistry<TypedEvents>).emit(message.type, message, receivedAtMs);
    for (const { queue, types } of this.#subscriptions) {
      if (types === undefined || types.has(message.type)) queue.push(message);
    }
  }

  /** Iterators get what they buffered, then `done`; later subscriptions end at once. */
  end(): void {
    this.#ended = true;
    for (const { queue } of this.#subscriptions) queue.end();
    this.#subscriptions.clear();
  }
}
