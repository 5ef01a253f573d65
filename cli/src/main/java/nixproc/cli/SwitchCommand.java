package nixproc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import nixproc.backend.Backend;
import nixproc.backend.DriverContext;
import nixproc.model.ProcessesModel;
import nixproc.process.Layout;
import nixproc.profile.BuiltProfile;
import nixproc.profile.GenerationStore;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileBuilder;
import nixproc.profile.ProfileGeneration;
import nixproc.run.ProcessCommandRunner;
import nixproc.switching.InitState;
import nixproc.switching.SwitchListener;
import nixproc.switching.SwitchOutcome;
import nixproc.switching.SwitchPlan;
import nixproc.switching.Switcher;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The seed's {@code nixproc-<pm>-switch}: activate a processes model as a new generation of a profile, or move
 * between generations. Unlike the seed, a failed start rolls the machine back to the previous generation.
 */
@Command(name = "switch", mixinStandardHelpOptions = true,
		description = { "Deploy a processes model: stop what is obsolete, start what is new, record a generation.",
				"A failed start rolls back to the previous generation." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:switched (or nothing to do)", "1:an instance failed; the previous generation runs again",
				"2:bad input; nothing was changed", "3:an instance failed and so did the rollback" })
final class SwitchCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	ProcessManagerOptions processManager = new ProcessManagerOptions();

	@Mixin
	StateDirOptions dirs = new StateDirOptions();

	@Mixin
	NixPathOptions nixPath = new NixPathOptions();

	@Option(names = { "-p", "--profile" }, paramLabel = "NAME", defaultValue = "${env:NIXPROC_PROFILE:-default}",
			description = "Profile to switch (default: ${DEFAULT-VALUE}; env NIXPROC_PROFILE).")
	String profile = "default";

	@Option(names = "--dry-run", description = "Print what would stop, start and stay; change nothing.")
	boolean dryRun;

	@ArgGroup(exclusive = true)
	Action action;

	@Parameters(paramLabel = "MODEL", arity = "0..1", description = "The processes model, .json, .yaml, .yml or .nix.")
	Optional<Path> model = Optional.empty();

	static final class Action {

		@Option(names = "--undeploy", description = "Stop every instance of the profile (a new, empty generation).")
		boolean undeploy;

		@Option(names = "--rollback", description = "Switch back to the generation before the current one.")
		boolean rollback;

		@Option(names = "--switch-to-generation", paramLabel = "N", description = "Switch to generation N.")
		Optional<Integer> generation = Optional.empty();

		@Option(names = "--list-generations", description = "List the profile's generations.")
		boolean list;

		@Option(names = "--delete-generations", arity = "1..*", paramLabel = "N|Nd|old",
				description = "Delete generations: numbers, those older than N days, or all but the current one.")
		List<String> delete = List.of();

	}

	@Override
	public Integer call() {
		Backend backend = processManager.backend();
		Layout layout = dirs.layout();
		GenerationStore store = new GenerationStore(GenerationStore.profileDir(Path.of(layout.dirs().stateDir()), requireProfileName()));
		PrintWriter out = spec.commandLine().getOut();
		Action chosen = action == null ? new Action() : action;
		if (chosen.list) {
			listGenerations(store, out);
			return ExitCodes.OK;
		}
		if (!chosen.delete.isEmpty()) {
			GenerationStore.Deletion deletion = GenerationStore.Deletion.parse(chosen.delete);
			List<Integer> deleted = List.of();
			// not while a switch writes or activates a generation (its roots must survive); no profile, nothing to lock
			if (Files.isDirectory(store.directory())) {
				try (java.nio.channels.FileChannel lock = store.lock()) {
					deleted = store.delete(deletion);
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}
			out.println(deleted.isEmpty() ? "no generation deleted"
					: "deleted generation(s) " + deleted.stream().map(String::valueOf).collect(Collectors.joining(", ")));
			return ExitCodes.OK;
		}
		if (chosen.rollback || chosen.generation.isPresent()) {
			if (model.isPresent()) {
				throw new UsageException("--rollback and --switch-to-generation take no MODEL");
			}
			int target = chosen.generation.orElseGet(() -> Switcher.previous(store)
				.orElseThrow(() -> new UsageException("--rollback: profile " + profile + " has no generation before the current one")));
			if (store.get(target).isEmpty()) {
				throw new UsageException("--switch-to-generation: profile " + profile + " has no generation " + target);
			}
			return report(switcher(store, backend, layout, out).activate(target), out);
		}
		BuiltProfile built;
		String modelHash;
		NixModelFiles.Read read = null;
		if (chosen.undeploy) {
			built = ProfileBuilder.build(new ProcessesModel(Map.of()), backend, layout);
			modelHash = "";
		}
		else {
			Path file = model.orElseThrow(() -> new UsageException("MODEL: give a processes model (or --undeploy, --rollback, …)"));
			// JSON, YAML or Nix; the bytes hashed are those parsed (for Nix, the evaluated JSON)
			read = NixModelFiles.read(file, layout, backend.kind().id(), !dryRun, nixPath.models());
			byte[] bytes = read.bytes();
			ProcessesModel processes = read.model();
			built = ProfileBuilder.build(processes, backend, layout);
			modelHash = sha256(bytes);
		}
		// the model is valid: only now may anything be written
		Switcher switcher = switcher(store, backend, layout, out);
		if (dryRun) {
			printPlan(switcher.plan(built), out);
			return ExitCodes.OK;
		}
		// a Nix model's store paths are built before anything changes, and stay rooted for the generations using them
		Optional<String> unrealised = read == null ? Optional.empty() : read.realise(store.gcRoots(modelHash));
		if (unrealised.isPresent()) {
			spec.commandLine().getErr().println("nixproc: " + unrealised.get() + "; nothing was changed");
			return ExitCodes.FAILED;
		}
		return report(switcher.switchTo(built, modelHash), out);
	}

	private Switcher switcher(GenerationStore store, Backend backend, Layout layout, PrintWriter out) {
		// PATH as the driver's command runner will search it
		ManagerCommands.missing(backend.kind(), Optional.ofNullable(System.getenv("PATH")).orElse("")).ifPresent(needed -> {
			throw new UsageException("-P " + backend.kind().id() + ": " + needed.command() + " is not installed; it comes with "
					+ needed.provider());
		});
		requireWritable(store.directory());
		boolean privileged = !layout.forceDisableUserChange() && "root".equals(System.getProperty("user.name"));
		ProcessCommandRunner runner = new ProcessCommandRunner();
		InitState.create(layout, runner);
		return new Switcher(store, backend.driver(new DriverContext(layout, runner, privileged)), runner, privileged,
				new Progress(out), Clock.systemUTC());
	}

	private int report(SwitchOutcome outcome, PrintWriter out) {
		PrintWriter err = spec.commandLine().getErr();
		if (outcome instanceof SwitchOutcome.Switched switched) {
			SwitchPlan plan = switched.plan();
			out.println("switched profile " + profile + " to generation " + switched.generation() + ": started " + names(plan.start())
					+ ", stopped " + names(plan.stop()) + ", unchanged " + names(plan.keep()));
			return ExitCodes.OK;
		}
		if (outcome instanceof SwitchOutcome.RolledBack rolledBack) {
			describe(rolledBack.failure(), err);
			err.println(rolledBack.restored() == 0 ? "rolled back: nothing of profile " + profile + " runs, as before"
					: "rolled back: generation " + rolledBack.restored() + " is running again");
			return ExitCodes.FAILED;
		}
		SwitchOutcome.RollbackFailed failed = (SwitchOutcome.RollbackFailed) outcome;
		describe(failed.failure(), err);
		err.println("ROLLBACK FAILED: the profile is in a mixed state and needs attention:");
		failed.rollbackErrors().forEach(e -> err.println("  " + e));
		return ExitCodes.ROLLBACK_FAILED;
	}

	private static void describe(SwitchOutcome.StartFailure failure, PrintWriter err) {
		err.println("instance " + failure.instance() + " failed: " + failure.reason());
		if (!failure.logTail().isBlank()) {
			err.println("last lines of its log:");
			failure.logTail().lines().forEach(line -> err.println("  | " + line));
		}
	}

	private void listGenerations(GenerationStore store, PrintWriter out) {
		int current = store.current().map(ProfileGeneration::number).orElse(-1);
		for (ProfileGeneration generation : store.list()) {
			out.printf("%4d   %s   %d instance(s)%s%n", generation.number(), generation.manifest().createdAt(),
					generation.manifest().instances().size(), generation.number() == current ? "   (current)" : "");
		}
	}

	private static void printPlan(SwitchPlan plan, PrintWriter out) {
		out.println("would stop:  " + names(plan.stop()));
		out.println("would start: " + names(plan.start()));
		out.println("would keep:  " + names(plan.keep()));
	}

	private static String names(List<InstanceEntry> instances) {
		return instances.isEmpty() ? "none" : instances.stream().map(InstanceEntry::name).collect(Collectors.joining(" "));
	}

	private String requireProfileName() {
		if (!profile.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
			throw new UsageException("--profile: must match [A-Za-z0-9][A-Za-z0-9._-]*, got '" + profile + "'");
		}
		return profile;
	}

	private static void requireWritable(Path profileDir) {
		try {
			Files.createDirectories(profileDir);
		}
		catch (IOException ex) {
			throw new UsageException("--state-dir: cannot create " + profileDir + " (" + ex.getClass().getSimpleName() + ": "
					+ ex.getMessage() + ")");
		}
		if (!Files.isWritable(profileDir)) {
			throw new UsageException("--state-dir: " + profileDir + " is not writable");
		}
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** One line per step, as the seed's switch scripts print. */
	private static final class Progress implements SwitchListener {

		private final PrintWriter out;

		Progress(PrintWriter out) {
			this.out = out;
		}

		@Override
		public synchronized void stopping(InstanceEntry instance) {
			out.println("stopping " + instance.name());
		}

		@Override
		public synchronized void starting(InstanceEntry instance) {
			out.println("starting " + instance.name());
		}

		@Override
		public synchronized void ready(InstanceEntry instance, Duration took) {
			out.println(instance.name() + " is ready (" + took.toMillis() + " ms)");
		}

		@Override
		public synchronized void rollingBack(String why) {
			out.println("rolling back: " + why);
		}

		@Override
		public synchronized void note(String message) {
			out.println(message);
		}

	}

}
