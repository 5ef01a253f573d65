package nixproc.coordinator.target;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import nixproc.events.Ed25519Keys;
import nixproc.model.Problem;
import nixproc.service.problem.ProblemException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Agent identities an admin manages (issue 17), besides trust on first use: enrol a target's key before its agent
 * first registers, replace the key of a target whose agent was re-installed or whose key leaked, forget a target. An
 * enrolled key is the only one the target's events are accepted with from then on.
 */
@Component
public class Enrolments {

	private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock = Clock.systemUTC();

	Enrolments(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/** What {@code PUT /api/v1/targets/{name}/key} answers. */
	public record EnrolledKey(String name, String publicKey, Instant enrolledAt, boolean registered) {
	}

	/** Enrols (or replaces) the key of {@code name}; 400 naming {@code /publicKey} when it is not an Ed25519 key. */
	@Transactional
	public EnrolledKey enrol(String name, String publicKey) {
		checkName(name);
		String encoded;
		try {
			encoded = Ed25519Keys.encode(Ed25519Keys.publicKey(publicKey));
		}
		catch (IllegalArgumentException e) {
			throw ProblemException.badRequest("/publicKey", e.getMessage());
		}
		Instant now = clock.instant();
		jdbc.sql("""
				INSERT INTO target_key (name, public_key, enrolled_at) VALUES (?, ?, ?)
				ON CONFLICT (name) DO UPDATE SET public_key = excluded.public_key, enrolled_at = excluded.enrolled_at""")
			.params(name, encoded, Timestamp.from(now))
			.update();
		boolean registered = jdbc.sql("UPDATE target SET public_key = ? WHERE name = ?").params(encoded, name).update() == 1;
		events.publishEvent(new TargetKeyChanged(name));
		return new EnrolledKey(name, encoded, now, registered);
	}

	/**
	 * Forgets {@code name}: its registration and any enrolled key; its agent's events are refused until it registers
	 * again. 409 while a deployment holds the target; empty when there was nothing to forget.
	 */
	@Transactional
	public Optional<String> forget(String name) {
		checkName(name);
		Optional<String> holder = jdbc.sql("SELECT deployment_id FROM target_lock WHERE target = ?")
			.param(name)
			.query(String.class)
			.optional();
		if (holder.isPresent()) {
			throw ProblemException.conflict("target " + name + " is locked by deployment " + holder.get(),
					List.of(new Problem("/name", name + " is held by " + holder.get())));
		}
		int removed = jdbc.sql("DELETE FROM target WHERE name = ?").param(name).update()
				+ jdbc.sql("DELETE FROM target_key WHERE name = ?").param(name).update();
		events.publishEvent(new TargetKeyChanged(name));
		return removed > 0 ? Optional.of(name) : Optional.empty();
	}

	/** The key an admin enrolled for {@code name}, if any (base64 X.509). */
	public Optional<String> enrolled(String name) {
		return jdbc.sql("SELECT public_key FROM target_key WHERE name = ?").param(name).query(String.class).optional();
	}

	private static void checkName(String name) {
		if (!TARGET.matcher(name).matches() || name.length() > 253) {
			throw ProblemException.badRequest("/name", "must match " + TARGET.pattern() + ", was " + name);
		}
	}

}
