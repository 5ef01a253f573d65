package nixproc.backend.docker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import nixproc.backend.GeneratedFiles;
import nixproc.backend.Generator;
import nixproc.backend.OverridableGenerator;
import nixproc.backend.Overrides;
import nixproc.escape.Shell;
import nixproc.model.BackendKind;
import nixproc.model.ModelException;
import nixproc.process.ForegroundProxy;
import nixproc.process.Layout;
import nixproc.process.NormalisedProcess;
import nixproc.process.StateDirs;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seed's docker files (reference §3.8): {@code <name>-docker-settings}, {@code <name>-docker-createparams},
 * {@code NN-<name>-docker-priority}, and {@code <name>-docker-cmd}, which here holds the container's command (the
 * seed baked it into the image it built).
 */
final class DockerGenerator implements Generator, OverridableGenerator {

	static final String CONTAINER_PREFIX = "nixproc-";

	static final String SETTINGS_SUFFIX = "-docker-settings";

	static final String CREATE_PARAMS_SUFFIX = "-docker-createparams";

	static final String CMD_SUFFIX = "-docker-cmd";

	static final String PRIORITY_SUFFIX = "-docker-priority";

	/** Docker's own default PATH for containers: what the seed's base packages stand for here. */
	static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

	static final String HOST_STORE = "/nix/store";

