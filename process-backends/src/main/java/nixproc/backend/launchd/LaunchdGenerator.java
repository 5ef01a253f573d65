package nixproc.backend.launchd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import nixproc.backend.DysnomiaCredentials;
import nixproc.backend.GeneratedFiles;
import nixproc.backend.Generator;
import nixproc.backend.OverridableGenerator;
import nixproc.backend.Overrides;
import nixproc.model.BackendKind;
import nixproc.model.ModelException;
import nixproc.process.ForegroundProxy;
import nixproc.process.Layout;
import nixproc.process.NormalisedProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code Library/LaunchDaemons/<label>.plist} and the credentials (reference §3.5). */
final class LaunchdGenerator implements Generator, OverridableGenerator {

	static final String PREFIX = "org.nixos.";

	static final String PLIST_DIR = "Library/LaunchDaemons/";

	private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	private static final Pattern UMASK = Pattern.compile("[0-7]{1,4}");

	@Override
	public ObjectNode parameters(NormalisedProcess process, Layout layout) {
		return Overrides.tree(defaults(process));
	}

	@Override
	public GeneratedFiles generate(NormalisedProcess process, Layout layout) {
		LaunchdParameters parameters = Overrides.apply(defaults(process), process.overrides(), BackendKind.LAUNCHD,
				LaunchdParameters.class);
		if (!LABEL.matcher(parameters.label()).matches()) {
			throw new ModelException("/overrides/launchd/Label", "must match " + LABEL.pattern() + " (it names the plist file)");
		}
		if (parameters.programArguments().isEmpty()) {
			throw new ModelException("/overrides/launchd/ProgramArguments", "must name the program");
		}
		String plist;
		try {
			plist = Plist.render(keys(parameters));
		}
		catch (IllegalArgumentException e) {
			throw new ModelException("", e.getMessage());
		}
		return GeneratedFiles.builder()
			.text(PLIST_DIR + parameters.label() + ".plist", plist, false)
			.build()
			.merge(DysnomiaCredentials.files(process.credentials(), layout));
	}

	private static LaunchdParameters defaults(NormalisedProcess process) {
		List<String> arguments = new ArrayList<>();
		if (proxied(process)) {
			arguments.addAll(proxyArguments(process));
		}
		else {
			arguments.add(process.executable());
			arguments.addAll(process.args());
		}
		Map<String, String> environment = new TreeMap<>();
		if (!process.binPath().isEmpty()) {
			// launchd's PATH comes from path only (the seed's rule); launchd cannot append to its own default
			environment.put("PATH", String.join(":", process.binPath()));
		}
		environment.putAll(process.environment());
		Optional<Integer> umask = process.umask().map(value -> {
			if (!UMASK.matcher(value).matches()) {
				throw new ModelException("/umask", "an octal umask such as 0022");
			}
			// launchd reads Umask as an integer; the seed wrote a string, which launchd ignores
			return Integer.parseInt(value, 8);
		});
		Optional<JsonNode> keepAlive = process.restart().map(restart -> switch (restart.condition()) {
			case NO -> BooleanNode.FALSE;
			case ALWAYS -> BooleanNode.TRUE;
			case ON_FAILURE -> {
				ObjectNode onFailure = JsonNodeFactory.instance.objectNode();
				onFailure.put("SuccessfulExit", false);
				yield onFailure;
			}
		});
		Optional<Integer> throttle = process.restart().map(r -> r.delay()).filter(delay -> delay > 0);
		Optional<String> userName = chainLoadUser(process).isPresent() ? Optional.empty() : process.user();
		return new LaunchdParameters(PREFIX + process.name(), arguments, environment, process.directory(), userName,
				Optional.empty(), umask, process.nice(), keepAlive, Optional.of(true), throttle, process.stopTimeout(),
				Optional.empty(), Optional.of(process.daemonLogFile()), Optional.of(process.daemonLogFile()));
	}

	/**
	 * The shared foreground proxy does what launchd cannot: run {@code initialize} as root before dropping to the user,
	 * and keep a forking daemon in the foreground. {@code WorkingDirectory}, {@code Umask} and {@code Nice} stay
	 * launchd keys: the proxy inherits them, so unlike the seed's proxy they are never lost.
	 */
	private static boolean proxied(NormalisedProcess process) {
		return !process.initialize().isBlank() || process.mustWrapDaemon();
	}

	/** The user to chain-load to: only when initialize must run as root first; otherwise launchd's UserName does it. */
	private static Optional<String> chainLoadUser(NormalisedProcess process) {
		return process.initialize().isBlank() ? Optional.empty() : process.user();
	}

	private static List<String> proxyArguments(NormalisedProcess process) {
		List<String> argv = new ArrayList<>();
		argv.add(process.executable());
		argv.addAll(process.args());
		String script = new ForegroundProxy(process.initialize(), Optional.empty(), Optional.empty(), Optional.empty(),
				chainLoadUser(process), argv, process.mustWrapDaemon() ? Optional.of(process.pidFile()) : Optional.empty())
			.script();
		return List.of("/bin/sh", "-c", script, process.name() + "-foregroundproxy");
	}

	private static Map<String, Object> keys(LaunchdParameters parameters) {
		Map<String, Object> keys = new LinkedHashMap<>();
		keys.put("Label", parameters.label());
		keys.put("ProgramArguments", parameters.programArguments());
		if (!parameters.environmentVariables().isEmpty()) {
			keys.put("EnvironmentVariables", parameters.environmentVariables());
		}
		parameters.workingDirectory().ifPresent(v -> keys.put("WorkingDirectory", v));
		parameters.userName().ifPresent(v -> keys.put("UserName", v));
		parameters.groupName().ifPresent(v -> keys.put("GroupName", v));
		parameters.umask().ifPresent(v -> keys.put("Umask", v));
		parameters.nice().ifPresent(v -> keys.put("Nice", v));
		parameters.keepAlive().ifPresent(v -> keys.put("KeepAlive", v));
		parameters.runAtLoad().ifPresent(v -> keys.put("RunAtLoad", v));
		parameters.throttleInterval().ifPresent(v -> keys.put("ThrottleInterval", v));
		parameters.exitTimeOut().ifPresent(v -> keys.put("ExitTimeOut", v));
		parameters.processType().ifPresent(v -> keys.put("ProcessType", v));
		parameters.standardOutPath().ifPresent(v -> keys.put("StandardOutPath", v));
		parameters.standardErrorPath().ifPresent(v -> keys.put("StandardErrorPath", v));
		return keys;
	}

}
