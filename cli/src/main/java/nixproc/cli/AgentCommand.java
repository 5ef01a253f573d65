package nixproc.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import nixproc.agent.AgentMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nixproc agent --config agent.yml}: runs this machine's target agent until it is stopped (SIGTERM, SIGINT).
 * The agent itself lives in the target-agent module; this class only parses the command line.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
		description = { "Run the target agent of this machine: register with the coordinator over Kafka, heartbeat,",
				"and carry out the signed commands addressed to this target. Runs until stopped.",
				"Configuration keys: target, kafkaBootstrap, stateDir, processManager, privileged, properties,",
				"coordinatorPublicKey, heartbeatSeconds, topicPrefix, stopProcessesOnExit; NIXPROC_AGENT_<KEY> (e.g.",
				"NIXPROC_AGENT_STATE_DIR) overrides each.",
				"The nixproc launcher runs the agent's JVM with small-footprint options and a class-data-sharing",
				"archive (NIXPROC_AGENT_JAVA_OPTIONS replaces the options, NIXPROC_AGENT_CDS=off drops the archive)." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:stopped cleanly", "2:the configuration is invalid (the message names the key)",
				"70:the command loop died of an error; restart the agent" })
final class AgentCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--config", required = true, paramLabel = "FILE", description = "The agent configuration (YAML).")
	Path config;

	@Override
	public Integer call() {
		return AgentMain.run(config, System.getenv(), spec.commandLine().getErr());
	}

}
