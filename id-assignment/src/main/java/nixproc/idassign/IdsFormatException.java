package nixproc.idassign;

/** An ids file that is not in the seed's format; the message names the place (a path or a line and column). */
public final class IdsFormatException extends IllegalArgumentException {

	IdsFormatException(String message) {
		super(message);
	}

}
