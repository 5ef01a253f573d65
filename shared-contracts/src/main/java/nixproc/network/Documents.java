package nixproc.network;

import java.util.Optional;

import nixproc.model.ModelException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Turns JSON and YAML text into trees within {@link Limits}: duplicate keys are errors (a later key silently
 * winning hides a mistake), nesting, string and document sizes are bounded, and YAML anchors and aliases are
 * refused because Jackson would read an alias as the anchor's name, not its value.
 */
final class Documents {

	private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
		.maxNestingDepth(Limits.MAX_DEPTH)
		.maxStringLength(Limits.MAX_STRING_CHARS)
		.maxNameLength(Limits.MAX_STRING_CHARS)
		.maxNumberLength(Limits.MAX_NUMBER_CHARS)
		.maxDocumentLength(Limits.MAX_DOCUMENT_CHARS)
		.build();

	static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
		.streamReadConstraints(CONSTRAINTS)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build()).build();

	static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
		.streamReadConstraints(CONSTRAINTS)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.loadSettings(LoadSettings.builder()
			.setAllowDuplicateKeys(false)
			.setMaxAliasesForCollections(0)
			.setCodePointLimit(Limits.MAX_DOCUMENT_CHARS)
			.build())
		.build()).build();

	private Documents() {
	}

	/** Parses one document; {@code at} is the pointer of the model in the model set, used for every problem. */
	static JsonNode parse(String text, Format format, String at) {
		if (text.length() > Limits.MAX_DOCUMENT_CHARS) {
			throw new ModelException(at, "the " + format.id() + " text has " + text.length()
					+ " characters; the limit is " + Limits.MAX_DOCUMENT_CHARS);
		}
		if (format == Format.YAML) {
			refuseAliases(text, at);
		}
		try {
			JsonNode node = (format == Format.YAML ? YAML : JSON).readTree(text);
			if (node == null || node.isMissingNode()) {
				throw new ModelException(at, "the " + format.id() + " text is empty");
			}
			return node;
		}
		catch (JacksonException e) {
			throw new ModelException(at, "not valid " + format.id().toUpperCase() + ": " + describe(e));
		}
	}

	private static void refuseAliases(String text, String at) {
		try (JsonParser parser = YAML.createParser(text)) {
			while (parser.nextToken() != null) {
				if (parser instanceof YAMLParser yaml && (yaml.isCurrentAlias() || yaml.getObjectId() != null)) {
					throw new ModelException(at, "not valid YAML here: anchors and aliases (&name, *name) are not "
							+ "supported; write the value out (line " + parser.currentLocation().getLineNr() + ")");
				}
			}
		}
		catch (JacksonException e) {
			throw new ModelException(at, "not valid YAML: " + describe(e));
		}
	}

	/** Jackson's message without the source excerpt, which may be megabytes long, plus the location. */
	static String describe(JacksonException e) {
		String message = Optional.ofNullable(e.getOriginalMessage()).orElse(e.getClass().getSimpleName());
		if (message.length() > 300) {
			message = message.substring(0, 300) + "…";
		}
		var location = e.getLocation();
		return location == null || location.getLineNr() < 0 ? message
				: message + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
	}

}
