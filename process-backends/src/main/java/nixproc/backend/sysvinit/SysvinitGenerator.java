package nixproc.backend.sysvinit;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import nixproc.backend.DysnomiaCredentials;
import nixproc.backend.GeneratedFiles;
import nixproc.backend.Generator;
import nixproc.backend.OverridableGenerator;
import nixproc.backend.Overrides;
import nixproc.model.BackendKind;
import nixproc.model.ModelException;
import nixproc.process.Layout;
import nixproc.process.NormalisedProcess;
import tools.jackson.databind.node.ObjectNode;

/** {@code etc/rc.d/init.d/<name>}, its {@code rc<N>.d} links and the credentials (reference §3.1). */
final class SysvinitGenerator implements Generator, OverridableGenerator {

	private static final int MIN_SEQUENCE = 0;

	private static final int MAX_SEQUENCE = 99;

	private static final List<Integer> SUPPORTED_RUNLEVELS = List.of(0, 1, 2, 3, 4, 5, 6);

	private static final Pattern SIGNAL = Pattern.compile("[A-Z0-9]+");

	private static final Pattern ACTIVITY = Pattern.compile("[a-z][a-z0-9-]*");

	@Override
	public GeneratedFiles generate(NormalisedProcess process, Layout layout) {
		SysvinitParameters parameters = Overrides.apply(defaults(process), process.overrides(), BackendKind.SYSVINIT,
				SysvinitParameters.class);
		check(parameters);
		List<Integer> start = parameters.runlevels().stream().filter(SUPPORTED_RUNLEVELS::contains).distinct().sorted().toList();
		List<Integer> stop = SUPPORTED_RUNLEVELS.stream().filter(level -> !start.contains(level)).toList();
		int startSequence = Math.min(process.order() + MIN_SEQUENCE, MAX_SEQUENCE);
		int stopSequence = MAX_SEQUENCE - startSequence + MIN_SEQUENCE;

		String script = new SysvinitScript(process, parameters, start, stop).render();
		GeneratedFiles.Builder files = GeneratedFiles.builder().text("etc/rc.d/init.d/" + process.name(), script, true);
		String target = "../init.d/" + process.name();
		start.forEach(level -> files.symlink("etc/rc.d/rc" + level + ".d/S" + twoDigits(startSequence) + process.name(), target));
		stop.forEach(level -> files.symlink("etc/rc.d/rc" + level + ".d/K" + twoDigits(stopSequence) + process.name(), target));
		return files.addAll(DysnomiaCredentials.files(process.credentials(), layout)).build();
	}

	@Override
	public ObjectNode parameters(NormalisedProcess process, Layout layout) {
		return Overrides.tree(defaults(process));
	}

	private static SysvinitParameters defaults(NormalisedProcess process) {
		return new SysvinitParameters(SysvinitParameters.DEFAULT_RUNLEVELS, "HUP", "TERM", process.stopTimeout().orElse(10), "",
				null, null);
	}

	private static void check(SysvinitParameters parameters) {
		String at = "/overrides/sysvinit";
		for (int i = 0; i < parameters.runlevels().size(); i++) {
			if (!SUPPORTED_RUNLEVELS.contains(parameters.runlevels().get(i))) {
				throw new ModelException(at + "/runlevels/" + i, "runlevels are 0 to 6");
			}
		}
		if (!SIGNAL.matcher(parameters.reloadSignal()).matches()) {
			throw new ModelException(at + "/reloadSignal", "a signal name such as HUP");
		}
		if (!SIGNAL.matcher(parameters.stopSignal()).matches()) {
			throw new ModelException(at + "/stopSignal", "a signal name such as TERM");
		}
		if (parameters.stopTimeout() < 0) {
			throw new ModelException(at + "/stopTimeout", "must not be negative");
		}
		for (String name : parameters.activities().keySet()) {
			if (!ACTIVITY.matcher(name).matches()) {
				throw new ModelException(at + "/activities/" + name, "activity names must match " + ACTIVITY.pattern());
			}
		}
	}

	/** Sequences are 0 to 99. Not {@code String.format}: it was a sixth of the generator's time (issue 3 benchmark). */
	private static String twoDigits(int number) {
		return number < 10 ? "0" + number : Integer.toString(number);
	}

	static String levels(List<Integer> levels) {
		return levels.stream().map(String::valueOf).collect(Collectors.joining(" "));
	}

}
