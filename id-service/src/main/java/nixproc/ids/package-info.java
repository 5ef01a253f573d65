@NullMarked
package nixproc.ids;

import org.jspecify.annotations.NullMarked;
