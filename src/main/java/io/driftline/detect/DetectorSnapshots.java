package io.driftline.detect;

import java.nio.ByteBuffer;

/**
 * The envelope of the fixed-size detector snapshots: a format-version byte and a detector tag byte, then the
 * detector's own fields. One place for the header so that every detector writes and checks it the same way.
 * A detector whose fields change writes the next version and keeps reading the older ones, so that a checkpoint
 * written by an earlier release still restores.
 */
final class DetectorSnapshots {
    static final byte FORMAT_VERSION = 1;

    private DetectorSnapshots() {
    }

    /** A buffer of {@code size} bytes with the header of format version 1 written; the caller appends its fields. */
    static ByteBuffer create(int size, byte tag) {
        return create(size, tag, FORMAT_VERSION);
    }

    /** A buffer of {@code size} bytes with the header of {@code version} written. */
    static ByteBuffer create(int size, byte tag, int version) {
        return ByteBuffer.allocate(size).put((byte) version).put(tag);
    }

    /** The snapshot positioned after a checked header of format version 1; throws when it is not one of {@code type}'s. */
    static ByteBuffer open(byte[] snapshot, int size, byte tag, DetectorType type) {
        return open(snapshot, tag, type, size);
    }

    /**
     * The snapshot positioned after a checked header, for a detector with several format versions:
     * {@code sizeOfVersion[v - 1]} is the size of version {@code v}. The caller reads the version with
     * {@link #version(byte[])} to pick the layout.
     */
    static ByteBuffer open(byte[] snapshot, byte tag, DetectorType type, int... sizeOfVersion) {
        int version = snapshot == null || snapshot.length < 2 ? 0 : snapshot[0];
        if (version < 1 || version > sizeOfVersion.length || snapshot.length != sizeOfVersion[version - 1]
                || snapshot[1] != tag) {
            throw new IllegalArgumentException("not a " + type + " snapshot of format version "
                    + (sizeOfVersion.length == 1 ? "1" : "1 to " + sizeOfVersion.length));
        }
        return ByteBuffer.wrap(snapshot, 2, snapshot.length - 2).slice();
    }

    static int version(byte[] snapshot) {
        return snapshot[0];
    }
}
