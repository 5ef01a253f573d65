/** The agent configuration: {@code agent.yml} (api.md "target agent") with {@code NIXPROC_AGENT_*} overrides. */
@NullMarked
package nixproc.agent.config;

import org.jspecify.annotations.NullMarked;
