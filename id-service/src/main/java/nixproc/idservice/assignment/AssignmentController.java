package nixproc.idservice.assignment;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import nixproc.idassign.IdAssignments;
import nixproc.idassign.IdsFiles;
import nixproc.idassign.IdsFormatException;
import nixproc.service.problem.JsonFields;
import nixproc.service.problem.ProblemException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/assignments}: deployer assigns, viewer reads and exports, admin imports. */
@RestController
@RequestMapping("/api/v1")
class AssignmentController {

	private final Assignments assignments;

	AssignmentController(Assignments assignments) {
		this.assignments = assignments;
	}

	@PostMapping("/assignments")
	@PreAuthorize("hasRole('DEPLOYER')")
	@Operation(summary = "Assign IDs for a deployment (one transaction; same deploymentId, same answer); "
			+ "409 when a pool is depleted")
	AssignmentResponse assign(@RequestBody AssignmentRequest request) {
		return assignments.assign(request);
	}

	@GetMapping("/assignments")
	@Operation(summary = "Everything held now: ids, lastAssignments, lastAssignmentsPerTarget, targets")
	IdAssignments current() {
		return assignments.current();
	}

	@GetMapping("/assignments/export")
	@Operation(summary = "Everything held now as the seed's ids.nix (format=nix) or JSON")
	ResponseEntity<String> export(@RequestParam(defaultValue = "nix") String format) {
		IdsFiles.Format chosen = format(format);
		return ResponseEntity.ok()
			.contentType(chosen == IdsFiles.Format.NIX ? MediaType.TEXT_PLAIN : MediaType.APPLICATION_JSON)
			.body(IdsFiles.write(assignments.current(), chosen));
	}

	@PostMapping("/assignments:import")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Replace the holdings of the pools a file names: an ids object, or { format: nix|json, text }")
	IdAssignments importFile(@RequestBody JsonNode body) {
		IdAssignments file;
		try {
			if (body.has("format") && body.has("text")) {
				file = IdsFiles.read(JsonFields.string(body, "text"), format(JsonFields.string(body, "format")));
			}
			else {
				file = IdsFiles.read(body.toString(), IdsFiles.Format.JSON);
			}
		}
		catch (IdsFormatException ex) {
			throw ProblemException.badRequest(body.has("text") ? "/text" : "", ex.getMessage());
		}
		return assignments.importFile(file, "import:" + UUID.randomUUID());
	}

	private static IdsFiles.Format format(String name) {
		try {
			return IdsFiles.Format.fromName(name);
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.badRequest("/format", "must be nix or json, not '" + name + "'");
		}
	}

}
