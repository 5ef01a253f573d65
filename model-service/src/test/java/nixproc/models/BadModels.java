package nixproc.models;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The generator of the bad-model corpus under {@code src/test/resources/bad-models/}: each case is a request body
 * and what the answer must say. Hand-written cases break one validation rule each; generated ones put wrong types
 * into every field, truncate the valid example and feed malformed YAML, bombs, deep nesting, huge values and bad
 * Nix. {@link BadModelCorpusTest} checks the files on disk are what this produces (regenerate with
 * {@code -Dnixproc.corpus.update=true}) and sends each one to the service.
 */
final class BadModels {

	/**
	 * @param status the expected HTTP status
	 * @param pointer a prefix one of the answer's error pointers must have; {@code *} for any
	 * @param fragment text one of the error messages must contain (case-insensitive)
	 */
	record Case(String name, String body, int status, String pointer, String fragment) {
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<Case> cases = new ArrayList<>();

	private BadModels() {
	}

	static List<Case> all() {
		BadModels corpus = new BadModels();
		corpus.rules();
		corpus.wrongTypes();
		corpus.truncations();
		corpus.malformedYaml();
		corpus.limits();
		corpus.modelSetShape();
		corpus.nix();
		return corpus.cases;
	}

	private static ObjectNode base() {
		return RevisionApiTest.modelSet();
	}

	private void edit(String name, String pointer, String fragment, Consumer<ObjectNode> change) {
		ObjectNode set = base();
		change.accept(set);
		cases.add(new Case(name, set.toString(), 422, pointer, fragment));
	}

	private void raw(String name, String body, int status, String pointer, String fragment) {
		cases.add(new Case(name, body, status, pointer, fragment));
	}

	private static ObjectNode at(ObjectNode set, String pointer) {
		return (ObjectNode) set.at(pointer);
	}

