package nixproc.idservice.pool;

import nixproc.idassign.IdPool;
import org.jspecify.annotations.Nullable;

/**
 * A pool as clients send and receive it. Every field may be missing on the way in, so that the answer can name
 * what is missing instead of failing to bind.
 *
 * @param name the pool's name (also the path segment)
 * @param min the first ID
 * @param max the last ID
 * @param step the distance between IDs, 1 when absent
 * @param scope {@code global} (the default) or {@code machine}
 */
public record PoolBody(@Nullable String name, @Nullable Long min, @Nullable Long max, @Nullable Long step,
		@Nullable String scope) {

	static PoolBody of(IdPool pool) {
		return new PoolBody(pool.name(), pool.min(), pool.max(), pool.step(), pool.scope().modelName());
	}

}
