@NullMarked
package nixproc.coordinator;

import org.jspecify.annotations.NullMarked;
