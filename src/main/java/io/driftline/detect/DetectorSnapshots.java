package io.driftline.detect;

import java.nio.ByteBuffer;

/**
 * The envelope of the fixed-size detector snapshots: a format-version byte and a detector tag byte, then the
 * detector's own fields. One place for the header so that every detector writes and checks it the same way.
 */
final class DetectorSnapshots {
    static final byte FORMAT_VERSION = 1;

    private DetectorSnapshots() {
    }

    /** A buffer of {@code size} bytes with the header written; the caller appends its fields. */
    static ByteBuffer create(int size, byte tag) {
        return ByteBuffer.allocate(size).put(FORMAT_VERSION).put(tag);
    }

    /** The snapshot positioned after a checked header; throws when it is not one of {@code type}'s. */
    static ByteBuffer open(byte[] snapshot, int size, byte tag, DetectorType type) {
        if (snapshot == null || snapshot.length != size || snapshot[0] != FORMAT_VERSION || snapshot[1] != tag) {
            throw new IllegalArgumentException("not a " + type + " snapshot of format version " + FORMAT_VERSION);
        }
        return ByteBuffer.wrap(snapshot, 2, size - 2).slice();
    }
}
