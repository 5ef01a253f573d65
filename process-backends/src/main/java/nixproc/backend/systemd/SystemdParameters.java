package nixproc.backend.systemd;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * What {@code overrides.systemd} can change: the unit's three sections, as the seed's
 * {@code overrides.systemd.Service.Restart = "always"}. A value is a string (one line), a number, or an array (one
 * line per element, as {@code Environment=}). Generated values are already in unit-file syntax; override values are
 * taken as unit-file syntax too (so {@code %i} specifiers stay possible), only a line break is refused.
 */
record SystemdParameters(@JsonProperty("Unit") Map<String, JsonNode> unit,
		@JsonProperty("Service") Map<String, JsonNode> service, @JsonProperty("Install") Map<String, JsonNode> install) {

	SystemdParameters {
		unit = copy(unit);
		service = copy(service);
		install = copy(install);
	}

	private static Map<String, JsonNode> copy(Map<String, JsonNode> section) {
		// insertion order is rendering order: generated keys first, then keys an override adds
		return section == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(section));
	}

}
