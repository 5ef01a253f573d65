package nixproc.switching.webapps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.model.BackendKind;

/**
 * The seed's webapps example ({@code processes-advanced.nix} reduced to one proxy) as a processes model: webapp
 * instances and an nginx reverse proxy routing by {@code Host} header. Ports are parameters so that many
 * deployments coexist on one machine; {@code examples/webapps/processes.yaml} is this model at {@link #DEFAULT}
 * ports with the {@code webapp} launcher, which {@code WebappsExampleTest} checks.
 *
 * @param webappPorts instance name → port, in model order
 * @param nginxPort where nginx listens
 * @param webapp the webapp launcher: executable, then its leading arguments ({@code -D} is added for daemon mode)
 * @param accounts for a privileged deployment, the prefix of the users and groups: then, as in the seed's
 * webapps example, each webapp runs as its own user ({@code <prefix><instance>}, PID file in the tmp dir), nginx's
 * workers as {@code <prefix>nginx}, and s6's loggers as {@code <prefix>s6log}; empty (the checked-in example) asks
 * for no account
 */
record WebappsModel(Map<String, Integer> webappPorts, int nginxPort, List<String> webapp, Optional<String> accounts) {

	static final WebappsModel DEFAULT = new WebappsModel(Map.of("webapp1", 5000, "webapp2", 5001), 8080, List.of("../webapp/webapp"),
			Optional.empty());

