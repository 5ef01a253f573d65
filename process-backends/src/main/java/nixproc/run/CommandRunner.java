package nixproc.run;

/** Runs external commands. The seam between drivers and the machine. */
public interface CommandRunner {

	/** Runs the command to completion (or its timeout); never throws for a non-zero exit. */
	CommandResult run(Command command);

	/** Whether a program is on the {@code PATH} (or, for an absolute path, executable). */
	boolean available(String program);

}
