/**
 * Escaping for every format a generator writes: POSIX sh, supervisord INI, systemd unit files, XML property
 * lists, execline and Preserves text. A value that a format cannot carry (a newline in an INI line, a NUL
 * anywhere) is refused with {@link java.lang.IllegalArgumentException} rather than silently altered.
 */
@NullMarked
package nixproc.escape;

import org.jspecify.annotations.NullMarked;
