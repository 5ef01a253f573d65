package nixproc.coordinator.api;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import nixproc.coordinator.keys.CoordinatorKeys;
import nixproc.coordinator.target.Enrolments;
import nixproc.coordinator.target.TargetRegistry;
import nixproc.coordinator.target.TargetView;
import nixproc.service.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/targets} and {@code /api/v1/keys/coordinator} (api.md). */
@RestController
@RequestMapping("/api/v1")
class TargetController {

	private final TargetRegistry targets;

	private final CoordinatorKeys keys;

	private final Enrolments enrolments;

	TargetController(TargetRegistry targets, CoordinatorKeys keys, Enrolments enrolments) {
		this.targets = targets;
		this.keys = keys;
		this.enrolments = enrolments;
	}

	record KeyBody(@Nullable String publicKey) {
	}

	/**
	 * Enrols the key a target's agent must sign with, before it first registers or instead of the one it registered
	 * with (issue 17); its events signed otherwise are refused from then on.
	 */
	@PutMapping("/targets/{name}/key")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Enrol or replace a target's key { publicKey: base64 X.509 Ed25519 }")
	Enrolments.EnrolledKey enrol(@PathVariable String name, @RequestBody KeyBody body) {
		if (body.publicKey() == null || body.publicKey().isBlank()) {
			throw ProblemException.badRequest("/publicKey", "the target's Ed25519 public key, base64 X.509 (its agent's "
					+ "agent.pub)");
		}
		return enrolments.enrol(name, body.publicKey());
	}

	/** Forgets a target: its registration and key; its agent is heard again only once it registers again. */
	@DeleteMapping("/targets/{name}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Forget a target (404 when unknown, 409 while a deployment holds it)")
	ResponseEntity<Void> forget(@PathVariable String name) {
		return enrolments.forget(name).map(n -> ResponseEntity.noContent().<Void>build())
			.orElseThrow(() -> ProblemException.notFound("No target " + name));
	}

	@GetMapping("/targets")
	List<TargetView> targets() {
		return targets.all();
	}

	/** The public key agents trust, base64 X.509 SubjectPublicKeyInfo; public information, viewer role as the rest. */
	@GetMapping("/keys/coordinator")
	Map<String, String> coordinatorKey() {
		return Map.of("algorithm", "Ed25519", "publicKey", keys.publicKey());
	}

}
