package nixproc.process;

import java.util.List;
import java.util.Optional;

import static nixproc.escape.Shell.join;
import static nixproc.escape.Shell.quote;

/**
 * The seed's foreground proxy (reference §3.0, {@code generate-foreground-proxy.nix}) as a POSIX {@code sh} script
 * body, for foreground-preferring managers that cannot do some of it themselves: run {@code initialize} (as whoever
 * started the proxy, typically root), change directory and umask, apply {@code nice}, drop to the user with
 * {@code su -m} (after initialize, which is why the manager's own user switch cannot be used then), and keep a
 * forking daemon in the foreground: start it, wait for its PID file, forward TERM and INT, and wait for its end.
 *
 * <p>
 * Each backend leaves out what its manager does natively (launchd's {@code WorkingDirectory}, docker's
 * {@code --workdir}), so the parts are optional. Unlike the seed's proxy, {@code directory} and {@code umask} are
 * applied in both modes (§9.7), and a missing PID file is awaited {@value #PID_FILE_WAIT_SECONDS} s rather than
 * about 9, since a JVM daemon can take longer than that to write it.
 *
 * @param initialize shell text run first, with {@code set -e} in force; blank for none
 * @param directory where to {@code cd} before starting the process
 * @param umask applied before starting the process
 * @param nice the niceness to start the process with
 * @param user the user to {@code su -m} to (keeping the environment the manager set)
 * @param argv the process and its arguments
 * @param daemonPidFile present when {@code argv} forks: the PID file the proxy follows the daemon through
 */
public record ForegroundProxy(String initialize, Optional<String> directory, Optional<String> umask, Optional<Integer> nice,
		Optional<String> user, List<String> argv, Optional<String> daemonPidFile) {

	public static final int PID_FILE_WAIT_SECONDS = 30;

	public ForegroundProxy {
		argv = List.copyOf(argv);
		if (argv.isEmpty()) {
			throw new IllegalArgumentException("the proxy needs a process to run");
		}
	}

	/** The script, starting with {@code set -e}; callers add a shebang or pass it to {@code sh -c}. */
	public String script() {
		String niced = nice.map(n -> "nice -n " + n + " ").orElse("") + join(argv);
		// su -m keeps the environment the manager set; util-linux and BSD su both read "-m user -c command"
		String command = user.map(u -> "su -m " + quote(u) + " -c " + quote("exec " + niced)).orElse(niced);
		StringBuilder out = new StringBuilder("set -e\n");
		if (!initialize.isBlank()) {
			out.append(initialize.stripTrailing()).append('\n');
		}
		directory.ifPresent(dir -> out.append("cd ").append(quote(dir)).append('\n'));
		umask.ifPresent(value -> out.append("umask ").append(quote(value)).append('\n'));
		if (daemonPidFile.isEmpty()) {
			return out.append("exec ").append(command).append('\n').toString();
		}
		String pidFile = quote(daemonPidFile.get());
		PidTrust.shellFunctions().forEach(line -> out.append(line).append('\n'));
		// a PID file someone else planted is not followed, and its PID never signalled (#17)
		return out.append(command).append('\n')
			.append("waited=0\n")
			.append("while ! trusted_pid ").append(pidFile).append(user.map(u -> " " + quote(u)).orElse("")).append("; do\n")
			.append("\tif [ \"$waited\" -ge ").append(PID_FILE_WAIT_SECONDS).append(" ]; then\n")
			.append("\t\techo \"no PID file to believe after ").append(PID_FILE_WAIT_SECONDS).append(" s, giving up:\" ").append(pidFile).append(" >&2\n")
			.append("\t\texit 1\n")
			.append("\tfi\n")
			.append("\tsleep 1\n")
			.append("\twaited=$((waited + 1))\n")
			.append("done\n")
			// TERM ends the daemon and then the proxy (the seed's behaviour); INT is only passed on
			.append("trap 'kill -TERM \"$pid\" 2>/dev/null; exit 0' TERM\n")
			.append("trap 'kill -INT \"$pid\" 2>/dev/null' INT\n")
			// kill -0 rather than the seed's tail --pid / lsof / pwait: POSIX, on every platform the same
			.append("while kill -0 \"$pid\" 2>/dev/null; do\n")
			.append("\tsleep 1\n")
			.append("done\n")
			.toString();
	}

}
