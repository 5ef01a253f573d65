package nixproc.e2e.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import nixproc.coordinator.keys.CoordinatorKeys;
import nixproc.testsupport.IntegrationServices;
import nixproc.testsupport.TestDatabase;
import nixproc.testsupport.TestKafka;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole ensemble with its real pieces (issue 9 item 7): PostgreSQL and Kafka from test-support; id-service and
 * model-service as separate JVMs from their Boot jars; the coordinator; three unprivileged agents with sysvinit (alpha,
 * in the test JVM), supervisord (beta, in the test JVM) and s6 (gamma, a process of its own). The seed's webapps
 * example goes through model-service as a revision, its ports come from id-service, the webapps run on alpha and beta
 * and nginx on gamma routes to them by Host header. Then, in order: changing one webapp restarts only it and nginx; a
 * webapp whose port is taken rolls the whole network back with the previous generation still serving;
 * {@code POST /rollback} and a {@code RollbackRequested} event each bring back the generation before; an agent killed
 * mid-deployment times its step out and the network is rolled back; a coordinator restarted mid-transition resumes
 * the deployment and commits it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworkEndToEndTest {

	static final JsonMapper JSON = Api.JSON;

	/** Put into every webapp's environment: how the clean-up finds them, whichever manager started them. */
	static final String RUN = Long.toString(100_000 + ThreadLocalRandom.current().nextInt(800_000));

	/** A port range of this run's own, below Linux's ephemeral ports. */
	static final int BASE = 20_000 + 10 * ThreadLocalRandom.current().nextInt(1_200);

	static final int WEBAPP_PORTS_MAX = BASE + 7;

	static final Duration STEP = Duration.ofSeconds(120);

	static final Map<String, String> MANAGERS = Map.of("alpha", "sysvinit", "beta", "supervisord", "gamma", "s6-rc");

	@TempDir
	static Path dirs;

	static final List<AutoCloseable> running = new ArrayList<>();

	static ConfigurableApplicationContext coordinator;

	static TestDatabase coordinatorDatabase;

	static Map<String, Object> coordinatorSettings;

	static Api api;

	static Api ids;

	static Api models;

	static InProcessAgents agents;

	static TestKafka kafka;

	/** gamma's agent runs as a process of its own, so that it can be killed with SIGKILL. */
	static Process gamma;

	static String webapp;

	@BeforeAll
	static void startTheEnsemble() throws Exception {
		webapp = webappLauncher();
		kafka = IntegrationServices.get().newKafka();
		DeploymentEndToEndTest.createTopics(kafka);
		ServiceProcess idService = service("id-service");
		ServiceProcess modelService = service("model-service");
		// side by side: each takes tens of seconds to start on a busy machine
		idService.awaitReady(Duration.ofSeconds(180));
		modelService.awaitReady(Duration.ofSeconds(180));
		ids = api(idService);
		models = api(modelService);
		coordinatorDatabase = IntegrationServices.get().newDatabase();
		coordinatorSettings = Map.of("nixproc.coordinator.id-service-url", idService.url(),
				"nixproc.coordinator.model-service-url", modelService.url(), "nixproc.coordinator.service-token",
				Api.TOKEN, "nixproc.coordinator.lease", "3s");
		startCoordinator();
		agents = new InProcessAgents(kafka.bootstrapServers(), kafka.namespace(),
				coordinator.getBean(CoordinatorKeys.class).publicKey(), dirs.resolve("agents"));
		agents.start("alpha", "sysvinit");
		agents.start("beta", "supervisord");
		gamma = agents.startProcess("gamma", "s6-rc");
		running.add(() -> gamma.destroyForcibly());
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
			List<String> online = new ArrayList<>();
			api.get("/api/v1/targets").forEach(t -> {
				if (t.get("online").asBoolean()) {
					online.add(t.get("name").asString());
				}
			});
			return online.containsAll(MANAGERS.keySet());
		});
		// an agent that did not find its manager would fail every activation: say so here, not as a rollback
		api.get("/api/v1/targets").forEach(t -> {
			List<String> found = new ArrayList<>();
			t.get("processManagers").forEach(m -> found.add(m.get("name").asString()));
			assertThat(found).as("process managers %s reports", t.get("name").asString())
				.contains(MANAGERS.get(t.get("name").asString()));
		});
		// no pool is imported here: the coordinator gives id-service the pools the models declare
		assertThat(ids.get("/api/v1/pools").size()).isZero();
	}

	@AfterAll
	static void stopEverything() {
		try {
			if (agents != null) {
				agents.close();
			}
			if (coordinator != null) {
				coordinator.close();
			}
		}
		finally {
			// whatever the agents started (webapps, nginx, supervisord, s6-svscan and its supervisors) is ours to stop
			killOurProcesses();
			for (AutoCloseable service : running) {
				try {
					service.close();
				}
				catch (Exception e) {
					System.err.println("cannot stop " + service + ": " + e);
				}
			}
		}
	}

	@Test
	@Order(1)
	void deploysTheWebappsAcrossThreeProcessManagersChangesOneRollsBackATakenPortAndRollsBackOnRequest()
			throws Exception {
		JsonNode first = deploy(Map.of("webapp1", "alpha", "webapp2", "beta"), Map.of());
		assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("COMMITTED");
		// the model's idResources were created in id-service by the deployment's IDs step
		assertThat(ids.get("/api/v1/pools/webappPorts").get("max").asInt()).isEqualTo(WEBAPP_PORTS_MAX);
		assertThat(ids.get("/api/v1/pools/nginxPorts").get("min").asInt()).isEqualTo(BASE + 8);
		int nginxPort = port("nginxPorts", "nginx");
		assertServing(nginxPort, "webapp1", "webapp2");
		long webapp1 = pid("alpha", "webapp1");
		long webapp2 = pid("beta", "webapp2");
		long nginx = pid("gamma", "nginx-master");
		assertThat(version(webapp2)).isEqualTo("1");

		// planned first: rendered with the ports id-service holds, webapp1 stays and webapp2 (and nginx) change
		JsonNode plan = api.post("/api/v1/plan", request(Map.of("webapp1", "alpha", "webapp2", "beta"),
				Map.of("webapp2", "2"), STEP, true, idResources())).retrieve().body(JsonNode.class);
		assertThat(plan.toString()).as(plan.toString()).contains("webapp1@alpha");
		assertThat(plan.get("untouched").toString()).contains("webapp1@alpha").doesNotContain("webapp2@beta");

		// a new version of webapp2, sent inline: it restarts, and nginx, whose hash covers its dependencies', with it
		JsonNode second = deploy(Map.of("webapp1", "alpha", "webapp2", "beta"), Map.of("webapp2", "2"), true);
		assertThat(second.get("status").asString()).as(second.toString()).isEqualTo("COMMITTED");
		// the inline models went through model-service first: the deployment names the revision stored there
		String stored = second.get("revisionId").asString();
		assertThat(stored).isNotBlank().isNotEqualTo(first.get("revisionId").asString());
		assertThat(models.get("/api/v1/revisions/" + stored).get("canonical").get("services").has("webapp2")).isTrue();
		assertThat(steps(second)).containsExactlyInAnyOrder("DEACTIVATE gamma [nginx]", "DEACTIVATE beta [webapp2]",
				"ACTIVATE beta [webapp2]", "ACTIVATE gamma [nginx]");
		assertServing(nginxPort, "webapp1", "webapp2");
		assertThat(pid("alpha", "webapp1")).isEqualTo(webapp1);
		assertThat(pid("beta", "webapp2")).isNotEqualTo(webapp2);
		assertThat(pid("gamma", "nginx-master")).isNotEqualTo(nginx);
		assertThat(version(pid("beta", "webapp2"))).isEqualTo("2");
		webapp2 = pid("beta", "webapp2");
		nginx = pid("gamma", "nginx-master");

		// webapp3 on alpha gets a port of webappPorts: every free one is taken here, so it cannot listen
		JsonNode third;
		List<ServerSocket> taken = takeFreePorts(BASE, WEBAPP_PORTS_MAX);
		try {
			third = deploy(Map.of("webapp1", "alpha", "webapp2", "beta", "webapp3", "alpha"), Map.of("webapp2", "2"));
		}
		finally {
			for (ServerSocket socket : taken) {
				socket.close();
			}
		}
		assertThat(third.get("status").asString()).as(third.toString()).isEqualTo("ROLLED_BACK");
		assertThat(third.get("error").asString()).contains("webapp3");
		assertThat(taken).extracting(ServerSocket::getLocalPort).contains(port("webappPorts", "webapp3"));
		// generation 2 serves on, webapp3 is unknown to the restored nginx
		assertThat(api.get("/api/v1/generations").size()).isEqualTo(2);
		assertServing(nginxPort, "webapp1", "webapp2");
		assertThat(curl(nginxPort, "webapp3.local")).contains("unavailable");
		assertThat(pid("alpha", "webapp1")).isEqualTo(webapp1);
		assertThat(pid("beta", "webapp2")).isEqualTo(webapp2);
		assertThat(alive(pid("gamma", "nginx-master"))).isTrue();

		// POST /rollback: generation 3 is generation 1 again (webapp2 version 1)
		JsonNode back = api.finished(rollback());
		assertThat(back.get("status").asString()).as(back.toString()).isEqualTo("COMMITTED");
		assertServing(nginxPort, "webapp1", "webapp2");
		assertThat(version(pid("beta", "webapp2"))).isEqualTo("1");
		assertThat(pid("alpha", "webapp1")).isEqualTo(webapp1);

		// a RollbackRequested event to generation 2: version 2 again, as generation 4
		DeploymentEndToEndTest.rollbackRequested(kafka, "rr-" + RUN, 2);
		Awaitility.await().atMost(STEP).until(() -> api.get("/api/v1/generations").size() == 4
				&& api.get("/api/v1/deployments").get(0).get("status").asString().equals("COMMITTED"));
		assertThat(api.get("/api/v1/generations/4").get("manifest"))
			.isEqualTo(api.get("/api/v1/generations/2").get("manifest"));
		assertServing(nginxPort, "webapp1", "webapp2");
		assertThat(version(pid("beta", "webapp2"))).isEqualTo("2");
		assertThat(pid("alpha", "webapp1")).isEqualTo(webapp1);
	}

	/**
	 * gamma's agent is killed (SIGKILL) while beta starts a new webapp2 (nginx already stopped on gamma, dependents
	 * first): the nginx activation times out, the network is rolled back, and once gamma's agent is back (as its
	 * supervisor restarts a crashed agent) its part of the rollback runs too, so generation 4 serves again.
	 */
	@Test
	@Order(2)
	void anAgentKilledMidDeploymentTimesItsStepOutAndTheNetworkIsRolledBack() throws Exception {
		int generations = api.get("/api/v1/generations").size();
		int nginxPort = port("nginxPorts", "nginx");
		long webapp1 = pid("alpha", "webapp1");
		String running = version(pid("beta", "webapp2"));
		String id = start(Map.of("webapp1", "alpha", "webapp2", "beta"), Map.of("webapp2", "3"),
				Duration.ofSeconds(45));
		Awaitility.await().atMost(STEP).pollInterval(Duration.ofMillis(50))
			.until(() -> status(id).equals("ACTIVATING"));
		gamma.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
			.until(() -> !status(id).equals("ACTIVATING"));
		gamma = agents.startProcess("gamma", "s6-rc");
		JsonNode done = api.finished(id);
		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("ROLLED_BACK");
		assertThat(done.get("error").asString()).contains("gamma");
		assertThat(api.get("/api/v1/generations").size()).isEqualTo(generations);
		assertServing(nginxPort, "webapp1", "webapp2");
		assertThat(version(pid("beta", "webapp2"))).isEqualTo(running);
		assertThat(pid("alpha", "webapp1")).isEqualTo(webapp1);
	}

	/**
	 * The coordinator stops while it activates a new webapp1 and nginx; the next one, on the same database, broker
	 * and services, takes the deployment over once the lease has run out and commits it.
	 */
	@Test
	@Order(3)
	void aCoordinatorRestartedMidTransitionResumesTheDeploymentAndCommitsIt() {
		int generations = api.get("/api/v1/generations").size();
		int nginxPort = port("nginxPorts", "nginx");
		long webapp2 = pid("beta", "webapp2");
		String id = start(Map.of("webapp1", "alpha", "webapp2", "beta"), Map.of("webapp1", "2", "webapp2", "2"),
				STEP);
		Awaitility.await().atMost(STEP).pollInterval(Duration.ofMillis(50))
			.until(() -> status(id).equals("ACTIVATING"));
		coordinator.close();
		startCoordinator();
		JsonNode done = api.finished(id);
		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMMITTED");
		assertThat(api.get("/api/v1/generations").size()).isEqualTo(generations + 1);
		assertServing(nginxPort, "webapp1", "webapp2");
		assertThat(version(pid("alpha", "webapp1"))).isEqualTo("2");
		assertThat(pid("beta", "webapp2")).isEqualTo(webapp2);
	}

	/**
	 * A model whose idResources shrink webappPorts below the port a running webapp holds, and add a pool: id-service
	 * refuses the import (409 naming the holder) in one transaction, so the deployment fails in its IDs step with that
	 * message, before any target is locked; no pool changed, the new one was not kept, and the network serves on.
	 */
	@Test
	@Order(4)
	void aPoolShrinkIdServiceRefusesFailsTheDeploymentWithItsMessageAndChangesNothing() {
		int generations = api.get("/api/v1/generations").size();
		int nginxPort = port("nginxPorts", "nginx");
		long webapp1 = pid("alpha", "webapp1");
		int highest = Math.max(port("webappPorts", "webapp1"), port("webappPorts", "webapp2"));
		// the new pool first (by name and in the JSON): id-service creates it before it meets the shrink
		ObjectNode pools = JSON.createObjectNode();
		pools.putObject("aNewPool").put("min", 1).put("max", 9);
		pools.setAll(idResources());
		((ObjectNode) pools.get("webappPorts")).put("max", highest - 1);

		// a deployer may not create or change pools through the coordinator's token (#17): 403 naming them
		int deployments = api.get("/api/v1/deployments").size();
		nixproc.service.ApiClient.Response byDeployer = new nixproc.service.ApiClient(InProcessCoordinator.port(coordinator))
			.post("/api/v1/deployments", nixproc.service.ApiClient.DEPLOYER, request(Map.of("webapp1", "alpha", "webapp2",
					"beta"), Map.of("webapp2", "2"), STEP, true, pools).toString());
		assertThat(byDeployer.status()).as(byDeployer.body()).isEqualTo(403);
		List<String> pointers = new ArrayList<>();
		byDeployer.json().get("errors").forEach(e -> pointers.add(e.get("pointer").asString()));
		assertThat(pointers).containsExactlyInAnyOrder("/models/idResources/aNewPool", "/models/idResources/webappPorts");
		assertThat(api.get("/api/v1/deployments").size()).isEqualTo(deployments);

		JsonNode refused = api.finished(start(Map.of("webapp1", "alpha", "webapp2", "beta"), Map.of("webapp2", "2"),
				STEP, true, pools));

		assertThat(refused.get("status").asString()).as(refused.toString()).isEqualTo("FAILED");
		assertThat(refused.get("error").asString()).contains("id-service refused the model's idResources", "409",
				"webappPorts", "outside");
		assertThat(steps(refused)).isEmpty();
		assertThat(api.get("/api/v1/generations").size()).isEqualTo(generations);
		assertThat(ids.get("/api/v1/pools/webappPorts").get("max").asInt()).isEqualTo(WEBAPP_PORTS_MAX);
		List<String> names = new ArrayList<>();
		ids.get("/api/v1/pools").forEach(p -> names.add(p.get("name").asString()));
		assertThat(names).containsExactlyInAnyOrder("webappPorts", "nginxPorts");
		assertServing(nginxPort, "webapp1", "webapp2");
		assertThat(pid("alpha", "webapp1")).isEqualTo(webapp1);
	}

	static void startCoordinator() {
		coordinator = InProcessCoordinator.start(coordinatorDatabase, kafka, coordinatorSettings);
		api = new Api(InProcessCoordinator.port(coordinator));
	}

	static String status(String deployment) {
		return api.get("/api/v1/deployments/" + deployment).get("status").asString();
	}

	// --- the ensemble ---

	static ServiceProcess service(String module) {
		TestDatabase database = IntegrationServices.get().newDatabase();
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("NIXPROC_DB_URL", database.jdbcUrl());
		environment.put("NIXPROC_DB_USER", database.user());
		environment.put("NIXPROC_DB_PASSWORD", database.password());
		environment.put("NIXPROC_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
		environment.put("NIXPROC_BOOTSTRAP_ADMIN_TOKEN", Api.TOKEN);
		// Spring's relaxed binding of nixproc.kafka.topic-namespace: this test's topics only
		environment.put("NIXPROC_KAFKA_TOPIC_NAMESPACE", kafka.namespace());
		ServiceProcess service = ServiceProcess.start(module, environment, dirs);
		running.add(service);
		return service;
	}

	static Api api(ServiceProcess service) {
		return new Api(Integer.parseInt(service.url().substring(service.url().lastIndexOf(':') + 1)));
	}

	/** 8 webapp ports, then 2 for nginx, in this run's range. */
	static ObjectNode idResources() {
		ObjectNode pools = JSON.createObjectNode();
		pools.putObject("webappPorts").put("min", BASE).put("max", WEBAPP_PORTS_MAX);
		pools.putObject("nginxPorts").put("min", BASE + 8).put("max", BASE + 9);
		return pools;
	}

	static String webappLauncher() {
		Path launcher = Path.of("..", "examples", "webapp", "webapp").toAbsolutePath().normalize();
		if (!Files.exists(launcher.resolveSibling("target/webapp.jar"))) {
			throw new IllegalStateException("no " + launcher.resolveSibling("target/webapp.jar")
					+ ": build it first, e.g. ./mvnw -pl examples/webapp package (the root pom builds it before the "
					+ "coordinator)");
		}
		return launcher.toString();
	}

	// --- models ---

	/**
	 * Stores the webapps example as a model-service revision and deploys that revision.
	 *
	 * @param placement webapp → target; nginx is on gamma and routes to each
	 * @param versions webapp → the VERSION in its environment (default 1): a change of its process
	 */
	static JsonNode deploy(Map<String, String> placement, Map<String, String> versions) {
		return deploy(placement, versions, false);
	}

	/** @param inline send the models themselves, which the coordinator stores in model-service first */
	static JsonNode deploy(Map<String, String> placement, Map<String, String> versions, boolean inline) {
		JsonNode done = api.finished(start(placement, versions, STEP, inline));
		// a figure for the README, not an assertion
		System.out.printf("NETWORK %s %s: %d ms from POST to %s%n", placement, versions,
				Duration.between(Instant.parse(done.get("createdAt").asString()),
						Instant.parse(done.get("finishedAt").asString())).toMillis(), done.get("status").asString());
		return done;
	}

	/** As {@link #deploy} without waiting: the deployment's id. */
	static String start(Map<String, String> placement, Map<String, String> versions, Duration stepTimeout) {
		return start(placement, versions, stepTimeout, false);
	}

	static String start(Map<String, String> placement, Map<String, String> versions, Duration stepTimeout,
			boolean inline) {
		return start(placement, versions, stepTimeout, inline, idResources());
	}

	static String start(Map<String, String> placement, Map<String, String> versions, Duration stepTimeout,
			boolean inline, ObjectNode pools) {
		return api.deploy(request(placement, versions, stepTimeout, inline, pools));
	}

	static ObjectNode request(Map<String, String> placement, Map<String, String> versions, Duration stepTimeout,
			boolean inline, ObjectNode pools) {
		ObjectNode set = JSON.createObjectNode();
		ObjectNode services = set.putObject("services");
		ObjectNode distribution = set.putObject("distribution");
		List<String> names = placement.keySet().stream().sorted().toList();
		for (String name : names) {
			services.set(name, webapp(name, versions.getOrDefault(name, "1")));
			distribution.putArray(name).add(placement.get(name));
		}
		services.set("nginx", nginx(names));
		distribution.putArray("nginx").add("gamma");
		ObjectNode infrastructure = set.putObject("infrastructure");
		MANAGERS.forEach((target, manager) -> {
			ObjectNode t = infrastructure.putObject(target);
			t.putObject("properties").put("hostname", "127.0.0.1");
			t.put("processManager", manager);
		});
		set.set("idResources", pools);
		set.put("message", "webapps " + placement + " " + versions);
		ObjectNode request = JSON.createObjectNode();
		if (inline) {
			request.set("models", set);
		}
		else {
			request.put("revisionId",
					models.post("/api/v1/revisions", set).retrieve().body(JsonNode.class).get("id").asString());
		}
		request.putObject("options").put("stepTimeoutSeconds", stepTimeout.toSeconds()).put("healthWindowSeconds", 0);
		return request;
	}

	/** The seed's webapp with its port from id-service: daemon mode on sysvinit, in the foreground elsewhere. */
	static ObjectNode webapp(String name, String version) {
		String port = "${ids.webappPorts." + name + "}";
		ObjectNode service = JSON.createObjectNode().put("name", name).put("port", port).put("dnsName",
				name + ".local");
		service.putArray("requiresUniqueIdsFor").add("webappPorts");
		ObjectNode pkg = service.putObject("pkg").put("description", "Simple test webapp").put("daemon", webapp);
		pkg.putArray("daemonArgs").add("-D");
		pkg.put("foregroundProcess", webapp).putArray("foregroundProcessArgs");
		pkg.put("pidFile", "${runtimeDir}/${instanceName}.pid");
		pkg.putObject("environment")
			.put("PID_FILE", "${runtimeDir}/${instanceName}.pid")
			.put("PORT", port)
			.put("VERSION", version)
			.put("E2E_RUN", RUN);
		pkg.putObject("readiness").put("httpUrl", "http://127.0.0.1:" + port + "/").put("timeout", 30);
		return service;
	}

	/** The example's nginx, its upstreams rendered from its dependencies' machines, ports and DNS names. */
	static ObjectNode nginx(List<String> webapps) {
		String dir = "${stateDir}/${instanceName}";
		String port = "${ids.nginxPorts.nginx}";
		StringBuilder conf = new StringBuilder("""
				daemon off;
				worker_processes 1;
				pid ${runtimeDir}/${instanceName}-master.pid;
				error_log ${logDir}/${instanceName}-error.log;
				events {
					worker_connections 190;
				}
				http {
					access_log ${logDir}/${instanceName}-access.log;
					client_body_temp_path ${cacheDir}/${instanceName}/client_body;
					proxy_temp_path ${cacheDir}/${instanceName}/proxy;
					fastcgi_temp_path ${cacheDir}/${instanceName}/fastcgi;
					uwsgi_temp_path ${cacheDir}/${instanceName}/uwsgi;
					scgi_temp_path ${cacheDir}/${instanceName}/scgi;
					server {
						listen PORT default_server;
						server_name aaaa;
						location = /ready {
							return 200 "ready\\n";
						}
						location / {
							return 503 "This web application is unavailable at the moment!\\n";
						}
					}
				""".replace("PORT", port));
		ObjectNode service = JSON.createObjectNode().put("name", "nginx").put("port", port);
		service.putArray("requiresUniqueIdsFor").add("nginxPorts");
		ObjectNode dependsOn = service.putObject("dependsOn");
		for (String name : webapps) {
			dependsOn.put(name, name);
			String dependency = "${dependsOn." + name + ".";
			conf.append("""
						upstream NAME {
							server HOSTtarget.properties.hostname}:HOSTproperties.port};
						}
						server {
							listen PORT;
							server_name HOSTproperties.dnsName};
							location / {
								proxy_pass http://NAME;
							}
						}
					""".replace("NAME", name).replace("HOST", dependency).replace("PORT", port));
		}
		conf.append("}\n");
		ObjectNode pkg = service.putObject("pkg")
			.put("description", "Reverse proxy routing by Host header")
			.put("foregroundProcess", "/usr/sbin/nginx");
		pkg.putArray("foregroundProcessArgs").add("-p").add(dir).add("-c").add(dir + "/nginx.conf").add("-e")
			.add("${logDir}/${instanceName}-error.log");
		pkg.put("initialize", "mkdir -p ${cacheDir}/${instanceName} " + dir + "/logs");
		pkg.putArray("configFiles").addObject().put("path", dir + "/nginx.conf").put("mode", "0644")
			.put("content", conf.toString());
		pkg.putObject("readiness").put("httpUrl", "http://127.0.0.1:" + port + "/ready").put("timeout", 30);
		return service;
	}

	// --- what runs ---

	/** Through nginx, each webapp's Host reaches that webapp: its page names the port id-service gave it. */
	static void assertServing(int nginxPort, String... webapps) {
		for (String name : webapps) {
			assertThat(curl(nginxPort, name + ".local")).as("curl -H 'Host: %s.local' through nginx", name)
				.contains("Simple test webapp listening on port: " + port("webappPorts", name));
		}
	}

	static String curl(int port, String host) {
		try {
			Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "10", "-H", "Host: " + host,
					"http://127.0.0.1:" + port + "/").redirectErrorStream(true).start();
			String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			curl.waitFor(15, TimeUnit.SECONDS);
			return out;
		}
		catch (IOException e) {
			throw new UncheckedIOException("curl (Debian's curl package) is needed", e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	static int port(String pool, String service) {
		return ids.get("/api/v1/assignments").get("ids").get(pool).get(service).asInt();
	}

	/** The PID in {@code <name>.pid} somewhere below the target's state dir (the webapp and nginx write them). */
	static long pid(String target, String name) {
		try (Stream<Path> files = Files.walk(agents.stateDir(target))) {
			Path file = files.filter(f -> f.getFileName().toString().equals(name + ".pid")).findFirst()
				.orElseThrow(() -> new AssertionError("no " + name + ".pid below " + agents.stateDir(target)));
			return Long.parseLong(Files.readString(file).trim());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static boolean alive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	/** VERSION in the running process's environment. */
	static String version(long pid) {
		return environment(pid).stream().filter(e -> e.startsWith("VERSION=")).map(e -> e.substring(8)).findFirst()
			.orElse("?");
	}

	static List<String> environment(long pid) {
		try {
			Path environ = Path.of("/proc", Long.toString(pid), "environ");
			return List.of(Files.readString(environ, StandardCharsets.ISO_8859_1).split("\0"));
		}
		catch (IOException e) {
			return List.of();
		}
	}

	static List<ServerSocket> takeFreePorts(int from, int to) {
		List<ServerSocket> taken = new ArrayList<>();
		for (int port = from; port <= to; port++) {
			try {
				taken.add(new ServerSocket(port));
			}
			catch (IOException inUse) {
				// a running webapp's
			}
		}
		return taken;
	}

	static String rollback() {
		return api.post("/api/v1/rollback", JSON.createObjectNode()).retrieve().body(JsonNode.class).get("id")
			.asString();
	}

	static List<String> steps(JsonNode deployment) {
		return DeploymentEndToEndTest.steps(deployment).stream().filter(s -> s.contains(" ")).toList();
	}

	/**
	 * Processes of this run: the webapps by their environment, the managers and nginx by the state dirs on their
	 * command lines or as working directory (s6-supervise). Killed until none is left, supervisors first so that
	 * nothing is restarted.
	 */
	static void killOurProcesses() {
		if (dirs == null) {
			return;
		}
		String root = dirs.toAbsolutePath().toString();
		for (int round = 0; round < 5; round++) {
			List<ProcessHandle> ours = ProcessHandle.allProcesses()
				.filter(p -> p.pid() != ProcessHandle.current().pid())
				.filter(p -> p.info().commandLine().orElse("").contains(root) || cwd(p).startsWith(root)
						|| environment(p.pid()).contains("E2E_RUN=" + RUN))
				.toList();
			if (ours.isEmpty()) {
				return;
			}
			ours.stream()
				.filter(p -> p.info().commandLine().orElse("").matches(".*(s6-svscan|s6-supervise|supervisord).*"))
				.forEach(ProcessHandle::destroyForcibly);
			ours.forEach(ProcessHandle::destroyForcibly);
			try {
				Thread.sleep(300);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	static String cwd(ProcessHandle process) {
		try {
			return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")).toString();
		}
		catch (IOException | UnsupportedOperationException e) {
			return "";
		}
	}

}