	/** One case per validation rule (and a few variants of the rules that have several ways to break). */
	private void rules() {
		edit("rule-service-name-differs", "/services/webapp2/name", "must equal the service's key",
				s -> at(s, "/services/webapp2").put("name", "other"));
		edit("rule-service-key-invalid", "/services/bad key!", "must match",
				s -> at(s, "/services").set("bad key!", at(s, "/services/monitor").deepCopy().put("name", "bad key!")));
		edit("rule-depends-on-unknown", "/services/nginx/dependsOn/x", "no service named ghost",
				s -> at(s, "/services/nginx/dependsOn").put("x", "ghost"));
		edit("rule-activates-after-unknown", "/services/monitor/activatesAfter/x", "no service named ghost",
				s -> at(s, "/services/monitor").putObject("activatesAfter").put("x", "ghost"));
		edit("rule-connects-to-unknown", "/services/monitor/connectsTo/y", "no service named ghost",
				s -> at(s, "/services/monitor/connectsTo").put("y", "ghost"));
		edit("rule-cycle-depends-on", "/services/nginx/dependsOn/webapp1", "dependency cycle webapp1 -> nginx -> webapp1",
				s -> at(s, "/services/webapp1").putObject("dependsOn").put("proxy", "nginx"));
		edit("rule-cycle-self", "/services/webapp2/dependsOn/me", "dependency cycle webapp2 -> webapp2",
				s -> at(s, "/services/webapp2").putObject("dependsOn").put("me", "webapp2"));
		edit("rule-cycle-activates-after", "/services/webapp2/activatesAfter/a", "dependency cycle",
				s -> {
					at(s, "/services/webapp2").putObject("activatesAfter").put("a", "webapp1");
					at(s, "/services/webapp1").putObject("activatesAfter").put("b", "webapp2");
				});
		edit("rule-distribution-unknown-service", "/distribution/ghost", "no service named ghost",
				s -> at(s, "/distribution").putArray("ghost").add("test1"));
		edit("rule-distribution-unknown-target", "/distribution/monitor/0", "no target named test9",
				s -> at(s, "/distribution").putArray("monitor").add("test9"));
		edit("rule-distribution-unknown-target-advanced", "/distribution/monitor/targets/0", "no target named test9",
				s -> at(s, "/distribution").putObject("monitor").putArray("targets").addObject().put("target", "test9"));
		edit("rule-target-without-process-manager", "/infrastructure/test1/processManager", "missing",
				s -> at(s, "/infrastructure/test1").remove("processManager"));
		edit("rule-target-unknown-process-manager", "/infrastructure/test1/processManager", "unknown process manager",
				s -> at(s, "/infrastructure/test1").put("processManager", "upstart"));
		edit("rule-type-needs-other-manager", "/distribution/webapp1/0", "cannot run services of type systemd-unit",
				s -> at(s, "/services/webapp1").put("type", "systemd-unit"));
		edit("rule-type-needs-container", "/distribution/webapp1/0", "has no container mysql-database",
				s -> at(s, "/services/webapp1").put("type", "mysql-database"));
		edit("rule-duplicate-instance-name", "/distribution/monitor/0", "two instances named nginx",
				s -> {
					at(s, "/services/monitor/pkg").put("instanceName", "nginx");
					at(s, "/distribution").putArray("monitor").add("test1");
				});
		edit("rule-duplicate-mapping", "/distribution/webapp1/1", "twice",
				s -> at(s, "/distribution").putArray("webapp1").add("test1").add("test1"));
		edit("rule-unknown-pool", "/services/webapp2/requiresUniqueIdsFor/0", "no pool named gids",
				s -> at(s, "/services/webapp2").putArray("requiresUniqueIdsFor").add("gids"));
		edit("rule-unknown-pool-without-idresources", "/services/webapp1/requiresUniqueIdsFor/0", "the set has none",
				s -> s.remove("idResources"));
		edit("rule-invalid-instance-name", "/services/webapp2/pkg/instanceName", "must match",
				s -> at(s, "/services/webapp2/pkg").put("instanceName", "web app"));
		edit("rule-invalid-target-name", "/infrastructure/-t", "must match",
				s -> at(s, "/infrastructure").set("-t", at(s, "/infrastructure/test1").deepCopy()));
		edit("rule-invalid-pool-name", "/idResources/a b", "must match",
				s -> at(s, "/idResources").putObject("a b").put("min", 1).put("max", 2));
		edit("rule-reference-unknown-root", "/services/webapp2/pkg/environment/X", "${stateDirr} cannot resolve",
				s -> at(s, "/services/webapp2/pkg/environment").put("X", "${stateDirr}"));
		edit("rule-reference-unknown-pool", "/services/webapp2/pkg/environment/X", "no pool named gids",
				s -> at(s, "/services/webapp2/pkg/environment").put("X", "${ids.gids.webapp2}"));
		edit("rule-reference-id-not-required", "/services/webapp2/pkg/environment/X", "does not list webappPorts",
				s -> at(s, "/services/webapp2/pkg/environment").put("X", "${ids.webappPorts.webapp2}"));
		edit("rule-reference-target-property", "/services/nginx/pkg/args/1", "has no property cpu",
				s -> ((ArrayNode) s.at("/services/nginx/pkg/args")).set(1, "${target.properties.cpu}"));
		edit("rule-reference-dependency-property", "/services/nginx/pkg/args/1", "webapp1 has no property colour",
				s -> ((ArrayNode) s.at("/services/nginx/pkg/args")).set(1, "${dependsOn.webapp1.properties.colour}"));
		edit("rule-reference-not-a-dependency", "/services/webapp1/pkg/environment/X", "no dependsOn parameter nginx",
				s -> at(s, "/services/webapp1/pkg/environment").put("X", "${dependsOn.nginx.properties.port}"));
		edit("rule-reference-unterminated", "/services/webapp1/pkg/environment/X", "unterminated",
				s -> at(s, "/services/webapp1/pkg/environment").put("X", "${stateDir"));
		edit("rule-reference-in-shell-script", "/services/nginx/pkg/initialize", "no dependsOn parameter db",
				s -> at(s, "/services/nginx/pkg").put("initialize", "echo ${HOME} ${dependsOn.db.properties.port}"));
		edit("rule-incomplete-distribution", "/services/nginx/dependsOn/webapp2", "incomplete distribution",
				s -> at(s, "/distribution").remove("webapp2"));
		edit("rule-incomplete-distribution-connects-to", "/services/monitor/connectsTo/proxy", "incomplete distribution",
				s -> {
					at(s, "/distribution").remove("nginx");
					at(s, "/distribution").remove("webapp1");
					at(s, "/distribution").remove("webapp2");
					at(s, "/distribution").putArray("monitor").add("test1");
				});
		edit("rule-depends-on-package", "/services/nginx/dependsOn/webapp2", "nothing may depend on a package",
				s -> at(s, "/services/webapp2").put("type", "package"));
		edit("rule-pool-min-above-max", "/idResources/uids/min", "must not exceed max",
				s -> at(s, "/idResources/uids").put("min", 9000));
		edit("rule-pool-negative", "/idResources/uids/min", "must not be negative",
				s -> at(s, "/idResources/uids").put("min", -1));
		edit("rule-pool-step-zero", "/idResources/uids/step", "at least 1", s -> at(s, "/idResources/uids").put("step", 0));
		edit("rule-pool-scope", "/idResources/uids/scope", "global or machine",
				s -> at(s, "/idResources/uids").put("scope", "planet"));
		edit("rule-num-of-cores-zero", "/infrastructure/test2/numOfCores", "at least 1",
				s -> at(s, "/infrastructure/test2").put("numOfCores", 0));
		edit("rule-pkg-without-executable", "/services/monitor/pkg", "no executable",
				s -> at(s, "/services/monitor/pkg").remove("process"));
		edit("rule-pkg-nice-out-of-range", "/services/monitor/pkg/nice", "from -20 to 19",
				s -> at(s, "/services/monitor/pkg").put("nice", "40"));
		edit("rule-pkg-umask", "/services/monitor/pkg/umask", "octal", s -> at(s, "/services/monitor/pkg").put("umask", "999"));
		edit("rule-pkg-env-name", "/services/monitor/pkg/environment/1X", "environment variable names",
				s -> at(s, "/services/monitor/pkg").putObject("environment").put("1X", "v"));
		edit("rule-pkg-unknown-override", "/services/monitor/pkg/overrides/upstart", "unknown backend",
				s -> at(s, "/services/monitor/pkg").putObject("overrides").putObject("upstart"));
		edit("rule-pkg-dependencies-unknown", "/services/monitor/pkg/dependencies/0", "use dependsOn",
				s -> at(s, "/services/monitor/pkg").putArray("dependencies").add("ghost"));
		edit("rule-pkg-missing", "/services/monitor/pkg", "missing", s -> at(s, "/services/monitor").remove("pkg"));
		edit("rule-disnix-targets-in-service", "/services/monitor/targets", "distribution model",
				s -> at(s, "/services/monitor").putArray("targets").add("test1"));
		edit("rule-unknown-target-field", "/infrastructure/test1/hostname", "not an infrastructure field",
				s -> at(s, "/infrastructure/test1").put("hostname", "x"));
		edit("rule-unknown-pool-field", "/idResources/uids/size", "not a pool field",
				s -> at(s, "/idResources/uids").put("size", 3));
		edit("rule-unknown-mapping-field", "/distribution/webapp1/0/weight", "only target and container",
				s -> at(s, "/distribution").putArray("webapp1").addObject().put("target", "test1").put("weight", 2));
		edit("rule-name-too-long", "/services/" + "s".repeat(300), "at most 253",
				s -> at(s, "/services").set("s".repeat(300), at(s, "/services/monitor").deepCopy().put("name", "s".repeat(300))));
		edit("rule-every-problem-at-once", "/services/webapp2/name", "must equal",
				s -> {
					at(s, "/services/webapp2").put("name", "x");
					at(s, "/infrastructure/test1").remove("processManager");
					at(s, "/distribution").putArray("ghost");
				});
	}

