package nixproc.e2e.network;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import nixproc.agent.state.AgentKeys;
import nixproc.events.Activate;
import nixproc.events.AgentEvent;
import nixproc.events.Command;
import nixproc.events.CommandRejected;
import nixproc.events.Deactivate;
import nixproc.events.Ed25519Keys;
import nixproc.events.Envelope;
import nixproc.events.EnvelopeSigner;
import nixproc.events.EventCodec;
import nixproc.events.Lock;
import nixproc.events.Mapping;
import nixproc.events.RejectionReason;
import nixproc.events.StepFailed;
import nixproc.events.StepKind;
import nixproc.events.Unlock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static nixproc.e2e.network.DeploymentEndToEndTest.JSON;
import static nixproc.e2e.network.DeploymentEndToEndTest.RUN;
import static nixproc.e2e.network.DeploymentEndToEndTest.model;
import static nixproc.e2e.network.DeploymentEndToEndTest.sleeper;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17 item 3, the attack that worked on a real ensemble: an anonymous Kafka client writes records carrying a
 * running deployment's predictable command ids ({@code <deployment>/p<phase>-<kind>-<target>}) to the command topic,
 * unsigned or signed with a stranger's key, before the coordinator's own commands. The agents refuse them; their
 * refusals must not count as the answer to the real step (the first answer wins), so the deployment commits as if
 * nothing had happened, and nothing the forged activations name is run.
 */
class PoisonedRepliesTest extends CoordinatorWithAgents {

	@Test // #17
	void forgedRecordsWithADeploymentsCommandIdsDoNotChangeItsOutcome() throws Exception {
		startAgents("alpha", "beta");
		Api api = api();
		Path marker = dirs.resolve("forged-" + RUN);
		JsonNode body = model("exec sleep " + RUN + "2");
		((ObjectNode) body.get("options")).put("stepTimeoutSeconds", 8);

		String id = api.deploy(body);
		int forged = forgeCommandsFor(id, marker);
		int refusals = signedRefusalsOf(id);

		JsonNode deployment = api.finished(id);
		assertThat(deployment.get("status").asString()).as(deployment.toString()).isEqualTo("COMMITTED");
		assertThat(api.get("/api/v1/generations").size()).isEqualTo(1);
		assertThat(sleeper(RUN + "1")).isPresent();
		assertThat(sleeper(RUN + "2")).isPresent();
		assertThat(marker).as("a forged activation ran").doesNotExist();
		assertThat(forged).isEqualTo(2 * 2 * 4 * 8);
		System.out.println("ADVERSARIAL poisoned: " + forged + " forged commands and " + refusals
				+ " signed answers about unverified or other targets' commands; outcome COMMITTED, nothing run");
	}

	/**
	 * Answers signed with the agents' real keys that must not count either: alpha refusing records as unsigned, or
	 * as another target's, with the ids of its steps (what an agent of before the fix sent), and beta failing
	 * alpha's steps (a compromised agent may speak for itself only). Returns how many were sent.
	 */
	static int signedRefusalsOf(String deploymentId) throws Exception {
		EnvelopeSigner alpha = new EnvelopeSigner(AgentKeys.loadOrCreate(agents.stateDir("alpha")).getPrivate());
		EnvelopeSigner beta = new EnvelopeSigner(AgentKeys.loadOrCreate(agents.stateDir("beta")).getPrivate());
		Properties p = new Properties();
		p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		int sent = 0;
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
				new StringSerializer())) {
			for (int phase = 0; phase < 8; phase++) {
				for (StepKind kind : StepKind.values()) {
					String step = "p" + phase + "-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-alpha";
					String commandId = deploymentId + "/" + step;
					List<AgentEvent> fromAlpha = List.of(
							new CommandRejected("alpha", Optional.of(commandId), RejectionReason.UNSIGNED, "forged",
									"commands-0@0"),
							new CommandRejected("alpha", Optional.of(commandId), RejectionReason.BAD_SIGNATURE,
									"forged", "commands-0@0"));
					List<AgentEvent> fromBeta = List.of(
							new StepFailed("beta", commandId, deploymentId, step, 1, kind, "poisoned", List.of()),
							new CommandRejected("beta", Optional.of(commandId), RejectionReason.OTHER_TARGET,
									"copied", "commands-0@0"));
					for (AgentEvent event : fromAlpha) {
						producer.send(new ProducerRecord<>(kafka.topic("nixproc.agent-events"), "alpha",
								alpha.sign(EventCodec.envelope(event, Instant.now())).toJsonText()));
						sent++;
					}
					for (AgentEvent event : fromBeta) {
						producer.send(new ProducerRecord<>(kafka.topic("nixproc.agent-events"), "beta",
								beta.sign(EventCodec.envelope(event, Instant.now())).toJsonText()));
						sent++;
					}
				}
			}
			producer.flush();
		}
		return sent;
	}

	/**
	 * For every target, every step kind and phases 0–7: the command the coordinator would send, as an unsigned record
	 * and signed with a stranger's key; activations run {@code touch marker}. Returns how many records were sent.
	 */
	static int forgeCommandsFor(String deploymentId, Path marker) throws Exception {
		EnvelopeSigner stranger = new EnvelopeSigner(Ed25519Keys.generate().getPrivate());
		JsonNode process = JSON.readTree("{\"foregroundProcess\": \"/bin/sh\", \"foregroundProcessArgs\": [\"-c\", "
				+ "\"touch " + marker + "; exec sleep 600\"]}");
		List<Mapping> mappings = List.of(new Mapping("client", 0, process, JSON.createObjectNode()));
		Instant expiry = Instant.now().plusSeconds(600);
		List<Command> commands = new ArrayList<>();
		for (String target : List.of("alpha", "beta")) {
			for (int phase = 0; phase < 8; phase++) {
				String lock = "p" + phase + "-lock-" + target;
				String unlock = "p" + phase + "-unlock-" + target;
				String activate = "p" + phase + "-activate-" + target;
				String deactivate = "p" + phase + "-deactivate-" + target;
				commands.add(new Lock(deploymentId + "/" + lock, deploymentId, lock, 1, target, expiry, 600));
				commands.add(new Unlock(deploymentId + "/" + unlock, deploymentId, unlock, 1, target, expiry));
				commands.add(new Activate(deploymentId + "/" + activate, deploymentId, activate, 1, target, expiry,
						mappings));
				commands.add(new Deactivate(deploymentId + "/" + deactivate, deploymentId, deactivate, 1, target,
						expiry, mappings));
			}
		}
		Properties p = new Properties();
		p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		int sent = 0;
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
				new StringSerializer())) {
			for (Command command : commands) {
				Envelope unsigned = EventCodec.envelope(command, Instant.now());
				for (Envelope record : List.of(unsigned, stranger.sign(unsigned))) {
					producer.send(new ProducerRecord<>(kafka.topic("nixproc.commands"), command.target(),
							record.toJsonText()));
					sent++;
				}
			}
			producer.flush();
		}
		return sent;
	}

}
