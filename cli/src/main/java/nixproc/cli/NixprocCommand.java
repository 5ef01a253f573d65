package nixproc.cli;

import nixproc.cli.coordinator.DeployCommand;
import nixproc.cli.coordinator.GenerationsCommand;
import nixproc.cli.coordinator.PlanCommand;
import nixproc.cli.coordinator.RollbackCommand;
import nixproc.cli.coordinator.StatusCommand;
import nixproc.cli.coordinator.TargetsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root {@code nixproc} command. Each subcommand is a class of its own; this class only lists them.
 */
@Command(name = "nixproc", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
		description = "One process definition, every process manager: build, switch and deploy managed processes.",
		subcommands = { BuildCommand.class, GenerateConfigCommand.class, SwitchCommand.class, RunActivityCommand.class, AgentCommand.class, IdAssignCommand.class, TestCommand.class,
				DeployCommand.class, PlanCommand.class, StatusCommand.class, RollbackCommand.class, GenerationsCommand.class,
				TargetsCommand.class, UpCommand.class, CommandLine.HelpCommand.class })
public final class NixprocCommand implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	/** A command line with nixproc's exit-code mapping, ready to {@code execute}. */
	public static CommandLine commandLine() {
		CommandLine commandLine = new CommandLine(new NixprocCommand());
		commandLine.setExitCodeExceptionMapper(new ExitCodes.Mapper());
		commandLine.setExecutionExceptionHandler(new ExitCodes.Reporter());
		return commandLine;
	}

	@Override
	public void run() {
		spec.commandLine().usage(spec.commandLine().getOut());
	}

}