	/** Every field of every model, given values of the wrong JSON type. */
	private void wrongTypes() {
		List<String[]> fields = List.of(
				// pointer, kind: s = strictly a string, p = a pkg string (Jackson turns scalars into text), l = list,
				// m = object, i = whole number, o = object-valued pkg field
				new String[] { "/services/webapp1/name", "s" }, new String[] { "/services/webapp1/type", "s" },
				new String[] { "/services/webapp1/pkg", "m" }, new String[] { "/services/nginx/dependsOn", "m" },
				new String[] { "/services/nginx/dependsOn/webapp1", "s" }, new String[] { "/services/monitor/connectsTo", "m" },
				new String[] { "/services/webapp1/requiresUniqueIdsFor", "l" },
				new String[] { "/services/webapp1/requiresUniqueIdsFor/0", "s" },
				new String[] { "/services/webapp1/pkg/process", "p" }, new String[] { "/services/webapp1/pkg/daemonArgs", "l" },
				new String[] { "/services/webapp1/pkg/environment", "m" },
				new String[] { "/services/webapp1/pkg/environment/PORT", "p" }, new String[] { "/services/webapp1/pkg/user", "p" },
				new String[] { "/services/nginx/pkg/args", "l" }, new String[] { "/services/nginx/pkg/initialize", "p" },
				new String[] { "/services/nginx/pkg/foregroundProcess", "p" }, new String[] { "/services/monitor/pkg/readiness", "o" },
				new String[] { "/services/monitor/pkg/restart", "o" }, new String[] { "/services/monitor/pkg/configFiles", "l" },
				new String[] { "/services/monitor/pkg/credentials", "o" }, new String[] { "/services/monitor/pkg/overrides", "m" },
				new String[] { "/services/monitor/pkg/stopTimeout", "i" }, new String[] { "/services/monitor/pkg/path", "l" },
				new String[] { "/infrastructure/test1", "m" }, new String[] { "/infrastructure/test1/properties", "m" },
				new String[] { "/infrastructure/test1/processManager", "s" }, new String[] { "/infrastructure/test1/system", "s" },
				new String[] { "/infrastructure/test2/numOfCores", "i" }, new String[] { "/infrastructure/test2/containers", "m" },
				new String[] { "/infrastructure/test2/containers/mysql-database", "m" },
				new String[] { "/distribution/webapp1", "l" }, new String[] { "/distribution/webapp1/0", "s" },
				new String[] { "/distribution/webapp2/targets/1/container", "s" },
				new String[] { "/idResources/uids", "m" }, new String[] { "/idResources/uids/min", "i" },
				new String[] { "/idResources/uids/max", "i" }, new String[] { "/idResources/uids/step", "i" },
				new String[] { "/idResources/uids/scope", "s" }, new String[] { "/services", "m" },
				new String[] { "/infrastructure", "m" }, new String[] { "/distribution", "m" }, new String[] { "/idResources", "m" },
				new String[] { "/message", "s" });
		for (String[] field : fields) {
			for (String value : wrongValues(field[1])) {
				String pointer = field[0];
				String name = "type" + pointer.replace('/', '-') + "-" + label(value);
				edit(name, pointer, "", s -> put(s, pointer, JSON.readTree(value)));
			}
		}
	}