	/** Docker's reference grammar, loosely: no blanks or control characters, and no leading dash (an option). */
	private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@-]*");

	private static final Pattern OPTION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static String containerName(String name) {
		return CONTAINER_PREFIX + name;
	}

	@Override
	public ObjectNode parameters(NormalisedProcess process, Layout layout) {
		return Overrides.tree(defaults(process, layout));
	}

	@Override
	public GeneratedFiles generate(NormalisedProcess process, Layout layout) {
		DockerParameters parameters = Overrides.apply(defaults(process, layout), process.overrides(), BackendKind.DOCKER,
				DockerParameters.class);
		String name = process.name();
		return GeneratedFiles.builder()
			.text(name + SETTINGS_SUFFIX, settings(parameters), false)
			.text(name + CREATE_PARAMS_SUFFIX, createParameters(parameters), false)
			.text(name + CMD_SUFFIX, command(parameters), false)
			// the seed's two-digit priority, sorted lexically by its deploy tool (§9.13); nixproc orders by the manifest
			.text(String.format("%02d-%s%s", process.order() + 1, name, PRIORITY_SUFFIX), "", false)
			.build();
	}

	private static DockerParameters defaults(NormalisedProcess process, Layout layout) {
		List<String> argv = new ArrayList<>();
		argv.add(process.executable());
		argv.addAll(process.args());
		boolean proxied = !process.initialize().isBlank() || process.mustWrapDaemon() || process.umask().isPresent()
				|| process.nice().isPresent();
		// initialize runs as root (§9.17), so the proxy drops to the user itself; otherwise docker does it
		boolean suInProxy = !process.initialize().isBlank();
		List<String> cmd = !proxied ? argv
				: List.of("/bin/sh", "-c", new ForegroundProxy(process.initialize(), Optional.empty(), process.umask(),
						process.nice(), suInProxy ? process.user() : Optional.empty(), argv,
						process.mustWrapDaemon() ? Optional.of(process.pidFile()) : Optional.empty()).script(),
						process.name() + "-foregroundproxy");
		Map<String, String> environment = new TreeMap<>();
		if (!process.binPath().isEmpty()) {
			// docker --env cannot refer to the image's PATH, so PATH is replaced, as the seed does (§9.15)
			environment.put("PATH", String.join(":", process.binPath()) + ":" + DEFAULT_PATH);
		}
		environment.putAll(process.environment());
		Optional<String> restart = process.restart().map(policy -> switch (policy.condition()) {
			case NO -> "no";
			case ON_FAILURE -> "on-failure" + policy.maxRestarts().map(max -> ":" + max).orElse("");
			case ALWAYS -> "always";
		});
		// docker refuses upper-case repository names; instance names may have them
		return new DockerParameters(process.name().toLowerCase(Locale.ROOT) + ":latest", Optional.empty(), List.of(),
				process.executable().startsWith(HOST_STORE + "/"), true, volumes(layout.dirs()), environment,
				process.directory(), suInProxy ? Optional.empty() : process.user(), restart, process.stopTimeout(), cmd);
	}

	/**
	 * The state directory, as the seed, plus the runtime, log and cache directories when they were placed outside
	 * it, so PID files and logs land on the host. The temporary directory stays the container's own.
	 */
	private static List<String> volumes(StateDirs dirs) {
		Set<String> volumes = new LinkedHashSet<>();
		volumes.add(dirs.stateDir());
		for (String dir : List.of(dirs.runtimeDir(), dirs.logDir(), dirs.cacheDir())) {
			if (!dir.equals(dirs.stateDir()) && !dir.startsWith(dirs.stateDir().equals("/") ? "/" : dirs.stateDir() + "/")) {
				volumes.add(dir);
			}
		}
		return List.copyOf(volumes);
	}

	private static String settings(DockerParameters parameters) {
		StringBuilder out = new StringBuilder();
		parameters.dockerImage().ifPresent(image -> {
			if (image.isEmpty() || image.indexOf('\n') >= 0 || image.indexOf('\r') >= 0) {
				// the driver reads the settings line by line
				throw new ModelException("/overrides/docker/dockerImage", "a file path on one line");
			}
			out.append("dockerImage=").append(Shell.quote(image)).append('\n');
		});
		out.append("dockerImageTag=").append(Shell.quote(image(parameters))).append('\n');
		parameters.stopTimeout().ifPresent(seconds -> out.append("dockerStopTimeout=").append(seconds).append('\n'));
		return out.toString();
	}

	private static String image(DockerParameters parameters) {
		if (!IMAGE.matcher(parameters.dockerImageTag()).matches()) {
			throw new ModelException("/overrides/docker/dockerImageTag", "an image reference such as webapp:latest");
		}
		return parameters.dockerImageTag();
	}

	/** One token per line, read back as one argument each (the seed's {@code xargs -d '\n'}): no quoting, no line breaks. */
	private static String createParameters(DockerParameters parameters) {
		List<Token> tokens = new ArrayList<>();
		for (int i = 0; i < parameters.dockerCreateParameters().size(); i++) {
			DockerParameters.CreateParameter parameter = parameters.dockerCreateParameters().get(i);
			String at = "/overrides/docker/dockerCreateParameters/" + i;
			if (!OPTION.matcher(parameter.name()).matches()) {
				throw new ModelException(at + "/name", "an option name such as cap-add");
			}
			tokens.add(new Token(parameter.flag(), at + "/name"));
			parameter.value().ifPresent(value -> tokens.add(new Token(value, at + "/value")));
		}
		if (parameters.useHostNixStore()) {
			tokens.add(new Token("--volume", ""));
			tokens.add(new Token(HOST_STORE + ":" + HOST_STORE, ""));
		}
		if (parameters.useHostNetwork()) {
			tokens.add(new Token("--network", ""));
			tokens.add(new Token("host", ""));
		}
		for (String dir : parameters.mapStateDirVolumes()) {
			if (!dir.startsWith("/") || dir.indexOf(':') >= 0) {
				// docker splits the volume specification at colons; a relative one would name a volume instead
				throw new ModelException("/overrides/docker/mapStateDirVolumes", "an absolute path without ':': " + dir);
			}
			tokens.add(new Token("--volume", ""));
			tokens.add(new Token(dir + ":" + dir + ":z", "/overrides/docker/mapStateDirVolumes"));
		}
		parameters.environment().forEach((name, value) -> {
			if (name.isEmpty() || name.indexOf('=') >= 0) {
				throw new ModelException("/environment/" + name, "a variable name cannot be empty or contain '='");
			}
			tokens.add(new Token("--env", ""));
			tokens.add(new Token(name + "=" + value, "/environment/" + name));
		});
		parameters.workingDir().ifPresent(dir -> {
			tokens.add(new Token("--workdir", ""));
			tokens.add(new Token(dir, "/directory"));
		});
		parameters.user().ifPresent(user -> {
			tokens.add(new Token("--user", ""));
			tokens.add(new Token(user, "/user"));
		});
		parameters.restart().ifPresent(restart -> {
			tokens.add(new Token("--restart", ""));
			tokens.add(new Token(restart, "/restart"));
		});
		parameters.stopTimeout().ifPresent(seconds -> {
			tokens.add(new Token("--stop-timeout", ""));
			tokens.add(new Token(String.valueOf(seconds), "/stopTimeout"));
		});
		StringBuilder out = new StringBuilder();
		for (Token token : tokens) {
			if (token.text().indexOf('\n') >= 0 || token.text().indexOf('\r') >= 0 || token.text().indexOf('\0') >= 0) {
				throw new ModelException(token.pointer(), "docker create parameters are one per line and cannot contain line breaks");
			}
			out.append(token.text()).append('\n');
		}
		return out.toString();
	}

	/** The command as JSON, docker's own exec form: a proxy script spans lines, and JSON carries any string. */
	private static String command(DockerParameters parameters) {
		if (parameters.cmd().isEmpty()) {
			throw new ModelException("/overrides/docker/cmd", "must name the program");
		}
		try {
			return JSON.writeValueAsString(parameters.cmd()) + "\n";
		}
		catch (JacksonException e) {
			throw new IllegalStateException(e);
		}
	}

	private record Token(String text, String pointer) {
	}

}
