package nixproc.service.security;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a viewer may not read of a model (issue 17): the values of every {@code environment} and the contents of
 * every {@code configFiles} entry, which hold passwords and keys. A viewer sees their names and paths, each value
 * replaced by {@value #REDACTED}; a deployer, who may deploy them anyway, sees them whole.
 */
public final class Redaction {

	public static final String REDACTED = "(redacted)";

	private Redaction() {
	}

	/** {@code model} as the request's token may read it: a redacted copy for a viewer, else itself. */
	public static JsonNode forCurrentRole(JsonNode model) {
		return CurrentRole.atLeast(Role.DEPLOYER) ? model : redacted(model);
	}

	/** A copy of {@code model} with every environment value and config file content replaced. */
	public static JsonNode redacted(JsonNode model) {
		JsonNode copy = model.deepCopy();
		redact(copy);
		return copy;
	}

	private static void redact(JsonNode node) {
		if (node.isArray()) {
			node.forEach(Redaction::redact);
		}
		else if (node instanceof ObjectNode object) {
			for (String name : object.propertyNames()) {
				JsonNode value = object.get(name);
				if (name.equals("environment") && value instanceof ObjectNode environment) {
					for (String variable : environment.propertyNames()) {
						environment.put(variable, REDACTED);
					}
				}
				else if (name.equals("configFiles") && value.isArray()) {
					value.forEach(file -> {
						if (file instanceof ObjectNode entry && entry.has("content")) {
							entry.put("content", REDACTED);
						}
					});
				}
				else {
					redact(value);
				}
			}
		}
	}

}
