package nixproc.coordinator.target;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import nixproc.events.MachineCapabilities;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads the registry that {@code AgentEventsConsumer} keeps. */
@Component
public class TargetRegistry {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final Liveness liveness;

	TargetRegistry(JdbcClient jdbc, JsonMapper json, @Value("${nixproc.coordinator.heartbeat-ttl:10s}") Duration ttl,
			@Value("${nixproc.coordinator.failover-grace:30s}") Duration failoverGrace) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = Clock.systemUTC();
		this.liveness = new Liveness(ttl, failoverGrace, clock.instant());
	}

	public List<TargetView> all() {
		return jdbc.sql("SELECT * FROM target ORDER BY name").query(this::view).list();
	}

	public Optional<TargetView> find(String name) {
		return jdbc.sql("SELECT * FROM target WHERE name = ?").param(name).query(this::view).optional();
	}

	private TargetView view(ResultSet rs, int row) throws SQLException {
		MachineCapabilities capabilities = json.readValue(rs.getString("capabilities"), MachineCapabilities.class);
		Instant lastSeen = rs.getTimestamp("last_seen").toInstant();
		return new TargetView(rs.getString("name"), liveness.online(lastSeen, clock.instant()), lastSeen,
				capabilities.processManagers(), capabilities.processManager(), capabilities.properties(), capabilities.nix(),
				rs.getLong("generation"), Optional.ofNullable(rs.getString("locked_by")), rs.getString("public_key"));
	}

}
