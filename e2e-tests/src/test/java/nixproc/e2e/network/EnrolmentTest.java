package nixproc.e2e.network;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.events.AgentEvent;
import nixproc.events.Ed25519Keys;
import nixproc.events.EnvelopeSigner;
import nixproc.events.EventCodec;
import nixproc.events.Heartbeat;
import nixproc.events.MachineCapabilities;
import nixproc.events.Registered;
import nixproc.service.ApiClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17 item 8: agent identities an admin manages. A target enrolled before its agent registers cannot be taken by
 * a stranger who registers first (trust on first use alone let it); an admin re-keys a target and forgets one; a
 * deployer may do neither.
 */
class EnrolmentTest extends CoordinatorWithAgents {

	@Test // #17
	void anEnrolledTargetIsHeardOnlyWithItsKeyAndAnAdminReKeysAndForgetsIt() {
		Api api = api();
		ApiClient client = new ApiClient(port);
		KeyPair agent = Ed25519Keys.generate();
		KeyPair stranger = Ed25519Keys.generate();
		String body = "{\"publicKey\": \"" + Ed25519Keys.encode(agent.getPublic()) + "\"}";

		assertThat(client.send("PUT", "/api/v1/targets/gamma/key", ApiClient.DEPLOYER, body).status()).isEqualTo(403);
		ApiClient.Response bad = client.send("PUT", "/api/v1/targets/gamma/key", Api.TOKEN, "{\"publicKey\": \"bm9w\"}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.pointer()).isEqualTo("/publicKey");
		ApiClient.Response enrolled = client.send("PUT", "/api/v1/targets/gamma/key", Api.TOKEN, body);
		assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);

		// a stranger registers gamma first: refused; the enrolled agent then registers
		send(registered("gamma", stranger), stranger);
		Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !listed(api, "gamma"));
		send(registered("gamma", agent), agent);
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> listed(api, "gamma"));
		assertThat(key(api, "gamma")).isEqualTo(Ed25519Keys.encode(agent.getPublic()));

		// re-key: the new key is the one; forget: the target is gone, and a heartbeat does not bring it back
		KeyPair next = Ed25519Keys.generate();
		client.send("PUT", "/api/v1/targets/gamma/key", Api.TOKEN,
				"{\"publicKey\": \"" + Ed25519Keys.encode(next.getPublic()) + "\"}");
		assertThat(key(api, "gamma")).isEqualTo(Ed25519Keys.encode(next.getPublic()));
		assertThat(client.send("DELETE", "/api/v1/targets/gamma", ApiClient.DEPLOYER, null).status()).isEqualTo(403);
		assertThat(client.send("DELETE", "/api/v1/targets/gamma", Api.TOKEN, null).status()).isEqualTo(204);
		assertThat(client.send("DELETE", "/api/v1/targets/gamma", Api.TOKEN, null).status()).isEqualTo(404);
		send(new Heartbeat("gamma", 0, Optional.empty(), Optional.empty(), 1), next);
		Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !listed(api, "gamma"));
	}

	static Registered registered(String target, KeyPair keys) {
		return new Registered(target, new MachineCapabilities("test", "linux", "x86_64", List.of(), "sysvinit", false,
				Optional.empty(), Map.of()), Ed25519Keys.encode(keys.getPublic()), "x", Instant.now(), 0);
	}

	static void send(AgentEvent event, KeyPair keys) {
		DeploymentEndToEndTest.send(kafka, "nixproc.agent-events", event.target(),
				new EnvelopeSigner(keys.getPrivate()).sign(EventCodec.envelope(event, Instant.now())).toJsonText());
	}

	static boolean listed(Api api, String target) {
		List<String> names = new ArrayList<>();
		api.get("/api/v1/targets").forEach(t -> names.add(t.get("name").asString()));
		return names.contains(target);
	}

	static String key(Api api, String target) {
		for (JsonNode t : api.get("/api/v1/targets")) {
			if (t.get("name").asString().equals(target)) {
				return t.get("publicKey").asString();
			}
		}
		return "";
	}

}
