package nixproc.coordinator.plan;

/** The models cannot be turned into a manifest (an ID the id-service did not give, say); names the field. */
public class PlanException extends RuntimeException {

	private final String pointer;

	public PlanException(String pointer, String message) {
		super(message);
		this.pointer = pointer;
	}

	public String pointer() {
		return pointer;
	}

}
