package nixproc.model;

import java.util.List;
import java.util.stream.Collectors;

/** A model that cannot be used, with every problem found. The CLI maps it to exit code 2. */
public final class ModelException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<Problem> problems;

	public ModelException(List<Problem> problems) {
		super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
		if (problems.isEmpty()) {
			throw new IllegalArgumentException("a ModelException needs at least one problem");
		}
		this.problems = List.copyOf(problems);
	}

	public ModelException(String pointer, String message) {
		this(List.of(new Problem(pointer, message)));
	}

	public List<Problem> problems() {
		return problems;
	}

}
