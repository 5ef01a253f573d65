package nixproc.models.parse;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import nixproc.model.ModelException;
import nixproc.model.Problem;
import nixproc.network.CanonicalForm;
import nixproc.network.DeploymentModel;
import nixproc.network.DeploymentReader;
import nixproc.network.NixEvaluator;
import nixproc.service.problem.ProblemException;
import nixproc.service.security.CurrentRole;
import nixproc.service.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a request body into a {@link ParsedModelSet} or a 422 problem listing every problem with its pointer. The
 * body is read as text and parsed by the deployment reader itself, not by Spring's Jackson, so its limits
 * (duplicate keys, depth, sizes) apply to the request as much as to models given as text.
 */
@Component
public class ModelParser {

	/** What a revision id looks like: lower-case hex SHA-256. */
	public static final Pattern REVISION_ID = Pattern.compile("[0-9a-f]{64}");

	private final NixEvaluator nix;

	ModelParser() {
		this.nix = NixEvaluator.fromPath();
	}

	public ParsedModelSet parse(String body) {
		if (body.isBlank()) {
			throw unprocessable(List.of(new Problem("", "the body is empty; send a model set { services, "
					+ "infrastructure, distribution, idResources?, message?, parent? }")));
		}
		DeploymentModel model;
		JsonNode raw;
		try {
			raw = DeploymentReader.parseModelSet(body);
			model = DeploymentReader.readValid(raw, nix);
		}
		catch (ModelException e) {
			throw unprocessable(e.problems());
		}
		Optional<String> parent = Optional.ofNullable(raw.get("parent")).filter(p -> !p.isNull()).map(p -> {
			if (!p.isString() || !REVISION_ID.matcher(p.stringValue()).matches()) {
				throw unprocessable(List.of(new Problem("/parent", "must be a revision id (64 hex digits)")));
			}
			return p.stringValue();
		});
		ObjectNode canonical = CanonicalForm.toJson(model);
		String text = CanonicalForm.text(model);
		return new ParsedModelSet(CanonicalForm.sha256(text), model, canonical, text,
				Optional.ofNullable(raw.get("message")).map(JsonNode::stringValue), parent);
	}

	/**
	 * Nix models are evaluated on this server (a process with memory and time bounds, but a process all the same):
	 * that takes the deployer role (issue 17), even where reading a JSON or YAML model takes only a viewer's.
	 */
	public void requireDeployerForNix(String body) {
		JsonNode raw;
		try {
			raw = DeploymentReader.parseModelSet(body);
		}
		catch (ModelException e) {
			// parse() answers with every problem
			return;
		}
		List<Problem> nix = DeploymentReader.nixParts(raw)
			.stream()
			.map(pointer -> new Problem(pointer, "Nix models are evaluated on the server, which needs the deployer role"))
			.toList();
		if (!nix.isEmpty()) {
			CurrentRole.require(Role.DEPLOYER, nix);
		}
	}

	/** 422 with every problem; the detail names the first so a log line alone is useful. */
	public static ProblemException unprocessable(List<Problem> errors) {
		Problem first = errors.get(0);
		String detail = (errors.size() == 1 ? "" : errors.size() + " problems, the first ") + first;
		return new ProblemException(HttpStatus.valueOf(422), detail, errors);
	}

}
