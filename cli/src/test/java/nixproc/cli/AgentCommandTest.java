package nixproc.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line of {@code nixproc agent}; the running agent is tested in the target-agent module. */
class AgentCommandTest {

	@TempDir
	Path dir;

	@Test
	void aConfigurationWithoutTargetExitsWithUsageAndNamesTheKey() throws Exception {
		Path config = Files.writeString(dir.resolve("agent.yml"), "stateDir: " + dir + "\ncoordinatorPublicKey: x\n");
		CliRun run = CliRun.of("agent", "--config", config.toString());
		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("target: required (in agent.yml or as NIXPROC_AGENT_TARGET)");
	}

	@Test
	void aMissingConfigurationFileIsNamed() {
		CliRun run = CliRun.of("agent", "--config", dir.resolve("nope.yml").toString());
		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("cannot read agent configuration " + dir.resolve("nope.yml"));
	}

	@Test
	void theConfigOptionIsRequiredAndHelpListsTheKeys() {
		CliRun missing = CliRun.of("agent");
		// not asserting USAGE: ExitCodes.Mapper maps picocli's ParameterException to FAILED for every subcommand
		assertThat(missing.exitCode()).isNotEqualTo(ExitCodes.OK);
		assertThat(missing.err()).contains("Missing required option: '--config=FILE'");
		CliRun help = CliRun.of("agent", "--help");
		assertThat(help.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(help.out()).contains("--config=FILE", "coordinatorPublicKey", "NIXPROC_AGENT_");
	}

}
