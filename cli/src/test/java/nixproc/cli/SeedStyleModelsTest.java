package nixproc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import nixproc.model.BackendKind;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Models written the seed's way (#16), as a user who copies them out of a nix-processmgmt checkout has them: the
 * examples of {@code src/test/resources/seed-style} (constructors importing the framework by relative path,
 * {@code createManagedProcess} from the seed's layout, function overrides, ID assignments in {@code ids.nix}), in a
 * directory whose {@code nixproc/} is the drop-in library ({@code nix/nix-processmgmt/nixproc}), copied in as the
 * seed's checkout would be. Nothing of the examples is edited.
 */
class SeedStyleModelsTest {

	static final Path FIXTURES = Path.of("src/test/resources/seed-style").toAbsolutePath();

	static final Path DROP_IN = Path.of("../nix/nix-processmgmt").toAbsolutePath().normalize();

	static final Path NIXPKGS = Path.of("src/test/resources/nixpkgs-stub").toAbsolutePath();

	@TempDir
	Path tmp;

	Path checkout;

	Path model;

	@BeforeEach
	void copyTheExamplesBesideTheDropIn() throws IOException {
		checkout = tmp.resolve("checkout");
		copy(FIXTURES.resolve("examples"), checkout.resolve("examples"));
		copy(DROP_IN.resolve("nixproc"), checkout.resolve("nixproc"));
		model = checkout.resolve("examples/webapps-agnostic/processes.nix");
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(BackendKind.class)
	void everyManagerBuildsTheUneditedModel(BackendKind manager) throws IOException {
		for (List<String> profile : List.of(List.of("--state-dir", tmp.resolve("state").toString(), "--force-disable-user-change"),
				List.<String>of())) {
			Path out = tmp.resolve("out-" + manager.id() + profile.size());
			List<String> args = new ArrayList<>(List.of("build", "-P", manager.id(), "--model-root", checkout.toString(),
					"-I", "nixpkgs=" + NIXPKGS, "--out", out.toString()));
			args.addAll(profile);
			args.add(model.toString());
			CliRun run = CliRun.of(args.toArray(String[]::new));

			assertThat(run.exitCode()).as(run.err()).isZero();
			// the webapps' executable is the package the constructor imported; nginx's configuration a store file
			assertThat(text(out)).containsPattern("/nix/store/[a-z0-9]{32}-webapp-stub/bin/webapp")
				.containsPattern("/nix/store/[a-z0-9]{32}-nginx.conf");
		}
	}

	@Test
	void theFunctionOverridesOfTheConstructorsApply() throws IOException {
		Path sysvinit = build("sysvinit");
		// nginx's override is a function adding runlevel 2; the webapps' an attribute set
		assertThat(sysvinit.resolve("etc/rc.d/rc2.d/S01nginx")).isSymbolicLink();
		assertThat(sysvinit.resolve("etc/rc.d/rc2.d/S00webapp1")).doesNotExist();
		assertThat(Files.readString(build("supervisord").resolve("conf.d/webapp1.conf"))).contains("startsecs=3");
		assertThat(Files.readString(build("systemd").resolve("etc/systemd/system/nix-process-webapp2.service")))
			.contains("Restart=always");
	}

	@Test // #16
	void theWebappModeVariantsComeFromExtraParamsAsInTheSeed() throws IOException {
		String daemonised = Files.readString(build("sysvinit").resolve("etc/rc.d/init.d/webapp1"));
		assertThat(daemonised).containsPattern("webapp-stub/bin/webapp\\S* -D");

		for (String extra : List.of("{ webappMode = \"foreground\"; }", "{\"webappMode\": \"foreground\"}")) {
			Path out = tmp.resolve("foreground" + extra.length());
			CliRun run = CliRun.of("build", "-P", "sysvinit", "--model-root", checkout.toString(), "-I", "nixpkgs=" + NIXPKGS,
					"--extra-params", extra, "--out", out.toString(), model.toString());
			assertThat(run.exitCode()).as(run.err()).isZero();
			// only a foreground process: sysvinit daemonises it itself, without -D
			assertThat(Files.readString(out.resolve("etc/rc.d/init.d/webapp1"))).doesNotContainPattern("bin/webapp\\S* -D");
		}
		CliRun wrong = CliRun.of("build", "-P", "sysvinit", "--model-root", checkout.toString(), "-I", "nixpkgs=" + NIXPKGS,
				"--extra-params", "[ 1 ]", "--out", tmp.resolve("wrong").toString(), model.toString());
		assertThat(wrong.exitCode()).isEqualTo(2);
		assertThat(wrong.err()).contains("--extra-params: an attribute set, not a list");
	}

	@Test
	void theSearchPathNamesTheDropInAsTheFrameworkCheckout() throws IOException {
		// a model that imports the framework as <nix-processmgmt>: -I nix-processmgmt=… or, by default, the drop-in
		Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere")).resolve("processes.nix");
		Files.writeString(elsewhere, """
				{ processManager, stateDir }:
				let createManagedProcess = import <nix-processmgmt/nixproc/create-managed-process/universal/create-managed-process-universal.nix> {
				  inherit processManager stateDir; };
				in { webapp = { pkg = createManagedProcess { instanceName = "webapp"; process = "/bin/webapp"; daemonArgs = [ "-D" ]; }; }; }
				""");
		CliRun byDefault = CliRun.of("build", "-P", "sysvinit", "--out", tmp.resolve("default").toString(), elsewhere.toString());
		assertThat(byDefault.exitCode()).as(byDefault.err()).isZero();
		CliRun given = CliRun.of("build", "-P", "sysvinit", "-I", "nix-processmgmt=" + checkout, "--out", tmp.resolve("given").toString(),
				elsewhere.toString());
		assertThat(given.exitCode()).as(given.err()).isZero();
		assertThat(text(tmp.resolve("given"))).isEqualTo(text(tmp.resolve("default")));
	}

	@Test
	void theAgnosticJsonOfEachProcessGeneratesForEveryManager() throws Exception {
		// processManager = null: each pkg is the managed-process JSON the seed writes to <name>/<name>.json
		Path expression = Files.writeString(tmp.resolve("agnostic.nix"), """
				builtins.mapAttrs (name: instance: instance.pkg) (import %s {
				  processManager = null; stateDir = "%s"; forceDisableUserChange = true; })
				""".formatted(model, tmp.resolve("state")));
		Process nix = new ProcessBuilder("nix-instantiate", "--eval", "--strict", "--json", "-I", "nixproc=" + DROP_IN.getParent(),
				"-I", "nixpkgs=" + NIXPKGS, expression.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		String json = new String(nix.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(nix.waitFor()).as(json).isZero();
		tools.jackson.databind.JsonNode processes = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);
		for (String name : List.of("webapp1", "webapp2", "nginx")) {
			Path dir = Files.createDirectories(tmp.resolve("agnostic").resolve(name));
			Files.writeString(dir.resolve(name + ".json"), processes.get(name).toString());
		}
		assertThat(processes.get("nginx").get("dependencies").toString()).isEqualTo("[\"webapp1\",\"webapp2\"]");
		assertThat(processes.get("webapp1").has("overrides")).isTrue();

		for (BackendKind manager : BackendKind.values()) {
			Path out = tmp.resolve("config-" + manager.id());
			CliRun run = CliRun.of("generate-config", "-P", manager.id(), "--state-dir", tmp.resolve("state").toString(),
					"--force-disable-user-change", "--out", out.toString(), tmp.resolve("agnostic/nginx/nginx.json").toString());
			assertThat(run.exitCode()).as(manager + ": " + run.err()).isZero();
			assertThat(text(out)).as(manager.id()).containsPattern("/nix/store/[a-z0-9]{32}-nginx-stub-1.22/bin/nginx");
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "sysvinit", "supervisord" })
	void switchedForRealUnprivilegedNginxAnswersForEachHostName(String manager) throws Exception {
		int[] ports = freePorts(3);
		Files.writeString(checkout.resolve("examples/webapps-agnostic/idresources.nix"), """
				{
				  webappPorts = { min = %d; max = %d; };
				  nginxPorts = { min = %d; max = %d; };
				  uids = { min = 2000; max = 3000; };
				  gids = { min = 2000; max = 3000; };
				}
				""".formatted(ports[0], ports[1], ports[2], ports[2]));
		String state = tmp.resolve("state").toString();
		CliRun ids = CliRun.of("id-assign", "--model-root", checkout.toString(), "-I", "nixpkgs=" + NIXPKGS, "--id-resources",
				checkout.resolve("examples/webapps-agnostic/idresources.nix").toString(), "--output-file",
				checkout.resolve("examples/webapps-agnostic/ids.nix").toString(), model.toString());
		assertThat(ids.exitCode()).as(ids.err()).isZero();
		try {
			CliRun run = CliRun.of("switch", "-P", manager, "--state-dir", state, "--force-disable-user-change", "--model-root",
					checkout.toString(), "-I", "nixpkgs=" + NIXPKGS, model.toString());
			assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
			assertThat(run.out()).contains("started webapp1 webapp2 nginx");

			assertThat(get(ports[2], "webapp1.local")).contains("Simple test webapp listening on port: " + ports[0]);
			assertThat(get(ports[2], "webapp2.local")).contains("Simple test webapp listening on port: " + (ports[0] + 1));
			assertThat(get(ports[2], "elsewhere.local")).contains("This web application is unavailable at the moment!");
		}
		finally {
			CliRun undeploy = CliRun.of("switch", "-P", manager, "--state-dir", state, "--force-disable-user-change", "--undeploy");
			assertThat(undeploy.exitCode()).as(undeploy.err()).isZero();
		}
	}

	private Path build(String manager) {
		Path out = tmp.resolve("build-" + manager);
		CliRun run = CliRun.of("build", "-P", manager, "--model-root", checkout.toString(), "-I", "nixpkgs=" + NIXPKGS, "--state-dir",
				tmp.resolve("state").toString(), "--force-disable-user-change", "--out", out.toString(), model.toString());
		assertThat(run.exitCode()).as(run.err()).isZero();
		return out;
	}

	/** GET / with a Host header, retried every 250 ms while the webapp behind nginx still starts (at most 30 s). */
	static String get(int port, String host) {
		return Awaitility.await("a 200 for " + host + " from port " + port)
			.atMost(Duration.ofSeconds(30))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> request(port, host), response -> response.startsWith("HTTP/1.1 200"));
	}

	/** The whole response, or the exception that stopped it. */
	private static String request(int port, String host) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			try (InputStream in = socket.getInputStream()) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		catch (IOException e) {
			return e.toString();
		}
	}

	/** {@code count} consecutive ports free now, from a random place, so that parallel builds rarely meet. */
	static int[] freePorts(int count) throws IOException {
		for (int attempt = 0; attempt < 100; attempt++) {
			int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
			boolean free = true;
			for (int port = base; port < base + count && free; port++) {
				try (ServerSocket socket = new ServerSocket(port)) {
					socket.setReuseAddress(true);
				}
				catch (IOException e) {
					free = false;
				}
			}
			if (free) {
				int[] ports = new int[count];
				for (int i = 0; i < count; i++) {
					ports[i] = base + i;
				}
				return ports;
			}
		}
		throw new IOException("no " + count + " consecutive free ports found");
	}

	/** Every file's path and content under {@code dir}, symbolic links as their targets. */
	static String text(Path dir) throws IOException {
		StringBuilder all = new StringBuilder();
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path file : files.sorted().toList()) {
				all.append(dir.relativize(file)).append('\n');
				if (Files.isSymbolicLink(file)) {
					all.append("-> ").append(Files.readSymbolicLink(file)).append('\n');
				}
				else if (Files.isRegularFile(file)) {
					all.append(Files.readString(file)).append('\n');
				}
			}
		}
		return all.toString();
	}

	static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.toList()) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
	}

}
