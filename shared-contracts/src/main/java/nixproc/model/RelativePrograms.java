package nixproc.model;

import java.nio.file.Path;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A program of a model file written relative to that file ({@code ./webapp}, {@code ../webapp/webapp}) is the file
 * beside it, as a Nix path literal is and as Compose resolves its relative paths: when a JSON or YAML model is read
 * from a file, such values of {@code process}, {@code daemon} and {@code foregroundProcess} become absolute. A bare
 * name ({@code webapp}) is still looked up on the PATH, and a model read from text has no directory to resolve
 * against.
 */
public final class RelativePrograms {

	static final List<String> FIELDS = List.of("process", "daemon", "foregroundProcess");

	private RelativePrograms() {
	}

	/**
	 * Rewrites the relative programs of every instance's {@code pkg} in {@code model} (a processes model, or the
	 * services model of a deployment: both map names to objects holding {@code pkg}).
	 */
	public static void resolve(JsonNode model, Path directory) {
		if (!model.isObject()) {
			return;
		}
		for (JsonNode instance : model.values()) {
			resolvePkg(instance.get("pkg"), directory);
		}
	}

	/** Rewrites the relative programs of one managed process (a {@code <name>.json} of the seed's). */
	public static void resolvePkg(JsonNode process, Path directory) {
		if (process instanceof ObjectNode pkg) {
			for (String field : FIELDS) {
				JsonNode value = pkg.get(field);
				if (value != null && value.isString() && isRelative(value.stringValue())) {
					pkg.put(field, directory.toAbsolutePath().resolve(value.stringValue()).normalize().toString());
				}
			}
		}
	}

	static boolean isRelative(String program) {
		return program.startsWith("./") || program.startsWith("../");
	}

}
