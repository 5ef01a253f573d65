package nixproc.agent.command;

import java.util.Arrays;

import nixproc.events.Command;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HandlersTest {

	@Test
	void everyPermittedCommandTypeHasAHandler() {
		// Java 17 has no pattern switch to make the compiler check this (style G16)
		assertThat(new Handlers(new UnavailableActivator("test")).types())
			.containsExactlyInAnyOrderElementsOf(Arrays.asList(Command.class.getPermittedSubclasses()));
	}

}
