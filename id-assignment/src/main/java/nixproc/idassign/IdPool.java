package nixproc.idassign;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A pool of IDs: every {@code min + k * step} up to {@code max}, both bounds inclusive.
 *
 * @param name the pool's name, as services list it in {@code requiresUniqueIdsFor}
 * @param min the first ID, at least 0
 * @param max the last ID that may be handed out, at least {@code min}, at most {@link #LIMIT}
 * @param step the distance between two IDs, at least 1 (a service that derives several ports from its base needs
 *        more than 1)
 * @param scope where the IDs must be unique
 */
public record IdPool(String name, long min, long max, long step, Scope scope) {

	/** The largest ID: 32-bit unsigned, the range of UIDs and GIDs; it keeps {@code max + step} from overflowing. */
	public static final long LIMIT = 4_294_967_295L;

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_'-]*");

	public IdPool {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(scope, "scope");
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException(
					"name: '" + name + "' must be a Nix identifier ([A-Za-z_][A-Za-z0-9_'-]*)");
		}
		if (min < 0 || min > LIMIT) {
			throw new IllegalArgumentException("min: must be between 0 and " + LIMIT + ", not " + min);
		}
		if (max < 0 || max > LIMIT) {
			throw new IllegalArgumentException("max: must be between 0 and " + LIMIT + ", not " + max);
		}
		if (min > max) {
			throw new IllegalArgumentException("max: must not be below min (min " + min + ", max " + max + ")");
		}
		if (step < 1 || step > LIMIT) {
			throw new IllegalArgumentException("step: must be between 1 and " + LIMIT + ", not " + step);
		}
	}

	/** A pool with step 1. */
	public static IdPool of(String name, long min, long max, Scope scope) {
		return new IdPool(name, min, max, 1, scope);
	}

	/** How many IDs the pool holds: the reachable slots, not {@code max - min + 1}. */
	public long size() {
		return (max - min) / step + 1;
	}

	/** Whether {@code id} is one of this pool's slots (in range and on a step). */
	public boolean contains(long id) {
		return id >= min && id <= max && (id - min) % step == 0;
	}

	/** The pool as a sentence fragment for messages: {@code 'ports' (3000..4000, step 1, global)}. */
	String describe() {
		return "'" + name + "' (" + min + ".." + max + ", step " + step + ", " + scope.modelName() + ")";
	}

}
