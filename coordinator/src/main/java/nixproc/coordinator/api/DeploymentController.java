package nixproc.coordinator.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import nixproc.coordinator.deployment.DeploymentOptions;
import nixproc.coordinator.deployment.DeploymentRow;
import nixproc.coordinator.deployment.Deployments;
import nixproc.coordinator.deployment.Source;
import nixproc.coordinator.deployment.Step;
import nixproc.coordinator.generation.Generation;
import nixproc.coordinator.generation.Generations;
import nixproc.coordinator.plan.Batch;
import nixproc.coordinator.plan.Plan;
import nixproc.events.Mapping;
import nixproc.service.problem.ProblemException;
import nixproc.service.security.Redaction;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/v1/deployments}, {@code /plan}, {@code /rollback}, {@code /generations} (api.md). */
@RestController
@RequestMapping("/api/v1")
class DeploymentController {

	private final Deployments deployments;

	private final Generations generations;

	private final JsonMapper json;

	DeploymentController(Deployments deployments, Generations generations, JsonMapper json) {
		this.deployments = deployments;
		this.generations = generations;
		this.json = json;
	}

	record Accepted(String id, String status) {
	}

	/** {@code phase}: steps of one phase run together (a wave); the CLI groups its progress by it. */
	record StepView(String id, int phase, String kind, String target, List<String> services, String status,
			Optional<Instant> startedAt, Optional<Instant> finishedAt, Optional<String> error, boolean compensation) {
	}

	record DeploymentView(String id, String status, long generation, Optional<String> revisionId, Instant createdAt,
			Optional<Instant> finishedAt, List<StepView> steps, Optional<String> error) {

		static DeploymentView of(DeploymentRow row) {
			return new DeploymentView(row.id(), row.status().name(), row.generation(), row.revisionId(),
					row.createdAt(), row.finishedAt(), row.saga().steps().stream().map(DeploymentView::step).toList(),
					row.error());
		}

		private static StepView step(Step s) {
			return new StepView(s.stepId(), s.phase(), s.kind().name(), s.target(),
					s.mappings().stream().map(Mapping::service).toList(), s.status().name(), s.startedAt(),
					s.finishedAt(), s.error(), s.compensation());
		}

	}

	record BatchView(String target, List<String> services) {
	}

	record PlanView(List<String> obsolete, List<String> added, List<String> untouched,
			List<List<BatchView>> deactivation, List<List<BatchView>> activation) {

		static PlanView of(Plan plan) {
			return new PlanView(plan.obsolete(), plan.added(), plan.untouched(), waves(plan.deactivation()),
					waves(plan.activation()));
		}

		private static List<List<BatchView>> waves(List<List<Batch>> waves) {
			return waves.stream()
				.map(w -> w.stream()
					.map(b -> new BatchView(b.target(), b.mappings().stream().map(Mapping::service).toList()))
					.toList())
				.toList();
		}

	}

	record GenerationView(long number, String deploymentId, Optional<String> revisionId, Instant createdAt,
			Optional<JsonNode> manifest) {

		static GenerationView of(Generation g, Optional<JsonNode> manifest) {
			return new GenerationView(g.number(), g.deploymentId(), g.revisionId(), g.createdAt(), manifest);
		}

	}

	@PostMapping("/deployments")
	@PreAuthorize("hasRole('DEPLOYER')")
	@Operation(summary = "Deploy { revisionId } or { models }, with options; 202 with the deployment id")
	ResponseEntity<?> deploy(@RequestBody JsonNode body) {
		DeploymentOptions options = options(body);
		Source source = deployments.source(body);
		if (options.dryRun()) {
			return ResponseEntity.ok(PlanView.of(deployments.plan(source)));
		}
		DeploymentRow row = deployments.request(source, options);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(row.id(), row.status().name()));
	}

	@PostMapping("/plan")
	@Operation(summary = "The diff against the committed generation and the waves that would run")
	PlanView plan(@RequestBody JsonNode body) {
		return PlanView.of(deployments.plan(deployments.source(body)));
	}

	@GetMapping("/deployments")
	List<DeploymentView> all(@RequestParam(defaultValue = "50") int limit) {
		return deployments.recent(Math.min(Math.max(limit, 1), 500)).stream().map(DeploymentView::of).toList();
	}

	@GetMapping("/deployments/{id}")
	DeploymentView one(@PathVariable String id) {
		return deployments.find(id).map(DeploymentView::of)
			.orElseThrow(() -> ProblemException.notFound("No deployment " + id));
	}

	@PostMapping("/rollback")
	@PreAuthorize("hasRole('DEPLOYER')")
	@Operation(summary = "Deploy generation N again as a new generation ({ generation: N }, or {} for the previous)")
	ResponseEntity<Accepted> rollback(@RequestBody(required = false) JsonNode body) {
		Optional<Long> generation = Optional.ofNullable(body).map(b -> b.get("generation")).map(JsonNode::asLong);
		DeploymentRow row = deployments.rollback(generation, body == null ? DeploymentOptions.DEFAULTS : options(body));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(row.id(), row.status().name()));
	}

	@GetMapping("/generations")
	List<GenerationView> generations() {
		return generations.all().stream().map(g -> GenerationView.of(g, Optional.empty())).toList();
	}

	@GetMapping("/generations/{n}")
	GenerationView generation(@PathVariable long n) {
		return generations.find(n)
			// environment values and config file contents are a deployer's to read (issue 17)
			.map(g -> GenerationView.of(g, Optional.of(Redaction.forCurrentRole(json.valueToTree(g.manifest())))))
			.orElseThrow(() -> ProblemException.notFound("No generation " + n));
	}

	private static DeploymentOptions options(JsonNode body) {
		JsonNode o = body.path("options");
		DeploymentOptions d = DeploymentOptions.DEFAULTS;
		DeploymentOptions options = new DeploymentOptions(o.path("dryRun").asBoolean(d.dryRun()),
				o.path("healthWindowSeconds").asInt(d.healthWindowSeconds()),
				o.path("stepTimeoutSeconds").asInt(d.stepTimeoutSeconds()),
				o.path("maxParallelPerTarget").asInt(d.maxParallelPerTarget()));
		if (!options.outOfBounds().isEmpty()) {
			throw ProblemException.badRequest(options.outOfBounds());
		}
		return options;
	}

}
