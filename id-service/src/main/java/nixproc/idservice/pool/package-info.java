/**
 * ID pools: their definitions, REST CRUD under {@code /api/v1/pools}, and the row locks that serialise
 * assignments per pool. What a pool's holders are is asked through {@link nixproc.idservice.pool.PoolHolders}, which the
 * assignment module implements, so this module does not depend on it.
 */
@NullMarked
package nixproc.idservice.pool;

import org.jspecify.annotations.NullMarked;
