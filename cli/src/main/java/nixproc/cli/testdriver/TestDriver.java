package nixproc.cli.testdriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import nixproc.backend.Backend;
import nixproc.backend.Backends;
import nixproc.backend.DriverContext;
import nixproc.model.BackendKind;
import nixproc.model.Instance;
import nixproc.model.ProcessesModel;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import nixproc.profile.GenerationStore;
import nixproc.profile.ProfileBuilder;
import nixproc.run.ProcessCommandRunner;
import nixproc.switching.InitState;
import nixproc.switching.SwitchListener;
import nixproc.switching.SwitchOutcome;
import nixproc.switching.Switcher;
import tools.jackson.databind.JsonNode;

/**
 * Runs a processes model through every variant, one after another (they share the model's ports): deploy in a
 * fresh temporary state directory, checks, undeploy, then kill whatever still mentions that directory (a process
 * manager the profile started for itself). A failed variant keeps its directory, with {@value #LOG} holding every
 * check's output.
 */
public final class TestDriver {

	/** The check log inside a variant's state directory. */
	public static final String LOG = "nixproc-test.log";

	/** Loads the model for one variant: a Nix model is evaluated with that variant's directories. */
	@FunctionalInterface
	public interface ModelSource {

		ProcessesModel load(Layout layout, BackendKind processManager);

	}

	private final ModelSource model;

	private final Checks checks;

	public TestDriver(ModelSource model, Checks checks) {
		this.model = model;
		this.checks = checks;
	}

	public List<VariantResult> run(List<Variant> variants) {
		return variants.stream().map(this::run).toList();
	}

