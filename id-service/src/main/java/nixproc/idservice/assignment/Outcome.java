package nixproc.idservice.assignment;

import nixproc.service.problem.ProblemException;

/** What one assignment request came to: its answer, or the problem it was refused with (it then changed nothing). */
sealed interface Outcome permits Outcome.Answered, Outcome.Refused {

	/** The answer, or the refusal thrown. */
	AssignmentResponse answerOrThrow();

	record Answered(AssignmentResponse response) implements Outcome {

		@Override
		public AssignmentResponse answerOrThrow() {
			return response;
		}

	}

	record Refused(ProblemException problem) implements Outcome {

		@Override
		public AssignmentResponse answerOrThrow() {
			throw problem;
		}

	}

}
