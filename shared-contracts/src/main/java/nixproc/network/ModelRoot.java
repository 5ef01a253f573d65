package nixproc.network;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The directory a Nix model given as a file may read below in restricted evaluation: its own directory and every
 * directory under the root, so that a model imports the constructors beside it and those of its parent
 * directories ({@code ../services-agnostic/constructors/constructors.nix}, the seed's
 * {@code ../../../nixproc/...}), and nothing else of the machine. The root is the user's ({@code --model-root}),
 * else the nearest enclosing version-control root, else the model's own directory.
 */
public final class ModelRoot {

	/** What marks a working copy's root: Git (a directory, or a file in a worktree), Mercurial, Subversion, … */
	static final List<String> MARKERS = List.of(".git", ".hg", ".svn", ".bzr", "_darcs", ".pijul", ".jj", ".fslckout");

	private ModelRoot() {
	}

	/**
	 * The root for {@code model}.
	 * @throws IllegalArgumentException when {@code given} does not exist or does not contain the model, with a
	 * message the caller prefixes with its option's name
	 */
	public static Path of(Path model, Optional<Path> given) {
		Path directory = directoryOf(model);
		if (given.isPresent()) {
			Path root = given.get().toAbsolutePath().normalize();
			if (!Files.isDirectory(root)) {
				throw new IllegalArgumentException(given.get() + " is not a directory");
			}
			if (!directory.startsWith(root) && !real(directory).startsWith(real(root))) {
				throw new IllegalArgumentException(root + " does not contain " + model.toAbsolutePath().normalize());
			}
			return root;
		}
		for (Path dir = directory; dir != null; dir = dir.getParent()) {
			for (String marker : MARKERS) {
				if (Files.exists(dir.resolve(marker), LinkOption.NOFOLLOW_LINKS)) {
					return dir;
				}
			}
		}
		return directory;
	}

	/**
	 * The search path entry that makes {@code root} readable: named, so that {@code <name>} lookups still find the
	 * library, the model's directory and the user's entries first, never a file of the root ({@code <nixproc>} would
	 * otherwise be a working copy's launcher script).
	 */
	public static String searchPathEntry(Path root) {
		return "nixproc-model-root=" + root;
	}

	/**
	 * What to add to a failed evaluation's message when it read outside the root: where the limit is and how to
	 * move it; nothing otherwise.
	 */
	public static String hint(String message, Object root) {
		return message.contains("forbidden in restricted mode")
				? " (a model may read files below " + root + "; choose another directory with --model-root)" : "";
	}

	private static Path directoryOf(Path model) {
		Path absolute = model.toAbsolutePath().normalize();
		return absolute.getParent() == null ? absolute : absolute.getParent();
	}

	private static Path real(Path path) {
		try {
			return path.toRealPath();
		}
		catch (java.io.IOException e) {
			return path;
		}
	}

}
