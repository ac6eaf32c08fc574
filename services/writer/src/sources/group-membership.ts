import type { Consumer } from 'kafkajs';

/**
 * Whether the current kafkajs consumer is a member of its group, from its instrumentation
 * events: in after GROUP_JOIN (with or without partitions), out after REBALANCING (until it
 * rejoins), CRASH (kafkajs restarts it, or KafkaSource creates a new one), STOP and DISCONNECT.
 * Events of a consumer that has been replaced are ignored.
 */
export class GroupMembership {
  private current: Consumer | undefined;
  private joined = false;

  watch(consumer: Consumer): void {
    this.current = consumer;
    this.joined = false;
    const to = (joined: boolean) => () => {
      if (consumer === this.current) this.joined = joined;
    };
    const { GROUP_JOIN, REBALANCING, CRASH, STOP, DISCONNECT } = consumer.events;
    consumer.on(GROUP_JOIN, to(true));
    for (const event of [REBALANCING, CRASH, STOP, DISCONNECT]) consumer.on(event, to(false));
  }

  isMember(): boolean {
    return this.joined;
  }
}
