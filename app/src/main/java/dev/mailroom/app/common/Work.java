package dev.mailroom.app.common;

/** A piece of background work: touches the store, the network or the disk, never the scene graph. */
@FunctionalInterface
public interface Work<T> {
    T run(Progress progress) throws Exception;
}
