package io.driftline.learn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The envelope of every learner snapshot: a magic number, the format version and the learner type,
 * then the learner's own fields written with {@link DataOutputStream}.
 */
final class SnapshotFormat {
    static final int MAGIC = 0x444C4C4E; // "DLLN"
    static final int VERSION = 1;

    @FunctionalInterface
    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private SnapshotFormat() {
    }

    static byte[] write(LearnerType type, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeShort(VERSION);
            out.writeUTF(type.name());
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Opens a snapshot after checking its envelope; throws IllegalArgumentException on a foreign one. */
    static DataInputStream open(LearnerType type, byte[] snapshot) {
        if (snapshot == null) {
            throw new IllegalArgumentException("snapshot is null");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot));
        try {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a Driftline learner snapshot");
            }
            int version = in.readUnsignedShort();
            if (version != VERSION) {
                throw new IllegalArgumentException("unsupported snapshot version " + version);
            }
            String name = in.readUTF();
            if (!name.equals(type.name())) {
                throw new IllegalArgumentException("snapshot of " + name + " cannot restore a " + type);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated snapshot", e);
        }
        return in;
    }

    static IllegalArgumentException corrupt(IOException e) {
        return new IllegalArgumentException("corrupt snapshot: " + e.getMessage(), e);
    }
}
