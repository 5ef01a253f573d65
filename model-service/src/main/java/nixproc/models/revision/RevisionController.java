package nixproc.models.revision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import nixproc.models.parse.ModelParser;
import nixproc.models.parse.ParsedModelSet;
import nixproc.network.DeploymentDiff;
import nixproc.service.problem.ProblemException;
import nixproc.service.security.Redaction;
import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/v1/revisions}: deployer stores, viewer reads. */
@RestController
@RequestMapping("/api/v1/revisions")
class RevisionController {

	static final int MAX_PAGE_SIZE = 100;

	private final ModelParser parser;

	private final Revisions revisions;

	private final JsonMapper json;

	RevisionController(ModelParser parser, Revisions revisions, JsonMapper json) {
		this.parser = parser;
		this.revisions = revisions;
		this.json = json;
	}

	@JsonInclude(JsonInclude.Include.NON_ABSENT)
	record Summary(String id, Optional<String> parent, String author, String message, Instant createdAt, int services,
			int targets, int mappings) {

		static Summary of(RevisionHead r) {
			return new Summary(r.id(), r.parent(), r.author(), r.message(), r.createdAt(), r.services(), r.targets(),
					r.mappings());
		}

	}

	@JsonInclude(JsonInclude.Include.NON_ABSENT)
	record Full(String id, Optional<String> parent, String author, String message, Instant createdAt, JsonNode canonical) {
	}

	record PageBody(List<Summary> items, int page, int size, long total) {
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('DEPLOYER')")
	@Operation(summary = "Validate and store a model set; 201 with the new revision, 200 when that content exists, "
			+ "422 with every problem")
	ResponseEntity<Summary> create(@RequestBody String body, Authentication caller) {
		ParsedModelSet parsed = parser.parse(body);
		Revisions.Stored stored = revisions.store(parsed, body, caller.getName());
		return ResponseEntity.status(stored.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(Summary.of(stored.revision()));
	}

	@GetMapping
	@Operation(summary = "Revisions, newest first")
	PageBody list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		if (page < 0) {
			throw ProblemException.badRequest("/page", "must not be negative");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw ProblemException.badRequest("/size", "must be from 1 to " + MAX_PAGE_SIZE);
		}
		Page<RevisionHead> result = revisions.page(page, size);
		return new PageBody(result.getContent().stream().map(Summary::of).toList(), page, size, result.getTotalElements());
	}

	@GetMapping("/{id}")
	@Operation(summary = "A revision with its canonical model set (environment values and config file contents "
			+ "redacted for a viewer)")
	Full one(@PathVariable String id) {
		Revision r = revisions.get(id);
		return new Full(r.id(), r.parent(), r.author(), r.message(), r.createdAt(),
				Redaction.forCurrentRole(json.readTree(r.canonical())));
	}

	/** Deployer: the text as submitted (Nix, too) holds secrets no redaction can find (issue 17). */
	@GetMapping(path = "/{id}/source", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('DEPLOYER')")
	@Operation(summary = "The model set exactly as it was first submitted (deployer)")
	String source(@PathVariable String id) {
		return revisions.get(id).source();
	}

	@GetMapping("/{from}/diff/{to}")
	@Operation(summary = "Services, targets and mappings added, removed and changed from one revision to another")
	DeploymentDiff diff(@PathVariable String from, @PathVariable String to) {
		return revisions.diff(from, to);
	}

}
