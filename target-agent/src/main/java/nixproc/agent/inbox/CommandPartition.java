package nixproc.agent.inbox;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Utils;

/**
 * The partition a record keyed by a target name lands in, computed exactly as Kafka's default producer partitioner
 * does for a keyed record ({@code BuiltInPartitioner.partitionForKey}: murmur2 of the serialised key, made positive,
 * modulo the partition count). Keys are serialised with {@code StringSerializer}, i.e. UTF-8.
 */
public final class CommandPartition {

	private CommandPartition() {
	}

	public static int of(String target, int partitions) {
		if (partitions <= 0) {
			throw new IllegalArgumentException("partitions: must be positive, was " + partitions);
		}
		return Utils.toPositive(Utils.murmur2(target.getBytes(StandardCharsets.UTF_8))) % partitions;
	}

}
