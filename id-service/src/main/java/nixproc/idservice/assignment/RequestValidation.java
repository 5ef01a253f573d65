package nixproc.idservice.assignment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import nixproc.idassign.IdRequest;
import nixproc.model.Pointers;
import nixproc.model.Problem;
import nixproc.service.problem.ProblemException;
import org.jspecify.annotations.Nullable;

/**
 * Checks an {@link AssignmentRequest} before anything is locked or written, collecting every problem with its
 * pointer. Limits (documented in the README): {@value #MAX_SERVICES} services per request, {@value #MAX_POOLS}
 * pools and {@value #MAX_TARGETS} targets per service; the HTTP body itself is limited by
 * {@code nixproc.http.max-request-bytes}.
 */
final class RequestValidation {

	static final int MAX_SERVICES = 10_000;

	static final int MAX_POOLS = 64;

	static final int MAX_TARGETS = 1_000;

	/** Instance names of the model (architecture §3); they end up in file names and Nix attribute names. */
	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

	private static final Pattern DEPLOYMENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");

	private RequestValidation() {
	}

	/** A checked request: its services in request order (indexes match the pointers) and a hash for idempotency. */
	record Valid(String deploymentId, boolean prune, List<IdRequest> services, String hash) {

		/** The pointer to pool {@code pool} of service {@code service}, as the request spelled them. */
		String pointer(String service, String pool) {
			for (int i = 0; i < services.size(); i++) {
				if (services.get(i).service().equals(service)) {
					List<String> pools = new ArrayList<>(services.get(i).pools());
					return Pointers.to("services", i, "pools", Math.max(0, pools.indexOf(pool)));
				}
			}
			return "/services";
		}

	}

	static Valid check(@Nullable AssignmentRequest request) {
		if (request == null) {
			throw ProblemException.badRequest("", "the request body is empty");
		}
		List<Problem> errors = new ArrayList<>();
		String deploymentId = request.deploymentId();
		if (deploymentId == null || !DEPLOYMENT_ID.matcher(deploymentId).matches()) {
			errors.add(new Problem("/deploymentId", deploymentId == null ? "is required"
					: "must match " + DEPLOYMENT_ID.pattern() + ", not '" + deploymentId + "'"));
		}
		List<AssignmentRequest.@Nullable ServiceRequest> services = request.services() == null ? List.of() : request.services();
		if (services.isEmpty()) {
			errors.add(new Problem("/services", "must list at least one service"));
		}
		if (services.size() > MAX_SERVICES) {
			throw ProblemException.badRequest("/services",
					"lists " + services.size() + " services; the limit is " + MAX_SERVICES + " per request");
		}
		List<IdRequest> checked = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < services.size(); i++) {
			AssignmentRequest.ServiceRequest service = services.get(i);
			String at = "/services/" + i;
			if (service == null) {
				errors.add(new Problem(at, "must be an object with name, targets and pools"));
				continue;
			}
			String name = service.name();
			if (name == null || !NAME.matcher(name).matches()) {
				errors.add(new Problem(at + "/name", name == null ? "is required"
						: "must match [A-Za-z0-9][A-Za-z0-9._-]* (at most 200 characters), not '" + name + "'"));
			}
			else if (seen.putIfAbsent(name, i) != null) {
				errors.add(new Problem(at + "/name", "'" + name + "' is listed twice (also at /services/"
						+ seen.get(name) + ")"));
			}
			List<String> targets = names(service.targets(), at + "/targets", MAX_TARGETS, errors, false);
			List<String> pools = names(service.pools(), at + "/pools", MAX_POOLS, errors, true);
			if (name != null) {
				checked.add(IdRequest.of(name, targets, pools));
			}
		}
		if (!errors.isEmpty()) {
			throw ProblemException.badRequest(errors);
		}
		boolean prune = Boolean.TRUE.equals(request.prune());
		return new Valid(deploymentId, prune, checked, hash(prune, checked));
	}

	private static List<String> names(@Nullable List<@Nullable String> values, String at, int limit,
			List<Problem> errors, boolean pools) {
		if (values == null) {
			return List.of();
		}
		if (values.size() > limit) {
			errors.add(new Problem(at, "lists " + values.size() + " entries; the limit is " + limit));
			return List.of();
		}
		List<String> result = new ArrayList<>();
		for (int j = 0; j < values.size(); j++) {
			String value = values.get(j);
			Pattern pattern = pools ? Pattern.compile("[A-Za-z_][A-Za-z0-9_'-]*") : NAME;
			if (value == null || !pattern.matcher(value).matches()) {
				errors.add(new Problem(at + "/" + j, "'" + value + "' is not a valid " + (pools ? "pool" : "target")
						+ " name"));
			}
			else {
				result.add(value);
			}
		}
		return result;
	}

	/** Order-insensitive: the same services, targets and pools in another order are the same request. */
	private static String hash(boolean prune, List<IdRequest> services) {
		StringBuilder canonical = new StringBuilder(prune ? "prune\n" : "keep\n");
		new TreeSet<>(services.stream()
			.map(s -> s.service() + "\u0000" + String.join(",", s.targets()) + "\u0000" + String.join(",", s.pools()))
			.toList()).forEach(line -> canonical.append(line).append('\n'));
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
