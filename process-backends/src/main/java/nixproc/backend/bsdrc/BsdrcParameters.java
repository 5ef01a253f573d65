package nixproc.backend.bsdrc;

import java.util.List;

/**
 * What {@code overrides.bsdrc} can change; the seed's {@code createBSDRCScript} parameters that remain meaningful.
 * Signals are names without {@code SIG}.
 *
 * @param requires extra {@code REQUIRE:} names after the dependencies (e.g. {@code NETWORKING})
 * @param keywords {@code KEYWORD:} names (e.g. {@code shutdown}, so {@code rc.shutdown} stops it)
 * @param rcSubr the rc.subr to source
 * @param daemonTool FreeBSD's {@code daemon(8)}, which daemonises a foreground process
 */
record BsdrcParameters(List<String> requires, List<String> keywords, String rcSubr, String stopSignal,
		String reloadSignal, String daemonTool) {

	static final BsdrcParameters DEFAULTS = new BsdrcParameters(List.of(), List.of("shutdown"), "/etc/rc.subr", "TERM",
			"HUP", "/usr/sbin/daemon");

	BsdrcParameters {
		requires = requires == null ? List.of() : List.copyOf(requires);
		keywords = keywords == null ? List.of() : List.copyOf(keywords);
		rcSubr = rcSubr == null ? DEFAULTS.rcSubr : rcSubr;
		stopSignal = stopSignal == null ? "TERM" : stopSignal;
		reloadSignal = reloadSignal == null ? "HUP" : reloadSignal;
		daemonTool = daemonTool == null ? DEFAULTS.daemonTool : daemonTool;
	}

}
