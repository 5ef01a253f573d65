package nixproc.service.problem;

import nixproc.model.Pointers;
import tools.jackson.databind.JsonNode;

/**
 * Fields of a request body that a controller reads as a {@link JsonNode} by hand. Jackson's {@code asString()}
 * throws on an object or array, which would surface as a 500; these answer 400 naming the field instead.
 */
public final class JsonFields {

	private JsonFields() {
	}

	/** The string field {@code field} of {@code body} (which has it); anything but a string is a 400 at {@code /field}. */
	public static String string(JsonNode body, String field) {
		JsonNode value = body.get(field);
		if (value == null || !value.isString()) {
			throw ProblemException.badRequest(Pointers.to(field), "must be a string, not " + value);
		}
		return value.stringValue();
	}

}
