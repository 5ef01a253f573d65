package nixproc.backend;

import nixproc.process.Mode;

/**
 * What a process manager can do, as data (style G3).
 *
 * @param preferredMode the mode it runs processes in; the other mode is adapted by the generator
 * @param canChangeUser it can start a process as another user by itself
 * @param supervises it watches processes and can restart them (sysvinit cannot)
 */
public record Capabilities(Mode preferredMode, boolean canChangeUser, boolean supervises) {
}
