package nixproc.backend.synit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import nixproc.process.ForegroundProxy;
import nixproc.process.NormalisedProcess;

import static nixproc.escape.Preserves.string;

/** Renders the {@code .pr} service assertions. Every model value goes through {@link nixproc.escape.Preserves}. */
final class SynitService {

	private static final java.util.regex.Pattern BARE_SYMBOL = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");

	/** syndicate-server's own PATH for daemons is minimal; the path's bin directories come first. */
	static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

	private SynitService() {
	}

	static String render(NormalisedProcess process, SynitParameters parameters) {
		String self = daemon(process.name());
		StringBuilder out = new StringBuilder();
		out.append("<metadata ").append(self).append(" { description: ").append(string(process.description())).append(" }>\n");
		if (parameters.requireService()) {
			out.append("<require-service ").append(self).append(">\n");
		}
		for (String dependency : process.dependencies()) {
			out.append("<depends-on ").append(self).append(" <service-state ").append(daemon(dependency)).append(" ready>>\n");
		}
		for (String raw : parameters.dependsOn()) {
			out.append("<depends-on ").append(self).append(' ').append(raw).append(">\n");
		}
		Map<String, String> environment = environment(process);
		if (!process.initialize().isBlank()) {
			String init = daemon("initialize-" + process.name());
			out.append("<depends-on ").append(self).append(" <service-state ").append(init).append(" complete>>\n");
			out.append("<daemon ").append(symbol("initialize-" + process.name())).append(" {\n")
				.append("\targv: ").append(list(List.of("/bin/sh", "-e", "-c", process.initialize()))).append('\n')
				.append("\tenv: ").append(dict(environment)).append('\n')
				.append("\treadyOnStart: #f\n")
				.append("\trestart: on-error\n")
				.append("}>\n");
		}
		out.append("<daemon ").append(symbol(process.name())).append(" {\n")
			.append("\targv: ").append(list(argv(process))).append('\n');
		process.directory().ifPresent(dir -> out.append("\tdir: ").append(string(dir)).append('\n'));
		out.append("\tenv: ").append(dict(environment)).append('\n');
		if (!parameters.readyOnStart()) {
			out.append("\treadyOnStart: #f\n");
		}
		process.restart().ifPresent(restart -> out.append("\trestart: ").append(switch (restart.condition()) {
			case NO -> "never";
			case ON_FAILURE -> "on-error";
			case ALWAYS -> "always";
		}).append('\n'));
		return out.append("}>\n").toString();
	}

	/**
	 * The process itself, or {@code sh -c} doing what syndicate-server's daemon spec cannot: dropping to the user,
	 * {@code umask}, {@code nice} (all ignored by the seed), and following a forking daemon through its PID file
	 * (the seed's {@code undaemonize}), all by the shared {@link ForegroundProxy}.
	 */
	static List<String> argv(NormalisedProcess process) {
		List<String> argv = new ArrayList<>();
		argv.add(process.executable());
		argv.addAll(process.args());
		boolean wrap = process.mustWrapDaemon() || process.user().isPresent() || process.umask().isPresent()
				|| process.nice().isPresent();
		if (!wrap) {
			return argv;
		}
		String script = new ForegroundProxy("", Optional.empty(), process.umask(), process.nice(), process.user(), argv,
				process.mustWrapDaemon() ? Optional.of(process.pidFile()) : Optional.empty()).script();
		return List.of("/bin/sh", "-c", script, process.name());
	}

	private static Map<String, String> environment(NormalisedProcess process) {
		Map<String, String> environment = new TreeMap<>();
		if (!process.binPath().isEmpty()) {
			environment.put("PATH", String.join(":", process.binPath()) + ":" + DEFAULT_PATH);
		}
		environment.putAll(process.environment());
		return environment;
	}

	private static String daemon(String name) {
		return "<daemon " + symbol(name) + ">";
	}

	/**
	 * Service names are symbols, as in the seed and synit's own configuration ({@code <daemon webapp1>}); bare when
	 * the text reader cannot mistake them for a number, else in the always-valid {@code |...|} form.
	 */
	static String symbol(String name) {
		return BARE_SYMBOL.matcher(name).matches() ? name : nixproc.escape.Preserves.symbol(name);
	}

	private static String list(List<String> values) {
		return values.stream().map(nixproc.escape.Preserves::string).collect(Collectors.joining(" ", "[", "]"));
	}

	private static String dict(Map<String, String> values) {
		return values.entrySet()
			.stream()
			.map(e -> string(e.getKey()) + ": " + string(e.getValue()))
			.collect(Collectors.joining(" ", "{ ", " }"))
			.replace("{  }", "{}");
	}

}
