package nixproc.backend.systemd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import nixproc.backend.DysnomiaCredentials;
import nixproc.backend.GeneratedFiles;
import nixproc.backend.Generator;
import nixproc.backend.OverridableGenerator;
import nixproc.backend.Overrides;
import nixproc.escape.SystemdUnit;
import nixproc.model.BackendKind;
import nixproc.model.ModelException;
import nixproc.model.RestartPolicy;
import nixproc.process.Layout;
import nixproc.process.Mode;
import nixproc.process.NormalisedProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** {@code etc/systemd/system/nix-process-<name>.service} and the credentials (reference §3.4). */
final class SystemdGenerator implements Generator, OverridableGenerator {

	static final String PREFIX = "nix-process-";

	static final String UNIT_DIR = "etc/systemd/system/";

	/**
	 * Words systemd reads the same bare and quoted; anything else is quoted. {@code ;} and {@code \} are missing on
	 * purpose: a lone {@code ;} separates commands in older systemd, a backslash starts an escape.
	 */
	private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_@+=:,./-]+");

	/** systemd's own default service PATH: what the seed's base packages (coreutils, sed, grep) stand for here. */
	static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

	static String unitName(String name) {
		return PREFIX + name + ".service";
	}

	@Override
	public ObjectNode parameters(NormalisedProcess process, Layout layout) {
		return Overrides.tree(defaults(process, layout));
	}

	@Override
	public GeneratedFiles generate(NormalisedProcess process, Layout layout) {
		SystemdParameters parameters = Overrides.apply(defaults(process, layout), process.overrides(),
				BackendKind.SYSTEMD, SystemdParameters.class);
		String unit = render(parameters);
		return GeneratedFiles.builder()
			.text(UNIT_DIR + unitName(process.name()), unit, false)
			.build()
			.merge(DysnomiaCredentials.files(process.credentials(), layout));
	}

	private static SystemdParameters defaults(NormalisedProcess process, Layout layout) {
		Map<String, JsonNode> unit = new LinkedHashMap<>();
		unit.put("Description", text(checked("/description", () -> SystemdUnit.value(process.description()))));
		if (!process.dependencies().isEmpty()) {
			String units = String.join(" ", process.dependencies().stream().map(SystemdGenerator::unitName).toList());
			unit.put("Wants", text(units));
			unit.put("After", text(units));
		}
		process.restart().flatMap(RestartPolicy::maxRestarts).ifPresent(max -> {
			// systemd counts starts within an interval; an infinite interval makes the burst a total, as maxRestarts means
			unit.put("StartLimitIntervalSec", text("infinity"));
			unit.put("StartLimitBurst", text(String.valueOf(max + 1)));
		});

		Map<String, JsonNode> service = new LinkedHashMap<>();
		if (process.mode() == Mode.FOREGROUND) {
			service.put("Type", text("simple"));
		}
		else {
			service.put("Type", text("forking"));
			// Only an explicit PID file: systemd would wait for a derived one that the daemon never writes (the seed).
			if (process.pidFileExplicit()) {
				service.put("PIDFile", text(checked("/pidFile", () -> SystemdUnit.value(process.pidFile()))));
			}
		}
		if (!process.initialize().isBlank()) {
			// "+": initialize runs with full privileges even when User= drops them (reference §9.17). Inlined with
			// sh -c rather than a separate script so the unit does not depend on where the profile is installed.
			service.put("ExecStartPre", text("+" + command(List.of("/bin/sh", "-e", "-c", process.initialize()))));
		}
		List<String> argv = new ArrayList<>();
		argv.add(process.executable());
		argv.addAll(process.args());
		service.put("ExecStart", text(command(argv)));
		ArrayNode environment = JsonNodeFactory.instance.arrayNode();
		if (!process.binPath().isEmpty() && !process.environment().containsKey("PATH")) {
			// Environment= cannot refer to the old PATH, so PATH is replaced, as the seed does (reference §9.15).
			environment.add(assignment("PATH", String.join(":", process.binPath()) + ":" + DEFAULT_PATH));
		}
		process.environment().forEach((name, value) -> environment.add(assignment(name, value)));
		if (!environment.isEmpty()) {
			service.put("Environment", environment);
		}
		process.user().ifPresent(user -> service.put("User", text(user)));
		process.directory()
			.ifPresent(dir -> service.put("WorkingDirectory", text(checked("/directory", () -> SystemdUnit.value(dir)))));
		process.umask().ifPresent(umask -> service.put("UMask", text(umask)));
		process.nice().ifPresent(nice -> service.put("Nice", text(String.valueOf(nice))));
		process.restart().ifPresent(restart -> {
			service.put("Restart", text(switch (restart.condition()) {
				case NO -> "no";
				case ON_FAILURE -> "on-failure";
				case ALWAYS -> "always";
			}));
			if (restart.condition() != RestartPolicy.Condition.NO) {
				service.put("RestartSec", text(restart.delay() + "s"));
			}
		});
		process.stopTimeout().ifPresent(seconds -> service.put("TimeoutStopSec", text(seconds + "s")));

		// A user manager has no multi-user.target; default.target is what it starts at login.
		Map<String, JsonNode> install = Map.of("WantedBy",
				text(layout.forceDisableUserChange() ? "default.target" : "multi-user.target"));
		return new SystemdParameters(unit, service, install);
	}

	static String render(SystemdParameters parameters) {
		StringBuilder out = new StringBuilder();
		section(out, "Unit", parameters.unit());
		section(out, "Service", parameters.service());
		section(out, "Install", parameters.install());
		return out.toString();
	}

	private static void section(StringBuilder out, String name, Map<String, JsonNode> properties) {
		if (properties.isEmpty()) {
			return;
		}
		if (out.length() > 0) {
			out.append('\n');
		}
		out.append('[').append(name).append("]\n");
		properties.forEach((key, value) -> {
			List<JsonNode> values = new ArrayList<>();
			if (value.isArray()) {
				value.values().forEach(values::add);
			}
			else {
				values.add(value);
			}
			for (JsonNode item : values) {
				if (!item.isValueNode() || item.isNull()) {
					throw new ModelException("/overrides/systemd/" + name + "/" + key, "must be a string, a number or an array of them");
				}
				String text = item.asString();
				if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
					throw new ModelException("/overrides/systemd/" + name + "/" + key, "a unit file value is one line");
				}
				out.append(key).append('=').append(text).append('\n');
			}
		});
	}

	private static String command(List<String> argv) {
		return String.join(" ", argv.stream().map(word -> BARE.matcher(word).matches() ? word : SystemdUnit.commandWord(word)).toList());
	}

	private static JsonNode assignment(String name, String value) {
		String assignment = name + "=" + value;
		return text(BARE.matcher(assignment).matches() ? assignment
				: checked("/environment/" + name, () -> SystemdUnit.environment(name, value)));
	}

	private static String checked(String pointer, java.util.function.Supplier<String> escape) {
		try {
			return escape.get();
		}
		catch (IllegalArgumentException e) {
			throw new ModelException(pointer, e.getMessage());
		}
	}

	private static JsonNode text(String value) {
		return StringNode.valueOf(value);
	}

}
