package nixproc.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import nixproc.cli.testdriver.Checks;
import nixproc.cli.testdriver.ChecksFile;
import nixproc.cli.testdriver.Profile;
import nixproc.cli.testdriver.TestDriver;
import nixproc.cli.testdriver.Variant;
import nixproc.cli.testdriver.VariantResult;
import nixproc.model.BackendKind;
import nixproc.model.ModelException;
import nixproc.model.Problem;
import nixproc.nix.NixModels;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The seed's test driver on this machine: every process manager × profile deployed in a temporary state directory,
 * checked and undeployed, one after another; a table of the results. Exit 1 when a variant failed (its state
 * directory and logs are kept and named).
 */
@Command(name = "test", mixinStandardHelpOptions = true,
		description = "Deploy a model with every process manager and profile, run its checks, undeploy, and report.")
final class TestCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--process-managers", split = ",", paramLabel = "PM[,PM…]", defaultValue = "sysvinit",
			description = "Process managers to deploy with (default: ${DEFAULT-VALUE}).")
	List<String> processManagers = List.of("sysvinit");

	@Option(names = "--profiles", split = ",", paramLabel = "PROFILE[,PROFILE…]", defaultValue = "unprivileged",
			description = "privileged (as root, with user changes) and/or unprivileged (--force-disable-user-change); default: ${DEFAULT-VALUE}.")
	List<String> profiles = List.of("unprivileged");

	@Option(names = "--checks", paramLabel = "FILE", description = "initialTests, readiness, tests, postTests and timeout, as YAML or JSON.")
	Optional<Path> checks = Optional.empty();

	@Mixin
	NixPathOptions nixPath = new NixPathOptions();

	@Parameters(paramLabel = "MODEL", description = "The processes model, .json, .yaml, .yml or .nix.")
	Path model = Path.of("");

	@Override
	public Integer call() {
		List<Variant> variants = variants();
		Checks loaded = checks.map(TestCommand::relabel).orElse(Checks.NONE);
		// the model is read once up front, so a bad model is a usage error before anything is deployed
		NixModels nix = nixPath.models();
		NixModelFiles.readProcesses(model, new Layout(StateDirs.defaults(), true), variants.get(0).processManager().id(), nix);
		TestDriver driver = new TestDriver((layout, manager) -> {
			// as switch does: the store paths are built, and rooted in the variant's state dir while it exists
			NixModelFiles.Read read = NixModelFiles.read(model, layout, manager.id(), true, nix);
			read.realise(Path.of(layout.dirs().stateDir(), "nixproc", "gcroots")).ifPresent(error -> {
				throw new IllegalStateException(error);
			});
			return read.model();
		}, loaded);
		PrintWriter out = spec.commandLine().getOut();
		List<VariantResult> results = new ArrayList<>();
		for (Variant variant : variants) {
			out.println("testing " + variant + " …");
			out.flush();
			results.add(driver.run(variant));
		}
		print(results, out);
		return results.stream().allMatch(VariantResult::passed) ? ExitCodes.OK : ExitCodes.FAILED;
	}

	private static Checks relabel(Path file) {
		try {
			return ChecksFile.read(file);
		}
		catch (ModelException e) {
			throw new ModelException(e.problems().stream()
				.map(p -> new Problem(p.pointer(), "--checks " + file + ": " + p.message()))
				.toList());
		}
	}

	private List<Variant> variants() {
		List<Variant> out = new ArrayList<>();
		for (String manager : processManagers) {
			BackendKind kind = BackendKind.byId(manager.trim())
				.orElseThrow(() -> new UsageException("--process-managers: unknown process manager " + manager + "; known: "
						+ Arrays.stream(BackendKind.values()).map(BackendKind::id).collect(Collectors.joining(", "))));
			for (String profile : profiles) {
				try {
					out.add(new Variant(kind, Profile.byId(profile.trim())));
				}
				catch (IllegalArgumentException e) {
					throw new UsageException("--profiles: " + e.getMessage().substring("profile: ".length()));
				}
			}
		}
		if (out.isEmpty()) {
			throw new UsageException("--process-managers and --profiles: at least one of each");
		}
		return out;
	}

	private static void print(List<VariantResult> results, PrintWriter out) {
		int width = Math.max("VARIANT".length(), results.stream().mapToInt(r -> r.variant().toString().length()).max().orElse(0));
		out.printf("%-" + width + "s  %-6s  %8s  %s%n", "VARIANT", "RESULT", "TIME", "DETAILS");
		for (VariantResult result : results) {
			// one row per variant: a manager's multi-line message is folded
			String details = result.failure().map(f -> f.replaceAll("\\s*\\R\\s*", " ") + result.keptLogs().map(d -> " (logs kept in " + d + ")").orElse("")).orElse("");
			out.printf("%-" + width + "s  %-6s  %6.1f s  %s%n", result.variant(), result.passed() ? "passed" : "FAILED",
					result.took().toMillis() / 1000.0, details);
		}
		long failed = results.stream().filter(r -> !r.passed()).count();
		out.println(failed == 0 ? "all " + results.size() + " variants passed" : failed + " of " + results.size() + " variants failed");
		out.flush();
	}

}
