package nixproc.idservice.assignment;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/assignments}. Fields may be missing on the way in so that the answer can name
 * them.
 *
 * @param deploymentId the idempotency key: the same id with the same request gets the same answer
 * @param prune whether services that are not in the request lose their IDs
 * @param services what each service needs
 */
public record AssignmentRequest(@Nullable String deploymentId, @Nullable Boolean prune,
		@Nullable List<@Nullable ServiceRequest> services) {

	/**
	 * @param name the service name
	 * @param targets the targets it is mapped to (needed for machine-scoped pools)
	 * @param pools the pools it requires IDs from
	 */
	public record ServiceRequest(@Nullable String name, @Nullable List<@Nullable String> targets,
			@Nullable List<@Nullable String> pools) {
	}

}
