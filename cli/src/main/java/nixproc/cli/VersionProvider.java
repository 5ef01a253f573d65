package nixproc.cli;

import picocli.CommandLine;

/** Reads the version from the launcher jar's manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {

	@Override
	public String[] getVersion() {
		String version = NixprocCommand.class.getPackage().getImplementationVersion();
		return new String[] { "nixproc " + (version == null ? "(development build)" : version) };
	}

}
