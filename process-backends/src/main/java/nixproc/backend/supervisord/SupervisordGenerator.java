package nixproc.backend.supervisord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import nixproc.backend.DysnomiaCredentials;
import nixproc.backend.GeneratedFiles;
import nixproc.backend.Generator;
import nixproc.backend.OverridableGenerator;
import nixproc.backend.Overrides;
import nixproc.backend.ProfileGenerator;
import nixproc.model.ModelException;
import nixproc.process.Layout;
import nixproc.process.NormalisedProcess;
import nixproc.process.StateDirs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code conf.d/<name>.conf} (plus {@code conf.d/<name>-foregroundproxy.sh} when needed) per process and the
 * profile's {@code supervisord.conf} (reference §3.3).
 */
final class SupervisordGenerator implements Generator, ProfileGenerator, OverridableGenerator {

	static final String SOCKET = "supervisord.sock";

	/**
	 * The keys of a {@code [program:x]} section supervisord 4 knows (supervisord.org/configuration.html). An override
	 * outside this set is refused: supervisord would silently ignore it, as it ignores the seed's {@code nice=}.
	 */
	static final Set<String> PROGRAM_OPTIONS = Set.of("command", "process_name", "numprocs", "numprocs_start", "priority",
			"autostart", "startsecs", "startretries", "autorestart", "exitcodes", "stopsignal", "stopwaitsecs",
			"stopasgroup", "killasgroup", "user", "redirect_stderr", "stdout_logfile", "stdout_logfile_maxbytes",
			"stdout_logfile_backups", "stdout_capture_maxbytes", "stdout_events_enabled", "stdout_syslog",
			"stderr_logfile", "stderr_logfile_maxbytes", "stderr_logfile_backups", "stderr_capture_maxbytes",
			"stderr_events_enabled", "stderr_syslog", "environment", "directory", "umask", "serverurl");

	private static final String AT = "/overrides/supervisord";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public ObjectNode parameters(NormalisedProcess process, Layout layout) {
		return program(process).section();
	}

	/**
	 * The program section before overrides, and how it was decided: the PATH prefix the environment gets, whether
	 * the command is the foreground proxy, and whether the proxy drops to the user after {@code initialize}.
	 */
	private record Program(ObjectNode section, Optional<String> pathPrefix, boolean proxy, boolean chainLoad, String proxyFile) {
	}

	private static Program program(NormalisedProcess process) {
		List<String> argv = new ArrayList<>();
		process.nice().ifPresent(nice -> argv.addAll(List.of("nice", "-n", String.valueOf(nice))));
		argv.add(process.executable());
		argv.addAll(process.args());

		Optional<String> pathPrefix = process.binPath().isEmpty() || process.environment().containsKey("PATH")
				? Optional.empty() : Optional.of(String.join(":", process.binPath()));
		Optional<String> command = SupervisordSyntax.command(argv);
		Optional<String> environment = SupervisordSyntax.environment(process.environment(), pathPrefix);
		Optional<String> directory = process.directory().flatMap(SupervisordSyntax::plain);
		boolean proxy = !process.initialize().isBlank() || process.mustWrapDaemon() || command.isEmpty()
				|| environment.isEmpty() || directory.isEmpty() && process.directory().isPresent();
		// initialize runs as root in the proxy, which then drops to the user itself (the seed's chain-loading). With a
		// user, the proxy always does: it is a file of the generation, which only root reads (#17: it may hold the
		// environment), so supervisord's user= must not be the one to run it.
		boolean chainLoad = proxy && (!process.initialize().isBlank() || process.user().isPresent());

		ObjectNode section = JSON.createObjectNode();
		String proxyFile = process.name() + "-foregroundproxy.sh";
		section.put("command", proxy ? "\"%(here)s/" + proxyFile + "\"" : command.get());
		section.put("priority", process.order() + 1);
		if (!proxy) {
			if (!process.environment().isEmpty() || pathPrefix.isPresent()) {
				ObjectNode variables = section.putObject("environment");
				process.environment().forEach(variables::put);
			}
			directory.ifPresent(d -> section.put("directory", d));
			process.umask().ifPresent(umask -> section.put("umask", umask));
		}
		if (!chainLoad) {
			process.user().ifPresent(user -> section.put("user", plain(user, "/user")));
		}
		return new Program(section, pathPrefix, proxy, chainLoad, proxyFile);
	}