	private static List<String> wrongValues(String kind) {
		return switch (kind) {
			case "s" -> List.of("1", "true", "[]", "{}");
			case "p" -> List.of("[]", "{}");
			case "l" -> List.of("\"x\"", "{}", "7");
			// [1], not []: an empty list is dependsOn's shorthand for "none"
			case "m" -> List.of("\"x\"", "[1]", "false");
			case "o" -> List.of("[1]", "\"x\"");
			case "i" -> List.of("\"x\"", "1.5", "[]");
			default -> throw new IllegalArgumentException(kind);
		};
	}

	private static String label(String value) {
		return switch (value) {
			case "1", "7" -> "number";
			case "1.5" -> "fraction";
			case "true", "false" -> "boolean";
			case "[]", "[1]" -> "list";
			case "{}" -> "object";
			default -> "string";
		};
	}

	private static void put(ObjectNode set, String pointer, JsonNode value) {
		int slash = pointer.lastIndexOf('/');
		JsonNode parent = set.at(pointer.substring(0, slash));
		String last = pointer.substring(slash + 1);
		if (parent instanceof ArrayNode array) {
			array.set(Integer.parseInt(last), value);
		}
		else {
			((ObjectNode) parent).set(last, value);
		}
	}

	/** The valid example cut off at forty places. */
	private void truncations() {
		String text = base().toPrettyString();
		for (int i = 1; i <= 40; i++) {
			int cut = (int) ((long) text.length() * i / 41);
			raw(String.format("truncated-json-%02d", i), text.substring(0, cut), 422, "", "not valid JSON");
		}
		raw("empty-body", "", 400, "*", "");
		raw("whitespace-body", "  \n ", 422, "", "empty");
		raw("not-json-at-all", "services: {}", 422, "", "not valid JSON");
		raw("json-array", "[1, 2, 3]", 422, "", "a model set is an object");
		raw("json-string", "\"services\"", 422, "", "a model set is an object");
		raw("json-trailing-garbage", base() + " }", 422, "", "not valid JSON");
		raw("json-comments", "// a comment\n" + base(), 422, "", "not valid JSON");
		raw("json-single-quotes", base().toString().replace('"', '\''), 422, "", "not valid JSON");
		raw("json-nan", "{\"services\": NaN}", 422, "", "not valid JSON");
		raw("json-invalid-utf8-escape", "{\"services\": \"\\uZZZZ\"}", 422, "", "not valid JSON");
	}

