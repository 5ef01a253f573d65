package nixproc.events;

import static nixproc.events.Checks.notBlank;
import static nixproc.events.Checks.notNull;

/** A process manager found on a machine: its backend name ({@code supervisord}) and the version it reports. */
public record ProcessManagerInfo(String name, String version) {

	public ProcessManagerInfo {
		notBlank(name, "name");
		notNull(version, "version");
	}

}
