package io.driftline.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The CPython MT19937 port against values printed by python3 (3.11) on this machine. */
class KswinPythonRandomTest {

    @Test
    void randomMatchesCpython() {
        PythonRandom r = new PythonRandom(42);
        assertEquals(0.6394267984578837, r.random());
        assertEquals(0.025010755222666936, r.random());
        assertEquals(0.27502931836911926, r.random());
    }

    @Test
    void getrandbitsMatchesCpython() {
        PythonRandom r = new PythonRandom(42);
        assertEquals(2746317213L, r.getrandbits(32));
        assertEquals(478163327L, r.getrandbits(32));
        assertEquals(107420369L, r.getrandbits(32));
    }

    @Test
    void seedsOfSeveralWordsAndNegativeSeedsMatchCpython() {
        // python3 -c "import random; r=random.Random(0); print(r.getrandbits(32), r.random())"
        PythonRandom zero = new PythonRandom(0);
        assertEquals(3626764237L, zero.getrandbits(32));
        assertEquals(0.3852453064766108, zero.random());
        assertEquals(1332995613L, new PythonRandom((1L << 40) + 12345).getrandbits(32));
        assertEquals(1390851128L, new PythonRandom(-7).getrandbits(32)); // CPython seeds with abs(seed)
        assertEquals(577090037L, new PythonRandom(-1).getrandbits(32));
        assertEquals(1359979423L, new PythonRandom(Long.MAX_VALUE).getrandbits(32));
        assertEquals(2377109768L, new PythonRandom(Long.MIN_VALUE).getrandbits(32)); // abs is 2**63
    }

    @Test
    void randbelowMatchesCpython() {
        PythonRandom r = new PythonRandom(42);
        int[] got = new int[5];
        for (int i = 0; i < 5; i++) {
            got[i] = r.randbelow(70);
        }
        assertArrayEquals(new int[] {14, 3, 35, 31, 28}, got);
        assertEquals(0.1395379285251439, r.random());
    }

    @Test
    void sampleFromPoolMatchesCpython() {
        // python3 -c "import random; r=random.Random(42); print(r.sample(range(70),30))"
        assertArrayEquals(new int[] {14, 3, 35, 31, 28, 17, 13, 43, 47, 57, 34, 5, 37, 27, 2, 1, 58, 63, 69, 32, 38,
                54, 67, 12, 45, 41, 59, 26, 51, 65}, new PythonRandom(42).sampleRange(70, 30));
        assertArrayEquals(new int[] {5, 2, 6, 0, 1, 9}, new PythonRandom(7).sampleRange(12, 6));
    }

    @Test
    void sampleFromSetMatchesCpython() {
        // n > setsize: CPython rejects already selected indices instead of using a pool
        assertArrayEquals(new int[] {137, 582, 867, 821, 782, 64, 261, 120, 507, 779, 460, 483, 667, 388, 807, 214, 96,
                499, 29, 914, 855, 399, 443, 622, 780, 785, 2, 712, 456, 272}, new PythonRandom(1).sampleRange(1000, 30));
        int[] first10 = java.util.Arrays.copyOf(new PythonRandom(12345).sampleRange(5000, 40), 10);
        assertArrayEquals(new int[] {3412, 83, 2446, 3018, 1586, 2213, 4636, 3573, 1324, 3056}, first10);
    }

    @Test
    void setSizeThresholdIsCpythons() {
        // [21 + (4**ceil(log(k*3, 4)) if k > 5 else 0) for k in (1,5,6,10,21,22,30,100)]
        int[] k = {1, 5, 6, 10, 21, 22, 30, 100};
        int[] expected = {21, 21, 85, 85, 85, 277, 277, 1045};
        for (int i = 0; i < k.length; i++) {
            assertEquals(expected[i], PythonRandom.sampleSetSize(k[i]), "k=" + k[i]);
        }
    }

    @Test
    void stateRoundTripsThroughBytes() {
        PythonRandom a = new PythonRandom(42);
        for (int i = 0; i < 700; i++) {
            a.random();
        }
        ByteBuffer buf = ByteBuffer.allocate(PythonRandom.STATE_BYTES);
        a.writeState(buf);
        buf.flip();
        PythonRandom b = new PythonRandom(1);
        b.readState(buf);
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.nextInt32(), b.nextInt32());
        }
    }
}