	@Override
	public GeneratedFiles generate(NormalisedProcess process, Layout layout) {
		Program program = program(process);
		ObjectNode section = program.section();
		Optional<String> pathPrefix = program.pathPrefix();
		boolean proxy = program.proxy();
		boolean chainLoad = program.chainLoad();
		String proxyFile = program.proxyFile();
		ObjectNode merged = process.overrides().map(o -> Overrides.merge(section, o)).orElse(section);

		GeneratedFiles.Builder files = GeneratedFiles.builder()
			.text("conf.d/" + process.name() + ".conf", render(process.name(), merged, pathPrefix, proxy), false);
		if (proxy) {
			files.text("conf.d/" + proxyFile, new SupervisordProxy(process, chainLoad).render(), true);
		}
		return files.addAll(DysnomiaCredentials.files(process.credentials(), layout)).build();
	}

	private static String render(String name, ObjectNode section, Optional<String> pathPrefix, boolean proxy) {
		Map<String, String> options = new TreeMap<>();
		for (Map.Entry<String, JsonNode> option : section.properties()) {
			String key = option.getKey();
			if (!PROGRAM_OPTIONS.contains(key)) {
				throw new ModelException(AT + "/" + key, "supervisord has no program option " + key);
			}
			options.put(key, value(key, option.getValue(), proxy ? Optional.empty() : pathPrefix));
		}
		StringBuilder out = new StringBuilder("[program:" + name + "]\n");
		// The seed's order: command, priority, environment, then the rest alphabetically.
		Map<String, String> ordered = new LinkedHashMap<>();
		for (String first : List.of("command", "priority", "environment")) {
			if (options.containsKey(first)) {
				ordered.put(first, options.remove(first));
			}
		}
		ordered.putAll(options);
		ordered.forEach((key, value) -> out.append(key).append('=').append(value).append('\n'));
		return out.toString();
	}

	private static String value(String key, JsonNode value, Optional<String> pathPrefix) {
		if (value.isObject() && key.equals("environment")) {
			Map<String, String> variables = new TreeMap<>();
			value.properties().forEach(e -> variables.put(e.getKey(), e.getValue().asString()));
			return SupervisordSyntax.environment(variables, variables.containsKey("PATH") ? Optional.empty() : pathPrefix)
				.orElseThrow(() -> new ModelException(AT + "/environment",
						"a value supervisord's environment= cannot carry (line break, both quote kinds, \" ;\")"));
		}
		if (value.isString() || value.isNumber() || value.isBoolean()) {
			// command and environment are produced escaped; overrides of them are taken as written.
			return key.equals("command") ? value.asString() : plain(value.asString(), "/" + key);
		}
		throw new ModelException(AT + "/" + key, "must be a string, number or boolean");
	}

	private static String plain(String value, String at) {
		return SupervisordSyntax.plain(value)
			.orElseThrow(() -> new ModelException(AT + at, "supervisord cannot read this value (line break, "
					+ "surrounding whitespace or an inline comment)"));
	}

	@Override
	public GeneratedFiles generateProfile(List<NormalisedProcess> processes, Layout layout) {
		StateDirs dirs = layout.dirs();
		String conf = """
				; Generated by nixproc (supervisord backend). Control socket, PID file and logs live under the state
				; directory, so the user who deployed the profile can run it.
				[unix_http_server]
				file=%1$s/%2$s
				chmod=0700

				[supervisord]
				pidfile=%1$s/supervisord.pid
				logfile=%3$s/supervisord.log
				childlogdir=%3$s/supervisord

				[rpcinterface:supervisor]
				supervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface

				[supervisorctl]
				serverurl=unix://%1$s/%2$s

				[include]
				files=conf.d/*.conf
				""".formatted(path(dirs.runtimeDir()), SOCKET, path(dirs.logDir()));
		return GeneratedFiles.builder().text("supervisord.conf", conf, false).build();
	}

	private static String path(String directory) {
		return SupervisordSyntax.plain(directory)
			.orElseThrow(() -> new IllegalArgumentException("supervisord cannot use the directory " + directory));
	}

}
