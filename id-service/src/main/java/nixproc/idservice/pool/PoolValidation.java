package nixproc.idservice.pool;

import java.util.ArrayList;
import java.util.List;

import nixproc.idassign.IdPool;
import nixproc.idassign.Scope;
import nixproc.model.Problem;
import nixproc.service.problem.ProblemException;
import org.jspecify.annotations.Nullable;

/** Checks a {@link PoolBody} field by field, collecting every problem with its pointer. */
final class PoolValidation {

	private PoolValidation() {
	}

	/** The pool, or a 400 naming every bad field below {@code at} (e.g. {@code /webappPorts} in an import). */
	static IdPool toPool(PoolBody body, String name, String at) {
		List<Problem> errors = new ArrayList<>();
		if (name.isEmpty() || !name.matches("[A-Za-z_][A-Za-z0-9_'-]*")) {
			errors.add(new Problem(at + "/name", "must be a Nix identifier ([A-Za-z_][A-Za-z0-9_'-]*), not '"
					+ name + "'"));
		}
		long min = bound(body.min(), at + "/min", errors);
		long max = bound(body.max(), at + "/max", errors);
		if (body.min() != null && body.max() != null && min >= 0 && max >= 0 && min > max) {
			errors.add(new Problem(at + "/min", "must not exceed max (min " + min + ", max " + max + ")"));
		}
		long step = body.step() == null ? 1 : body.step();
		if (step < 1 || step > IdPool.LIMIT) {
			errors.add(new Problem(at + "/step", "must be at least 1, not " + step));
		}
		Scope scope = Scope.GLOBAL;
		if (body.scope() != null) {
			try {
				scope = Scope.fromModelName(body.scope());
			}
			catch (IllegalArgumentException ex) {
				errors.add(new Problem(at + "/scope", "must be global or machine, not '" + body.scope() + "'"));
			}
		}
		if (!errors.isEmpty()) {
			throw ProblemException.badRequest(errors);
		}
		return new IdPool(name, min, max, step, scope);
	}

	private static long bound(@Nullable Long value, String pointer, List<Problem> errors) {
		if (value == null) {
			errors.add(new Problem(pointer, "is required"));
			return -1;
		}
		if (value < 0 || value > IdPool.LIMIT) {
			errors.add(new Problem(pointer, "must be between 0 and " + IdPool.LIMIT + ", not " + value));
			return -1;
		}
		return value;
	}

}
