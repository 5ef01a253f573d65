@NullMarked
package nixproc.models;

import org.jspecify.annotations.NullMarked;
