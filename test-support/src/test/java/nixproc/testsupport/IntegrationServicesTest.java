package nixproc.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(IntegrationServicesExtension.class)
class IntegrationServicesTest {

	@Test
	void eachTestGetsADatabaseOfItsOwn(TestDatabase first, TestDatabase second) throws SQLException {
		assertThat(first.name()).isNotEqualTo(second.name());
		execute(first, "CREATE TABLE notes (body text)", "INSERT INTO notes VALUES ('only in the first')");

		assertThat(tables(first)).containsExactly("notes");
		assertThat(tables(second)).isEmpty();
	}

	@Test
	void kafkaRoundTripsWithinTheTestsOwnTopicNamespace(TestKafka kafka, TestKafka other) {
		assertThat(kafka.topic("nixproc.commands")).startsWith(kafka.namespace()).isNotEqualTo(other.topic("nixproc.commands"));
		String topic = kafka.topic("round-trip");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
			producer.send(new ProducerRecord<>(topic, "target-a", "hello")).get();
		}
		catch (Exception ex) {
			throw new AssertionError("cannot produce to " + kafka.bootstrapServers(), ex);
		}
		List<String> received = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "g-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
			consumer.subscribe(List.of(topic));
			// a KafkaConsumer belongs to one thread: poll in this one, back to back (poll waits up to 200 ms itself)
			Awaitility.await("a record on " + topic)
				.atMost(Duration.ofSeconds(30))
				.pollInSameThread()
				.pollInterval(Duration.ZERO)
				.until(() -> {
					for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
						received.add(record.key() + "=" + record.value());
					}
					return !received.isEmpty();
				});
		}
		assertThat(received).containsExactly("target-a=hello");
	}

	@Test
	void databaseUrlKeepsHostPortAndParameters() {
		assertThat(PostgresServer.withDatabase("jdbc:postgresql://127.0.0.1:5432/nixproc?sslmode=disable", "t1"))
			.isEqualTo("jdbc:postgresql://127.0.0.1:5432/t1?sslmode=disable");
		assertThat(PostgresServer.withDatabase("jdbc:postgresql://db:5433/postgres", "t2"))
			.isEqualTo("jdbc:postgresql://db:5433/t2");
		assertThatThrownBy(() -> PostgresServer.withDatabase("jdbc:mysql://x/y", "t"))
			.hasMessageContaining("NIXPROC_TEST_DB_URL");
	}

	@Test
	void anUnreachableBrokerFromTheEnvironmentIsNamedNotWaitedFor() {
		IntegrationServices services = new IntegrationServices(Map.of("NIXPROC_TEST_KAFKA_BOOTSTRAP", "127.0.0.1:1"));
		assertThatThrownBy(services::newKafka).hasMessageContaining("NIXPROC_TEST_KAFKA_BOOTSTRAP=127.0.0.1:1 is unreachable");
	}

	private static void execute(TestDatabase db, String... sql) throws SQLException {
		try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
			for (String statement : sql) {
				s.execute(statement);
			}
		}
	}

	private static List<String> tables(TestDatabase db) throws SQLException {
		List<String> names = new ArrayList<>();
		try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
			while (rs.next()) {
				names.add(rs.getString(1));
			}
		}
		return names;
	}

}
