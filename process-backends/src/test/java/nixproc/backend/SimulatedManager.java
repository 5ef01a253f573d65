package nixproc.backend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nixproc.run.Command;
import nixproc.run.CommandResult;
import nixproc.run.CommandRunner;

/**
 * A process manager that cannot run here, played at its command line (style G8) for the {@link DriverContract}: a
 * subclass answers each argument vector the driver runs as the real manager would, from and to the state of the
 * instance it names. Every call is recorded in order. What it cannot play is a process: nothing runs, so the
 * contract's checks of what a process received are not run against it.
 */
public abstract class SimulatedManager implements CommandRunner {

	/** What the manager knows of one instance. */
	public enum State {
		/** not installed, loaded or created */
		UNKNOWN,
		/** known to the manager, not running (installed, loaded, created, stopped) */
		KNOWN,
		/** running */
		RUNNING,
		/** its process died on its own */
		DIED
	}

	private final List<List<String>> calls = new ArrayList<>();

	private final Map<String, State> states = new HashMap<>();

	private final Map<String, Long> pids = new HashMap<>();

	private final Set<String> exitAtOnce = new HashSet<>();

	private final List<String> events = new ArrayList<>();

	private long nextPid = 1000;

	/**
	 * The manager's answer to {@code argv}, changing states with {@link #set} where the command would; commands that
	 * name no instance ({@code daemon-reload}, {@code rcorder}, a readiness probe) succeed silently unless the
	 * subclass says otherwise.
	 */
	protected abstract CommandResult answer(List<String> argv);

	@Override
	public final synchronized CommandResult run(Command command) {
		calls.add(command.argv());
		return answer(command.argv());
	}

	@Override
	public boolean available(String program) {
		return true;
	}

	protected final synchronized State state(String instance) {
		return states.getOrDefault(instance, State.UNKNOWN);
	}

	/** Moves an instance to {@code state}: entering RUNNING is a start (a new PID), leaving it a stop. */
	protected final synchronized void set(String instance, State state) {
		State before = state(instance);
		if (state == State.RUNNING && before != State.RUNNING) {
			events.add("start " + instance);
			events.add("ready " + instance);
			pids.put(instance, nextPid++);
			if (exitAtOnce.contains(instance)) {
				state = State.DIED;
			}
		}
		else if (before == State.RUNNING && state != State.RUNNING && state != State.DIED) {
			events.add("stop " + instance);
		}
		states.put(instance, state);
	}

	protected static CommandResult ok() {
		return new CommandResult(0, "");
	}

	protected static CommandResult reply(int exitCode, String output) {
		return new CommandResult(exitCode, output);
	}

	/** The instance's process dies whenever it is started (the contract's process that exits at once). */
	synchronized void exitsAtOnce(String instance) {
		exitAtOnce.add(instance);
	}

	/** Its process is killed. */
	synchronized void crash(String instance) {
		if (state(instance) == State.RUNNING) {
			states.put(instance, State.DIED);
		}
	}

	/** A new number for every start of the instance; empty before the first. */
	synchronized java.util.OptionalLong pid(String instance) {
		Long pid = pids.get(instance);
		return pid == null || state(instance) != State.RUNNING ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(pid);
	}

	synchronized List<String> events() {
		return List.copyOf(events);
	}

	public synchronized List<List<String>> calls() {
		return List.copyOf(calls);
	}

}
