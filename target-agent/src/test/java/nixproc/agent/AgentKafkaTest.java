package nixproc.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.agent.inbox.CommandPartition;
import nixproc.agent.state.StateStore;
import nixproc.events.CommandRejected;
import nixproc.events.Heartbeat;
import nixproc.events.Lock;
import nixproc.events.ProcessManagerInfo;
import nixproc.events.Registered;
import nixproc.events.RejectionReason;
import nixproc.events.StepFailed;
import nixproc.events.StepSucceeded;
import nixproc.events.Unlock;
import nixproc.testsupport.IntegrationServicesExtension;
import nixproc.testsupport.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static nixproc.agent.TestAgents.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Agents in this JVM against a real broker, driven by commands signed the way the coordinator signs them. */
@ExtendWith(IntegrationServicesExtension.class)
class AgentKafkaTest {

	@TempDir
	Path dirs;

	private TestKafka kafka;

	private TestCoordinator coordinator;

	private TestAgents agents;

	@BeforeEach
	void setUp(TestKafka kafka) {
		this.kafka = kafka;
		coordinator = new TestCoordinator(kafka.bootstrapServers(), kafka.namespace());
		agents = new TestAgents(kafka.bootstrapServers(), kafka.namespace(), coordinator.commands.publicKey(), dirs);
	}

	@AfterEach
	void tearDown() {
		agents.close();
		coordinator.close();
	}

	private static Instant inAMinute() {
		return Instant.now().plusSeconds(60);
	}

	@Test
	void registersWithItsCapabilitiesAndKeyThenHeartbeatsAllSignedByThatKey() throws Exception {
		agents.start("alpha");
		Registered registered = coordinator.await(Registered.class, r -> r.target().equals("alpha"), WAIT);
		assertThat(registered.publicKey())
			.isEqualTo(Files.readString(agents.stateDir("alpha").resolve("agent.pub")).strip());
		assertThat(registered.capabilities().processManagers()).extracting(ProcessManagerInfo::name)
			.contains("sysvinit");
		assertThat(registered.capabilities().processManager()).isEqualTo("sysvinit");
		assertThat(registered.capabilities().properties()).containsEntry("zone", "test").containsKey("hostname");
		assertThat(registered.capabilities().os()).isEqualTo(System.getProperty("os.name"));
		// TestCoordinator verifies every event against the registered key; two heartbeats at 1 s
		coordinator.await(Heartbeat.class, h -> h.uptimeSeconds() >= 1, WAIT);
		assertThat(coordinator.received()).extracting(e -> e.type()).contains("Registered", "Heartbeat");
	}

	@Test
	void theAgentReadsThePartitionTheProducerChoseForItsTarget() {
		for (String target : List.of("alpha", "beta", "gamma", "test1", "machine-42", "ß-host")) {
			int chosen = coordinator.sendRaw(target, "{}").partition();
			assertThat(CommandPartition.of(target, TestCoordinator.COMMAND_PARTITIONS)).as(target).isEqualTo(chosen);
		}
	}

