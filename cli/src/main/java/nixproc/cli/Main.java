package nixproc.cli;


/** Entry point of the {@code nixproc} launcher. */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) {
		System.exit(NixprocCommand.commandLine().execute(args));
	}

}