	private void yaml(String name, String part, String text, String pointer, String fragment) {
		ObjectNode set = base();
		set.putObject(part).put("format", "yaml").put("text", text);
		cases.add(new Case(name, set.toString(), 422, pointer, fragment));
	}

	private void malformedYaml() {
		String services = "webapp1:\n  pkg:\n    process: /bin/true\n";
		yaml("yaml-unclosed-flow", "services", "a: [1, 2\nb: 3\n", "/services", "not valid YAML");
		yaml("yaml-tab-indent", "services", "webapp1:\n\tpkg: {}\n", "/services", "not valid YAML");
		yaml("yaml-bad-indent", "infrastructure", "test1:\n  properties:\n hostname: x\n", "/infrastructure", "not valid YAML");
		yaml("yaml-truncated-quote", "services", "webapp1:\n  name: \"webapp1\n", "/services", "not valid YAML");
		yaml("yaml-duplicate-key", "services", services + services, "/services", "duplicate");
		yaml("yaml-duplicate-nested-key", "infrastructure",
				"test1:\n  processManager: sysvinit\n  processManager: systemd\n", "/infrastructure", "duplicate");
		yaml("yaml-scalar-document", "services", "just a string", "/services", "must be an object");
		yaml("yaml-list-document", "idResources", "- min: 1\n- max: 2\n", "/idResources", "must be an object");
		yaml("yaml-empty", "idResources", "", "/idResources", "empty");
		yaml("yaml-anchor", "infrastructure", "a: &x {processManager: sysvinit}\nb: *x\n", "/infrastructure", "aliases");
		yaml("yaml-merge-key", "infrastructure", "base: &b {numOfCores: 2}\nt:\n  <<: *b\n", "/infrastructure", "aliases");
		yaml("yaml-multiple-documents", "services", services + "---\n" + services, "/services", "");
		yaml("yaml-wrong-type-deep", "services", "webapp1:\n  name: webapp1\n  pkg:\n    process: [a, b]\n",
				"/services/webapp1/pkg/process", "wrong type");
		yaml("yaml-tag", "services", "webapp1: !!binary aGVsbG8=\n", "/services/webapp1", "");
		yaml("yaml-unknown-tag", "services", "webapp1: !custom {a: 1}\n", "/services", "");
	}

