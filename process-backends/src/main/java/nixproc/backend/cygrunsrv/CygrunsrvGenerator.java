package nixproc.backend.cygrunsrv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import nixproc.backend.GeneratedFiles;
import nixproc.backend.Generator;
import nixproc.backend.OverridableGenerator;
import nixproc.backend.Overrides;
import nixproc.model.BackendKind;
import nixproc.model.ModelException;
import nixproc.process.ForegroundProxy;
import nixproc.process.Layout;
import nixproc.process.NormalisedProcess;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code nix-process-<name>-cygrunsrvparams}: the {@code cygrunsrv --install} arguments, one per line (reference
 * §3.6), plus the foreground proxy when one is needed. No credentials: cygrunsrv services run as the service
 * account and nixproc cannot create Windows users (the seed's warning).
 */
final class CygrunsrvGenerator implements Generator, OverridableGenerator {

	static final String PREFIX = "nix-process-";

	static final String PARAMS_SUFFIX = "-cygrunsrvparams";

	/** Cygwin's default PATH after the path's bin directories: Environment values cannot refer to the old PATH. */
	static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

	/** Arguments cygwin splits back exactly as written: no quotes, backslashes, blanks or other specials. */
	private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

	private static final Pattern SIGNAL = Pattern.compile("[A-Z0-9]+");

	@Override
	public ObjectNode parameters(NormalisedProcess process, Layout layout) {
		return Overrides.tree(defaults(process));
	}

	/** The service's parameters before overrides: the executable, or the foreground proxy generated beside them. */
	private static CygrunsrvParameters defaults(NormalisedProcess process) {
		boolean proxied = proxied(process);
		Map<String, String> environment = new TreeMap<>();
		if (!process.binPath().isEmpty()) {
			environment.put("PATH", String.join(":", process.binPath()) + ":" + DEFAULT_PATH);
		}
		environment.putAll(process.environment());
		return new CygrunsrvParameters(proxied ? proxyFile(process) : process.executable(), proxied ? List.of() : process.args(),
				PREFIX + process.name(), environment, "auto", Optional.empty(), Optional.empty(), Optional.empty(), "TERM", false,
				process.dependencies().stream().map(d -> PREFIX + d).toList());
	}

	private static String proxyFile(NormalisedProcess process) {
		return PREFIX + process.name() + "-foregroundproxy.sh";
	}

	@Override
	public GeneratedFiles generate(NormalisedProcess process, Layout layout) {
		GeneratedFiles.Builder files = GeneratedFiles.builder();
		if (proxied(process)) {
			files.text(proxyFile(process), "#!/bin/sh\n" + new ForegroundProxy(process.initialize(), process.directory(),
					process.umask(), process.nice(), Optional.empty(), argv(process),
					process.mustWrapDaemon() ? Optional.of(process.pidFile()) : Optional.empty()).script(), true);
		}
		CygrunsrvParameters parameters = Overrides.apply(defaults(process), process.overrides(), BackendKind.CYGRUNSRV,
				CygrunsrvParameters.class);
		return files.text(PREFIX + process.name() + PARAMS_SUFFIX, render(parameters), false).build();
	}

	/**
	 * The shared foreground proxy, as a script next to the parameter file, does what cygrunsrv cannot: run
	 * {@code initialize}, change directory and umask (both silently dropped by the seed), apply {@code nice}, keep a
	 * forking daemon in the foreground, and pass arguments that cygwin's own splitting of {@code --args} would alter.
	 */
	private static boolean proxied(NormalisedProcess process) {
		return !process.initialize().isBlank() || process.mustWrapDaemon() || process.directory().isPresent()
				|| process.umask().isPresent() || process.nice().isPresent()
				|| !process.args().stream().allMatch(arg -> PLAIN.matcher(arg).matches());
	}

	private static List<String> argv(NormalisedProcess process) {
		List<String> argv = new ArrayList<>();
		argv.add(process.executable());
		argv.addAll(process.args());
		return argv;
	}

	private static String render(CygrunsrvParameters parameters) {
		String at = "/overrides/cygrunsrv";
		if (parameters.path().isEmpty()) {
			throw new ModelException(at + "/path", "must name the program");
		}
		if (!parameters.type().equals("auto") && !parameters.type().equals("manual")) {
			throw new ModelException(at + "/type", "auto or manual");
		}
		if (!SIGNAL.matcher(parameters.terminateSignal()).matches()) {
			throw new ModelException(at + "/terminateSignal", "a signal name such as TERM");
		}
		List<String> tokens = new ArrayList<>(List.of("--path", parameters.path(), "--disp", parameters.displayName()));
		if (parameters.type().equals("manual")) {
			tokens.addAll(List.of("--type", "manual"));
		}
		if (!parameters.args().isEmpty()) {
			// only plain words get here (the proxy carries the rest), so a space is an unambiguous separator
			tokens.addAll(List.of("--args", String.join(" ", parameters.args())));
		}
		parameters.environment().forEach((name, value) -> tokens.addAll(List.of("--env", name + "=" + value)));
		parameters.stdin().ifPresent(file -> tokens.addAll(List.of("--stdin", file)));
		parameters.stdout().ifPresent(file -> tokens.addAll(List.of("--stdout", file)));
		parameters.stderr().ifPresent(file -> tokens.addAll(List.of("--stderr", file)));
		if (!parameters.terminateSignal().equals("TERM")) {
			tokens.addAll(List.of("--termsig", parameters.terminateSignal()));
		}
		if (parameters.terminateOnShutdown()) {
			tokens.add("--shutdown");
		}
		parameters.dependencies().forEach(dependency -> tokens.addAll(List.of("--dep", dependency)));
		StringBuilder out = new StringBuilder();
		for (String token : tokens) {
			if (token.indexOf('\n') >= 0 || token.indexOf('\r') >= 0 || token.indexOf('\0') >= 0) {
				// one token per line is the file's format; the seed's xargs -d '\n' read it the same way
				throw new ModelException(pointer(token, parameters), "cygrunsrv parameters cannot contain line breaks: " + token.strip());
			}
			out.append(token).append('\n');
		}
		return out.toString();
	}

	private static String pointer(String token, CygrunsrvParameters parameters) {
		int equals = token.indexOf('=');
		if (equals > 0 && parameters.environment().containsKey(token.substring(0, equals))) {
			return "/environment/" + token.substring(0, equals);
		}
		return "/overrides/cygrunsrv";
	}

}
