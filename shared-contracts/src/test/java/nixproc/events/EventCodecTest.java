package nixproc.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00Z");

	private static final Instant NOW = Instant.parse("2029-12-31T23:59:00Z");

	@Test
	void everyCommandTypeSurvivesItsEnvelope() {
		Mapping web = new Mapping("webapp1", 1, JSON.readTree("{\"process\":\"/bin/webapp\",\"daemonArgs\":[\"-D\"]}"),
				JSON.readTree("{\"port\":5000}"));
		Mapping proxy = new Mapping("nginx", 2, JSON.readTree("{\"foregroundProcess\":\"/usr/sbin/nginx\"}"),
				JSON.createObjectNode());
		List<Command> commands = List.of(new Lock("c1", "d1", "lock-alpha", 4, "alpha", EXPIRY, 300),
				new Unlock("c2", "d1", "unlock-alpha", 4, "alpha", EXPIRY),
				new Activate("c3", "d1", "wave-1", 4, "alpha", EXPIRY, List.of(web, proxy)),
				new Deactivate("c4", "d1", "wave-0", 4, "alpha", EXPIRY, List.of(web)),
				new Activate("c5", "d1", "wave-2", 4, "alpha", EXPIRY, List.of(web), OptionalInt.of(3)),
				new Deactivate("c6", "d1", "wave-3", 4, "alpha", EXPIRY, List.of(web), OptionalInt.of(1)));
		for (Command command : commands) {
			Envelope envelope = Envelope.parse(EventCodec.envelope(command, NOW).toJsonText());
			assertThat(envelope.type()).isEqualTo(command.getClass().getSimpleName());
			assertThat(envelope.key()).isEqualTo("alpha");
			assertThat(envelope.id()).isEqualTo(command.commandId());
			assertThat(EventCodec.command(envelope)).isEqualTo(command);
		}
		assertThat(EventCodec.commandTypes()).containsExactlyInAnyOrder(Lock.class, Unlock.class, Activate.class,
				Deactivate.class);
	}

	@Test
	void everyAgentEventTypeSurvivesItsEnvelope() {
		MachineCapabilities capabilities = new MachineCapabilities("host1", "Linux", "amd64",
				List.of(new ProcessManagerInfo("supervisord", "4.2.5")), "supervisord", false, Optional.empty(),
				Map.of("zone", "a"));
		MappingResult failed = new MappingResult("webapp1", false, Optional.of(3), "boom\n", Optional.of("tcp:5000"),
				120, 0);
		List<AgentEvent> events = List.of(new Registered("alpha", capabilities, "KEY", "0.1.0", NOW, 2),
				new Heartbeat("alpha", 2, Optional.of("d1"), Optional.of(EXPIRY), 17),
				new Heartbeat("alpha", 2, Optional.empty(), Optional.empty(), 17),
				new StepSucceeded("alpha", "c1", "d1", "s1", 3, StepKind.LOCK, List.of()),
				new StepFailed("alpha", "c3", "d1", "s3", 3, StepKind.ACTIVATE, "webapp1 failed", List.of(failed)),
				new ProcessFailed("alpha", "webapp1", 3, "exited with 1", Optional.empty(), "tail"),
				new CommandRejected("alpha", Optional.empty(), RejectionReason.MALFORMED, "not JSON", "t-0@4"));
		for (AgentEvent event : events) {
			Envelope envelope = Envelope.parse(EventCodec.envelope(event, NOW).toJsonText());
			assertThat(envelope.source()).isEqualTo("agent:alpha");
			assertThat(EventCodec.agentEvent(envelope)).isEqualTo(event);
		}
	}

	@Test
	void absentOptionalsAreLeftOutOfTheJson() {
		Envelope envelope = EventCodec.envelope(new Heartbeat("alpha", 2, Optional.empty(), Optional.empty(), 1), NOW);
		assertThat(envelope.payload().has("lockedBy")).isFalse();
		assertThat(envelope.payload().get("generation").asLong()).isEqualTo(2);
	}

	@Test
	void instantsAreIsoStrings() {
		Envelope envelope = EventCodec.envelope(new Unlock("c2", "d1", "s", 4, "alpha", EXPIRY), NOW);
		assertThat(envelope.payload().get("expiry").stringValue()).isEqualTo("2030-01-01T00:00:00Z");
		assertThat(envelope.toJson().get("time").stringValue()).isEqualTo("2029-12-31T23:59:00Z");
	}

	@Test
	void unknownTypeUnknownVersionAndBadPayloadsAreTold() {
		Envelope unlock = EventCodec.envelope(new Unlock("c2", "d1", "s", 4, "alpha", EXPIRY), NOW);
		Envelope snapshot = new Envelope("c9", "Snapshot", 1, NOW, "coordinator", "alpha", unlock.payload(),
				Optional.empty());
		assertThatThrownBy(() -> EventCodec.command(snapshot)).isInstanceOfSatisfying(EventFormatException.class,
				e -> assertThat(e.kind()).isEqualTo(EventFormatException.Kind.UNKNOWN_TYPE));
		Envelope v2 = new Envelope("c2", "Unlock", 2, NOW, "coordinator", "alpha", unlock.payload(), Optional.empty());
		assertThatThrownBy(() -> EventCodec.command(v2)).isInstanceOfSatisfying(EventFormatException.class,
				e -> assertThat(e.kind()).isEqualTo(EventFormatException.Kind.UNKNOWN_SCHEMA_VERSION));
		ObjectNode noTarget = (ObjectNode) unlock.payload().deepCopy();
		noTarget.remove("target");
		Envelope missing = new Envelope("c2", "Unlock", 1, NOW, "coordinator", "alpha", noTarget, Optional.empty());
		assertThatThrownBy(() -> EventCodec.command(missing)).isInstanceOfSatisfying(EventFormatException.class,
				e -> assertThat(e.kind()).isEqualTo(EventFormatException.Kind.MALFORMED))
			.hasMessageContaining("target: required");
		Envelope otherId = new Envelope("c3", "Unlock", 1, NOW, "coordinator", "alpha", unlock.payload(),
				Optional.empty());
		assertThatThrownBy(() -> EventCodec.command(otherId)).hasMessageContaining("differs from the envelope id");
	}

	@Test
	void newerSendersMayAddPayloadFields() {
		Envelope unlock = EventCodec.envelope(new Unlock("c2", "d1", "s", 4, "alpha", EXPIRY), NOW);
		ObjectNode extended = (ObjectNode) unlock.payload().deepCopy();
		extended.put("reason", "operator asked");
		Envelope envelope = new Envelope("c2", "Unlock", 1, NOW, "coordinator", "alpha", extended, Optional.empty());
		assertThat(EventCodec.command(envelope)).isEqualTo(EventCodec.command(unlock));
	}

	@Test
	void parallelismIsAnAdditiveFieldThatOlderJsonLacks() {
		Mapping web = new Mapping("webapp1", 1, JSON.readTree("{\"process\":\"/bin/webapp\"}"), JSON.createObjectNode());
		Envelope capped = EventCodec.envelope(new Activate("c5", "d1", "w", 4, "alpha", EXPIRY, List.of(web), OptionalInt.of(2)), NOW);
		assertThat(capped.payload().get("parallelism").asInt()).isEqualTo(2);
		// the agent's default is left out, so such a command reads and looks as one from before the field existed
		Envelope unset = EventCodec.envelope(new Deactivate("c6", "d1", "w", 4, "alpha", EXPIRY, List.of(web)), NOW);
		assertThat(unset.payload().has("parallelism")).isFalse();
		ObjectNode old = (ObjectNode) capped.payload().deepCopy();
		old.remove("parallelism");
		Envelope before = new Envelope("c5", "Activate", 1, NOW, "coordinator", "alpha", old, Optional.empty());
		assertThat(((Activate) EventCodec.command(before)).parallelism()).isEmpty();
		ObjectNode negative = (ObjectNode) capped.payload().deepCopy();
		negative.put("parallelism", -1);
		Envelope bad = new Envelope("c5", "Activate", 1, NOW, "coordinator", "alpha", negative, Optional.empty());
		assertThatThrownBy(() -> EventCodec.command(bad)).isInstanceOfSatisfying(EventFormatException.class,
				e -> assertThat(e.kind()).isEqualTo(EventFormatException.Kind.MALFORMED))
			.hasMessageContaining("parallelism: must be at least 1");
	}

}
