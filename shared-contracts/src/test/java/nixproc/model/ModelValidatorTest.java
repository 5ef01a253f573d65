package nixproc.model;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModelValidatorTest {

	private static List<Problem> problemsOf(String json) {
		try {
			ModelReader.readProcesses(json, false);
			return List.of();
		}
		catch (ModelException e) {
			return e.problems();
		}
	}

	@Test
	void aValidModelHasNoProblems() {
		assertThat(problemsOf("{\"a\":{\"pkg\":{\"process\":\"/x\",\"umask\":\"0022\",\"nice\":\"-5\"}},"
				+ "\"b\":{\"pkg\":{\"daemon\":\"/y\",\"dependencies\":[\"a\"],\"overrides\":{\"s6-rc\":{}}}}}")).isEmpty();
	}

	@Test
	void instanceNamesThatCouldEscapeADirectoryAreRejected() {
		assertThat(problemsOf("{\"../etc\":{\"pkg\":{\"process\":\"/x\"}}}"))
			.containsExactly(new Problem("/..~1etc", "instance name must match [A-Za-z0-9][A-Za-z0-9._-]*"));
		assertThat(problemsOf("{\"a b\":{\"pkg\":{\"process\":\"/x\"}}}")).extracting(Problem::pointer).containsExactly("/a b");
		assertThat(problemsOf("{\"\":{\"pkg\":{\"process\":\"/x\"}}}")).extracting(Problem::pointer).containsExactly("/");
		assertThat(problemsOf("{\"a\":{\"pkg\":{\"process\":\"/x\",\"name\":\".hidden\"}}}"))
			.extracting(Problem::pointer).containsExactly("/a/pkg/name");
	}

	@Test
	void aProcessWithoutAnyExecutableIsRejected() {
		assertThat(problemsOf("{\"a\":{\"pkg\":{\"args\":[\"-D\"]}}}"))
			.containsExactly(new Problem("/a/pkg", "no executable: set process, daemon or foregroundProcess"));
	}

	@Test
	void niceMustBeNumeric() {
		assertThat(problemsOf("{\"a\":{\"pkg\":{\"process\":\"/x\",\"nice\":\"high\"}}}"))
			.extracting(Problem::pointer).containsExactly("/a/pkg/nice");
		assertThat(problemsOf("{\"a\":{\"pkg\":{\"process\":\"/x\",\"nice\":99}}}"))
			.extracting(Problem::pointer).containsExactly("/a/pkg/nice");
	}

	@Test
	void umaskMustBeOctal() {
		assertThat(problemsOf("{\"a\":{\"pkg\":{\"process\":\"/x\",\"umask\":\"0088\"}}}"))
			.extracting(Problem::pointer).containsExactly("/a/pkg/umask");
		assertThat(problemsOf("{\"a\":{\"pkg\":{\"process\":\"/x\",\"umask\":\"22; rm -rf /\"}}}"))
			.extracting(Problem::pointer).containsExactly("/a/pkg/umask");
	}

	@Test
	void overridesForAnUnknownBackendAreRejected() {
		assertThat(problemsOf("{\"a\":{\"pkg\":{\"process\":\"/x\",\"overrides\":{\"upstart\":{}}}}}"))
			.extracting(Problem::pointer).containsExactly("/a/pkg/overrides/upstart");
	}

	@Test
	void dependenciesMustNameInstancesOfTheModel() {
		assertThat(problemsOf("{\"a\":{\"pkg\":{\"process\":\"/x\",\"dependencies\":[\"nope\"]}}}"))
			.containsExactly(new Problem("/a/pkg/dependencies/0", "no instance named nope in this model"));
	}

	@Test
	void aDependencyCycleIsReportedAtTheClosingEdge() {
		assertThat(problemsOf("{\"a\":{\"pkg\":{\"process\":\"/x\",\"dependencies\":[\"b\"]}},"
				+ "\"b\":{\"pkg\":{\"process\":\"/x\",\"dependencies\":[\"c\"]}},"
				+ "\"c\":{\"pkg\":{\"process\":\"/x\",\"dependencies\":[\"a\"]}}}"))
			.containsExactly(new Problem("/c/pkg/dependencies/0", "dependency cycle: a -> b -> c -> a"));
	}

	@Test
	void environmentNamesMustBeShellIdentifiers() {
		assertThat(problemsOf("{\"a\":{\"pkg\":{\"process\":\"/x\",\"environment\":{\"A=B\":\"1\"}}}}"))
			.extracting(Problem::pointer).containsExactly("/a/pkg/environment/A=B");
	}

}