	/** Bombs, depth, size: each refused by a documented limit, quickly. */
	private void limits() {
		StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
		for (char c = 'b'; c <= 'k'; c++) {
			String p = "*" + (char) (c - 1);
			bomb.append(c).append(": &").append(c).append(" [").append(String.join(", ", java.util.Collections.nCopies(9, p)))
				.append("]\n");
		}
		yaml("limit-yaml-billion-laughs", "services", bomb.toString(), "/services", "aliases");
		yaml("limit-yaml-deep-nesting", "services", "[".repeat(5000) + "]".repeat(5000), "/services", "depth");
		yaml("limit-yaml-deep-block-nesting", "infrastructure", nestedBlockYaml(100), "/infrastructure", "depth");
		raw("limit-json-deep-nesting-100", nest(100), 422, "", "nesting depth");
		raw("limit-json-deep-nesting-100000", "[".repeat(100_000) + "]".repeat(100_000), 422, "", "nesting depth");
		ObjectNode deepModel = base();
		JsonNode deep = JSON.readTree(nest(80));
		at(deepModel, "/services/webapp1").set("deep", deep);
		raw("limit-json-deep-property", deepModel.toString(), 422, "", "nesting depth");
		ObjectNode huge = base();
		at(huge, "/services/webapp1/pkg/environment").put("BIG", "x".repeat(1024 * 1024 + 1));
		raw("limit-huge-string", huge.toString(), 422, "", "String value length");
		ObjectNode hugeYaml = base();
		hugeYaml.putObject("idResources").put("format", "yaml").put("text", "p: {min: 1, max: 2, x: " + "9".repeat(100) + "}");
		raw("limit-huge-number-yaml", hugeYaml.toString(), 422, "/idResources", "");
		raw("limit-huge-number", "{\"services\": " + "9".repeat(1000) + "}", 422, "", "Number value length");
		ObjectNode huge53 = base();
		at(huge53, "/services/webapp1").put("port", new java.math.BigInteger("9007199254740993"));
		raw("limit-integer-beyond-double", huge53.toString(), 422, "/services/webapp1/port", "cannot be stored exactly");
		raw("limit-number-infinite", base().toString().replace("\"port\":5000", "\"port\":1e400"), 422,
				"/services/webapp1/port", "cannot be stored exactly");
		raw("dup-key-top-level", "{\"services\": {}, \"services\": {}, \"infrastructure\": {}, \"distribution\": {}}", 422, "",
				"Duplicate");
		raw("dup-key-service", base().toString().replace("\"webapp2\":{", "\"webapp1\":{"), 422, "", "Duplicate");
		raw("dup-key-pkg-field", base().toString().replace("\"user\":\"webapp\"", "\"user\":\"webapp\",\"user\":\"root\""),
				422, "", "Duplicate");
		raw("dup-key-environment", base().toString().replace("\"PORT\":\"5001\"", "\"PORT\":\"5001\",\"PORT\":\"1\""), 422, "",
				"Duplicate");
	}

	private static String nest(int depth) {
		return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
	}

