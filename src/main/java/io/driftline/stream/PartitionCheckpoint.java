package io.driftline.stream;

import java.util.Map;

/**
 * The state of the models of one input partition number (the same on the three input topics) and, per topic, the
 * next offset it has not processed: restoring it and seeking there continues as if nothing had stopped.
 */
public record PartitionCheckpoint(int partition, Map<String, Long> offsets, byte[] state) {
}
