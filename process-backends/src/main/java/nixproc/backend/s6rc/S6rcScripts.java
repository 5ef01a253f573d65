package nixproc.backend.s6rc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nixproc.process.NormalisedProcess;

import static nixproc.escape.Execline.join;
import static nixproc.escape.Execline.quote;

/**
 * The execline of a process: the seed's prelude, then the program. Each word goes through
 * {@link nixproc.escape.Execline}; nothing here uses {@code importas} before a model value, so no {@code $} in a value
 * is ever substituted.
 *
 * <p>
 * Order: {@code fdmove -c 2 1} (stderr to the logger too), the environment, {@code initialize} (as root, in
 * {@code /bin/sh -e}, failing the start when it fails, where the seed's {@code foreground} ignores it),
 * {@code execline-umask}, {@code execline-cd}, {@code s6-setuidgid} (privileged only), {@code nice -n}, and last
 * {@code PATH}: the chain's own programs are found on the PATH execlineb started with (Debian keeps them in
 * {@code /usr/lib/execline/bin}), and only the process itself sees the composed one.
 */
final class S6rcScripts {

	static final String SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin";

	private S6rcScripts() {
	}

	/** The {@code run} script of a longrun: shebang, prelude, program. */
	static String run(NormalisedProcess process, S6rcParameters parameters) {
		return "#!" + parameters.execlineb() + " -P\n" + body(process);
	}

	/** The {@code up} of a oneshot: an execline command line without shebang, parsed by {@code s6-rc-compile}. */
	static String up(NormalisedProcess process) {
		return body(process);
	}

	/**
	 * The {@code down} of a oneshot: kills the PID in the process's PID file, explicit or derived (the seed reads only
	 * an explicit {@code pidFile} and fails without one), and waits until it is gone.
	 */
	static String down(NormalisedProcess process) {
		return "backtick -n PID { cat " + quote(process.pidFile()) + " }\n"
				+ "importas -u PID PID\n"
				+ "if { kill -TERM ${PID} }\n"
				+ "foreground { loopwhilex if { sleep 0.1 } redirfd -w 2 /dev/null kill -0 ${PID} }\n"
				+ "exit 0\n";
	}

	/** The {@code run} of the log companion: {@code s6-log} into {@code <logDir>/s6-log/<name>}. */
	static String logRun(NormalisedProcess process, S6rcParameters parameters, String logDir, boolean privileged) {
		String dir = quote(logDirectory(logDir, process.name()));
		StringBuilder out = new StringBuilder("#!" + parameters.execlineb() + " -P\n");
		out.append("if { mkdir -p ").append(dir).append(" }\n");
		if (privileged) {
			String user = quote(parameters.logUser());
			out.append("if { chown -R ").append(quote(parameters.logUser() + ":" + parameters.logUser())).append(' ').append(dir)
				.append(" }\n");
			out.append("s6-setuidgid ").append(user).append('\n');
		}
		out.append("exec -c s6-log -d3 ").append(dir).append('\n');
		return out.toString();
	}

	/** Where the logger of {@code name} writes (the seed's {@code <logDir>/s6-log/<name>}). */
	static String logDirectory(String logDir, String name) {
		return logDir + "/s6-log/" + name;
	}

	private static String body(NormalisedProcess process) {
		StringBuilder out = new StringBuilder("fdmove -c 2 1\n");
		for (Map.Entry<String, String> variable : process.environment().entrySet()) {
			if (!variable.getKey().equals("PATH")) {
				out.append("export ").append(variable.getKey()).append(' ').append(quote(variable.getValue())).append('\n');
			}
		}
		boolean ownPath = !process.binPath().isEmpty() || process.environment().containsKey("PATH");
		String path = ownPath ? "export PATH " + quote(path(process)) + " " : "";
		if (!process.initialize().isBlank()) {
			out.append("if { ").append(path).append("/bin/sh -ec ").append(quote(process.initialize())).append(" }\n");
		}
		process.umask().ifPresent(umask -> out.append("execline-umask ").append(quote(umask)).append('\n'));
		process.directory().ifPresent(dir -> out.append("execline-cd ").append(quote(dir)).append('\n'));
		process.user().ifPresent(user -> out.append("s6-setuidgid ").append(quote(user)).append('\n'));
		process.nice().ifPresent(nice -> out.append("nice -n ").append(nice).append('\n'));
		if (ownPath) {
			out.append(path.stripTrailing()).append('\n');
		}
		List<String> argv = new ArrayList<>();
		argv.add(process.executable());
		argv.addAll(process.args());
		out.append(join(argv)).append('\n');
		return out.toString();
	}

	/**
	 * An explicit {@code PATH} wins; else the {@code path} packages' {@code bin} directories, then the system's (the
	 * seed replaces PATH with Nix base packages plus {@code path}, §9.15; the system directories stand in for them).
	 */
	static String path(NormalisedProcess process) {
		String explicit = process.environment().get("PATH");
		if (explicit != null) {
			return explicit;
		}
		List<String> dirs = new ArrayList<>(process.binPath());
		dirs.add(SYSTEM_PATH);
		return String.join(":", dirs);
	}

}