	private static String nestedBlockYaml(int depth) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < depth; i++) {
			out.append("  ".repeat(i)).append("k").append(i).append(":\n");
		}
		return out.append("  ".repeat(depth)).append("v\n").toString();
	}

	private void modelSetShape() {
		edit("set-missing-services", "/services", "missing", s -> s.remove("services"));
		edit("set-missing-infrastructure", "/infrastructure", "missing", s -> s.remove("infrastructure"));
		edit("set-missing-distribution", "/distribution", "missing", s -> s.remove("distribution"));
		edit("set-unknown-part", "/packages", "not a part of a model set", s -> s.putObject("packages"));
		edit("set-unknown-format", "/services/format", "json, yaml or nix",
				s -> s.putObject("services").put("format", "toml").put("text", "x = 1"));
		edit("set-text-not-string", "/services/text", "must be a string",
				s -> s.putObject("services").put("format", "json").putArray("text"));
		edit("set-text-extra-field", "/services", "exactly the fields format and text",
				s -> s.putObject("services").put("format", "json").put("text", "{}").put("extra", 1));
		edit("set-json-text-malformed", "/distribution", "not valid JSON",
				s -> s.putObject("distribution").put("format", "json").put("text", "{\"webapp1\": [\"test1\""));
		edit("set-json-text-duplicate", "/distribution", "Duplicate",
				s -> s.putObject("distribution").put("format", "json").put("text", "{\"a\": [], \"a\": []}"));
		edit("set-parent-not-a-revision-id", "/parent", "revision id", s -> s.put("parent", "HEAD"));
		edit("set-parent-unknown", "/parent", "no revision", s -> s.put("parent", "a".repeat(64)));
		edit("set-null-services", "/services", "missing", s -> s.putNull("services"));
	}

	private void nixCase(String name, String part, String text, String pointer, String fragment) {
		ObjectNode set = base();
		set.putObject(part).put("format", "nix").put("text", text);
		cases.add(new Case(name, set.toString(), 422, pointer, fragment));
	}

	private void nix() {
		nixCase("nix-syntax-error", "services", "{ system, ... }: { webapp1 = { ; }", "/services", "syntax error");
		nixCase("nix-syntax-unterminated-string", "infrastructure", "{ test1 = { system = \"x86_64-linux; }; }",
				"/infrastructure", "error");
		nixCase("nix-syntax-missing-semicolon", "distribution", "{ infrastructure }: { webapp1 = [ infrastructure.test1 ] }",
				"/distribution", "syntax error");
		nixCase("nix-undefined-variable", "services", "{ system }: { webapp1 = undefinedThing; }", "/services",
				"undefined variable");
		nixCase("nix-throw", "services", "{ }: throw \"operator says no\"", "/services", "operator says no");
		nixCase("nix-assert", "infrastructure", "assert 1 == 2; { }", "/infrastructure", "assertion");
		nixCase("nix-function-in-output", "services",
				"{ }: { webapp1 = { name = \"webapp1\"; pkg = x: x; }; }", "/services", "");
		nixCase("nix-wrong-result-type", "idResources", "42", "/idResources", "must be an object");
		nixCase("nix-unknown-target-record", "distribution", "{ infrastructure }: { webapp1 = [ infrastructure.test9 ]; }",
				"/distribution", "test9");
		nixCase("nix-restricted-read", "services", "builtins.fromJSON (builtins.readFile /etc/passwd)", "/services",
				"restricted mode");
		nixCase("nix-nixpkgs-lookup", "services", "{ }: import <nixpkgs> { }", "/services", "nixpkgs");
		nixCase("nix-infinite-recursion", "services", "let x = x + 1; in x", "/services", "infinite recursion");
		nixCase("nix-non-terminating", "services",
				// 10^10 additions over one shared list: CPU-bound, memory stays under 0.5 GiB (the timeout, not the
				// memory bound, stops it)
				"{ }: let l = builtins.genList (x: x) 100000; in builtins.foldl' (a: i: a + builtins.foldl' (x: y: x + y) 0 l) 0 l",
				"/services",
				"did not finish within");
		nixCase("nix-huge-output", "infrastructure",
				"{ t = builtins.genList (x: \"0123456789abcdef0123456789abcdef\") 1200000; }",
				"/infrastructure", "more than");
		nixCase("nix-valid-but-breaks-rule", "infrastructure", "{ test1 = { properties = { }; }; test2 = { }; }",
				"/infrastructure/test1/processManager", "missing");
	}

}
