package nixproc.idassign;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * IDs held by services that the run neither requests nor was given in its previous assignments. The command line
 * always has the whole model, so it has none; id-service, asked about a few services of a large network, answers
 * from its database instead of loading every assignment into memory.
 */
@FunctionalInterface
public interface OtherHolders {

	/** Nobody else holds anything. */
	OtherHolders NONE = (pool, target, from, to) -> List.of();

	/**
	 * The IDs in {@code [from, to]} that other services hold in {@code pool}: for a machine-scoped pool on
	 * {@code target}, for a global one anywhere ({@code target} is then empty).
	 */
	Collection<Long> heldBetween(IdPool pool, Optional<String> target, long from, long to);

}
