package nixproc.idservice.pool;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import nixproc.idassign.IdPool;
import nixproc.service.problem.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/pools}: admin writes, viewer reads. */
@RestController
@RequestMapping("/api/v1")
class PoolController {

	private final Pools pools;

	PoolController(Pools pools) {
		this.pools = pools;
	}

	@GetMapping("/pools")
	@Operation(summary = "All pools, by name")
	List<PoolBody> all() {
		return pools.all().stream().map(PoolBody::of).toList();
	}

	@GetMapping("/pools/{name}")
	PoolBody one(@PathVariable String name) {
		return pools.find(name).map(PoolBody::of)
			.orElseThrow(() -> ProblemException.notFound("No pool named '" + name + "'"));
	}

	@PostMapping("/pools")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Create a pool { name, min, max, step = 1, scope = global|machine }")
	ResponseEntity<PoolBody> create(@RequestBody PoolBody body) {
		IdPool pool = PoolValidation.toPool(body, body.name() == null ? "" : body.name(), "");
		return ResponseEntity.status(HttpStatus.CREATED).body(PoolBody.of(pools.create(pool)));
	}

	@PutMapping("/pools/{name}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Change a pool; refused with the holders it would strand unless reassign=true")
	PoolBody update(@PathVariable String name, @RequestBody PoolBody body,
			@RequestParam(defaultValue = "false") boolean reassign) {
		if (body.name() != null && !body.name().equals(name)) {
			throw ProblemException.badRequest("/name", "must be '" + name + "' as in the path, or absent");
		}
		return PoolBody.of(pools.update(PoolValidation.toPool(body, name, ""), reassign));
	}

	@DeleteMapping("/pools/{name}")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<Void> delete(@PathVariable String name, @RequestParam(defaultValue = "false") boolean release) {
		pools.delete(name, release);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/pools:import")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Create or update pools from an idresources model (object, or { format: json|yaml|nix, text })")
	List<PoolBody> importModel(@RequestBody JsonNode body, @RequestParam(defaultValue = "false") boolean reassign) {
		return pools.importAll(IdResourcesReader.read(body), reassign).stream().map(PoolBody::of).toList();
	}

}
