package nixproc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code .nix} processes models in {@code nixproc build}, against the real {@code nix-instantiate} (Debian's
 * nix-bin, single-user, sandbox off): every example's {@code processes.nix} builds the same profile as its YAML or
 * JSON twin, and bad Nix models exit 2 with Nix's own message, writing nothing.
 */
class NixModelsTest {

	private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

	@TempDir
	Path tmp;

	/** Every example directory with a processes.nix and its twin, for each backend, as root and unprivileged. */
	static Stream<Arguments> twins() throws IOException {
		List<Arguments> out = new ArrayList<>();
		try (Stream<Path> dirs = Files.list(EXAMPLES)) {
			for (Path dir : dirs.sorted().toList()) {
				Path nix = dir.resolve("processes.nix");
				if (!Files.isRegularFile(nix)) {
					continue;
				}
				Path twin = Stream.of("processes.yaml", "processes.yml", "processes.json")
					.map(dir::resolve)
					.filter(Files::isRegularFile)
					.findFirst()
					.orElseThrow(() -> new AssertionError(dir + " has processes.nix but no YAML or JSON twin"));
				for (String manager : List.of("sysvinit", "supervisord", "s6-rc", "systemd")) {
					out.add(Arguments.of(nix, twin, manager, List.<String>of()));
					out.add(Arguments.of(nix, twin, manager, List.of("--state-dir", "/home/u/var", "--force-disable-user-change")));
				}
			}
		}
		assertThat(out).as("examples with processes.nix").isNotEmpty();
		return out.stream();
	}

	@ParameterizedTest(name = "{0} = {1} on {2} {3}")
	@MethodSource("twins")
	void theNixTwinBuildsTheSameProfile(Path nix, Path twin, String manager, List<String> options) throws IOException {
		Path fromNix = build(nix, manager, options, "from-nix");
		Path fromTwin = build(twin, manager, options, "from-twin");
		assertThat(tree(fromNix)).isEqualTo(tree(fromTwin)).isNotEmpty();
	}

	@Test
	void aModelGetsOnlyTheArgumentsItDeclares() throws IOException {
		// no ellipsis: an undeclared argument would be "called with unexpected argument"
		Path model = write("""
				{ stateDir, processManager }:
				{ webapp = { port = 5000; pkg = { process = "/bin/webapp-${processManager}"; pidFile = "${stateDir}/w.pid"; }; }; }
				""");
		CliRun run = CliRun.of("build", "-P", "sysvinit", "--state-dir", "/srv/state", "--out", tmp.resolve("p").toString(),
				model.toString());
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(Files.readString(tmp.resolve("p/etc/rc.d/init.d/webapp"))).contains("/bin/webapp-sysvinit")
			.contains("/srv/state/w.pid");
	}

	@Test
	void theLibraryEvaluatesWithoutNixpkgs() throws IOException {
		// createManagedProcess, createCredentials with ids, a constructor through callConstructors, pkg dependencies
		Path model = write("""
				{ stateDir, ids ? { uids = { webapp = 2001; }; gids = { webapp = 2001; }; } }:
				let
				  nixproc = import <nixproc> { inherit stateDir ids; };
				  constructors = nixproc.callConstructors {
				    webapp = { createManagedProcess, tmpDir }: { instanceName, port }: createManagedProcess {
				      inherit instanceName;
				      process = "/bin/webapp";
				      daemonArgs = [ "-D" ];
				      environment = { PORT = port; PID_FILE = "${tmpDir}/${instanceName}.pid"; };
				      pidFile = null;
				      user = instanceName;
				      credentials = { groups.${instanceName} = { }; users.${instanceName} = { group = instanceName; }; };
				      overrides.sysvinit.runlevels = [ 3 4 5 ];
				    };
				  } { };
				in rec {
				  webapp = { port = 5000; pkg = constructors.webapp { instanceName = "webapp"; port = 5000; }; };
				  other = { port = 5001; pkg = nixproc.createManagedProcess { process = "/bin/other"; dependencies = [ webapp.pkg ]; }; };
				}
				""");
		CliRun run = CliRun.of("build", "-P", "sysvinit", "--state-dir", "/srv", "--out", tmp.resolve("p").toString(),
				model.toString());
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(Files.readString(tmp.resolve("p/etc/rc.d/init.d/webapp"))).contains("PID_FILE=/srv/tmp/webapp.pid");
		assertThat(Files.readString(tmp.resolve("p/dysnomia-support/users/webapp"))).contains("uid=2001");
		assertThat(Files.readString(tmp.resolve("p/dysnomia-support/groups/webapp"))).contains("gid=2001");
		assertThat(tmp.resolve("p/etc/rc.d/rc3.d/S00webapp")).exists();
		assertThat(tmp.resolve("p/etc/rc.d/rc3.d/S01other")).exists();
	}

