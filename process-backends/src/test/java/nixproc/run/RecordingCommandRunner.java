package nixproc.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link CommandRunner} for managers that cannot run here (style G8): records every argument vector in order and
 * answers from a script of canned results, keyed by the exact argument vector. Unscripted commands succeed with no
 * output, so a test only scripts what the driver reads. Not thread-safe; drivers call it from one thread.
 */
public final class RecordingCommandRunner implements CommandRunner {

	private final List<Command> commands = new ArrayList<>();

	private final Map<List<String>, List<CommandResult>> script = new LinkedHashMap<>();

	private final List<String> missing = new ArrayList<>();

	/**
	 * The next run of exactly this argument vector returns {@code result}; several calls queue several results,
	 * the last one repeating.
	 */
	public RecordingCommandRunner answer(List<String> argv, CommandResult result) {
		script.computeIfAbsent(List.copyOf(argv), k -> new ArrayList<>()).add(result);
		return this;
	}

	public RecordingCommandRunner answer(List<String> argv, int exitCode, String output) {
		return answer(argv, new CommandResult(exitCode, output));
	}

	/** {@link #available} answers false for this program. */
	public RecordingCommandRunner without(String program) {
		missing.add(program);
		return this;
	}

	@Override
	public CommandResult run(Command command) {
		commands.add(command);
		List<CommandResult> results = script.get(command.argv());
		if (results == null || results.isEmpty()) {
			return new CommandResult(0, "");
		}
		return results.size() == 1 ? results.get(0) : results.remove(0);
	}

	@Override
	public boolean available(String program) {
		return !missing.contains(program);
	}

	/** Every argument vector run so far, in order. */
	public List<List<String>> calls() {
		return commands.stream().map(Command::argv).toList();
	}

	/** Every command run so far, with environment and directory, in order. */
	public List<Command> commands() {
		return List.copyOf(commands);
	}

	public void clear() {
		commands.clear();
	}

}
