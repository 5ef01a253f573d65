package nixproc.idservice.assignment;

import java.util.List;

/** IDs newly handed out in one committed transaction. */
public record IdsAssigned(String deploymentId, List<Assigned> ids) implements IdEvent {

	/** {@code targets} is empty for a global pool. */
	public record Assigned(String pool, String service, long id, List<String> targets) {
	}

}
