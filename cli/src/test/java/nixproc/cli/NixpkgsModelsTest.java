package nixproc.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code .nix} models that take their packages from {@code <nixpkgs>}, as seed models do, against the real Nix
 * (Debian's nix-bin) and a stub nixpkgs ({@code src/test/resources/nixpkgs-stub}: real derivations wrapping
 * Debian's programs), given with {@code -I} or {@code NIX_PATH}; and the GC roots of generations: kept while a
 * generation uses them, removed with it, so that the garbage collector can take its store paths.
 */
class NixpkgsModelsTest {

	private static final Path STUB = Path.of("src/test/resources/nixpkgs-stub").toAbsolutePath();

	@TempDir
	Path tmp;

	/** A seed-style model: nixpkgs' nginx behind the library's reverse proxy constructor. */
	private Path nginxModel(int port) throws IOException {
		return write("""
				{ pkgs ? import <nixpkgs> { }, stateDir, runtimeDir, logDir, cacheDir }:
				let constructors = (import <nixproc> { inherit pkgs stateDir runtimeDir logDir cacheDir; }).callConstructors (import <nixproc/services>) { };
				in {
				  proxy = rec {
				    port = %d;
				    pkg = constructors.nginxReverseProxyHostBased { instanceName = "proxy"; inherit port; webapps = [ ]; nginx = "${pkgs.nginx}/bin/nginx"; };
				  };
				}
				""".formatted(port));
	}

	@Test
	void buildResolvesNixpkgsFromTheIncludeOption() throws IOException {
		Path model = nginxModel(8080);
		CliRun run = CliRun.of("build", "-P", "sysvinit", "-I", "nixpkgs=" + STUB, "--out", tmp.resolve("p").toString(), model.toString());
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(Files.readString(tmp.resolve("p/etc/rc.d/init.d/proxy"))).containsPattern("/nix/store/[a-z0-9]{32}-nginx-stub-1.22/bin/nginx");
	}

	@Test
	void withoutNixpkgsTheModelFailsWithNixsMessageAndTheLibraryStillEvaluates() throws IOException, InterruptedException {
		// NIX_PATH empty and no -I: the machine's channels and nix.conf must not make <nixpkgs> resolve either
		CliProcess.Result run = CliProcess.run(tmp.resolve("scratch"), Map.of("NIX_PATH", ""), "build", "-P", "sysvinit",
				"--out", tmp.resolve("p").toString(), nginxModel(8080).toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("file 'nixpkgs' was not found in the Nix search path");
		assertThat(tmp.resolve("p")).doesNotExist();
		// pkgs is lazy: a model that declares it and does not use it needs no nixpkgs
		Path lazy = write("""
				{ pkgs ? import <nixpkgs> { }, stateDir }:
				{ webapp = { pkg = (import <nixproc> { inherit pkgs stateDir; }).createManagedProcess { process = "/bin/webapp"; }; }; }
				""");
		CliProcess.Result library = CliProcess.run(tmp.resolve("scratch"), Map.of("NIX_PATH", ""), "build", "-P", "sysvinit",
				"--out", tmp.resolve("lazy").toString(), lazy.toString());
		assertThat(library.exitCode()).as(library.err()).isZero();
	}

	@Test
	void switchStartsNginxFromTheStorePathNixPathNames() throws IOException, InterruptedException {
		int port = freePort();
		Path model = nginxModel(port);
		String state = tmp.resolve("state").toString();
		// NIX_PATH as a user sets it: a plain directory before, a missing entry after (Nix ignores it)
		Map<String, String> env = Map.of("NIX_PATH", tmp + ":nixpkgs=" + STUB + ":other=/nonexistent");
		try {
			CliProcess.Result run = CliProcess.run(tmp.resolve("scratch"), env, "switch", "-P", "sysvinit", "--state-dir", state,
					"--force-disable-user-change", model.toString());
			assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
			assertThat(run.out()).contains("started proxy");
			HttpResponse<String> response = HttpClient.newHttpClient().send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(503);
			// the running nginx master was started as the stub's store path (nginx puts its argv in its title)
			long pid = Long.parseLong(Files.readString(Path.of(state, "run", "proxy-master.pid")).trim());
			String cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
			String storePath = storePathIn(cmdline, "master process (/nix/store/[a-z0-9]{32}-nginx-stub-1.22)/bin/nginx -p ");
			assertThat(Path.of(storePath, "bin/nginx")).isExecutable();
			assertThat(rootsUnder(Path.of(state))).anySatisfy(root -> assertThat(Files.readSymbolicLink(root)).hasToString(storePath));
		}
		finally {
			CliRun undeploy = CliRun.of("switch", "-P", "sysvinit", "--state-dir", state, "--force-disable-user-change", "--undeploy");
			assertThat(undeploy.exitCode()).as(undeploy.err()).isZero();
		}
	}

	@Test
	void deletingAGenerationLetsTheGarbageCollectorTakeItsStorePaths() throws IOException, InterruptedException {
		int port = freePort();
		String state = tmp.resolve("state").toString();
		// two builds of the nginx wrapper, named uniquely so that no other run's roots keep either alive
		String tag = Long.toString(System.nanoTime());
		List<String> switchArgs = List.of("switch", "-P", "sysvinit", "--state-dir", state, "--force-disable-user-change",
				"-I", "nixpkgs=" + STUB);
		try {
			Path first = switchTo(state, switchArgs, wrappedNginxModel("gc-old-" + tag, port));
			Path second = switchTo(state, switchArgs, wrappedNginxModel("gc-new-" + tag, port));
			assertThat(first).isNotEqualTo(second);
			// while generation 1 exists its path is a root: the collector refuses it
			assertThat(collect(first)).as("delete a path generation 1 still roots").isNotZero();
			assertThat(first).exists();

			CliRun delete = CliRun.of("switch", "-P", "sysvinit", "--state-dir", state, "--delete-generations", "1");
			assertThat(delete.exitCode()).as(delete.err()).isZero();
			assertThat(delete.out()).contains("deleted generation(s) 1");

			assertThat(rootsUnder(Path.of(state))).extracting(root -> Files.readSymbolicLink(root).toString())
				.containsExactly(second.toString());
			assertThat(collect(first)).as("collect the deleted generation's path").isZero();
			assertThat(first).doesNotExist();
			assertThat(collect(second)).as("delete the current generation's path").isNotZero();
			assertThat(second.resolve("bin/nginx")).isExecutable();
		}
		finally {
			CliRun.of("switch", "-P", "sysvinit", "--state-dir", state, "--force-disable-user-change", "--undeploy");
		}
	}

	@Test
	void theTestDriverBuildsTheStorePathsOfEachVariant() throws IOException {
		// a name no earlier run has built: the variant can only start if the test command realises it
		String name = "test-driver-" + System.nanoTime();
		Path checks = Files.writeString(tmp.resolve("checks.yaml"), """
				tests:
				  proxy: ['curl -s -o /dev/null -w "%{http_code}" http://127.0.0.1:$port/ | grep -qx 503']
				""");
		CliRun run = CliRun.of("test", "-I", "nixpkgs=" + STUB, "--checks", checks.toString(),
				wrappedNginxModel(name, freePort()).toString());
		assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
		assertThat(run.out()).containsPattern("(?m)^sysvinit/unprivileged +passed");
		try (Stream<Path> store = Files.list(Path.of("/nix/store"))) {
			assertThat(store.filter(p -> p.getFileName().toString().endsWith("-" + name))).singleElement()
				.satisfies(path -> assertThat(path.resolve("bin/nginx")).isExecutable());
		}
	}

	@Test
	void withoutNixInstantiateANixModelGetsOneLine() throws IOException, InterruptedException {
		// the JVM is started by its absolute path; only nix-instantiate goes missing
		CliProcess.Result run = CliProcess.run(tmp.resolve("scratch"), Map.of("PATH", tmp.resolve("empty-bin").toString()),
				"build", "-P", "sysvinit", "-I", "nixpkgs=" + STUB, "--out", tmp.resolve("p").toString(), nginxModel(8080).toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err().strip()).isEqualTo("nixproc: /: " + nixproc.network.NixEvaluator.UNAVAILABLE);
	}

	@Test
	void aBadIncludeIsAUsageErrorNamingTheOption() throws IOException {
		Path model = nginxModel(8080);
		CliRun missing = CliRun.of("build", "-P", "sysvinit", "-I", "nixpkgs=" + tmp.resolve("nowhere"), model.toString());
		assertThat(missing.exitCode()).isEqualTo(2);
		assertThat(missing.err()).contains("-I nixpkgs=" + tmp.resolve("nowhere") + ": " + tmp.resolve("nowhere") + " does not exist");
		CliRun empty = CliRun.of("switch", "-P", "sysvinit", "--state-dir", tmp.resolve("s").toString(), "-I", "=" + STUB, model.toString());
		assertThat(empty.exitCode()).isEqualTo(2);
		assertThat(empty.err()).contains("-I: expected PATH or NAME=PATH, got '=" + STUB + "'");
		assertThat(tmp.resolve("s")).doesNotExist();
	}

	/** A model whose nginx is a derivation of its own around nixpkgs' (stub) nginx, named {@code name}. */
	private Path wrappedNginxModel(String name, int port) throws IOException {
		return write("""
				{ pkgs ? import <nixpkgs> { }, stateDir, runtimeDir, logDir, cacheDir }:
				let
				  constructors = (import <nixproc> { inherit pkgs stateDir runtimeDir logDir cacheDir; }).callConstructors (import <nixproc/services>) { };
				  wrapped = derivation {
				    name = "%s"; system = builtins.currentSystem; builder = "/bin/sh";
				    args = [ "-c" "/bin/mkdir -p $out/bin && printf '#!/bin/sh\\\\nexec ${pkgs.nginx}/bin/nginx \\"$@\\"\\\\n' > $out/bin/nginx && /bin/chmod +x $out/bin/nginx" ];
				  };
				in { proxy = rec { port = %d; pkg = constructors.nginxReverseProxyHostBased { instanceName = "proxy"; inherit port; webapps = [ ]; nginx = "${wrapped}/bin/nginx"; }; }; }
				""".formatted(name, port));
	}

	/** Switches and returns the store path of the model's own derivation, as the generation's init script names it. */
	private static Path switchTo(String state, List<String> switchArgs, Path model) throws IOException {
		String[] args = Stream.concat(switchArgs.stream(), Stream.of(model.toString())).toArray(String[]::new);
		CliRun run = CliRun.of(args);
		assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
		String script = Files.readString(Path.of(state, "nixproc", "profiles", "default", "current", "etc", "rc.d", "init.d", "proxy"));
		return Path.of(storePathIn(script, "(/nix/store/[a-z0-9]{32}-gc-[a-z]+-[0-9]+)/bin/nginx"));
	}

	/** {@code nix-store --delete}: the collector limited to one path, so the test leaves other users' garbage alone. */
	private static int collect(Path storePath) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("nix-store", "--delete", storePath.toString()).redirectErrorStream(true).start();
		process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return process.exitValue();
	}

	private static List<Path> rootsUnder(Path state) throws IOException {
		try (Stream<Path> files = Files.walk(state)) {
			return files.filter(p -> p.getFileName().toString().startsWith("root-") && Files.isSymbolicLink(p)).toList();
		}
	}

	private static String storePathIn(String text, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		assertThat(matcher.find()).as(regex + " in " + text).isTrue();
		return matcher.group(1);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private Path write(String text) throws IOException {
		Path dir = Files.createTempDirectory(tmp, "model");
		return Files.writeString(dir.resolve("processes.nix"), text);
	}

}
