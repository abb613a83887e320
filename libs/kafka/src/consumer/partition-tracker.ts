export interface PartitionProgress {
  readonly topic: string;
  readonly partition: number;
  /** Next offset the group reads, as committed to Kafka ('-1' while nothing is known). */
  readonly committedOffset: string;
  /** The partition's end offset, as last seen in a fetched batch or by the lag probe ('-1' while unknown). */
  readonly highWatermark: string;
  /** Records behind the end of the partition: high watermark minus committed offset. */
  readonly lag: number;
  /** Whether this member owns the partition (from its last group join). */
  readonly assigned: boolean;
  /** The last commit on the partition, or its assignment to this member if it has committed nothing since. */
  readonly lastProgressAt: Date;
}

interface Tracked {
  topic: string;
  partition: number;
  committed: bigint;
  high: bigint;
  assigned: boolean;
  lastProgressAt: number;
}

const UNKNOWN = -1n;
const maxOf = (a: bigint, b: bigint) => (a > b ? a : b);

/**
 * Where a consumer stands on each partition it has seen: committed offset, end offset and so lag, whether it owns
 * the partition, and when it last moved. Pure bookkeeping (the clock is passed in): the consumer feeds it from its
 * batches, its group joins and the lag probe, and `consumerHealth` reads it to tell a partition with lag that stopped moving.
 */
export class PartitionTracker {
  private readonly partitions = new Map<string, Tracked>();

  /** A group join: the member now owns exactly these partitions, each given a fresh time to progress. */
  assign(assignment: Readonly<Record<string, readonly number[]>>, now: number): void {
    for (const tracked of this.partitions.values()) tracked.assigned = false;
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions) {
        const tracked = this.track(topic, partition, now);
        tracked.assigned = true;
        tracked.lastProgressAt = now;
      }
    }
  }

  /** Offsets committed after a handled batch: `next` is the next offset to read, `high` the batch's high watermark. */
  committed(topic: string, partition: number, next: string, high: string, now: number): void {
    const tracked = this.track(topic, partition, now);
    tracked.committed = maxOf(tracked.committed, BigInt(next));
    tracked.high = maxOf(tracked.high, BigInt(high));
    tracked.lastProgressAt = now;
  }

  /** What the lag probe read from the broker: the partition's end and where the group reads next. */
  probed(topic: string, partition: number, high: string, committed: string, now: number): void {
    const tracked = this.track(topic, partition, now);
    tracked.high = maxOf(tracked.high, BigInt(high));
    tracked.committed = maxOf(tracked.committed, BigInt(committed));
  }

  /** The assigned partitions, for the probe to ask about. */
  assigned(): { topic: string; partition: number }[] {
    return [...this.partitions.values()].filter((p) => p.assigned).map(({ topic, partition }) => ({ topic, partition }));
  }

  list(): PartitionProgress[] {
    return [...this.partitions.values()]
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition)
      .map((p) => ({
        topic: p.topic,
        partition: p.partition,
        committedOffset: p.committed.toString(),
        highWatermark: p.high.toString(),
        lag: lagOf(p),
        assigned: p.assigned,
        lastProgressAt: new Date(p.lastProgressAt),
      }));
  }

  private track(topic: string, partition: number, now: number): Tracked {
    const key = `${topic}:${partition}`;
    let tracked = this.partitions.get(key);
    if (!tracked) {
      tracked = { topic, partition, committed: UNKNOWN, high: UNKNOWN, assigned: false, lastProgressAt: now };
      this.partitions.set(key, tracked);
    }
    return tracked;
  }
}

/** Unknown on either side counts as no lag: nothing is claimed that was not read from the broker. */
function lagOf(p: Tracked): number {
  if (p.high === UNKNOWN || p.committed === UNKNOWN) return 0;
  return Math.max(0, Number(p.high - p.committed));
}
