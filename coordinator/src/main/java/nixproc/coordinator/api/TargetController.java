package nixproc.coordinator.api;

import java.util.List;
import java.util.Map;

import nixproc.coordinator.keys.CoordinatorKeys;
import nixproc.coordinator.target.TargetRegistry;
import nixproc.coordinator.target.TargetView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/targets} and {@code /api/v1/keys/coordinator} (api.md). */
@RestController
@RequestMapping("/api/v1")
class TargetController {

	private final TargetRegistry targets;

	private final CoordinatorKeys keys;

	TargetController(TargetRegistry targets, CoordinatorKeys keys) {
		this.targets = targets;
		this.keys = keys;
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