	@Test
	void switchDeploysANixModelAndRebuildsNothingWhenItEvaluatesTheSame() throws IOException, InterruptedException {
		int port;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path launcher = EXAMPLES.resolve("webapp/webapp");
		Path model = write("""
				{ stateDir, runtimeDir }:
				let constructors = (import <nixproc> { inherit stateDir runtimeDir; }).callConstructors (import <nixproc/services>) { };
				in { webapp = rec { port = %d; pkg = constructors.webapp { instanceName = "webapp"; inherit port; program = "%s"; }; }; }
				""".formatted(port, launcher));
		String state = tmp.resolve("state").toString();
		try {
			CliRun first = CliRun.of("switch", "-P", "sysvinit", "--state-dir", state, "--force-disable-user-change", model.toString());
			assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
			assertThat(first.out()).contains("started webapp");
			try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
				assertThat(socket.isConnected()).isTrue();
			}
			CliRun again = CliRun.of("switch", "-P", "sysvinit", "--state-dir", state, "--force-disable-user-change", model.toString());
			assertThat(again.exitCode()).as(again.err()).isZero();
			assertThat(again.out()).contains("unchanged webapp");
		}
		finally {
			CliRun undeploy = CliRun.of("switch", "-P", "sysvinit", "--state-dir", state, "--force-disable-user-change", "--undeploy");
			assertThat(undeploy.exitCode()).as(undeploy.err()).isZero();
		}
	}

	@Test
	void switchRealisesTheStorePathsAModelRefersToAndRootsThem() throws IOException {
		int port;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		// a package built by Nix (no nixpkgs: /bin/sh as the builder, sandbox off): a wrapper around the webapp
		// launcher; the unique name keeps an earlier run's output from making the build a no-op
		String name = "nixproc-test-webapp-" + System.nanoTime();
		Path model = write("""
				{ stateDir, runtimeDir }:
				let
				  constructors = (import <nixproc> { inherit stateDir runtimeDir; }).callConstructors (import <nixproc/services>) { };
				  wrapper = derivation {
				    name = "%s"; system = builtins.currentSystem; builder = "/bin/sh";
				    args = [ "-c" "/bin/mkdir -p $out/bin && echo 'exec %s $*' > $out/bin/webapp && /bin/chmod +x $out/bin/webapp" ];
				  };
				in { webapp = rec { port = %d; pkg = constructors.webapp { instanceName = "webapp"; inherit port; program = "${wrapper}/bin/webapp"; }; }; }
				""".formatted(name, EXAMPLES.resolve("webapp/webapp"), port));
		String state = tmp.resolve("state").toString();
		try {
			CliRun run = CliRun.of("switch", "-P", "sysvinit", "--state-dir", state, "--force-disable-user-change", model.toString());
			assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
			List<Path> roots;
			try (Stream<Path> files = Files.walk(tmp.resolve("state"))) {
				roots = files.filter(p -> p.getFileName().toString().equals("root-0")).toList();
			}
			assertThat(roots).singleElement().satisfies(root -> {
				assertThat(Files.readSymbolicLink(root).toString()).startsWith("/nix/store/").endsWith("-" + name);
				assertThat(root.resolve("bin/webapp")).isExecutable();
			});
			assertThat(Files.readString(findInitScript())).contains("/nix/store/").contains("-" + name + "/bin/webapp");
		}
		finally {
			CliRun.of("switch", "-P", "sysvinit", "--state-dir", state, "--force-disable-user-change", "--undeploy");
		}
	}

	private Path findInitScript() throws IOException {
		try (Stream<Path> files = Files.walk(tmp.resolve("state"))) {
			return files.filter(p -> p.toString().endsWith("init.d/webapp")).findFirst().orElseThrow();
		}
	}

	@Test
	void aSyntaxErrorIsAUsageErrorWithNixsMessage() throws IOException {
		Path model = write("{ stateDir }: { webapp = { pkg = { process = \"/bin/x\" }; }; }");
		CliRun run = build(model);
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("nixproc: /: Nix evaluation of " + model + " failed: error: syntax error")
			.doesNotContain("\tat ");
		assertThat(tmp.resolve("out")).doesNotExist();
	}

	@Test
	void anEvaluationErrorCarriesNixsMessage() throws IOException {
		Path model = write("{ stateDir }: { webapp = { pkg = { process = undefinedThing; }; }; }");
		CliRun run = build(model);
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("undefined variable 'undefinedThing'");
		assertThat(tmp.resolve("out")).doesNotExist();
	}

	@Test
	void aModelThatIsNotAnAttributeSetOfInstancesIsRefused() throws IOException {
		CliRun list = build(write("{ stateDir }: [ 1 2 ]"));
		assertThat(list.exitCode()).isEqualTo(2);
		assertThat(list.err()).contains("a processes model evaluates to an attribute set of instances, not a list");
		CliRun badInstance = build(write("{ }: { webapp = 5; }"));
		assertThat(badInstance.exitCode()).isEqualTo(2);
		assertThat(badInstance.err()).contains("/webapp: an instance is an object");
		assertThat(tmp.resolve("out")).doesNotExist();
	}

	@Test // #16
	void aDependencyOnAnInstanceWhoseInstanceNameIsNotItsKeyBuilds() throws IOException {
		Path model = write("""
				{ }:
				let nixproc = import <nixproc> { };
				in rec {
				  webapp = { pkg = nixproc.createManagedProcess { instanceName = "webapp-primary"; process = "/bin/webapp"; }; };
				  nginx = { pkg = nixproc.createManagedProcess { instanceName = "nginx"; process = "/bin/nginx"; dependencies = [ webapp.pkg ]; }; };
				}
				""");
		CliRun run = build(model);
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(tmp.resolve("out/etc/rc.d/rc3.d/S00webapp-primary")).exists();
		assertThat(tmp.resolve("out/etc/rc.d/rc3.d/S01nginx")).exists();
	}

	@Test // #16
	void aModelImportsConstructorsFromParentDirectoriesUpToItsRoot() throws IOException {
		Path copied = Files.createDirectories(tmp.resolve("copied"));
		Files.createDirectories(copied.resolve("services-agnostic"));
		Files.writeString(copied.resolve("services-agnostic/webapp.nix"), """
				{ port }: { process = "/bin/webapp"; environment.PORT = toString port; }
				""");
		Path model = Files.createDirectories(copied.resolve("webapps-agnostic")).resolve("processes.nix");
		Files.writeString(model, "{ }: { webapp = { pkg = import ../services-agnostic/webapp.nix { port = 5000; }; }; }");

		// copied out of any working copy: only the model's directory, and the message says how to widen it
		CliRun refused = build(model);
		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.err()).contains("forbidden in restricted mode")
			.contains("a model may read files below " + model.getParent() + "; choose another directory with --model-root");

		CliRun rooted = CliRun.of("build", "-P", "sysvinit", "--model-root", copied.toString(), "--out",
				tmp.resolve("rooted").toString(), model.toString());
		assertThat(rooted.exitCode()).as(rooted.err()).isZero();
		assertThat(Files.readString(tmp.resolve("rooted/etc/rc.d/init.d/webapp"))).contains("PORT=5000");

		// in a working copy, its root is the default
		Files.createDirectories(copied.resolve(".git"));
		CliRun inWorkingCopy = CliRun.of("build", "-P", "sysvinit", "--out", tmp.resolve("vcs").toString(), model.toString());
		assertThat(inWorkingCopy.exitCode()).as(inWorkingCopy.err()).isZero();

		CliRun elsewhere = CliRun.of("build", "-P", "sysvinit", "--model-root", tmp.resolve("copied/services-agnostic").toString(),
				"--out", tmp.resolve("elsewhere").toString(), model.toString());
		assertThat(elsewhere.exitCode()).isEqualTo(2);
		assertThat(elsewhere.err()).contains("--model-root: " + tmp.resolve("copied/services-agnostic") + " does not contain " + model);
		assertThat(tmp.resolve("elsewhere")).doesNotExist();
	}

	@Test // #16
	void aFunctionOverrideGetsTheGeneratedParametersAndItsResultReplacesThem() throws IOException {
		Path model = write("""
				{ processManager }:
				let nixproc = import <nixproc> { inherit processManager; };
				in {
				  webapp = { pkg = nixproc.createManagedProcess {
				    instanceName = "webapp"; description = "Webapp"; foregroundProcess = "/bin/webapp";
				    overrides.sysvinit = args: args // { runlevels = [ 2 3 ]; };
				    overrides.systemd = args: args // {
				      Service = args.Service // { Restart = "always"; };
				      Unit = builtins.removeAttrs args.Unit [ "Description" ];
				    };
				    overrides.supervisord = args: builtins.removeAttrs args [ "priority" ] // { autorestart = true; };
				  }; };
				}
				""");
		CliRun sysvinit = build(model);
		assertThat(sysvinit.exitCode()).as(sysvinit.err()).isZero();
		assertThat(tmp.resolve("out/etc/rc.d/rc2.d/S00webapp")).exists();
		assertThat(tmp.resolve("out/etc/rc.d/rc3.d/S00webapp")).exists();
		assertThat(tmp.resolve("out/etc/rc.d/rc4.d/S00webapp")).doesNotExist();

		CliRun systemd = CliRun.of("build", "-P", "systemd", "--out", tmp.resolve("systemd").toString(), model.toString());
		assertThat(systemd.exitCode()).as(systemd.err()).isZero();
		String unit = Files.readString(tmp.resolve("systemd/etc/systemd/system/nix-process-webapp.service"));
		assertThat(unit).contains("Restart=always").contains("ExecStart=/bin/webapp").doesNotContain("Description=");

		CliRun supervisord = CliRun.of("build", "-P", "supervisord", "--out", tmp.resolve("supervisord").toString(), model.toString());
		assertThat(supervisord.exitCode()).as(supervisord.err()).isZero();
		assertThat(Files.readString(tmp.resolve("supervisord/conf.d/webapp.conf"))).contains("autorestart=true")
			.doesNotContain("priority=");

		// without a process manager (id-assign's agnostic mode) there is nothing to call a function with
		Path resources = Files.writeString(tmp.resolve("idresources.yaml"), "ports: { min: 5000, max: 5010 }\n");
		CliRun ids = CliRun.of("id-assign", "--id-resources", resources.toString(), model.toString());
		assertThat(ids.exitCode()).as(ids.err()).isZero();
	}

	@Test // #16
	void aFunctionOverrideForAManagerWithoutParametersIsNamed() throws IOException {
		Path model = write("""
				{ processManager }: { webapp = { pkg = (import <nixproc> { inherit processManager; }).createManagedProcess {
				  process = "/bin/webapp"; overrides.disnix = args: args; }; }; }
				""");
		CliRun run = CliRun.of("build", "-P", "disnix", "--out", tmp.resolve("out").toString(), model.toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("/webapp/pkg/overrides/disnix: disnix has no parameters to override");
	}

	private CliRun build(Path model) {
		return CliRun.of("build", "-P", "sysvinit", "--out", tmp.resolve("out").toString(), model.toString());
	}

	private Path write(String text) throws IOException {
		Path dir = Files.createTempDirectory(tmp, "model");
		return Files.writeString(dir.resolve("processes.nix"), text);
	}

	private Path build(Path model, String manager, List<String> options, String name) {
		List<String> args = new ArrayList<>(List.of("build", "-P", manager));
		args.addAll(options);
		args.addAll(List.of("--out", tmp.resolve(name).toString(), model.toString()));
		CliRun run = CliRun.of(args.toArray(String[]::new));
		assertThat(run.exitCode()).as(model + ": " + run.err()).isZero();
		return tmp.resolve(name);
	}

	/** Relative path to content (or link target), the whole profile. */
	private static Map<String, String> tree(Path root) throws IOException {
		Map<String, String> out = new TreeMap<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.toList()) {
				String key = root.relativize(file).toString();
				if (Files.isSymbolicLink(file)) {
					out.put(key, "-> " + Files.readSymbolicLink(file));
				}
				else if (Files.isRegularFile(file)) {
					out.put(key, Files.readString(file) + "\nmode " + Files.getPosixFilePermissions(file));
				}
			}
		}
		return out;
	}

}
