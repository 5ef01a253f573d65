package nixproc.agent.health;

import java.util.List;

/**
 * Optional ability of an activator (style G3: checked with {@code instanceof}): the health of every instance of the
 * current generation, asked of the process manager and, where an instance declares one, its readiness probe.
 */
public interface HealthSource {

	List<InstanceHealth> check();

}
