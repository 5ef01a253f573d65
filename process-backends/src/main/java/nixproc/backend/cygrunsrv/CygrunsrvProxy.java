package nixproc.backend.cygrunsrv;

import static nixproc.escape.Shell.join;
import static nixproc.escape.Shell.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import nixproc.process.NormalisedProcess;

/**
 * The seed's foreground proxy (reference §3.0) as a script generated next to the parameter file, for what
 * cygrunsrv cannot do: run {@code initialize}, change directory and umask (both silently dropped by the seed), apply
 * {@code nice}, keep a forking daemon in the foreground, and pass arguments that cygwin's own command-line splitting
 * of {@code --args} would alter.
 */
final class CygrunsrvProxy {

	/** Arguments cygwin splits back exactly as written: no quotes, backslashes, blanks or other specials. */
	private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

	static final int PID_FILE_WAIT_SECONDS = 30;

	private CygrunsrvProxy() {
	}

	static boolean needed(NormalisedProcess process) {
		return !process.initialize().isBlank() || process.mustWrapDaemon() || process.directory().isPresent()
				|| process.umask().isPresent() || process.nice().isPresent()
				|| !process.args().stream().allMatch(arg -> PLAIN.matcher(arg).matches());
	}

	static String fileName(NormalisedProcess process) {
		return CygrunsrvGenerator.PREFIX + process.name() + "-foregroundproxy.sh";
	}

	static String script(NormalisedProcess process) {
		List<String> argv = new ArrayList<>();
		argv.add(process.executable());
		argv.addAll(process.args());
		String nice = process.nice().map(n -> "nice -n " + n + " ").orElse("");
		StringBuilder out = new StringBuilder("#!/bin/sh\nset -e\n");
		if (!process.initialize().isBlank()) {
			out.append(process.initialize().stripTrailing()).append('\n');
		}
		process.directory().ifPresent(dir -> out.append("cd ").append(quote(dir)).append('\n'));
		process.umask().ifPresent(umask -> out.append("umask ").append(umask).append('\n'));
		if (!process.mustWrapDaemon()) {
			return out.append("exec ").append(nice).append(join(argv)).append('\n').toString();
		}
		String pidFile = quote(process.pidFile());
		return out.append(nice).append(join(argv)).append('\n')
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
			.append("done\n")
			.toString();
	}

}
