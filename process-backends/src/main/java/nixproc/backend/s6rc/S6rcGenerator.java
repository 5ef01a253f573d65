package nixproc.backend.s6rc;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import nixproc.backend.DysnomiaCredentials;
import nixproc.backend.GeneratedFiles;
import nixproc.backend.Generator;
import nixproc.backend.OverridableGenerator;
import nixproc.backend.Overrides;
import nixproc.backend.ProfileGenerator;
import nixproc.model.BackendKind;
import nixproc.model.Credentials;
import nixproc.model.ModelException;
import nixproc.model.ModelValidator;
import nixproc.process.Layout;
import nixproc.process.Mode;
import nixproc.process.NormalisedProcess;
import tools.jackson.databind.node.ObjectNode;

/**
 * s6-rc source definition directories under {@code etc/s6/sv/} (reference §3.7): a foreground process becomes the
 * longrun {@code <name>-srv} piped into {@code <name>-log}, whose {@code pipeline-name} makes s6-rc create the bundle
 * {@code <name>}; a daemon-only process becomes the oneshot {@code <name>}. The profile adds the bundle
 * {@code default} holding every instance.
 */
final class S6rcGenerator implements Generator, ProfileGenerator, OverridableGenerator {

	static final String SV = "etc/s6/sv/";

	private static final Pattern SIGNAL = Pattern.compile("SIG[A-Z0-9]+");

	@Override
	public ObjectNode parameters(NormalisedProcess process, Layout layout) {
		return Overrides.tree(S6rcParameters.DEFAULTS);
	}

	@Override
	public GeneratedFiles generate(NormalisedProcess process, Layout layout) {
		S6rcParameters parameters = Overrides.apply(S6rcParameters.DEFAULTS, process.overrides(), BackendKind.S6_RC,
				S6rcParameters.class);
		check(parameters);
		GeneratedFiles.Builder files = GeneratedFiles.builder();
		String name = process.name();
		boolean privileged = !layout.forceDisableUserChange();
		if (process.mode() == Mode.FOREGROUND) {
			String service = parameters.logService() ? name + "-srv" : name;
			String dir = SV + service + "/";
			files.text(dir + "type", "longrun\n", false);
			files.text(dir + "run", S6rcScripts.run(process, parameters), true);
			common(files, dir, process, parameters);
			if (parameters.timeoutKill() > 0) {
				files.text(dir + "timeout-kill", parameters.timeoutKill() + "\n", false);
			}
			if (parameters.timeoutFinish() > 0) {
				files.text(dir + "timeout-finish", parameters.timeoutFinish() + "\n", false);
			}
			if (!parameters.downSignal().isEmpty()) {
				files.text(dir + "down-signal", parameters.downSignal() + "\n", false);
			}
			if (parameters.logService()) {
				files.text(dir + "producer-for", name + "-log\n", false);
				String log = SV + name + "-log/";
				files.text(log + "type", "longrun\n", false);
				files.text(log + "consumer-for", service + "\n", false);
				files.text(log + "notification-fd", "3\n", false);
				files.text(log + "pipeline-name", name + "\n", false);
				files.text(log + "run", S6rcScripts.logRun(process, parameters, layout.dirs().logDir(), privileged), true);
			}
		}
		else {
			String dir = SV + name + "/";
			files.text(dir + "type", "oneshot\n", false);
			files.text(dir + "up", S6rcScripts.up(process), false);
			files.text(dir + "down", S6rcScripts.down(process), false);
			common(files, dir, process, parameters);
		}
		GeneratedFiles credentials = DysnomiaCredentials.files(process.credentials(), layout);
		if (privileged && process.mode() == Mode.FOREGROUND && parameters.logService()) {
			// The logger drops to s6-log, as the seed's; the account is created like the process's own.
			String logUser = parameters.logUser();
			credentials = credentials.merge(DysnomiaCredentials.files(new Credentials(Map.of(logUser, Map.of()),
					Map.of(logUser, new TreeMap<>(Map.of("group", logUser, "description", "s6-log")))), layout));
		}
		return files.addAll(credentials).build();
	}

	/**
	 * Dependencies name the dependency's bundle (its pipeline, logger included) or oneshot, both called by the plain
	 * process name: the seed lists {@code <dep>-srv}, which leaves the dependency's logger out.
	 */
	private static void common(GeneratedFiles.Builder files, String dir, NormalisedProcess process, S6rcParameters parameters) {
		if (parameters.flagEssential()) {
			files.text(dir + "flag-essential", "", false);
		}
		for (String dependency : process.dependencies()) {
			files.text(dir + "dependencies.d/" + dependency, "", false);
		}
	}

	private static void check(S6rcParameters parameters) {
		String at = "/overrides/s6-rc";
		if (!parameters.execlineb().startsWith("/") || parameters.execlineb().chars().anyMatch(Character::isWhitespace)) {
			throw new ModelException(at + "/execlineb", "an absolute path without whitespace (it is a #! line)");
		}
		if (!ModelValidator.NAME.matcher(parameters.logUser()).matches()) {
			throw new ModelException(at + "/logUser", "must match " + ModelValidator.NAME.pattern());
		}
		if (parameters.timeoutKill() < 0) {
			throw new ModelException(at + "/timeoutKill", "must not be negative");
		}
		if (parameters.timeoutFinish() < 0) {
			throw new ModelException(at + "/timeoutFinish", "must not be negative");
		}
		if (!parameters.downSignal().isEmpty() && !SIGNAL.matcher(parameters.downSignal()).matches()) {
			throw new ModelException(at + "/downSignal", "a signal name such as SIGINT");
		}
	}

	@Override
	public GeneratedFiles generateProfile(List<NormalisedProcess> processes, Layout layout) {
		GeneratedFiles.Builder files = GeneratedFiles.builder().text(SV + "default/type", "bundle\n", false);
		for (NormalisedProcess process : processes) {
			files.text(SV + "default/contents.d/" + process.name(), "", false);
		}
		return files.build();
	}

}
