package nixproc.model;

import java.util.List;

import tools.jackson.core.JacksonException;

/** RFC 6901 pointer building, for every model reader of this module and the services' problem documents. */
public final class Pointers {

	private Pointers() {
	}

	/** A pointer from segments (names and indexes), each escaped: {@code to("ids", "a/b", 0)} is {@code /ids/a~1b/0}. */
	public static String to(Object... segments) {
		String pointer = "";
		for (Object segment : segments) {
			pointer = child(pointer, String.valueOf(segment));
		}
		return pointer;
	}

	public static String child(String parent, String token) {
		return parent + "/" + token.replace("~", "~0").replace("/", "~1");
	}

	public static String child(String parent, int index) {
		return parent + "/" + index;
	}

	public static String of(String base, List<JacksonException.Reference> path) {
		String pointer = base;
		for (JacksonException.Reference reference : path) {
			String property = reference.getPropertyName();
			pointer = property != null ? child(pointer, property) : child(pointer, reference.getIndex());
		}
		return pointer;
	}

}
