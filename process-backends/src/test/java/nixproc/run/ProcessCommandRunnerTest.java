package nixproc.run;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessCommandRunnerTest {

	private final ProcessCommandRunner runner = new ProcessCommandRunner();

	@Test
	void passesArgumentsVerbatimAndCollectsBothStreams() {
		CommandResult result = runner.run(Command.of("sh", "-c", "printf '%s|' \"$@\"; echo oops >&2; exit 3", "sh",
				"a b", "$(x)", "`y`"));

		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.output()).contains("a b|$(x)|`y`|").contains("oops");
	}

	@Test
	void addsTheCommandsEnvironment() {
		CommandResult result = runner.run(Command.of("sh", "-c", "printf %s \"$GREETING\"").withEnvironment(Map.of("GREETING", "hi there")));
		assertThat(result.output()).isEqualTo("hi there");
	}

	@Test
	void feedsTheCommandsInputAndOtherwiseNothing() {
		assertThat(runner.run(Command.of("cat").withInput("user:$6$hash\n")).output()).isEqualTo("user:$6$hash\n");
		assertThat(runner.run(Command.of("cat")).output()).isEmpty();
		// a command that never reads its input still ends at its timeout
		CommandResult ignoring = runner.run(Command.of("sleep", "30").withInput("x".repeat(1 << 20)).withTimeout(Duration.ofMillis(300)));
		assertThat(ignoring.exitCode()).isEqualTo(CommandResult.TIMED_OUT);
	}

	@Test
	void killsACommandThatTakesTooLong() {
		long start = System.nanoTime();
		CommandResult result = runner.run(Command.of("sleep", "30").withTimeout(Duration.ofMillis(300)));
		assertThat(result.exitCode()).isEqualTo(CommandResult.TIMED_OUT);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
	}

	@Test
	void aMissingProgramIsExit127NotAnException() {
		CommandResult result = runner.run(Command.of("/nonexistent/nixproc-tool"));
		assertThat(result.exitCode()).isEqualTo(127);
		assertThat(result.output()).contains("cannot run /nonexistent/nixproc-tool");
		assertThat(runner.available("/nonexistent/nixproc-tool")).isFalse();
		assertThat(runner.available("sh")).isTrue();
	}

	@Test
	void checkNamesTheCommandItsStatusAndItsLastLines() {
		assertThatThrownBy(() -> CommandFailedException.check(runner, Command.of("sh", "-c", "echo first; echo last; exit 4")))
			.isInstanceOf(CommandFailedException.class)
			.hasMessageContaining("`sh -c echo first; echo last; exit 4` exited with status 4")
			.hasMessageContaining("last");
	}

}
