package nixproc.service.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports DOWN, naming the bootstrap address, while the broker cannot be reached. It belongs to the readiness group:
 * a service without its broker keeps running (what it already committed stays safe in its outbox) but takes no
 * traffic.
 */
public final class KafkaReachabilityHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

	private final String bootstrapServers;

	private final Duration timeout;

	private final Admin admin;

	public KafkaReachabilityHealthIndicator(String bootstrapServers, Duration timeout) {
		this(bootstrapServers, Map.of(), timeout);
	}

	/** @param security the client properties that authenticate the service ({@code spring.kafka.properties}) */
	public KafkaReachabilityHealthIndicator(String bootstrapServers, Map<String, String> security, Duration timeout) {
		super("Kafka health check failed");
		this.bootstrapServers = bootstrapServers;
		this.timeout = timeout;
		int millis = (int) timeout.toMillis();
		Map<String, Object> config = new HashMap<>(security);
		config.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
				AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, millis,
				AdminClientConfig.CLIENT_ID_CONFIG, "nixproc-health"));
		this.admin = Admin.create(config);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
		try {
			String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			int brokers = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
			builder.up().withDetail("bootstrapServers", bootstrapServers).withDetail("clusterId", clusterId)
				.withDetail("brokers", brokers);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			builder.down().withDetail("bootstrapServers", bootstrapServers).withDetail("error", "interrupted");
		}
		catch (ExecutionException | TimeoutException ex) {
			Throwable cause = ex instanceof ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
			builder.down().withDetail("bootstrapServers", bootstrapServers)
				.withDetail("error", "Kafka broker at " + bootstrapServers + " unreachable within " + timeout.toMillis()
						+ " ms: " + cause.getClass().getSimpleName());
		}
	}

	@Override
	public void close() {
		admin.close(Duration.ofSeconds(1));
	}

}
