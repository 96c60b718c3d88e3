package io.driftline.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnlineFeatureEncoderTest {

    private static Schema schema() {
        return new Schema(List.of(Attribute.numeric("t"), Attribute.nominal("color", List.of("red", "green")),
                Attribute.numeric("u")), Attribute.nominal("class", List.of("a", "b")));
    }

    @Test
    void standardizesWithWelfordMeanAndPopulationVariance() {
        OnlineFeatureEncoder enc = new OnlineFeatureEncoder(schema());
        double[] values = {2, 4, 4, 4, 5, 5, 7, 9};
        for (double v : values) {
            enc.update(new double[] {v, 0, 100 + v});
        }
        assertEquals(8, enc.count(0));
        assertEquals(5.0, enc.mean(0), 1e-12);
        assertEquals(4.0, enc.variance(0), 1e-12); // population variance, sd 2
        assertEquals(105.0, enc.mean(2), 1e-12);
        double[] out = new double[enc.width()];
        enc.encode(new double[] {9, 1, 101}, out);
        assertArrayEquals(new double[] {2.0, 0, 1, -2.0}, out, 1e-12);
        assertEquals(OnlineFeatureEncoder.Z_CLIP, enc.standardize(0, 1e6));
        assertEquals(-OnlineFeatureEncoder.Z_CLIP, enc.standardize(0, -1e6));
    }

    @Test
    void zeroBeforeTwoValuesAndForConstantFeatures() {
        OnlineFeatureEncoder enc = new OnlineFeatureEncoder(schema());
        assertEquals(0.0, enc.standardize(0, 3.0));
        enc.update(new double[] {3, 0, 1});
        assertEquals(0.0, enc.standardize(0, 7.0));
        enc.update(new double[] {3, 0, 2});
        assertEquals(0.0, enc.standardize(0, 7.0), "constant feature");
        assertEquals(2.0, enc.standardize(2, 2.5), 1e-12);
    }

    @Test
    void oneHotGrowsByAppendingSlots() {
        OnlineFeatureEncoder enc = new OnlineFeatureEncoder(schema());
        assertEquals(4, enc.width()); // t, red, green, u
        assertEquals(1, enc.slot(1, 0));
        assertEquals(2, enc.slot(1, 1));
        assertEquals(-1, enc.slot(1, 3));

        double[] out = new double[8];
        enc.encode(new double[] {0, 3, 0}, out); // value 3 not admitted: all-zero block
        assertArrayEquals(new double[] {0, 0, 0, 0}, java.util.Arrays.copyOf(out, 4));

        assertTrue(enc.admit(new double[] {0, 3, 0}));
        assertEquals(5, enc.width());
        assertEquals(4, enc.slot(1, 3), "appended after the existing slots");
        assertEquals(-1, enc.slot(1, 2));
        assertFalse(enc.admit(new double[] {0, 3, 0}));
        assertTrue(enc.admit(new double[] {0, 2, 0}));
        assertEquals(5, enc.slot(1, 2));
        assertEquals(6, enc.width());

        enc.encode(new double[] {0, 3, 0}, out);
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 0}, java.util.Arrays.copyOf(out, 6));
        enc.encode(new double[] {0, 1, 0}, out);
        assertArrayEquals(new double[] {0, 0, 1, 0, 0, 0}, java.util.Arrays.copyOf(out, 6));
    }

    @Test
    void missingValuesEncodeAsZero() {
        OnlineFeatureEncoder enc = new OnlineFeatureEncoder(schema());
        enc.update(new double[] {1, 0, 10});
        enc.update(new double[] {3, 1, 20});
        enc.update(new double[] {Double.NaN, Double.NaN, Double.POSITIVE_INFINITY});
        assertEquals(2, enc.count(0), "missing values are not counted");
        assertEquals(2, enc.count(2));
        assertFalse(enc.admit(new double[] {Double.NaN, Double.NaN, Double.NaN}));
        double[] out = {9, 9, 9, 9};
        enc.encode(new double[] {Double.NaN, Double.NaN, Double.NaN}, out);
        assertArrayEquals(new double[] {0, 0, 0, 0}, out);
    }

    @Test
    void rejectsBadNominalIndicesAndLengths() {
        OnlineFeatureEncoder enc = new OnlineFeatureEncoder(schema());
        assertThrows(IllegalArgumentException.class, () -> enc.admit(new double[] {0, -1, 0}));
        assertThrows(IllegalArgumentException.class, () -> enc.admit(new double[] {0, 1.5, 0}));
        assertThrows(IllegalArgumentException.class, () -> enc.admit(new double[] {0, 1e9, 0}));
        assertThrows(IllegalArgumentException.class, () -> enc.encode(new double[] {0, 1}, new double[4]));
    }

    @Test
    void snapshotRoundTrips() {
        OnlineFeatureEncoder enc = new OnlineFeatureEncoder(schema());
        enc.admit(new double[] {0, 4, 0});
        for (int i = 0; i < 10; i++) {
            enc.update(new double[] {i, 0, i * i});
        }
        ByteBuffer buf = ByteBuffer.allocate(enc.snapshotSize());
        enc.writeTo(buf);
        assertEquals(0, buf.remaining());
        OnlineFeatureEncoder copy = new OnlineFeatureEncoder(schema());
        copy.readFrom(ByteBuffer.wrap(buf.array()));
        assertEquals(enc.width(), copy.width());
        assertEquals(enc.slot(1, 4), copy.slot(1, 4));
        assertEquals(enc.mean(2), copy.mean(2));
        assertEquals(enc.variance(2), copy.variance(2));
        assertEquals(enc.standardize(2, 17.0), copy.standardize(2, 17.0));
        copy.reset();
        assertEquals(4, copy.width());
        assertEquals(0, copy.count(0));
    }
}
