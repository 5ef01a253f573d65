package nixproc.deployment;

import java.util.List;

import tools.jackson.core.JacksonException;

/** RFC 6901 pointers into a model set. */
final class Pointer {

	private Pointer() {
	}

	static String child(String parent, String token) {
		return parent + "/" + token.replace("~", "~0").replace("/", "~1");
	}

	static String child(String parent, int index) {
		return parent + "/" + index;
	}

	static String of(String base, List<JacksonException.Reference> path) {
		String pointer = base;
		for (JacksonException.Reference reference : path) {
			String property = reference.getPropertyName();
			pointer = property != null ? child(pointer, property) : child(pointer, reference.getIndex());
		}
		return pointer;
	}

}