	WebappsModel {
		webappPorts = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(webappPorts));
		webapp = List.copyOf(webapp);
	}

	WebappsModel withPort(String webapp, int port) {
		Map<String, Integer> ports = new LinkedHashMap<>(webappPorts);
		ports.put(webapp, port);
		return new WebappsModel(ports, nginxPort, this.webapp, accounts);
	}

	/** The account {@code instance} runs as (nginx: its workers), when the model asks for accounts. */
	Optional<String> account(String instance) {
		return accounts.map(prefix -> prefix + instance);
	}

	/** Every user (and group of the same name) the model asks for on {@code kind}: s6 adds its loggers'. */
	List<String> accountNames(BackendKind kind) {
		List<String> names = new java.util.ArrayList<>();
		webappPorts.keySet().forEach(name -> account(name).ifPresent(names::add));
		account("nginx").ifPresent(names::add);
		if (kind == BackendKind.S6_RC) {
			account("s6log").ifPresent(names::add);
		}
		return names;
	}

	static String dnsName(String webapp) {
		return webapp + ".local";
	}

	/** The model as the JSON/YAML reader takes it. */
	Map<String, Object> toMap() {
		Map<String, Object> model = new LinkedHashMap<>();
		webappPorts.forEach((name, port) -> model.put(name, webappInstance(name, port)));
		model.put("nginx", nginx());
		return model;
	}

	private Map<String, Object> webappInstance(String name, int port) {
		Map<String, Object> pkg = new LinkedHashMap<>();
		pkg.put("description", "Simple test webapp");
		// daemon mode for managers that prefer it (sysvinit), as the seed's webappMode = null does
		pkg.put("daemon", webapp.get(0));
		List<String> daemonArgs = new java.util.ArrayList<>(webapp.subList(1, webapp.size()));
		daemonArgs.add("-D");
		pkg.put("daemonArgs", daemonArgs);
		pkg.put("foregroundProcess", webapp.get(0));
		pkg.put("foregroundProcessArgs", webapp.subList(1, webapp.size()));
		// the seed's: a webapp with a user of its own writes its PID file to the (world-writable) tmp dir
		String pidFile = (accounts.isPresent() ? "${tmpDir}" : "${runtimeDir}") + "/${instanceName}.pid";
		pkg.put("pidFile", pidFile);
		pkg.put("environment", Map.of("PORT", Integer.toString(port), "PID_FILE", pidFile));
		pkg.put("readiness", Map.of("tcpPort", port, "timeout", 20));
		account(name).ifPresent(user -> {
			pkg.put("user", user);
			pkg.put("credentials", credentials(user, "Webapp"));
			pkg.put("overrides", s6Logger());
		});
		Map<String, Object> instance = new LinkedHashMap<>();
		instance.put("port", port);
		instance.put("pkg", pkg);
		return instance;
	}

	private Map<String, Object> nginx() {
		Map<String, Object> pkg = new LinkedHashMap<>();
		pkg.put("description", "Reverse proxy routing by Host header");
		pkg.put("foregroundProcess", "/usr/sbin/nginx");
		// -e: nginx opens its error log before reading the configuration; the Debian default is not writable unprivileged
		pkg.put("foregroundProcessArgs", List.of("-p", "${stateDir}/${instanceName}", "-c", "${stateDir}/${instanceName}/nginx.conf",
				"-e", "${logDir}/${instanceName}-error.log"));
		Optional<String> user = account("nginx");
		// the seed's nginx constructor: the master stays root, the workers run as the instance's account
		pkg.put("initialize", "mkdir -p ${cacheDir}/${instanceName} ${stateDir}/${instanceName}/logs"
				+ user.map(u -> "\nchown " + u + ":" + u + " ${cacheDir}/${instanceName} ${stateDir}/${instanceName}/logs").orElse(""));
		user.ifPresent(u -> {
			pkg.put("credentials", credentials(u, "Nginx"));
			pkg.put("overrides", s6Logger());
		});
		pkg.put("dependencies", List.copyOf(webappPorts.keySet()));
		pkg.put("configFiles", List.of(Map.of("path", "${stateDir}/${instanceName}/nginx.conf", "content", nginxConf(), "mode", "0644")));
		pkg.put("readiness", Map.of("tcpPort", nginxPort, "timeout", 20));
		Map<String, Object> instance = new LinkedHashMap<>();
		instance.put("port", nginxPort);
		instance.put("pkg", pkg);
		return instance;
	}

	private static Map<String, Object> credentials(String name, String description) {
		return Map.of("groups", Map.of(name, Map.of()), "users", Map.of(name, Map.of("group", name, "description", description)));
	}

	/** s6's privileged loggers run as an account of their own: one of the test's, not the machine-wide s6-log. */
	private Map<String, Object> s6Logger() {
		return Map.of("s6-rc", Map.of("logUser", account("s6log").orElseThrow()));
	}

	String nginxConf() {
		StringBuilder conf = new StringBuilder();
		conf.append("daemon off;\n");
		account("nginx").ifPresent(user -> conf.append("user ").append(user).append(' ').append(user).append(";\n"));
		conf.append("worker_processes 1;\n");
		conf.append("pid ${runtimeDir}/${instanceName}-master.pid;\n");
		conf.append("error_log ${logDir}/${instanceName}-error.log;\n");
		conf.append("events {\n\tworker_connections 190;\n}\n");
		conf.append("http {\n");
		conf.append("\taccess_log ${logDir}/${instanceName}-access.log;\n");
		for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
			conf.append("\t").append(temp).append("_temp_path ${cacheDir}/${instanceName}/").append(temp).append(";\n");
		}
		webappPorts.values().forEach(port -> conf.append("\tupstream webapp").append(port).append(" {\n\t\tserver 127.0.0.1:")
			.append(port).append(";\n\t}\n"));
		conf.append("\tserver {\n\t\tlisten ").append(nginxPort).append(" default_server;\n\t\tserver_name aaaa;\n")
			.append("\t\treturn 503 \"This web application is unavailable at the moment!\\n\";\n\t}\n");
		webappPorts.forEach((name, port) -> conf.append("\tserver {\n\t\tlisten ").append(nginxPort).append(";\n\t\tserver_name ")
			.append(dnsName(name)).append(";\n\t\tlocation / {\n\t\t\tproxy_pass http://webapp").append(port).append(";\n\t\t}\n\t}\n"));
		conf.append("}\n");
		return conf.toString();
	}

}
