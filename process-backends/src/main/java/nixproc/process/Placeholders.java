package nixproc.process;

import java.util.Map;

/**
 * Substitutes the placeholders a model may use in paths, arguments, environment values and scripts
 * (architecture §4): {@code ${stateDir} ${runtimeDir} ${logDir} ${tmpDir} ${cacheDir} ${spoolDir} ${lockDir}
 * ${libDir} ${instanceName}}. Anything else, such as a shell's own {@code ${HOME}} in {@code initialize}, is left
 * untouched, so only these exact tokens are reserved.
 */
final class Placeholders {

	private final Map<String, String> values;

	Placeholders(StateDirs dirs, String instanceName) {
		this.values = Map.of("${stateDir}", dirs.stateDir(), "${runtimeDir}", dirs.runtimeDir(), "${logDir}",
				dirs.logDir(), "${tmpDir}", dirs.tmpDir(), "${cacheDir}", dirs.cacheDir(), "${spoolDir}",
				dirs.spoolDir(), "${lockDir}", dirs.lockDir(), "${libDir}", dirs.libDir(), "${instanceName}",
				instanceName);
	}

	String apply(String text) {
		if (text.indexOf("${") < 0) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		int i = 0;
		while (i < text.length()) {
			int start = text.indexOf("${", i);
			int end = start < 0 ? -1 : text.indexOf('}', start);
			String value = end < 0 ? null : values.get(text.substring(start, end + 1));
			if (start < 0 || end < 0) {
				out.append(text, i, text.length());
				break;
			}
			if (value != null) {
				out.append(text, i, start).append(value);
				i = end + 1;
			}
			else {
				out.append(text, i, start + 2);
				i = start + 2;
			}
		}
		return out.toString();
	}

}
