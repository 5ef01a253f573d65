package nixproc.idservice.assignment;

/** What id-service tells the network on topic {@code nixproc.ids}, keyed by deployment id. */
public sealed interface IdEvent permits IdsAssigned, IdsReleased {

	/** The deployment (or {@code import:…}, {@code pool:…}) whose transaction changed the holdings. */
	String deploymentId();

}
