package nixproc.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import nixproc.backend.ActivityRunner;
import nixproc.backend.Backend;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.sysvinit.SysvinitBackend;
import nixproc.model.BackendKind;
import nixproc.process.Layout;
import nixproc.profile.GenerationStore;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;
import nixproc.run.CommandResult;
import nixproc.run.ProcessCommandRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The seed's {@code nixproc-sysvinit-runactivity} and {@code nixproc-bsdrc-runactivity}: one activity ({@code status},
 * {@code reload}, …) of every script of a profile's current generation, in start order, or stop order with
 * {@code -r}. sysvinit takes the scripts a runlevel starts (the seed's default, 3); bsdrc runs rc.subr's
 * {@code one<activity>}.
 */
@Command(name = "runactivity", mixinStandardHelpOptions = true,
		description = "Run one activity of every script of the current generation (sysvinit, bsdrc), as the seed's runactivity.",
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:every script succeeded", "1:a script failed (the others still ran)", "2:bad input" })
final class RunActivityCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	ProcessManagerOptions processManager = new ProcessManagerOptions();

	@Mixin
	StateDirOptions dirs = new StateDirOptions();

	@Mixin
	ProfileOptions profile = new ProfileOptions();

	@Option(names = { "-r", "--reverse" }, description = "In stop order, dependants first (use it for stop).")
	boolean reverse;

	@Option(names = "--runlevel", paramLabel = "N", description = "sysvinit: the scripts runlevel N starts (default: 3).")
	Optional<Integer> runlevel = Optional.empty();

	@Parameters(paramLabel = "ACTIVITY", description = "The activity, e.g. status, reload, restart, stop.")
	String activity = "";

	@Override
	public Integer call() {
		Backend backend = processManager.backend();
		if (!activity.matches("[a-z][a-z0-9-]*")) {
			throw new UsageException("ACTIVITY: a word such as status or reload, not '" + activity + "'");
		}
		if (backend.kind() != BackendKind.SYSVINIT && runlevel.isPresent()) {
			throw new UsageException("--runlevel: only with -P sysvinit");
		}
		int level = runlevel.orElse(3);
		if (level < 0 || level > 6) {
			throw new UsageException("--runlevel: 0 to 6, not " + level);
		}
		Layout layout = dirs.layout();
		Driver driver = backend.driver(new DriverContext(layout, new ProcessCommandRunner(),
				!layout.forceDisableUserChange() && "root".equals(System.getProperty("user.name"))));
		if (!(driver instanceof ActivityRunner runner)) {
			throw new UsageException("-P " + backend.kind().id() + ": runactivity runs the scripts of sysvinit and bsdrc");
		}
		GenerationStore store = profile.store(layout);
		ProfileGeneration current = store.current()
			.orElseThrow(() -> new UsageException("--profile: profile " + profile.name() + " has no current generation under "
					+ store.directory()));
		if (!current.manifest().backend().equals(backend.kind().id())) {
			throw new UsageException("-P " + backend.kind().id() + ": profile " + profile.name() + " runs " + current.manifest().backend());
		}
		List<InstanceEntry> instances = new ArrayList<>(backend.kind() == BackendKind.SYSVINIT
				? SysvinitBackend.inRunlevel(current.manifest().instances(), level) : current.manifest().instances());
		if (reverse) {
			Collections.reverse(instances);
		}
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		int failed = 0;
		for (InstanceEntry instance : instances) {
			CommandResult result = new ProcessCommandRunner().run(runner.activity(current, instance, activity));
			result.output().lines().forEach(line -> out.println(instance.name() + ": " + line));
			if (!result.succeeded()) {
				failed++;
				err.println("nixproc: " + instance.name() + ": " + activity + " exited with " + result.exitCode());
			}
		}
		return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
	}

}
