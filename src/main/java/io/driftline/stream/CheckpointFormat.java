package io.driftline.stream;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The envelope and string encoding of a partition checkpoint: a magic number and a format version, so that a later
 * release can read (or knowingly skip) what this one wrote. Strings are length-prefixed UTF-8 without
 * {@code writeUTF}'s 64 KiB limit (a monitor's spec text can be longer).
 */
final class CheckpointFormat {
    static final int MAGIC = 0x444C434B; // "DLCK"
    static final int VERSION = 1;

    private CheckpointFormat() {
    }

    static void writeHeader(DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        out.writeShort(VERSION);
    }

    /** @throws IOException when the bytes are not a checkpoint of this format version */
    static void readHeader(DataInput in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a Driftline checkpoint");
        }
        int version = in.readUnsignedShort();
        if (version != VERSION) {
            throw new IOException("unsupported checkpoint version " + version + " (this release reads " + VERSION + ")");
        }
    }

    static void writeString(DataOutput out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