	@Test
	void aSecondDeploymentCannotLockATargetTheFirstHoldsButLocksAnother() {
		agents.start("alpha");
		agents.start("beta");
		Lock first = TestCommands.lock("alpha", "d1", inAMinute());
		coordinator.send(first);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(first.commandId()), WAIT);
		Lock contender = TestCommands.lock("alpha", "d2", inAMinute());
		coordinator.send(contender);
		StepFailed refused = coordinator.await(StepFailed.class, s -> s.commandId().equals(contender.commandId()),
				WAIT);
		assertThat(refused.reason()).contains("locked by deployment d1");
		Lock other = TestCommands.lock("beta", "d2", inAMinute());
		coordinator.send(other);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(other.commandId()) && s.target().equals("beta"),
				WAIT);
		coordinator.await(Heartbeat.class, h -> h.target().equals("alpha") && h.lockedBy().equals(Optional.of("d1")),
				WAIT);
		coordinator.await(Heartbeat.class, h -> h.target().equals("beta") && h.lockedBy().equals(Optional.of("d2")),
				WAIT);
	}

	@Test
	void unsignedForgedExpiredReplayedAndMisaddressedCommandsAreRejectedAndChangeNothing() throws Exception {
		Agent alpha = agents.start("alpha");
		Lock lock = TestCommands.lock("alpha", "d1", inAMinute());
		coordinator.send(lock);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(lock.commandId()), WAIT);
		String before = Files.readString(agents.stateDir("alpha").resolve("state.json"));

		Unlock unsigned = TestCommands.unlock("alpha", "d1", inAMinute());
		RecordMetadata unsignedRecord = coordinator.sendRaw("alpha",
				nixproc.events.EventCodec.envelope(unsigned, Instant.now()).toJsonText());
		Unlock forged = TestCommands.unlock("alpha", "d1", inAMinute());
		RecordMetadata forgedRecord = coordinator.sendRaw("alpha", new TestCommands().signedText(forged, Instant.now()));
		Unlock expired = TestCommands.unlock("alpha", "d1", Instant.now().minusSeconds(1));
		coordinator.send(expired);
		Unlock misaddressed = TestCommands.unlock("beta", "d1", inAMinute());
		RecordMetadata misaddressedRecord = coordinator.sendRaw("alpha",
				coordinator.commands.signedText(misaddressed, Instant.now()));
		coordinator.send(lock);

		// refusals of records that are not the coordinator's commands for alpha name no command id (#17): their
		// writer chose it; they name the record instead
		assertThat(rejectionOf(unsignedRecord)).isEqualTo(RejectionReason.UNSIGNED);
		assertThat(rejectionOf(forgedRecord)).isEqualTo(RejectionReason.BAD_SIGNATURE);
		assertThat(reason(expired.commandId())).isEqualTo(RejectionReason.EXPIRED);
		assertThat(rejectionOf(misaddressedRecord)).isEqualTo(RejectionReason.OTHER_TARGET);
		assertThat(reason(lock.commandId())).isEqualTo(RejectionReason.REPLAYED);
		assertThat(Files.readString(agents.stateDir("alpha").resolve("state.json"))).isEqualTo(before);
		assertThat(alpha.state().lockAt(Instant.now()).orElseThrow().deploymentId()).isEqualTo("d1");
		// unparseable and unverifiable records are dead letters; late or repeated valid ones are not
		assertThat(coordinator.awaitDeadLetters(3, WAIT)).extracting(r -> TestCoordinator.header(r, "nixproc.reason"))
			.anyMatch(r -> r.startsWith("UNSIGNED"))
			.anyMatch(r -> r.startsWith("BAD_SIGNATURE"))
			.anyMatch(r -> r.startsWith("OTHER_TARGET"))
			.hasSize(3);
	}

	/** The refusal of the record, which must name no command id. */
	private RejectionReason rejectionOf(RecordMetadata record) {
		String coordinates = record.topic() + "-" + record.partition() + "@" + record.offset();
		CommandRejected rejected = coordinator.await(CommandRejected.class, r -> r.record().equals(coordinates), WAIT);
		assertThat(rejected.commandId()).as("command id of the refusal of %s", coordinates).isEmpty();
		return rejected.reason();
	}

	private RejectionReason reason(String commandId) {
		return coordinator.await(CommandRejected.class, r -> r.commandId().equals(Optional.of(commandId)), WAIT)
			.reason();
	}

	@Test
	void aMalformedRecordGoesToTheDeadLetterTopicAndTheAgentKeepsConsuming() {
		agents.start("alpha");
		coordinator.sendRaw("alpha", "{\"id\": 1, oops");
		coordinator.sendRaw("alpha", "[]");
		Lock lock = TestCommands.lock("alpha", "d1", inAMinute());
		coordinator.send(lock);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(lock.commandId()), WAIT);
		assertThat(coordinator.received().stream()
			.filter(e -> e.type().equals("CommandRejected"))
			.map(e -> (CommandRejected) nixproc.events.EventCodec.agentEvent(e))
			.map(CommandRejected::reason)).containsExactly(RejectionReason.MALFORMED, RejectionReason.MALFORMED);
		var dead = coordinator.awaitDeadLetters(2, WAIT);
		assertThat(dead).extracting(r -> r.value()).containsExactly("{\"id\": 1, oops", "[]");
		assertThat(dead).allSatisfy(r -> {
			assertThat(r.key()).isEqualTo("alpha");
			assertThat(TestCoordinator.header(r, "nixproc.record")).startsWith(coordinator.commandsTopic() + "-");
		});
	}

	@Test
	void commandsForAnotherTargetOnTheSamePartitionAreIgnored() {
		int partition = CommandPartition.of("alpha", TestCoordinator.COMMAND_PARTITIONS);
		String neighbour = java.util.stream.IntStream.range(0, 1000)
			.mapToObj(i -> "neighbour-" + i)
			.filter(t -> CommandPartition.of(t, TestCoordinator.COMMAND_PARTITIONS) == partition)
			.findFirst()
			.orElseThrow();
		agents.start("alpha");
		Lock theirs = TestCommands.lock(neighbour, "d1", inAMinute());
		assertThat(coordinator.send(theirs).partition()).isEqualTo(partition);
		Lock ours = TestCommands.lock("alpha", "d1", inAMinute());
		coordinator.send(ours);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(ours.commandId()), WAIT);
		assertThat(coordinator.received()).noneMatch(e -> e.payload().toString().contains(theirs.commandId()));
	}

	@Test
	void aRestartedAgentKeepsItsLockKeyAndSeenIdsAndARedeliveryGetsTheSameAnswer() throws Exception {
		Agent alpha = agents.start("alpha");
		Registered first = coordinator.await(Registered.class, r -> true, WAIT);
		Lock lock = TestCommands.lock("alpha", "d1", inAMinute());
		long offset = coordinator.send(lock).offset();
		var answer = coordinator.awaitEnvelope(StepSucceeded.class, s -> s.commandId().equals(lock.commandId()), WAIT);
		agents.stop(alpha);

		// as if the agent had died after answering but before committing: the record comes again
		TopicPartition partition = new TopicPartition(coordinator.commandsTopic(),
				CommandPartition.of("alpha", TestCoordinator.COMMAND_PARTITIONS));
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			admin.alterConsumerGroupOffsets("nixproc-agent-alpha", Map.of(partition, new OffsetAndMetadata(offset)))
				.all()
				.get();
		}
		int before = coordinator.received().size();
		Agent restarted = agents.start("alpha");
		assertThat(restarted.state()).isEqualTo(new StateStore(agents.stateDir("alpha")).load());
		coordinator.await(Registered.class, r -> r.publicKey().equals(first.publicKey()) && r.startedAt().isAfter(
				first.startedAt()), WAIT);
		// the same answer: the same event id and the same bytes, so the coordinator's dedup drops it
		org.awaitility.Awaitility.await()
			.atMost(WAIT)
			.until(() -> coordinator.received()
				.subList(before, coordinator.received().size())
				.stream()
				.anyMatch(e -> e.id().equals(answer.envelope().id())));
		var again = coordinator.received()
			.subList(before, coordinator.received().size())
			.stream()
			.filter(e -> e.id().equals(answer.envelope().id()))
			.findFirst()
			.orElseThrow();
		assertThat(again.toJsonText()).isEqualTo(answer.envelope().toJsonText());

		coordinator.send(lock);
		assertThat(reason(lock.commandId())).isEqualTo(RejectionReason.REPLAYED);
		Lock contender = TestCommands.lock("alpha", "d2", inAMinute());
		coordinator.send(contender);
		assertThat(coordinator.await(StepFailed.class, s -> s.commandId().equals(contender.commandId()), WAIT).reason())
			.contains("locked by deployment d1");
	}

	@Test
	void activationIsRefusedPlainlyWhileThisBuildHasNoDriver() {
		agents.start("alpha");
		Lock lock = TestCommands.lock("alpha", "d1", inAMinute());
		coordinator.send(lock);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(lock.commandId()), WAIT);
		var activate = TestCommands.activate("alpha", "d1", inAMinute());
		coordinator.send(activate);
		StepFailed failed = coordinator.await(StepFailed.class, s -> s.commandId().equals(activate.commandId()), WAIT);
		assertThat(failed.reason()).startsWith("activation not available in this build");
		assertThat(failed.kind()).isEqualTo(nixproc.events.StepKind.ACTIVATE);
	}


}
