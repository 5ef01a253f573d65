package nixproc.backend;

import java.util.ArrayList;
import java.util.List;

import nixproc.process.NormalisedProcess;

import static nixproc.escape.Shell.join;
import static nixproc.escape.Shell.quote;

/**
 * POSIX sh that starts a process in the background, shared by the backends that activate through shell scripts
 * (sysvinit's init.d scripts, disnix's process wrappers). The lines expect the shell variables {@code pidfile} and
 * {@code logfile}, and are indented relative to their caller's block.
 */
public final class ShellDaemoniser {

	private ShellDaemoniser() {
	}

	/**
	 * Daemonises a foreground process, decided when the script runs: libslack {@code daemon} when on the PATH, else
	 * {@code start-stop-daemon}, else a subshell with SIGHUP ignored whose {@code $!} goes to the PID file. All three
	 * run it in {@code directory} (else {@code /}), as the effective user, with {@code nice}.
	 */
	public static List<String> daemonise(NormalisedProcess process) {
		List<String> lines = new ArrayList<>();
		List<String> argv = argv(process);
		String directory = process.directory().orElse("/");
		// root makes the log, in a directory only root writes to, and gives it to the user the process runs as (#17)
		lines.add("if [ -h \"$logfile\" ]; then rm -f \"$logfile\"; fi");
		lines.add(": >>\"$logfile\"");
		process.user().ifPresent(user -> lines.add("chown " + quote(user) + " \"$logfile\""));
		lines.add("if command -v daemon >/dev/null 2>&1; then");
		List<String> daemon = new ArrayList<>(List.of("daemon", "--unsafe", "--inherit", "--chdir", directory));
		process.user().ifPresent(user -> daemon.addAll(List.of("--user", user)));
		lines.add("\t" + join(daemon) + " --output \"$logfile\" --pidfile \"$pidfile\" -- " + nice(process) + join(argv));
		lines.add("elif command -v start-stop-daemon >/dev/null 2>&1; then");
		List<String> ssd = new ArrayList<>(List.of("start-stop-daemon", "--start", "--quiet", "--background",
				"--make-pidfile", "--chdir", directory));
		process.user().ifPresent(user -> ssd.addAll(List.of("--chuid", user)));
		process.nice().ifPresent(nice -> ssd.addAll(List.of("--nicelevel", String.valueOf(nice))));
		lines.add("\t" + join(ssd) + " --pidfile \"$pidfile\" --output \"$logfile\" --startas " + quote(process.executable())
				+ (process.args().isEmpty() ? "" : " -- " + join(process.args())));
		lines.add("else");
		String exec = process.user()
			.map(user -> "su -s /bin/sh " + quote(user) + " -c " + quote("exec " + nice(process) + join(argv)))
			.orElse(nice(process) + join(argv));
		lines.add("\t(");
		lines.add("\t\tcd " + quote(directory) + " || exit 1");
		lines.add("\t\ttrap '' HUP");
		lines.add("\t\texec " + exec);
		lines.add("\t) </dev/null >>\"$logfile\" 2>&1 &");
		lines.add("\techo \"$!\" >\"$pidfile\"");
		lines.add("fi");
		return lines;
	}

	/** Runs a real daemon (it forks itself), as the effective user via {@code su} when there is one. */
	public static String invokeDaemon(NormalisedProcess process) {
		List<String> argv = argv(process);
		String command = process.user().map(user -> "su -s /bin/sh " + quote(user) + " -c " + quote("exec " + join(argv)))
			.orElse(join(argv));
		return nice(process) + command;
	}

	private static String nice(NormalisedProcess process) {
		return process.nice().map(nice -> "nice -n " + nice + " ").orElse("");
	}

	private static List<String> argv(NormalisedProcess process) {
		List<String> argv = new ArrayList<>();
		argv.add(process.executable());
		argv.addAll(process.args());
		return argv;
	}

}
