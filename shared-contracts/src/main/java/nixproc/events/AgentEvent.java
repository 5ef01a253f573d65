package nixproc.events;

/**
 * What a target agent reports on {@link Topics#AGENT_EVENTS}, keyed by its target name and signed with the agent's
 * own key, whose public half travels in {@link Registered}.
 */
public sealed interface AgentEvent permits Registered, Heartbeat, StepSucceeded, StepFailed, ProcessFailed,
		CommandRejected {

	String target();

}
