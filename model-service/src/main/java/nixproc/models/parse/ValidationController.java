package nixproc.models.parse;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /api/v1/validate}: viewer, deployer for Nix models (they are evaluated here); stores nothing. */
@RestController
@RequestMapping("/api/v1")
class ValidationController {

	private final ModelParser parser;

	ValidationController(ModelParser parser) {
		this.parser = parser;
	}

	record Validated(boolean valid, String id, ObjectNode canonical) {
	}

	@PostMapping(path = "/validate", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Validate a model set { services, infrastructure, distribution, idResources? }; each model "
			+ "a JSON object or { format: json|yaml|nix, text }. 200 with the canonical form, or 422 with every problem")
	Validated validate(@RequestBody String body) {
		parser.requireDeployerForNix(body);
		ParsedModelSet parsed = parser.parse(body);
		return new Validated(true, parsed.id(), parsed.canonical());
	}

}