	public VariantResult run(Variant variant) {
		long start = System.nanoTime();
		Deployment deployment = null;
		Optional<String> failure;
		try {
			deployment = deploy(variant);
			failure = deployment.check(checks);
		}
		catch (CheckFailed e) {
			failure = Optional.of(e.getMessage());
		}
		catch (RuntimeException e) {
			failure = Optional.of("error: " + e);
		}
		if (deployment != null) {
			Optional<String> undeploy = deployment.undeploy();
			if (failure.isEmpty()) {
				failure = undeploy;
			}
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		Optional<Path> dir = Optional.ofNullable(deployment).map(Deployment::stateDir);
		if (failure.isEmpty()) {
			dir.ifPresent(TestDriver::delete);
			return new VariantResult(variant, failure, took, Optional.empty());
		}
		return new VariantResult(variant, failure, took, dir);
	}

	/** Switches a fresh state directory to the model; the deployment is returned even when the switch failed. */
	public Deployment deploy(Variant variant) {
		boolean privileged = variant.profile() == Profile.PRIVILEGED;
		if (privileged && !"root".equals(System.getProperty("user.name"))) {
			throw new CheckFailed("deploy: the privileged profile deploys as root, and this runs as "
					+ System.getProperty("user.name") + "; select --profiles unprivileged");
		}
		Backend backend = Backends.byKind(variant.processManager())
			.orElseThrow(() -> new CheckFailed("deploy: " + variant.processManager().id() + " has no backend"));
		Path stateDir;
		try {
			stateDir = Files.createTempDirectory("nixproc-test-" + variant.processManager().id() + "-" + variant.profile().id() + "-");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		Layout layout = new Layout(StateDirs.derive(stateDir.toString(), Optional.empty(), Optional.empty(), Optional.empty(),
				Optional.empty()), !privileged);
		ProcessCommandRunner runner = new ProcessCommandRunner();
		InitState.create(layout, runner);
		GenerationStore store = new GenerationStore(GenerationStore.profileDir(stateDir, "processes"));
		Switcher switcher = new Switcher(store, backend.driver(new DriverContext(layout, runner, privileged)), runner, privileged,
				SwitchListener.SILENT, Clock.systemUTC());
		Deployment deployment = new Deployment(variant, stateDir, layout, backend, switcher);
		ProcessesModel processes;
		try {
			processes = model.load(layout, variant.processManager());
		}
		catch (RuntimeException e) {
			deployment.failure = Optional.of("model: " + e.getMessage());
			return deployment;
		}
		deployment.processes = processes;
		SwitchOutcome outcome = switcher.switchTo(ProfileBuilder.build(processes, backend, layout), "nixproc-test");
		if (!(outcome instanceof SwitchOutcome.Switched)) {
			deployment.failure = Optional.of("deploy: " + describe(outcome));
		}
		return deployment;
	}

	private static String describe(SwitchOutcome outcome) {
		if (outcome instanceof SwitchOutcome.RolledBack rolledBack) {
			return rolledBack.failure().instance() + ": " + rolledBack.failure().reason();
		}
		if (outcome instanceof SwitchOutcome.RollbackFailed failed) {
			return failed.failure().instance() + ": " + failed.failure().reason() + "; rollback failed: " + failed.rollbackErrors();
		}
		return outcome.toString();
	}

	/** One deployed variant; {@link DeployedModel} hands it to Java tests. */
	public static final class Deployment {

		private final Variant variant;

		private final Path stateDir;

		private final Layout layout;

		private final Backend backend;

		private final Switcher switcher;

		ProcessesModel processes = new ProcessesModel(Map.of());

		Optional<String> failure = Optional.empty();

		Deployment(Variant variant, Path stateDir, Layout layout, Backend backend, Switcher switcher) {
			this.variant = variant;
			this.stateDir = stateDir;
			this.layout = layout;
			this.backend = backend;
			this.switcher = switcher;
		}

		public Variant variant() {
			return variant;
		}

		public Path stateDir() {
			return stateDir;
		}

		public ProcessesModel processes() {
			return processes;
		}

		/** Why the deployment failed, if it did. */
		public Optional<String> failure() {
			return failure;
		}

		/** The seed's order: initialTests, readiness of every instance, tests of every instance, postTests. */
		Optional<String> check(Checks checks) {
			if (failure.isPresent()) {
				return failure;
			}
			for (String command : checks.initialTests()) {
				run("initialTests", Optional.empty(), command, checks.timeout(), false);
			}
			for (String instance : processes.instances().keySet().stream().sorted().toList()) {
				for (String command : Checks.forInstance(checks.readiness(), instance)) {
					run("readiness", Optional.of(instance), command, checks.timeout(), true);
				}
			}
			for (String instance : processes.instances().keySet().stream().sorted().toList()) {
				for (String command : Checks.forInstance(checks.tests(), instance)) {
					run("tests", Optional.of(instance), command, checks.timeout(), false);
				}
			}
			for (String command : checks.postTests()) {
				run("postTests", Optional.empty(), command, checks.timeout(), false);
			}
			return Optional.empty();
		}

		/**
		 * Runs one shell command with the variant's and the instance's properties in its environment.
		 *
		 * @throws CheckFailed naming the phase, instance and command, with its exit status or "timed out"
		 */
		public void run(String phase, Optional<String> instance, String command, Duration timeout, boolean retry) {
			long deadline = System.nanoTime() + timeout.toNanos();
			String where = phase + instance.map(i -> " " + i).orElse("") + ": `" + command + "`";
			while (true) {
				long left = deadline - System.nanoTime();
				Optional<Integer> status = shell(command, environment(instance), Duration.ofNanos(Math.max(left, 1)), where);
				if (status.isPresent() && status.get() == 0) {
					return;
				}
				if (status.isEmpty()) {
					throw new CheckFailed(where + " timed out after " + timeout.toSeconds() + " s");
				}
				if (!retry) {
					throw new CheckFailed(where + " exited with " + status.get());
				}
				if (System.nanoTime() + 250_000_000L > deadline) {
					throw new CheckFailed(where + " did not succeed within " + timeout.toSeconds() + " s (last exit " + status.get() + ")");
				}
				sleep(250);
			}
		}

		/**
		 * The variables a command sees: the directories, {@code processManager}, {@code profile}, and for an
		 * instance {@code instanceName} plus its scalar properties by name ({@code port}, {@code dnsName}); every
		 * instance's properties also as {@code <instance>_<property>} (non-identifier characters as {@code _}).
		 */
		public Map<String, String> environment(Optional<String> instance) {
			Map<String, String> env = new TreeMap<>();
			StateDirs dirs = layout.dirs();
			env.put("stateDir", dirs.stateDir());
			env.put("runtimeDir", dirs.runtimeDir());
			env.put("logDir", dirs.logDir());
			env.put("tmpDir", dirs.tmpDir());
			env.put("cacheDir", dirs.cacheDir());
			env.put("forceDisableUserChange", layout.forceDisableUserChange() ? "1" : "0");
			env.put("processManager", backend.kind().id());
			env.put("profile", variant.profile().id());
			processes.instances().forEach((name, value) -> scalars(value).forEach((key, text) -> env.put(identifier(name) + "_" + key, text)));
			instance.ifPresent(name -> {
				env.put("instanceName", name);
				scalars(processes.instances().get(name)).forEach(env::put);
			});
			return env;
		}

		private static Map<String, String> scalars(Instance instance) {
			Map<String, String> out = new TreeMap<>();
			instance.properties().forEach((key, value) -> {
				if (value.isValueNode() && !value.isNull() && identifier(key).equals(key)) {
					out.put(key, text(value));
				}
			});
			return out;
		}

		private static String text(JsonNode value) {
			return value.isString() ? value.asString() : value.toString();
		}

		private Optional<Integer> shell(String command, Map<String, String> env, Duration timeout, String where) {
			Path log = stateDir.resolve(LOG);
			try {
				Files.writeString(log, "== " + where + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
				ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
					.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
				builder.environment().putAll(env);
				Process process = builder.start();
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.descendants().forEach(ProcessHandle::destroyForcibly);
					process.destroyForcibly();
					return Optional.empty();
				}
				return Optional.of(process.exitValue());
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new CheckFailed(where + " interrupted");
			}
		}

		/** Undeploys (an empty profile) and ends what the profile left running; a failure of either is reported. */
		public Optional<String> undeploy() {
			Optional<String> result = Optional.empty();
			try {
				SwitchOutcome outcome = switcher.switchTo(ProfileBuilder.build(new ProcessesModel(Map.of()), backend, layout), "");
				if (!(outcome instanceof SwitchOutcome.Switched)) {
					result = Optional.of("undeploy: " + describe(outcome));
				}
			}
			catch (RuntimeException e) {
				result = Optional.of("undeploy: " + e);
			}
			List<ProcessHandle> leftovers = mentioning(stateDir);
			leftovers.forEach(ProcessHandle::destroy);
			leftovers.forEach(p -> p.onExit().completeOnTimeout(p, 5, TimeUnit.SECONDS).join());
			leftovers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
			return result;
		}

	}

	/** Processes whose command line names {@code dir}: what a deployment into it started. */
	static List<ProcessHandle> mentioning(Path dir) {
		String text = dir.toString();
		List<ProcessHandle> out = new ArrayList<>();
		ProcessHandle.allProcesses()
			.filter(p -> p.pid() != ProcessHandle.current().pid())
			.filter(p -> p.info().commandLine().map(c -> c.contains(text)).orElse(false))
			.forEach(out::add);
		return out;
	}

	static String identifier(String name) {
		return name.replaceAll("[^A-Za-z0-9_]", "_");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CheckFailed("interrupted");
		}
	}

	private static void delete(Path dir) {
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException e) {
			// a leftover temporary directory of a passed variant costs disk space, not correctness
		}
	}

	/** A check (or the deployment) failed; the message is the table's reason column. */
	public static final class CheckFailed extends RuntimeException {

		public CheckFailed(String message) {
			super(message);
		}

	}

}
