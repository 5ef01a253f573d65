package nixproc.e2e.network;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import nixproc.cli.NixprocCommand;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static nixproc.e2e.network.DeploymentEndToEndTest.JSON;
import static nixproc.e2e.network.DeploymentEndToEndTest.RUN;
import static nixproc.e2e.network.DeploymentEndToEndTest.model;
import static nixproc.e2e.network.DeploymentEndToEndTest.sleeper;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code nixproc} coordinator commands (cli module) against this coordinator with real PostgreSQL, a real
 * Kafka broker and two real agents, as DeploymentEndToEndTest runs them: deploy, plan, status, generations,
 * rollback and targets with their exit codes, the coordinator's 4xx (a model the network cannot run, unknown ids)
 * as exit 2, a 409 as exit 1, and a rollback that fails as exit 3. The test lives here,
 * not in the cli module, because the coordinator and its fixtures are here: the cli only reaches the coordinator
 * over HTTP, and neither module's main code depends on the other.
 */
class CliEndToEndTest extends CoordinatorWithAgents {

	@Test
	void deploysPlansShowsAndRollsBackWithExitCodesThatSayWhatHappened() throws Exception {
		startAgents("alpha", "beta");
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
			Run targets = nixproc("targets");
			return targets.out().contains("alpha") && targets.out().contains("beta")
					&& !targets.out().contains("OFFLINE");
		});
		// the client refuses to start while the flag file exists: how the last deployment's rollback is made to fail
		Path flag = dirs.resolve("broken");
		String client = "[ -e " + flag + " ] && exit 3; exec sleep " + RUN + "52";
		String[] first = files("g1", model("51", client));

		Run plan = nixproc(with(first, "plan"));
		assertThat(plan.exitCode()).as(plan.toString()).isZero();
		assertThat(plan.out()).contains("server@alpha", "client@beta", "activate (dependencies first): 2 waves",
				"wave 1: alpha server", "wave 2: beta client");

		Run deployed = nixproc(with(first, "deploy", "--step-timeout", "60"));
		assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
		// every step's end once, in waves (what a poll sees running depends on timing), then one line per target
		assertThat(deployed.out()).containsSubsequence("phase 0 LOCK alpha: succeeded in",
				"phase 1 ACTIVATE alpha [server]: succeeded in", "phase 2 ACTIVATE beta [client]: succeeded in",
				"  alpha: ", "  beta: ", "committed generation 1 (d-");
		assertThat(count(deployed.out(), "phase 1 ACTIVATE alpha [server]: succeeded")).isEqualTo(1);
		assertThat(count(deployed.out(), ": COMMITTED")).isEqualTo(1);
		assertThat(sleeper(RUN + "51")).isPresent();
		assertThat(sleeper(RUN + "52")).isPresent();

		// a new client that exits at once: the network rolls back, generation 1 runs on, exit 1
		Run rolledBack = nixproc(with(files("bad", model("51", "echo 'no frobnicator' >&2; exit 4")), "deploy"));
		assertThat(rolledBack.exitCode()).as(rolledBack.toString()).isEqualTo(1);
		assertThat(rolledBack.out()).contains("phase 2 ACTIVATE beta [client]: FAILED", "(undo): succeeded",
				": ROLLED_BACK").containsSubsequence("  beta: ", "FAILED", "rolled back: d-", "client");
		String failedId = deploymentId(rolledBack);
		Awaitility.await().atMost(DeploymentEndToEndTest.WAIT).until(() -> sleeper(RUN + "52").isPresent());

		Run status = nixproc("status", failedId);
		assertThat(status.exitCode()).as(status.toString()).isZero();
		assertThat(status.out()).contains(failedId + " ROLLED_BACK, generation 2", "phase 2 ACTIVATE beta [client]",
				"error: ");
		assertThat(nixproc("status", failedId, "--wait").exitCode()).isEqualTo(1);
		assertThat(nixproc("status").out()).contains(failedId + "  ROLLED_BACK", "COMMITTED");
		Run unknown = nixproc("status", "d-nosuch");
		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.err().strip()).isEqualTo("nixproc: No deployment d-nosuch (HTTP 404)");

		// --json: the finished deployment on standard output, progress on standard error
		Run json = nixproc(with(files("g2", model("53", client)), "deploy", "--json"));
		assertThat(json.exitCode()).as(json.toString()).isZero();
		JsonNode document = JSON.readTree(json.out());
		assertThat(document.get("status").asString()).isEqualTo("COMMITTED");
		// a rolled-back deployment commits no generation: this is generation 2
		assertThat(document.get("generation").asLong()).isEqualTo(2);
		assertThat(json.err()).contains("committed generation 2");

		Run generations = nixproc("generations");
		assertThat(generations.out()).containsPattern("(?m)^2 .*\\(current\\)\\n1 ");
		assertThat(nixproc("generations", "1").out()).containsPattern("server +alpha +[0-9a-f]{64}")
			.containsPattern("client +beta +[0-9a-f]{64}");
		assertThat(nixproc("generations", "99").exitCode()).isEqualTo(2);

		// rolling back commits generation 3 with generation 1's manifest
		Run rollback = nixproc("rollback");
		assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
		assertThat(rollback.out()).contains("committed generation 3");
		Awaitility.await().atMost(DeploymentEndToEndTest.WAIT)
			.until(() -> sleeper(RUN + "51").isPresent() && sleeper(RUN + "53").isEmpty());
		Run noSuchGeneration = nixproc("rollback", "--to-generation", "99");
		assertThat(noSuchGeneration.exitCode()).isEqualTo(2);
		assertThat(noSuchGeneration.err().strip()).isEqualTo("nixproc: /generation: no generation 99 to roll back to "
				+ "(latest is 3) (HTTP 400)");

		// a second deployment while the first holds the targets: refused, exit 1; the first commits
		Run accepted = nixproc(with(files("g4", model("54", client)), "deploy", "--no-wait"));
		assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
		Run busy = nixproc(with(files("g5", model("55", client)), "deploy"));
		assertThat(busy.exitCode()).as(busy.toString()).isEqualTo(1);
		assertThat(busy.err()).contains("locked by deployment " + deploymentId(accepted), "(HTTP 409)");
		assertThat(nixproc("status", deploymentId(accepted), "--wait").exitCode()).isZero();

		// the failing client again, but now the old client cannot start either: the rollback fails, exit 3
		Files.writeString(flag, "");
		Run rollbackFailed = nixproc(with(files("worse", model("54", "exit 4")), "deploy"));
		assertThat(rollbackFailed.exitCode()).as(rollbackFailed.toString()).isEqualTo(3);
		assertThat(rollbackFailed.out()).contains(": ROLLBACK_FAILED", "ROLLBACK FAILED: d-");
	}

	/** The input checks that need no coordinator are the cli module's CoordinatorCommandsInputTest. */
	@Test
	void aModelTheNetworkCannotRunIsExit2NamingTheFieldAndTheEnvironmentGivesUrlAndToken() throws Exception {
		// valid, but the network cannot run it: the coordinator's 422 in one line naming the field
		ObjectNode unknownTarget = (ObjectNode) model("exec sleep 1");
		ObjectNode models = (ObjectNode) unknownTarget.get("models");
		((ObjectNode) models.get("infrastructure")).set("gamma", models.get("infrastructure").get("beta"));
		((ObjectNode) models.get("distribution")).putArray("client").add("gamma");
		Run refused = nixproc(with(files("gamma", unknownTarget), "deploy"));
		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.err().lines().toList()).hasSize(1);
		assertThat(refused.err()).contains("/infrastructure/gamma: no agent has registered for target gamma",
				"(HTTP 422)");

		// Nix models are evaluated by nixproc (a distribution as a function of the infrastructure, as Disnix's) and
		// plan the same as their JSON twins
		Path nix = Files.createDirectories(dirs.resolve("nix"));
		Files.writeString(nix.resolve("services.nix"), """
				{ distribution, system, pkgs }: {
				  server = { name = "server"; pkg = { foregroundProcess = "/bin/sleep"; foregroundProcessArgs = [ "9" ]; }; };
				  client = { name = "client"; dependsOn = { server = "server"; };
				             pkg = { foregroundProcess = "/bin/sleep"; foregroundProcessArgs = [ "8" ]; }; };
				}
				""");
		Files.writeString(nix.resolve("infrastructure.nix"), """
				{
				  alpha = { properties = { hostname = "alpha.local"; }; processManager = "sysvinit"; };
				  beta = { properties = { hostname = "beta.local"; }; processManager = "sysvinit"; };
				}
				""");
		Files.writeString(nix.resolve("distribution.nix"), """
				{ infrastructure }: { server = [ infrastructure.alpha ]; client = [ infrastructure.beta ]; }
				""");
		String[] nixFiles = { "-s", nix.resolve("services.nix").toString(), "-i",
				nix.resolve("infrastructure.nix").toString(), "-d", nix.resolve("distribution.nix").toString() };
		Run nixPlan = nixproc(with(nixFiles, "plan", "--json"));
		assertThat(nixPlan.exitCode()).as(nixPlan.toString()).isZero();
		JsonNode twin = JSON.readTree("""
				{ "models": {
				    "services": {
				      "server": { "name": "server", "pkg": { "foregroundProcess": "/bin/sleep", "foregroundProcessArgs": ["9"] } },
				      "client": { "name": "client", "dependsOn": { "server": "server" },
				                  "pkg": { "foregroundProcess": "/bin/sleep", "foregroundProcessArgs": ["8"] } } },
				    "infrastructure": {
				      "alpha": { "properties": { "hostname": "alpha.local" }, "processManager": "sysvinit" },
				      "beta": { "properties": { "hostname": "beta.local" }, "processManager": "sysvinit" } },
				    "distribution": { "server": ["alpha"], "client": ["beta"] } } }
				""");
		Run jsonPlan = nixproc(with(files("twin", twin), "plan", "--json"));
		assertThat(JSON.readTree(nixPlan.out())).isEqualTo(JSON.readTree(jsonPlan.out()));
		assertThat(nixPlan.out()).contains("client@beta");

		// a user's shell: the coordinator and the token from NIXPROC_COORDINATOR_URL and NIXPROC_TOKEN
		Process shell = nixprocProcess(Map.of("NIXPROC_COORDINATOR_URL", "http://127.0.0.1:" + port, "NIXPROC_TOKEN",
				Api.TOKEN), "targets", "--json");
		assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(shell.exitValue()).isZero();
		assertThat(JSON.readTree(shell.getInputStream().readAllBytes()).isArray()).isTrue();
		Process noToken = nixprocProcess(Map.of("NIXPROC_COORDINATOR_URL", "http://127.0.0.1:" + port), "targets");
		assertThat(noToken.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(noToken.exitValue()).isEqualTo(2);
		assertThat(new String(noToken.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
			.contains("set NIXPROC_TOKEN or --token-file", "(HTTP 401)");
	}

	/** One in-process run of {@code nixproc} against this coordinator, with the operator's token in a file. */
	Run nixproc(String... args) throws IOException {
		Path token = dirs.resolve("token");
		if (!Files.exists(token)) {
			Files.writeString(token, Api.TOKEN + "\n");
		}
		List<String> argv = new ArrayList<>(List.of(args));
		if (!argv.contains("--coordinator")) {
			argv.addAll(List.of("--coordinator", "http://127.0.0.1:" + port));
		}
		if (!argv.contains("--token-file")) {
			argv.addAll(List.of("--token-file", token.toString()));
		}
		CommandLine commandLine = NixprocCommand.commandLine();
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(err, true));
		int exitCode = commandLine.execute(argv.toArray(String[]::new));
		// a transcript in the test's output file, as a user would have seen it
		System.out.printf("$ nixproc %s%n%s%s(exit %d)%n%n", String.join(" ", args), out, err, exitCode);
		return new Run(exitCode, out.toString(), err.toString());
	}

	/** {@code nixproc} in a JVM of its own with {@code env} as its only NIXPROC_* variables. */
	static Process nixprocProcess(Map<String, String> env, String... args) throws IOException {
		List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "nixproc.cli.Main"));
		argv.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(argv);
		builder.environment().keySet().removeIf(k -> k.startsWith("NIXPROC_"));
		builder.environment().putAll(env);
		return builder.start();
	}

	record Run(int exitCode, String out, String err) {
	}

	/** The request body's models as three files (services YAML-compatible JSON, as a user's files would be). */
	static String[] files(String name, JsonNode body) throws IOException {
		Path dir = Files.createDirectories(dirs.resolve(name));
		List<String> args = new ArrayList<>();
		for (String part : List.of("services", "infrastructure", "distribution")) {
			Path file = dir.resolve(part + ".json");
			Files.writeString(file, JSON.writeValueAsString(body.get("models").get(part)));
			args.addAll(List.of("-" + part.charAt(0), file.toString()));
		}
		return args.toArray(String[]::new);
	}

	static String[] with(String[] files, String... command) {
		List<String> argv = new ArrayList<>(List.of(command));
		argv.addAll(List.of(files));
		return argv.toArray(String[]::new);
	}

	static String deploymentId(Run run) {
		return run.out().lines().filter(l -> l.startsWith("deployment d-")).map(l -> l.split(" ")[1]).findFirst()
			.orElseThrow(() -> new AssertionError("no deployment id in " + run));
	}

	static int count(String text, String part) {
		return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
	}

}
