package nixproc.agent.command;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import nixproc.agent.state.AgentState;
import nixproc.events.Command;

/**
 * The handler of every command type. Java 17 has sealed types but no pattern {@code switch}, so the compiler does not
 * check that a new {@link Command} subtype has a handler; {@code HandlersTest} does.
 */
public final class Handlers {

	private final Map<Class<?>, CommandHandler<?>> byType;

	public Handlers(Activator activator) {
		this(List.of(new LockHandler(), new UnlockHandler(), new ActivateHandler(activator),
				new DeactivateHandler(activator)));
	}

	Handlers(List<CommandHandler<?>> handlers) {
		this.byType = handlers.stream().collect(Collectors.toUnmodifiableMap(CommandHandler::type, Function.identity()));
	}

	/** The command types that have a handler. */
	public java.util.Set<Class<?>> types() {
		return byType.keySet();
	}

	public Outcome handle(Command command, AgentState state, Instant now, CommandHandler.StatePersister persist) {
		CommandHandler<?> handler = byType.get(command.getClass());
		if (handler == null) {
			throw new IllegalStateException("no handler for " + command.getClass().getSimpleName());
		}
		return dispatch(handler, command, state, now, persist);
	}

	private static <C extends Command> Outcome dispatch(CommandHandler<C> handler, Command command, AgentState state,
			Instant now, CommandHandler.StatePersister persist) {
		return handler.handle(handler.type().cast(command), state, now, persist);
	}

}
