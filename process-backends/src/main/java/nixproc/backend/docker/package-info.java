/**
 * docker: one container per process, as the seed's {@code nixproc/backends/docker} (reference §3.8): a container
 * that behaves like a plain process, sharing the host's network and bind-mounting the state directory at the same
 * path. Files per instance: {@code <name>-docker-settings} (shell-sourceable {@code dockerImage=} tarball when
 * given, {@code dockerImageTag=}, {@code dockerStopTimeout=}), {@code <name>-docker-createparams} ({@code docker
 * create} options one token per line: the override's {@code dockerCreateParameters} first, {@code --volume
 * /nix/store:/nix/store} when the executable lives in a Nix store, {@code --network host}, {@code --volume D:D:z}
 * per state directory, {@code --env} per variable with PATH replaced, {@code --workdir}, {@code --user},
 * {@code --restart}, {@code --stop-timeout}), {@code <name>-docker-cmd} and the empty marker
 * {@code NN-<name>-docker-priority}. The driver runs {@code docker load/create/start/stop/rm/inspect}.
 *
 * <p>
 * Foreground-preferring: {@code initialize}, {@code umask}, {@code nice} and forking daemons go through the shared
 * {@link nixproc.process.ForegroundProxy} as {@code /bin/sh -c}; with an {@code initialize} the proxy runs as root
 * and drops to the user with {@code su -m}, otherwise docker's {@code --user} does (only when user change is
 * allowed). The image must therefore provide {@code /bin/sh} (and {@code su}, {@code nice}) when the proxy is used,
 * and know the user.
 *
 * <p>
 * Deliberate differences from the seed:
 * <ul>
 * <li>No image is built: nixproc has no Nix. The image is {@code <name>:latest} (lower-cased, as docker demands) or
 * {@code overrides.docker.dockerImageTag}, loaded first from {@code overrides.docker.dockerImage} when that names a
 * tarball; so the seed's {@code <name>-storepaths} GC-root file is not written.</li>
 * <li>{@code <name>-docker-cmd} is the container's command in docker's JSON exec form (the seed's was a GC root and
 * the command lived in the image): JSON carries a multi-line proxy script and any argument byte for byte.</li>
 * <li>The environment, working directory, user, restart policy ({@code no}, {@code on-failure[:max]},
 * {@code always}; docker has no restart delay) and stop timeout are {@code docker create} options rather than image
 * configuration, so one image serves several instances.</li>
 * <li>The host store is mounted only when the executable lives in {@code /nix/store} (the seed always mounted it);
 * runtime, log and cache directories placed outside the state directory are mounted too.</li>
 * <li>No {@code dysnomia-support} files: users belong to the image (the seed created them inside the container),
 * not to the host.</li>
 * <li>{@code docker stop -t} defaults to docker's 10 s instead of the seed's 1 s; the image is never removed.</li>
 * <li>A value with a line break cannot be one line of the parameter file: it is refused with its JSON pointer
 * (the seed's {@code xargs -d '\n'} silently split it).</li>
 * </ul>
 * Overrides ({@code overrides.docker}) bind to {@code DockerParameters}: the seed's {@code dockerImage},
 * {@code dockerImageTag}, {@code dockerCreateParameters} ({@code [{"name": "cap-add", "value": "NET_ADMIN"}]}),
 * {@code useHostNixStore}, {@code useHostNetwork}, {@code mapStateDirVolumes}, {@code cmd}, and
 * {@code environment}, {@code workingDir}, {@code user}, {@code restart}, {@code stopTimeout}.
 */
@NullMarked
package nixproc.backend.docker;

import org.jspecify.annotations.NullMarked;
