package nixproc.events;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static nixproc.events.Checks.notBlank;
import static nixproc.events.Checks.notNull;

/**
 * One service instance mapped to the target, as the coordinator rendered it.
 *
 * @param service the instance key (the services model's name for it)
 * @param order position within the batch: lower activates first and deactivates last; equal orders are independent
 * @param process the managed process (architecture §3) as JSON; the agent reads it with {@code nixproc.model}
 * @param properties the instance's free properties ({@code port}, {@code dnsName}, …), a JSON object
 */
public record Mapping(String service, int order, JsonNode process, JsonNode properties) {

	public Mapping {
		notBlank(service, "service");
		notNull(process, "process");
		if (!process.isObject()) {
			throw new IllegalArgumentException("process: must be an object");
		}
		if (properties == null || properties.isNull() || properties.isMissingNode()) {
			properties = JsonNodeFactory.instance.objectNode();
		}
		if (!properties.isObject()) {
			throw new IllegalArgumentException("properties: must be an object");
		}
	}

}
