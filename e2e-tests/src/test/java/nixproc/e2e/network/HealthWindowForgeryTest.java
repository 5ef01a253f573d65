package nixproc.e2e.network;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

import nixproc.agent.state.AgentKeys;
import nixproc.events.Envelope;
import nixproc.events.EnvelopeSigner;
import nixproc.events.EventCodec;
import nixproc.events.ProcessFailed;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static nixproc.e2e.network.DeploymentEndToEndTest.RUN;
import static nixproc.e2e.network.DeploymentEndToEndTest.model;
import static nixproc.e2e.network.HealthWindowTest.withHealthWindow;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17 item 7: a {@code ProcessFailed} rolls the network back only when it is about a mapping the committed
 * deployment changed, of that generation, seen inside its window, and once per event. Each record below is signed
 * with the real agent's key, as a replay of an agent's own event or a confused agent's would be; before, any of them
 * rolled the network back.
 */
class HealthWindowForgeryTest extends CoordinatorWithAgents {

	@Test // #17
	void processFailedAboutAnUntouchedServiceAnOldGenerationOrFromBeforeTheDeploymentRollsNothingBack()
			throws Exception {
		startAgents("alpha", "beta");
		Api api = api();
		assertThat(api.finished(api.deploy(withHealthWindow(model("exec sleep " + RUN + "2"), 600))).get("status")
			.asString()).isEqualTo("COMMITTED");
		// generation 2 changes the client on beta only; the server on alpha is untouched
		assertThat(api.finished(api.deploy(withHealthWindow(model("exec sleep " + RUN + "3"), 600))).get("status")
			.asString()).isEqualTo("COMMITTED");

		Instant now = Instant.now();
		send("alpha", "pf-untouched-" + RUN, new ProcessFailed("alpha", "server", 2, "exited", Optional.empty(), ""),
				now);
		send("beta", "pf-old-generation-" + RUN, new ProcessFailed("beta", "client", 1, "exited", Optional.empty(), ""),
				now);
		send("beta", "pf-before-" + RUN, new ProcessFailed("beta", "client", 2, "exited", Optional.empty(), ""),
				now.minus(Duration.ofHours(1)));
		send("beta", "pf-unknown-" + RUN, new ProcessFailed("beta", "nosuch", 2, "exited", Optional.empty(), ""), now);
		Awaitility.await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12))
			.until(() -> api.get("/api/v1/generations").size() == 2 && api.get("/api/v1/deployments").size() == 2);

		// the real thing: the changed client of generation 2 fails inside the window, reported twice (a redelivery)
		String failure = send("beta", "pf-real-" + RUN,
				new ProcessFailed("beta", "client", 2, "exited", Optional.empty(), ""), Instant.now());
		Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
			.until(() -> api.get("/api/v1/generations").size() == 3
					&& api.get("/api/v1/deployments").get(0).get("status").asString().equals("COMMITTED"));
		DeploymentEndToEndTest.send(kafka, "nixproc.agent-events", "beta", failure);
		Awaitility.await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
			.until(() -> api.get("/api/v1/deployments").size() == 3);
		assertThat(api.get("/api/v1/generations/3").get("manifest"))
			.isEqualTo(api.get("/api/v1/generations/1").get("manifest"));
	}

	/** Sends the event signed with the target's real key, with the given envelope id and time; returns the record. */
	String send(String target, String id, ProcessFailed event, Instant time) {
		Envelope template = EventCodec.envelope(event, time);
		Envelope envelope = new Envelope(id, template.type(), template.schemaVersion(), time, template.source(),
				template.key(), template.payload(), Optional.empty());
		String text = new EnvelopeSigner(AgentKeys.loadOrCreate(agents.stateDir(target)).getPrivate()).sign(envelope)
			.toJsonText();
		Properties p = new Properties();
		p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(kafka.topic("nixproc.agent-events"), target, text)).get();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
		return text;
	}

}
