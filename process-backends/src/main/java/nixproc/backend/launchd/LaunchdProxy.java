package nixproc.backend.launchd;

import static nixproc.escape.Shell.join;
import static nixproc.escape.Shell.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import nixproc.process.NormalisedProcess;

/**
 * The seed's foreground proxy (reference §3.0) as an {@code sh -c} script inside {@code ProgramArguments}, for what
 * launchd cannot do itself: run {@code initialize} as root before dropping to the user, and keep a forking daemon
 * in the foreground. {@code WorkingDirectory}, {@code Umask} and {@code Nice} stay launchd keys: the proxy inherits
 * them, so unlike the seed's proxy they are never lost.
 */
final class LaunchdProxy {

	/** How long the wrapped daemon may take to write its PID file (the seed gives up after about 9 s). */
	static final int PID_FILE_WAIT_SECONDS = 30;

	private LaunchdProxy() {
	}

	static boolean needed(NormalisedProcess process) {
		return !process.initialize().isBlank() || process.mustWrapDaemon();
	}

	/** The user to chain-load to: only when initialize must run as root first; otherwise launchd's UserName does it. */
	static Optional<String> chainLoadUser(NormalisedProcess process) {
		return process.initialize().isBlank() ? Optional.empty() : process.user();
	}

	static List<String> programArguments(NormalisedProcess process) {
		return List.of("/bin/sh", "-c", script(process), process.name() + "-foregroundproxy");
	}

	static String script(NormalisedProcess process) {
		List<String> argv = new ArrayList<>();
		argv.add(process.executable());
		argv.addAll(process.args());
		// su -m keeps the environment launchd set; util-linux and BSD su both read "-m user -c command"
		String command = chainLoadUser(process).map(user -> "su -m " + quote(user) + " -c " + quote("exec " + join(argv)))
			.orElse(join(argv));
		StringBuilder out = new StringBuilder("set -e\n");
		if (!process.initialize().isBlank()) {
			out.append(process.initialize().stripTrailing()).append('\n');
		}
		if (!process.mustWrapDaemon()) {
			return out.append("exec ").append(command).append('\n').toString();
		}
		String pidFile = quote(process.pidFile());
		out.append(command).append('\n')
			.append("waited=0\n")
			.append("while [ ! -s ").append(pidFile).append(" ]; do\n")
			.append("\tif [ \"$waited\" -ge ").append(PID_FILE_WAIT_SECONDS).append(" ]; then\n")
			.append("\t\techo \"no PID file after ").append(PID_FILE_WAIT_SECONDS).append(" s, giving up:\" ").append(pidFile).append(" >&2\n")
			.append("\t\texit 1\n")
			.append("\tfi\n")
			.append("\tsleep 1\n")
			.append("\twaited=$((waited + 1))\n")
			.append("done\n")
			.append("pid=$(cat ").append(pidFile).append(")\n")
			.append("trap 'kill -TERM \"$pid\" 2>/dev/null; exit 0' TERM\n")
			.append("trap 'kill -INT \"$pid\" 2>/dev/null' INT\n")
			.append("while kill -0 \"$pid\" 2>/dev/null; do\n")
			.append("\tsleep 1\n")
			.append("done\n");
		return out.toString();
	}

}
