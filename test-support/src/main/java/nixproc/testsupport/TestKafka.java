package nixproc.testsupport;

import java.util.UUID;

/**
 * A Kafka broker address plus a namespace of topic names no other test uses.
 *
 * @param bootstrapServers the {@code bootstrap.servers} value
 * @param namespace a unique prefix, such as {@code t3f9a2c1.}, for this test's topics
 */
public record TestKafka(String bootstrapServers, String namespace) {

	static TestKafka on(String bootstrapServers) {
		return new TestKafka(bootstrapServers, "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + ".");
	}

	/** This test's name for a topic, e.g. {@code topic("nixproc.commands")} → {@code t3f9a2c1e0.nixproc.commands}. */
	public String topic(String name) {
		return namespace + name;
	}

}
