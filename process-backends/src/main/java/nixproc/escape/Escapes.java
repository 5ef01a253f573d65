package nixproc.escape;

/** Checks shared by the escapers. */
final class Escapes {

	private Escapes() {
	}

	static void refuseNul(String value, String what) {
		if (value.indexOf('\0') >= 0) {
			throw new IllegalArgumentException(what + " cannot contain a NUL character");
		}
	}

	static void refuseLineBreaks(String value, String what) {
		if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
			throw new IllegalArgumentException(what + " cannot contain a line break");
		}
	}

}
